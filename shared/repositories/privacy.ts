import { DeleteCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getParsed } from "../db/access";
import { batchGet } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { parseItem } from "../db/items";
import { type Key, keys } from "../db/keys";
import { itemsOf } from "../db/query";
import { indexNames, tableDefinition } from "../db/table";
import { type Feedback, feedbackSchema } from "../entities/feedback";
import { type Notification, notificationSchema } from "../entities/notification";
import { type SuppressionRecord, suppressionSchema } from "../entities/suppression";

/** The entities kept under an address hash on the byEmail index, with their sort key prefixes. */
const byEmailEntities = {
  Feedback: "FEEDBACK#",
  Notification: "NOTIFICATION#",
  UnsubscribeToken: "UNSUBSCRIBE#",
  Subscriber: "SUBSCRIBER#",
} as const;
type ByEmailEntity = keyof typeof byEmailEntities;

const ignoreMissing = (error: unknown) => {
  if (!conditionFailed(error)) throw error;
};

/** Reads and changes what is held about one address (by hash): privacy export and erasure. */
export class PrivacyRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The address's feedback items, newest first (read from the index, so possibly a moment stale).
   * Items in `known` (read a moment ago by the caller) are taken as they are, not read again.
   */
  async feedbackOf(emailHash: string, known: Feedback[] = []): Promise<Feedback[]> {
    const entries = await this.entries(emailHash, "Feedback");
    const held = new Map(known.map((item) => [keys.feedback(item.id).PK, item]));
    const read = await itemsOf(
      this.db,
      this.tableName,
      entries.filter((entry) => !held.has(String(entry.PK))),
    );
    const byKey = new Map(read.map((item) => [String(item.PK), parseItem(feedbackSchema, item)]));
    return entries.flatMap((entry) => {
      const item = held.get(String(entry.PK)) ?? byKey.get(String(entry.PK));
      return item ? [item] : [];
    });
  }

  /** The address's notifications. */
  async notificationsOf(emailHash: string): Promise<Notification[]> {
    return (await this.byEmail(emailHash, "Notification")).map((item) => parseItem(notificationSchema, item));
  }

  /** The keys of the address's unsubscribe-token items. */
  async unsubscribeTokensOf(emailHash: string): Promise<Key[]> {
    return (await this.byEmail(emailHash, "UnsubscribeToken")).map((item) => ({
      PK: String(item.PK),
      SK: String(item.SK),
    }));
  }

  /** The keys of the address's subscriptions to actions (it asked to be told about them). */
  async subscriptionsOf(emailHash: string): Promise<Key[]> {
    return (await this.byEmail(emailHash, "Subscriber")).map((item) => ({
      PK: String(item.PK),
      SK: String(item.SK),
    }));
  }

  /** One feedback item, read consistently (to retry a versioned write), or undefined. */
  async feedback(id: string): Promise<Feedback | undefined> {
    return getParsed(this.db, this.tableName, keys.feedback(id), feedbackSchema);
  }

  /** Why and since when an address (by hash) is suppressed, if it is. */
  async suppression(emailHash: string): Promise<SuppressionRecord | undefined> {
    return getParsed(this.db, this.tableName, keys.suppression(emailHash), suppressionSchema);
  }

  /**
   * Removes the recipient's address, name and the content from a notification, keeping its status
   * and dates. The address becomes "" rather than absent: the notification schema requires it.
   */
  async scrubNotification(purpose: string, at: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression:
            "SET recipient.email = :empty, erasedAt = if_not_exists(erasedAt, :at) REMOVE recipient.#name, content",
          ConditionExpression: "attribute_exists(PK)",
          ExpressionAttributeNames: { "#name": "name" },
          ExpressionAttributeValues: { ":empty": "", ":at": at },
        }),
      )
      .catch(ignoreMissing);
  }

  /** The notifications with these purposes that exist, read consistently. */
  async notificationsFor(purposes: string[]): Promise<Notification[]> {
    const found = await batchGet(this.db, this.tableName, purposes.map(keys.notification), { consistent: true });
    return found.map((item) => parseItem(notificationSchema, item));
  }

  /**
   * Replaces the customer's words a message still to be sent quotes (`content.message`) with
   * `replacement`. A message sent meanwhile holds no content any more, and is left as it is.
   */
  async replaceQuotedMessage(purpose: string, replacement: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression: "SET content.#message = :replacement, erasedAt = if_not_exists(erasedAt, :at)",
          ConditionExpression: "attribute_exists(content.#message) AND content.#message <> :replacement",
          ExpressionAttributeNames: { "#message": "message" },
          ExpressionAttributeValues: { ":replacement": replacement, ":at": at },
        }),
      );
      return true;
    } catch (error) {
      ignoreMissing(error);
      return false;
    }
  }

  /** Removes the links of one mail (its tracking and unsubscribe tokens stop working). */
  async deleteLinkSet(id: string): Promise<void> {
    await this.delete(keys.linkSet(id));
  }

  /** Deletes one item by key (gone already is fine). */
  async delete(key: Key): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { PK: key.PK, SK: key.SK } }));
  }

  /** Every item of one entity under an address hash: a paginated Query on the byEmail index. */
  private async byEmail(emailHash: string, entity: ByEmailEntity): Promise<Record<string, unknown>[]> {
    return itemsOf(this.db, this.tableName, await this.entries(emailHash, entity));
  }

  /** The index entries (keys only) of the address's items of one entity, newest first. */
  private async entries(emailHash: string, entity: ByEmailEntity): Promise<Record<string, unknown>[]> {
    const { partitionKey, sortKey } = tableDefinition.indexes.byEmail;
    const entries: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexNames.byEmail,
          KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
          FilterExpression: "entityType = :type",
          ExpressionAttributeNames: { "#pk": partitionKey, "#sk": sortKey },
          ExpressionAttributeValues: {
            ":pk": keys.byEmail(emailHash, "").GSI7PK,
            ":prefix": byEmailEntities[entity],
            ":type": entity,
          },
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
        }),
      );
      entries.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
