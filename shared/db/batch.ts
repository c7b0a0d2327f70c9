import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "./client";
import type { Key } from "./keys";

/** How often a batch request is made for what DynamoDB left unprocessed before giving up. */
const BATCH_ROUNDS = 8;

/**
 * DynamoDB kept leaving part of a batch unprocessed (it was throttled): what is left is for a later
 * try, which is why the failure counts as one the caller may retry (`classifyFailure`).
 */
export class UnprocessedBatchError extends Error {
  readonly $retryable = { throttling: true };

  constructor(what: string, left: number) {
    super(`DynamoDB left ${left} ${what} unprocessed after ${BATCH_ROUNDS} requests`);
    this.name = "UnprocessedBatchError";
  }
}

/** The pause before asking again for what a batch left unprocessed, growing with each round. */
const backoff = (round: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));

/** The most keys one BatchGetItem takes. */
const BATCH_GET_LIMIT = 100;

/**
 * Reads items by key, 100 per request, asking again for whatever DynamoDB left unprocessed (with a
 * growing backoff, a few times at most: then an `UnprocessedBatchError`). Missing items are left
 * out; the order of the answer is not the order of `keys`.
 */
export async function batchGet(
  db: DocumentClient,
  tableName: string,
  keys: Key[],
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH_GET_LIMIT).map((key) => ({ ...key }));
    for (let round = 0; pending && pending.length > 0; round++) {
      if (round === BATCH_ROUNDS) throw new UnprocessedBatchError("reads", pending.length);
      if (round > 0) await backoff(round);
      const answer: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent } },
        }),
      );
      items.push(...(answer.Responses?.[tableName] ?? []));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}

/** The most writes one BatchWriteItem takes. */
const BATCH_WRITE_LIMIT = 25;

/** One write of a {@link batchWrite}: a whole item put, or a key deleted. No condition is possible. */
export type BatchWrite = { put: Record<string, unknown> } | { delete: Key };

/**
 * Puts and deletes items with no condition, 25 per request, asking again for whatever DynamoDB left
 * unprocessed (with a growing backoff, a few times at most: then an `UnprocessedBatchError`, and
 * the writes of that request may have landed in part): for writes that are the same whenever they are repeated
 * (deterministic ids), where one request stands in for 25. A key may appear once per call.
 */
export async function batchWrite(db: DocumentClient, tableName: string, writes: BatchWrite[]): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH_WRITE_LIMIT) {
    let pending: NonNullable<BatchWriteCommandOutput["UnprocessedItems"]>[string] | undefined = writes
      .slice(i, i + BATCH_WRITE_LIMIT)
      .map((write) =>
        "put" in write ? { PutRequest: { Item: write.put } } : { DeleteRequest: { Key: { ...write.delete } } },
      );
    for (let round = 0; pending && pending.length > 0; round++) {
      if (round === BATCH_ROUNDS) throw new UnprocessedBatchError("writes", pending.length);
      if (round > 0) await backoff(round);
      const answer: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = answer.UnprocessedItems?.[tableName];
    }
  }
}
