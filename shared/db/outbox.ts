import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "./client";
import { conditionFailed } from "./failures";
import { dueListPartitions, type Key } from "./keys";
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

/** Where a walk through a due list goes on: for each partition not read to its end, after which entry (null: from its start). */
type DueCursor = Record<string, Record<string, unknown> | null>;

/**
 * A page of the keys of unfinished outbox entries on the due list `list` that are due by `now`,
 * oldest first, and where the next page starts (undefined at the end of what is due). The list is
 * written over several partitions (`dueListPartitions`): each is asked for up to `limit` entries
 * from where it stands, and the answers are merged by due time, each partition's entries in the
 * order it gave them, so the cursor continues every partition exactly after the last entry taken
 * from it. The index holds keys only: callers read or claim each entry by its key.
 */
export async function dueOutboxKeys(
  db: DocumentClient,
  tableName: string,
  list: string,
  now: Date,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ keys: Key[]; lastKey?: Record<string, unknown> }> {
  const cursor = (startKey ?? Object.fromEntries(dueListPartitions(list).map((p) => [p, null]))) as DueCursor;
  const pages = await Promise.all(
    Object.entries(cursor).map(async ([partition, after]) => {
      const { Items, LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: indexNames.lists,
          KeyConditionExpression: "GSI1PK = :due AND GSI1SK <= :now",
          ExpressionAttributeValues: { ":due": partition, ":now": `${now.toISOString()}#~` },
          Limit: limit,
          ExclusiveStartKey: after ?? undefined,
        }),
      );
      return { partition, after, entries: Items ?? [], more: LastEvaluatedKey !== undefined, taken: 0 };
    }),
  );
  // Merged oldest first: each round takes the earliest head among the partitions' answers.
  const taken: Record<string, unknown>[] = [];
  while (taken.length < limit) {
    let next: (typeof pages)[number] | undefined;
    for (const page of pages) {
      const head = page.entries[page.taken];
      if (head && (!next || String(head.GSI1SK) < String(next.entries[next.taken]?.GSI1SK))) next = page;
    }
    if (!next) break;
    taken.push(next.entries[next.taken] as Record<string, unknown>);
    next.taken += 1;
  }
  const rest: DueCursor = {};
  for (const page of pages) {
    // Read to its end: nothing behind its answer, and all of that was taken.
    if (!page.more && page.taken === page.entries.length) continue;
    const last = page.entries[page.taken - 1];
    rest[page.partition] = last ? { PK: last.PK, SK: last.SK, GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } : page.after;
  }
  return {
    keys: taken.map((item) => ({ PK: String(item.PK), SK: String(item.SK) })),
    lastKey: Object.keys(rest).length > 0 ? rest : undefined,
  };
}
