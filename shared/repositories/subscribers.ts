import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { countAll, getItem, getParsed, putNew } from "../db/access";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { parseItem } from "../db/items";
import { keys, SUBSCRIBER_PREFIX } from "../db/keys";
import { stored } from "../entities/catalogue";
import { type Subscriber, type SubscribeToken, subscriberSchema, subscribeTokenSchema } from "../entities/subscriber";

/**
 * The people from the public who asked to be told about an action, kept under the action after
 * its links (so its fan-out reads both in one pass), and the tokens of their confirmation links.
 */
export class SubscriberRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** A subscriber of an action, read consistently. */
  async get(actionId: string, emailHash: string): Promise<Subscriber | undefined> {
    return getParsed(this.db, this.tableName, keys.subscriber(actionId, emailHash), subscriberSchema);
  }

  /** Records a request to be told (pending until confirmed); one that exists already stays as it is. */
  async request(subscriber: Subscriber): Promise<Subscriber> {
    if (await putNew(this.db, this.tableName, SubscriberRepository.item(subscriber))) return subscriber;
    return (await this.get(subscriber.actionId, subscriber.emailHash)) ?? subscriber;
  }

  /** Confirms a pending subscriber; false when there was none pending (already confirmed, or gone). */
  async confirm(actionId: string, emailHash: string, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.subscriber(actionId, emailHash),
          UpdateExpression: "SET #status = :confirmed, confirmedAt = :now",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":confirmed": "confirmed", ":pending": "pending", ":now": now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** A confirmation link's token by its hash, if it has not expired. */
  async findToken(tokenHash: string, now: Date): Promise<SubscribeToken | undefined> {
    const Item = await getItem(this.db, this.tableName, keys.subscribeToken(tokenHash));
    const token = Item ? parseItem(subscribeTokenSchema, Item) : undefined;
    return token && token.expiresAt > now.getTime() / 1000 ? token : undefined;
  }

  /** How many confirmed subscribers an action has. */
  async countConfirmed(actionId: string): Promise<number> {
    return countAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      FilterExpression: "#status = :confirmed",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":pk": keys.action(actionId).PK,
        ":prefix": SUBSCRIBER_PREFIX,
        ":confirmed": "confirmed",
      },
    });
  }

  /** The stored form of a subscriber, also placed under its address for privacy export and erasure. */
  static item(subscriber: Subscriber) {
    return stored(
      "Subscriber",
      {
        ...keys.subscriber(subscriber.actionId, subscriber.emailHash),
        ...keys.byEmail(subscriber.emailHash, `SUBSCRIBER#${subscriber.actionId}`),
      },
      subscriber,
    );
  }

  /** The stored form of a confirmation link's token. */
  static tokenItem(token: SubscribeToken) {
    return stored("SubscribeToken", keys.subscribeToken(token.tokenHash), token);
  }
}
