import { QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getParsed, newPut } from "../db/access";
import { batchGet } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { parseItem } from "../db/items";
import { keys, SUPPRESSION_LIFT_PREFIX, SUPPRESSION_LIFTS } from "../db/keys";
import { stored } from "../entities/catalogue";
import {
  type SuppressionLift,
  type SuppressionReason,
  type SuppressionRecord,
  suppressionLiftSchema,
  suppressionSchema,
} from "../entities/suppression";

/** Addresses that must never get mail again, stored only as hashes of the normalised address. */
export class SuppressionRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Whether mail to this address (by hash) is suppressed. */
  async isSuppressed(emailHash: string): Promise<boolean> {
    return (await this.reasonFor(emailHash)) !== undefined;
  }

  /** Why mail to this address (by hash) is suppressed, or undefined when it is not. */
  async reasonFor(emailHash: string): Promise<SuppressionReason | undefined> {
    return (await this.get(emailHash))?.reason;
  }

  /** The suppression of an address (by hash): why and since when, or undefined. */
  async get(emailHash: string): Promise<SuppressionRecord | undefined> {
    return getParsed(this.db, this.tableName, keys.suppression(emailHash), suppressionSchema);
  }

  /** The suppressions of several addresses (by hash), in one batch read; unsuppressed ones are left out. */
  async getMany(emailHashes: string[]): Promise<Map<string, SuppressionRecord>> {
    const hashOfKey = new Map([...new Set(emailHashes)].map((hash) => [keys.suppression(hash).PK, hash]));
    const found = await batchGet(
      this.db,
      this.tableName,
      [...hashOfKey.values()].map((hash) => keys.suppression(hash)),
      { consistent: true },
    );
    const byHash = new Map<string, SuppressionRecord>();
    for (const item of found) {
      const hash = hashOfKey.get(String(item.PK));
      if (hash) byHash.set(hash, parseItem(suppressionSchema, item));
    }
    return byHash;
  }

  /** Suppresses an address; repeating it keeps the first time and reason. */
  async suppress(emailHash: string, reason: SuppressionReason, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.suppression(emailHash),
        UpdateExpression:
          "SET entityType = :type, reason = if_not_exists(reason, :reason), suppressedAt = if_not_exists(suppressedAt, :at)",
        ExpressionAttributeValues: { ":type": "Suppression", ":reason": reason, ":at": now.toISOString() },
      }),
    );
  }

  /**
   * Lifts the suppression `lift` names and stores its audit record, together or not at all: only
   * while the address is still suppressed for the reason and since the time the record holds.
   * Answers false when it was not (lifted meanwhile, or suppressed again since).
   */
  async lift(lift: SuppressionLift): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: keys.suppression(lift.emailHash),
                ConditionExpression: "reason = :reason AND suppressedAt = :at",
                ExpressionAttributeValues: { ":reason": lift.reason, ":at": lift.suppressedAt },
              },
            },
            newPut(this.tableName, stored("SuppressionLift", keys.suppressionLift(lift.id), lift)),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error, 0)) return false;
      throw error;
    }
  }

  /** The latest lifted suppressions, newest first. */
  async recentLifts(limit: number): Promise<SuppressionLift[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
        ExpressionAttributeValues: { ":pk": SUPPRESSION_LIFTS, ":prefix": SUPPRESSION_LIFT_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => parseItem(suppressionLiftSchema, item));
  }
}
