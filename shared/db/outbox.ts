import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "./client";
import { conditionFailed } from "./failures";
import type { Key } from "./keys";
import { indexNames } from "./table";

/**
 * What every outbox entry (a notification, a webhook delivery) has in common in the table: a
 * `status` that is `pending` until it is finished, `attempts`, a claim (`claimedUntil`) that one
 * sender holds while it sends, the time its next attempt is due (`nextAttemptAt`), and, while
 * unfinished, an entry on a due list of the lists index (`GSI1PK` = the list, `GSI1SK` = when due).
 */

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/**
 * Takes a pending outbox entry for sending, counting the attempt: only one sender holds it at a
 * time, and not before a retry is due. Undefined when it is finished, held, not yet due or not
 * there. Returns the entry as it was before the claim, and until when the claim holds. The claim
 * leaves the entry where it is on its due list (one write, no index entry moved): a sender that
 * dies leaves it for the sweep, which finds it due and claims it once this claim has run out.
 */
export async function claimOutboxEntry(
  db: DocumentClient,
  tableName: string,
  key: Key,
  now: Date,
  claimSeconds: number,
): Promise<{ before: Record<string, unknown>; claimedUntil: string } | undefined> {
  const until = later(now, claimSeconds);
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: "SET claimedUntil = :until, attempts = attempts + :one",
        ConditionExpression:
          "#status = :pending AND (attribute_not_exists(claimedUntil) OR claimedUntil <= :now) AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":until": until, ":one": 1, ":pending": "pending", ":now": now.toISOString() },
        ReturnValues: "ALL_OLD",
      }),
    );
    return Attributes ? { before: Attributes, claimedUntil: until } : undefined;
  } catch (error) {
    if (conditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * A page of the keys of unfinished outbox entries on the due list `list` that are due by `now`,
 * oldest first, and where the next page starts (undefined at the end of what is due). The index
 * holds keys only: callers read or claim each entry by its key.
 */
export async function dueOutboxKeys(
  db: DocumentClient,
  tableName: string,
  list: string,
  now: Date,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ keys: Key[]; lastKey?: Record<string, unknown> }> {
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexNames.lists,
      KeyConditionExpression: "GSI1PK = :due AND GSI1SK <= :now",
      ExpressionAttributeValues: { ":due": list, ":now": `${now.toISOString()}#~` },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    keys: (Items ?? []).map((item) => ({ PK: String(item.PK), SK: String(item.SK) })),
    lastKey: LastEvaluatedKey,
  };
}
