import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { epochSeconds, parseItem } from "../db/items";
import { keys } from "../db/keys";
import { type IdempotencyRecord, idempotencySchema } from "../entities/records";

/** How long a stored answer is replayed for the same key. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Stored answers of requests sent with an `Idempotency-Key`. */
export class IdempotencyRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** The stored answer for a key, unless it has expired (TTL deletion is lazy, so check here too). */
  async find(scope: string, keyHash: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, keyHash), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const record = parseItem(idempotencySchema, Item);
    return record.expiresAt > epochSeconds(now) ? record : undefined;
  }

  /** The item that records an answer; written in the same transaction as the work it answers for. */
  static item(scope: string, keyHash: string, requestHash: string, response: object, now: Date) {
    return {
      ...keys.idempotency(scope, keyHash),
      entityType: "Idempotency",
      requestHash,
      response,
      createdAt: now.toISOString(),
      expiresAt: epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS,
    };
  }
}
