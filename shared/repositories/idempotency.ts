import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getItem } from "../db/access";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
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
    const Item = await getItem(this.db, this.tableName, keys.idempotency(scope, keyHash));
    if (!Item) return undefined;
    const record = parseItem(idempotencySchema, Item);
    return record.expiresAt > epochSeconds(now) ? record : undefined;
  }

  /**
   * Takes a key for a request about to run, before its answer is known (a console form sent
   * once): false when the key is taken already, by a request finished or still running. The
   * claim lasts `leaseSeconds` (longer than any request runs): a request that dies without
   * settling or giving back its key leaves it free again after that.
   */
  async claim(scope: string, keyHash: string, now: Date, leaseSeconds: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...IdempotencyRepository.item(scope, keyHash, "", { pending: true }, now),
            expiresAt: epochSeconds(now) + leaseSeconds,
          },
          // An expired record whose TTL deletion has not come yet is free again.
          ConditionExpression: "attribute_not_exists(PK) OR expiresAt <= :now",
          ExpressionAttributeValues: { ":now": epochSeconds(now) },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Records the answer of a request that claimed its key, replayed from now on for a day. */
  async settle(scope: string, keyHash: string, response: object, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.idempotency(scope, keyHash),
        UpdateExpression: "SET #response = :response, expiresAt = :expiresAt",
        ExpressionAttributeNames: { "#response": "response" },
        ExpressionAttributeValues: { ":response": response, ":expiresAt": epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS },
      }),
    );
  }

  /** Gives a claimed key back: its request ended with nothing to replay, so it may run again. */
  async release(scope: string, keyHash: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.idempotency(scope, keyHash) }));
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
