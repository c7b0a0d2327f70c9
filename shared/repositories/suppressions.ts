import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { type SuppressionReason, suppressionSchema } from "../entities/suppression";

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
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.suppression(emailHash), ConsistentRead: true }),
    );
    return Item ? parseItem(suppressionSchema, Item).reason : undefined;
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
}
