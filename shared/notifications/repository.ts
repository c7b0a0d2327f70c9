import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys, NOTIFICATION_DUE_LIST } from "../db/keys";
import { indexNames } from "../db/table";
import { conditionFailedAt } from "../db/transact";
import { FeedbackRepository } from "../feedback/repository";
import type { TimelineEntry } from "../feedback/schema";
import { type Notification, notificationSchema } from "./schema";

/**
 * How long after it is written a notification is due for the sweep, should the stream function
 * never have finished it: well after the stream normally sends it.
 */
export const UNSENT_DUE_SECONDS = 300;

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/** What a successful send records. */
export interface SentRecord {
  messageId: string;
  /** The items the message covered: each gets `entries`' entry; with `outcomeTold`, its told-at. */
  feedbackIds: string[];
  entries: TimelineEntry[];
  /** The message told the outcome ("we did"): the items' `outcomeToldAt` is set (loop figures). */
  outcomeTold: boolean;
}

/**
 * The outbox: notifications written with the change that causes them, then claimed, sent and
 * marked. Every unfinished notification is also listed by when it is next due, so one that a
 * sender never finished (a failure to retry, or a sender that died) is found and sent again.
 */
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

  /** Writes a new pending notification; false when one for this purpose exists already. */
  async create(notification: Notification): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: NotificationRepository.pendingItem(notification),
          ConditionExpression: "attribute_not_exists(PK)",
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Takes a pending notification for sending, counting the attempt: only one sender holds it at a
   * time, and not before a retry is due. Undefined when it is finished, held, or not yet due.
   */
  async claim(purpose: string, now: Date, claimSeconds: number): Promise<Notification | undefined> {
    const until = later(now, claimSeconds);
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression: "SET claimedUntil = :until, attempts = attempts + :one, GSI1PK = :due, GSI1SK = :dueKey",
          ConditionExpression:
            "#status = :pending AND (attribute_not_exists(claimedUntil) OR claimedUntil <= :now) AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":until": until,
            ":one": 1,
            ":due": NOTIFICATION_DUE_LIST,
            ":dueKey": keys.notificationDue(until, purpose).GSI1SK,
            ":pending": "pending",
            ":now": now.toISOString(),
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes ? parseItem(notificationSchema, Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Marks a claimed notification sent, with its timeline entries and (for an outcome) the covered
   * items' told-at, all at once. Returns false when it was no longer pending.
   */
  async markSent(purpose: string, sent: SentRecord, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const notification = {
      Update: {
        TableName: this.tableName,
        Key: keys.notification(purpose),
        UpdateExpression:
          "SET #status = :sent, sentAt = :now, updatedAt = :now, messageId = :messageId, feedbackIds = :ids REMOVE content, lastError, claimedUntil, nextAttemptAt, GSI1PK, GSI1SK",
        ConditionExpression: "#status = :pending",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":sent": "sent",
          ":pending": "pending",
          ":now": at,
          ":messageId": sent.messageId,
          ":ids": sent.feedbackIds,
        },
      },
    };
    const entries = sent.entries.map((entry) => ({
      Put: { TableName: this.tableName, Item: FeedbackRepository.timelineItem(entry) },
    }));
    // The told-at moves the item's version on, so a staff edit based on the version before cannot
    // write the item back without it. An item erased meanwhile is left alone.
    const told = sent.outcomeTold
      ? sent.feedbackIds.map((id) => ({
          Update: {
            TableName: this.tableName,
            Key: keys.feedback(id),
            UpdateExpression: "SET outcomeToldAt = if_not_exists(outcomeToldAt, :now), version = version + :one",
            ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(erasedAt)",
            ExpressionAttributeValues: { ":now": at, ":one": 1 },
          },
        }))
      : [];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [notification, ...entries, ...told] }));
      return true;
    } catch (error) {
      if (conditionFailedAt(error)) return false;
      // A covered item erased meanwhile: mark the send without touching the items.
      const itemGone = told.some((_, i) => conditionFailedAt(error, 1 + entries.length + i));
      if (!itemGone) throw error;
      await this.db.send(new TransactWriteCommand({ TransactItems: [notification, ...entries] }));
      return true;
    }
  }

  /**
   * Records a failed attempt. With `retryAt` the notification stays pending and is due again then;
   * without, it ends failed, with `entries` on the covered items' timelines.
   */
  async recordFailure(
    purpose: string,
    error: string,
    now: Date,
    retryAt: Date | undefined,
    entries: TimelineEntry[],
  ): Promise<void> {
    const values = { ":error": error.slice(0, 500), ":now": now.toISOString(), ":pending": "pending" };
    if (retryAt) {
      await this.ifPending(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression:
            "SET lastError = :error, updatedAt = :now, nextAttemptAt = :retry, GSI1SK = :dueKey REMOVE claimedUntil",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ...values,
            ":retry": retryAt.toISOString(),
            ":dueKey": keys.notificationDue(retryAt.toISOString(), purpose).GSI1SK,
          },
        }),
      );
      return;
    }
    await this.finish(purpose, "failed", now, entries, { lastError: error.slice(0, 500) });
  }

  /** Ends a pending notification without sending it (the address is suppressed, or nothing is owed). */
  async markSuppressed(purpose: string, now: Date, entries: TimelineEntry[] = []): Promise<void> {
    await this.finish(purpose, "suppressed", now, entries);
  }

  /** The purposes of unfinished notifications due by `now`, oldest first. */
  async due(now: Date, limit: number): Promise<string[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexNames.lists,
        KeyConditionExpression: "GSI1PK = :due AND GSI1SK <= :now",
        ExpressionAttributeValues: { ":due": NOTIFICATION_DUE_LIST, ":now": `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => String(item.purpose));
  }

  private async finish(
    purpose: string,
    status: "suppressed" | "failed",
    now: Date,
    entries: TimelineEntry[],
    extra: { lastError?: string } = {},
  ): Promise<void> {
    const at = now.toISOString();
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.notification(purpose),
                UpdateExpression: `SET #status = :status, updatedAt = :now${status === "failed" ? ", failedAt = :now, lastError = :error" : ""} REMOVE content, claimedUntil, nextAttemptAt, GSI1PK, GSI1SK`,
                ConditionExpression: "#status = :pending",
                ExpressionAttributeNames: { "#status": "status" },
                ExpressionAttributeValues: {
                  ":status": status,
                  ":pending": "pending",
                  ":now": at,
                  ...(status === "failed" ? { ":error": extra.lastError ?? "" } : {}),
                },
              },
            },
            ...entries.map((entry) => ({
              Put: { TableName: this.tableName, Item: FeedbackRepository.timelineItem(entry) },
            })),
          ],
        }),
      );
    } catch (error) {
      if (!conditionFailedAt(error)) throw error;
    }
  }

  private async ifPending(command: UpdateCommand): Promise<void> {
    await this.db.send(command).catch((e: unknown) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
  }

  /**
   * The item of a new pending notification; its key makes a second one for the same purpose
   * impossible. It is due a while after it is written: the stream function sends it long before,
   * and if that never finishes, the sweep finds it.
   */
  static pendingItem(notification: Notification) {
    return {
      ...keys.notification(notification.purpose),
      ...keys.byEmail(notification.emailHash, `NOTIFICATION#${notification.purpose}`),
      ...keys.notificationDue(later(new Date(notification.createdAt), UNSENT_DUE_SECONDS), notification.purpose),
      entityType: "Notification",
      ...notification,
    };
  }
}
