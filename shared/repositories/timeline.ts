import { decodeTime } from "ulid";
import { batchWrite } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys, TIMELINE_PREFIX } from "../db/keys";
import { queryAll } from "../db/query";
import { stored } from "../entities/catalogue";
import { type TimelineEntry, timelineEntrySchema } from "../entities/feedback";

/**
 * The timelines of feedback items: each entry its own item in the feedback item's partition,
 * recording one change with who made it and the item's version it made.
 */
export class TimelineRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** The timeline entries that record the change which made an item's `version`, read consistently. */
  async at(id: string, version: number): Promise<TimelineEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      ConsistentRead: true,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      FilterExpression: "version = :version",
      ExpressionAttributeValues: { ":pk": keys.feedback(id).PK, ":prefix": TIMELINE_PREFIX, ":version": version },
    });
    return items.map((item) => parseItem(timelineEntrySchema, item));
  }

  /** Writes timeline entries that stand alone (their ids are deterministic, so a repeat rewrites the same). */
  async add(entries: TimelineEntry[]): Promise<void> {
    // One request takes a key once: an entry given twice is written as its last.
    const byKey = new Map(entries.map((entry) => [`${entry.feedbackId}\n${entry.id}`, entry]));
    await batchWrite(
      this.db,
      this.tableName,
      [...byKey.values()].map((entry) => ({ put: TimelineRepository.item(entry) })),
    );
  }

  /**
   * An item's timeline, oldest first. Its receipt is the item itself (intake writes nothing else),
   * so the "received" entry is made from the id's moment unless an older intake stored one.
   */
  async of(id: string): Promise<TimelineEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.feedback(id).PK, ":prefix": TIMELINE_PREFIX },
    });
    const entries = items.map((item) => parseItem(timelineEntrySchema, item));
    if (entries.some((entry) => entry.type === "received")) return entries;
    const received: TimelineEntry = {
      id,
      feedbackId: id,
      type: "received",
      at: new Date(decodeTime(id)).toISOString(),
      actor: "customer",
      public: true,
    };
    return [received, ...entries];
  }

  /** The stored form of a timeline entry. */
  static item(entry: TimelineEntry) {
    return stored("TimelineEntry", keys.timelineEntry(entry.feedbackId, entry.id), entry);
  }
}
