import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { parseItem, requireItem } from "../db/items";
import { keys, TIMELINE_PREFIX } from "../db/keys";
import { type Feedback, feedbackSchema, type TimelineEntry, timelineEntrySchema } from "./schema";

/** Thrown when the idempotency record of an intake already exists: a concurrent retry won. */
export class IntakeRaceError extends Error {}

/** Everything one intake writes; all of it lands, or none of it. */
export interface IntakeWrite {
  feedback: Feedback;
  timeline: TimelineEntry;
  /** Lookup items for the tracking and unsubscribe tokens (by hash), and the pending acknowledgement. */
  related: Record<string, unknown>[];
  /** The stored answer for an `Idempotency-Key`; conditional, so a racing retry cannot write twice. */
  idempotency?: Record<string, unknown>;
}

/** Feedback items and their timelines. */
export class FeedbackRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes a new feedback item, its first timeline entry and its side items in one transaction. */
  async createWithIntake(write: IntakeWrite): Promise<void> {
    const put = (Item: Record<string, unknown>) => ({
      Put: { TableName: this.tableName, Item, ConditionExpression: "attribute_not_exists(PK)" },
    });
    const items = [
      FeedbackRepository.feedbackItem(write.feedback),
      FeedbackRepository.timelineItem(write.timeline),
      ...write.related,
    ];
    const transactItems = [...(write.idempotency ? [put(write.idempotency)] : []), ...items.map(put)];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: transactItems }));
    } catch (error) {
      // The idempotency put comes first: its condition failing, or DynamoDB cancelling it for a
      // concurrent transaction on the same key, means another request with this key is in.
      const reason = error instanceof TransactionCanceledException ? error.CancellationReasons?.[0]?.Code : undefined;
      const lostRace = write.idempotency && (reason === "ConditionalCheckFailed" || reason === "TransactionConflict");
      if (lostRace) throw new IntakeRaceError("an intake with this idempotency key was stored concurrently");
      throw error;
    }
  }

  /** One feedback item, or a NotFoundError. */
  async get(id: string): Promise<Feedback> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.feedback(id) }));
    return requireItem(feedbackSchema, Item, "feedback");
  }

  /** An item's timeline, oldest first. */
  async timeline(id: string): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
          ExpressionAttributeValues: { ":pk": keys.feedback(id).PK, ":prefix": TIMELINE_PREFIX },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) entries.push(parseItem(timelineEntrySchema, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  /** The stored form of a feedback item, placed on the newest-first index. */
  static feedbackItem(feedback: Feedback) {
    return { ...keys.feedback(feedback.id), ...keys.feedbackIndex(feedback.id), entityType: "Feedback", ...feedback };
  }

  /** The stored form of a timeline entry. */
  static timelineItem(entry: TimelineEntry) {
    return { ...keys.timelineEntry(entry.feedbackId, entry.id), entityType: "TimelineEntry", ...entry };
  }
}
