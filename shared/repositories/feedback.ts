import { DeleteCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { forEachLimit } from "../concurrency";
import { getItem, newPut, sendPut, versionedPut } from "../db/access";
import { batchGet, batchWrite } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { conditionFailed, lostRace } from "../db/failures";
import { parseItem, requireItem } from "../db/items";
import {
  type FeedbackFilterName,
  feedbackFilters,
  feedbackListKey,
  feedbackPartitions,
  filterKey,
  filterValue,
  keys,
  MERGED_PREFIX,
} from "../db/keys";
import { itemsOf, mergedQueryPage, queryAll } from "../db/query";
import { indexNames } from "../db/table";
import { stored } from "../entities/catalogue";
import { type Feedback, feedbackSchema, type TimelineEntry } from "../entities/feedback";
import { NotFoundError } from "../errors";
import { isUlid } from "../ids";
import { TimelineRepository } from "./timeline";

/** Thrown when the idempotency record of an intake already exists: a concurrent retry won. */
export class IntakeRaceError extends Error {}

/** Thrown when an item's version is no longer the one a change was based on. */
export class VersionConflictError extends Error {}

/** Feedback items, written with their timeline entries. */
export class FeedbackRepository {
  private readonly timelines: TimelineRepository;

  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {
    this.timelines = new TimelineRepository(db, tableName);
  }

  /**
   * Writes a new feedback item: one put, which carries everything the stream function does next
   * (the acknowledgement owed) and the hash of its tracking token. With an idempotency record the
   * two go in one transaction, so a racing retry with the same key cannot store a second item.
   */
  async create(feedback: Feedback, idempotency?: Record<string, unknown>): Promise<void> {
    const item = newPut(this.tableName, FeedbackRepository.feedbackItem(feedback));
    if (!idempotency) {
      await sendPut(this.db, item);
      return;
    }
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [newPut(this.tableName, idempotency), item],
        }),
      );
    } catch (error) {
      // The idempotency put comes first: its condition failing, or DynamoDB cancelling it for a
      // concurrent transaction on the same key, means another request with this key is in.
      if (lostRace(error, 0)) throw new IntakeRaceError("an intake with this idempotency key was stored concurrently");
      throw error;
    }
  }

  /** One feedback item, or a NotFoundError. */
  async get(id: string): Promise<Feedback> {
    if (!isUlid(id)) throw new NotFoundError("feedback not found");
    const Item = await getItem(this.db, this.tableName, keys.feedback(id), false);
    return requireItem(feedbackSchema, Item, "feedback");
  }

  /** Several items by id (missing ones are left out), read consistently. */
  async getMany(ids: string[]): Promise<Feedback[]> {
    const { items, unreadable } = await this.getManyReadable(ids);
    if (unreadable[0]) throw unreadable[0].error;
    return items;
  }

  /**
   * Several items by id, read consistently, keeping apart any stored item that does not match its
   * schema: work over many items (a fan-out page) goes on without the one it cannot read.
   */
  async getManyReadable(ids: string[]): Promise<{ items: Feedback[]; unreadable: { id: string; error: Error }[] }> {
    const stored = await batchGet(this.db, this.tableName, ids.filter(isUlid).map(keys.feedback), { consistent: true });
    const items: Feedback[] = [];
    const unreadable: { id: string; error: Error }[] = [];
    for (const item of stored) {
      try {
        items.push(parseItem(feedbackSchema, item));
      } catch (error) {
        unreadable.push({ id: String(item.PK).slice("FEEDBACK#".length), error: error as Error });
      }
    }
    return { items, unreadable };
  }

  /**
   * Stores a changed item and its timeline entries, if the stored version is still `expectedVersion`.
   * Plain writes, no transaction (which would bill every item twice): the entries first, then the
   * item with its version as the condition; when that condition fails, the entries are taken back
   * and a VersionConflictError is thrown. Only a process that dies between the two can leave entries
   * for a change that was not stored; a lost item change is impossible.
   */
  async update(next: Feedback, expectedVersion: number, entries: TimelineEntry[]): Promise<void> {
    await this.timelines.add(entries.map((entry) => ({ ...entry, feedbackId: next.id })));
    try {
      await sendPut(this.db, this.putIfVersion(next, expectedVersion));
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      await Promise.all(
        entries.map((entry) =>
          this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.timelineEntry(next.id, entry.id) })),
        ),
      );
      throw new VersionConflictError(`feedback ${next.id} changed meanwhile`);
    }
  }

  /**
   * Stores many changed items as {@link update} stores one, with the entries of all of them written
   * first in batches (25 to a request, not one request each); each item is then put with its own
   * version as the condition. The ids of the items that changed meanwhile are returned, their
   * entries taken back, as `update` would have thrown for each; any other failure is returned per item.
   * An item whose change is in effect all the same because another run of the same page wrote it
   * (the version it made holds this change's entries only: their ids are the change's own) keeps
   * its entries and counts as stored.
   */
  async updateMany(
    changes: { next: Feedback; expectedVersion: number; entries: TimelineEntry[] }[],
    concurrency: number,
  ): Promise<{ conflicted: string[]; failed: { id: string; error: unknown }[] }> {
    const entriesOf = (change: (typeof changes)[number]) =>
      change.entries.map((entry) => ({ ...entry, feedbackId: change.next.id }));
    await this.timelines.add(changes.flatMap(entriesOf));
    const conflicted: string[] = [];
    const failed: { id: string; error: unknown }[] = [];
    await forEachLimit(changes, concurrency, async (change) => {
      try {
        await sendPut(this.db, this.putIfVersion(change.next, change.expectedVersion));
      } catch (error) {
        if (conditionFailed(error)) conflicted.push(change.next.id);
        else failed.push({ id: change.next.id, error });
      }
    });
    if (conflicted.length === 0) return { conflicted, failed };
    const now = new Map((await this.getManyReadable(conflicted)).items.map((item) => [item.id, item]));
    const sameState = ({ next }: (typeof changes)[number]) => {
      const current = now.get(next.id);
      return (
        current !== undefined &&
        current.version >= next.version &&
        current.status === next.status &&
        current.goalId === next.goalId &&
        (next.outcomeToldAt === undefined || current.outcomeToldAt !== undefined)
      );
    };
    // The same state may also come from someone else's change (staff, another action): then the
    // version holds their entries too, and this change's are taken back.
    const inEffect = new Set<string>();
    await forEachLimit(
      changes.filter((change) => conflicted.includes(change.next.id) && sameState(change)),
      concurrency,
      async (change) => {
        const ours = new Set(change.entries.map((entry) => entry.id));
        const made = await this.timelines.at(change.next.id, change.next.version);
        if (made.length > 0 && made.every((entry) => ours.has(entry.id))) inEffect.add(change.next.id);
      },
    );
    const undone = changes.filter((change) => conflicted.includes(change.next.id) && !inEffect.has(change.next.id));
    await batchWrite(
      this.db,
      this.tableName,
      undone.flatMap(entriesOf).map((entry) => ({ delete: keys.timelineEntry(entry.feedbackId, entry.id) })),
    );
    return { conflicted: undone.map((change) => change.next.id), failed };
  }

  /**
   * Merges: stores the merged item, moves the primary's version on (so concurrent edits of either
   * conflict), records the link under the primary and both timeline entries, all at once.
   */
  async merge(merged: Feedback, expectedVersion: number, primary: Feedback, entries: TimelineEntry[]): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            this.putIfVersion(merged, expectedVersion),
            {
              Update: {
                TableName: this.tableName,
                Key: keys.feedback(primary.id),
                UpdateExpression: "SET version = :next, updatedAt = :at ADD mergedCount :one",
                ConditionExpression: "version = :expected AND #status <> :merged",
                ExpressionAttributeNames: { "#status": "status" },
                ExpressionAttributeValues: {
                  ":next": primary.version + 1,
                  ":expected": primary.version,
                  ":at": merged.updatedAt,
                  ":merged": "merged",
                  ":one": 1,
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.mergedInto(primary.id, merged.id),
                  entityType: "MergedLink",
                  mergedId: merged.id,
                  at: merged.updatedAt,
                },
              },
            },
            ...entries.map((entry) => ({
              Put: { TableName: this.tableName, Item: TimelineRepository.item(entry) },
            })),
          ],
        }),
      );
    } catch (error) {
      if (lostRace(error)) throw new VersionConflictError(`feedback ${merged.id} or ${primary.id} changed meanwhile`);
      throw error;
    }
  }

  /** Ids of the items merged into an item. */
  async mergedInto(id: string): Promise<string[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.feedback(id).PK, ":prefix": MERGED_PREFIX },
    });
    return items.map((item) => String(item.mergedId));
  }

  private putIfVersion(feedback: Feedback, expectedVersion: number) {
    return versionedPut(this.tableName, FeedbackRepository.feedbackItem(feedback), expectedVersion);
  }

  /**
   * A page of feedback, newest first, from the index of `served` (or the newest-first list), every
   * shard of it merged, with the other filters applied to what is read. Stops at `limit` matches,
   * so the returned key continues exactly after the last item returned.
   */
  async query(options: {
    served?: { name: FeedbackFilterName; value: string };
    filters: Partial<Record<FeedbackFilterName, string>>;
    limit: number;
    startKey?: Record<string, unknown>;
  }): Promise<{ items: Feedback[]; lastKey?: Record<string, unknown> }> {
    const { served } = options;
    const listKey = (shard?: number) => (served ? filterKey(served.name, served.value, shard) : feedbackListKey(shard));
    const index:
      | { index: keyof typeof indexNames; partitionKey: string; sortKey: string; sortPrefix?: string }
      | undefined = served ? feedbackFilters[served.name] : undefined;
    // The other filters hold on the items, which are read after the index (it projects keys only).
    const wanted = Object.entries(options.filters).map(
      ([name, value]) => [name as FeedbackFilterName, filterValue(value as string)] as const,
    );
    const page = await mergedQueryPage(
      this.db,
      {
        tableName: this.tableName,
        indexName: index ? indexNames[index.index] : indexNames.lists,
        partitionKey: index?.partitionKey ?? "GSI1PK",
        sortKey: index?.sortKey ?? "GSI1SK",
        partitions: feedbackPartitions(listKey),
        listKey: listKey(),
        sortPrefix: index?.sortPrefix,
      },
      options.limit,
      options.startKey,
      (item) => wanted.every(([name, value]) => typeof item[name] === "string" && filterValue(item[name]) === value),
    );
    return { items: page.items.map((item) => parseItem(feedbackSchema, item)), lastKey: page.lastKey };
  }

  /**
   * Items made from `after` (exclusive; an id or an id's time prefix) up to `before` (an id's time
   * prefix, exclusive), oldest first, up to `limit` of them, from every shard of the newest-first
   * list; an item that does not match its schema is passed over.
   */
  async made(after: string, before: string, limit: number): Promise<Feedback[]> {
    if (after >= before) return [];
    // Only the index entries are read from each shard; the items behind the oldest of them, once.
    const pages = await Promise.all(
      feedbackPartitions(feedbackListKey).map(
        async (partition) =>
          (
            await this.db.send(
              new QueryCommand({
                TableName: this.tableName,
                IndexName: indexNames.lists,
                KeyConditionExpression: "GSI1PK = :pk AND GSI1SK BETWEEN :after AND :before",
                ExpressionAttributeValues: { ":pk": partition, ":after": after, ":before": before },
                Limit: limit + 1,
              }),
            )
          ).Items ?? [],
      ),
    );
    const entries = pages
      .flat()
      .filter((entry) => entry.GSI1SK !== after && String(entry.GSI1SK) < before)
      .sort((x, y) => (String(x.GSI1SK) < String(y.GSI1SK) ? -1 : String(x.GSI1SK) > String(y.GSI1SK) ? 1 : 0))
      .slice(0, limit);
    return (await itemsOf(this.db, this.tableName, entries)).flatMap((item) => {
      const parsed = feedbackSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /**
   * Records that a message told an item's submitter its outcome (the loop figures), once. It moves
   * the item's version on, so that a staff edit based on the version before cannot write the item
   * back without it. An item erased, gone or told before is left alone.
   */
  async markOutcomeTold(id: string, at: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.feedback(id),
          UpdateExpression: "SET outcomeToldAt = :at, version = version + :one",
          ConditionExpression:
            "attribute_exists(PK) AND attribute_not_exists(erasedAt) AND attribute_not_exists(outcomeToldAt)",
          ExpressionAttributeValues: { ":at": at, ":one": 1 },
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }

  /** The stored form of a feedback item, placed on the newest-first index. */
  static feedbackItem(feedback: Feedback) {
    return stored("Feedback", { ...keys.feedback(feedback.id), ...keys.feedbackIndexes(feedback) }, feedback);
  }
}
