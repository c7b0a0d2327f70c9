import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { FeedbackRepository } from "../feedback/repository";
import type { TimelineEntry } from "../feedback/schema";
import { type Notification, notificationSchema } from "./schema";

/** The outbox: notifications written with the change that causes them, then sent and marked. */
export class NotificationRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** A notification by purpose, read consistently (it decides whether mail goes out). */
  async find(purpose: string): Promise<Notification | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.notification(purpose), ConsistentRead: true }),
    );
    return Item ? parseItem(notificationSchema, Item) : undefined;
  }

  /**
   * Marks a pending notification sent and records it on the feedback timeline, together. Returns
   * false when it was no longer pending (another delivery got there first).
   */
  async markSent(purpose: string, messageId: string, entry: TimelineEntry | undefined, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.notification(purpose),
                UpdateExpression:
                  "SET #status = :sent, sentAt = :now, updatedAt = :now, messageId = :messageId, attempts = attempts + :one REMOVE content, lastError",
                ConditionExpression: "#status = :pending",
                ExpressionAttributeNames: { "#status": "status" },
                ExpressionAttributeValues: {
                  ":sent": "sent",
                  ":pending": "pending",
                  ":now": now.toISOString(),
                  ":messageId": messageId,
                  ":one": 1,
                },
              },
            },
            ...(entry ? [{ Put: { TableName: this.tableName, Item: FeedbackRepository.timelineItem(entry) } }] : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed"
      ) {
        return false;
      }
      throw error;
    }
  }

  /** Ends a pending notification without sending it: the address is suppressed. */
  async markSuppressed(purpose: string, now: Date): Promise<void> {
    await this.finish(purpose, "suppressed", now);
  }

  /** Records a failed attempt; the notification stays pending so the delivery is retried. */
  async recordFailure(purpose: string, error: string, now: Date): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression: "SET attempts = attempts + :one, lastError = :error, updatedAt = :now",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":one": 1,
            ":error": error.slice(0, 500),
            ":now": now.toISOString(),
            ":pending": "pending",
          },
        }),
      )
      .catch((e: unknown) => {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      });
  }

  private async finish(purpose: string, status: "suppressed" | "failed", now: Date): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression: "SET #status = :status, updatedAt = :now REMOVE content",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":status": status, ":pending": "pending", ":now": now.toISOString() },
        }),
      )
      .catch((e: unknown) => {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      });
  }

  /** The item of a new pending notification; its key makes a second one for the same purpose impossible. */
  static pendingItem(notification: Notification) {
    return {
      ...keys.notification(notification.purpose),
      ...keys.byEmail(notification.emailHash, `NOTIFICATION#${notification.purpose}`),
      entityType: "Notification",
      ...notification,
    };
  }
}
