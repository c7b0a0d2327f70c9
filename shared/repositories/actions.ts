import { PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { countAll, getItem, getParsed, newPut, putNew, versionedPut } from "../db/access";
import { batchGet, batchWrite } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { lostRace } from "../db/failures";
import { epochSeconds, parseItem } from "../db/items";
import {
  ACTION_LINK_PREFIX,
  ACTION_LIST,
  DONE_ACTIONS,
  FINDER_PREFIX,
  keys,
  LINK_PREFIX,
  PROMISED_ACTIONS,
  SUBSCRIBER_PREFIX,
  TIMELINE_PREFIX,
} from "../db/keys";
import { queryAll, queryPage } from "../db/query";
import { indexNames } from "../db/table";
import {
  type Action,
  type ActionCounts,
  type ActionLink,
  type ActionTimelineEntry,
  actionCountsSchema,
  actionLinkSchema,
  actionSchema,
  actionTimelineEntrySchema,
  type FinderCredit,
  finderCreditSchema,
} from "../entities/action";
import { stored } from "../entities/catalogue";
import type { TimelineEntry } from "../entities/feedback";
import { type Subscriber, subscriberSchema } from "../entities/subscriber";
import { isUlid } from "../ids";
import { VersionConflictError } from "./feedback";
import { listQuery, parsedPage } from "./list-page";
import { TimelineRepository } from "./timeline";

/** Thrown when a feedback item is already linked to the action. */
export class AlreadyLinkedError extends Error {}

/** Actions, their timelines, and their links to feedback (kept on both sides). */
export class ActionRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** An action by id. */
  async get(id: string): Promise<Action | undefined> {
    if (!isUlid(id)) return undefined;
    return getParsed(this.db, this.tableName, keys.action(id), actionSchema);
  }

  /** Several actions by id (missing ones are left out), read consistently: their phase decides who is told. */
  async getMany(ids: string[]): Promise<Action[]> {
    const items = await batchGet(this.db, this.tableName, ids.map(keys.action), { consistent: true });
    return items.map((item) => parseItem(actionSchema, item));
  }

  /** Which of these feedback items are linked to the action. */
  async linkedAmong(actionId: string, feedbackIds: string[]): Promise<Set<string>> {
    const items = await batchGet(
      this.db,
      this.tableName,
      feedbackIds.map((id) => keys.actionLink(actionId, id)),
      { consistent: true },
    );
    return new Set(items.map((item) => String(item.feedbackId)));
  }

  /** Every action, or a goal's actions, oldest first. */
  async list(goalId?: string): Promise<Action[]> {
    return (await queryAll(this.db, this.listing(goalId))).map((item) => parseItem(actionSchema, item));
  }

  /** A page of every action, or of a goal's, oldest first; with `status`, only those in it. */
  page(filter: { goalId?: string; status?: string }, limit: number, startKey?: Record<string, unknown>) {
    const keep = filter.status ? (item: Record<string, unknown>) => item.status === filter.status : undefined;
    return parsedPage(this.db, this.listing(filter.goalId), actionSchema, limit, startKey, keep);
  }

  /** The Query of every action (on the lists index), or of a goal's (on the goal index). */
  private listing(goalId?: string) {
    if (!goalId) return listQuery(this.tableName, ACTION_LIST);
    return {
      TableName: this.tableName,
      IndexName: indexNames.byGoal,
      KeyConditionExpression: "GSI8PK = :pk AND begins_with(GSI8SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.underGoal(goalId, "").GSI8PK, ":prefix": "ACTION#" },
    };
  }

  /**
   * A page of the actions on the public board, the latest first (a Query on their index entries):
   * done ones, or those promised (planned or in progress).
   */
  async listPublic(which: "done" | "promised", limit: number, startKey?: Record<string, unknown>) {
    const page = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: indexNames.feedbackByStatus,
        KeyConditionExpression: "GSI2PK = :board",
        ExpressionAttributeValues: { ":board": which === "done" ? DONE_ACTIONS : PROMISED_ACTIONS },
        ScanIndexForward: false,
      },
      limit,
      startKey,
    );
    return { items: page.items.map((item) => parseItem(actionSchema, item)), lastKey: page.lastKey };
  }

  /** How many feedback items are linked to an action. */
  async countLinked(actionId: string): Promise<number> {
    return countAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.action(actionId).PK, ":prefix": LINK_PREFIX },
    });
  }

  /** Stores a new action and its first timeline entry. */
  async create(action: Action, entry: ActionTimelineEntry): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          newPut(this.tableName, ActionRepository.item(action)),
          { Put: { TableName: this.tableName, Item: ActionRepository.timelineItem(entry) } },
        ],
      }),
    );
  }

  /**
   * Stores a changed action and its timeline entry, if its version is still `expectedVersion`,
   * together with `newItems` (work the change calls for, e.g. a job), none of which may exist yet.
   */
  async update(
    action: Action,
    expectedVersion: number,
    entry: ActionTimelineEntry,
    newItems: Record<string, unknown>[] = [],
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            versionedPut(this.tableName, ActionRepository.item(action), expectedVersion),
            { Put: { TableName: this.tableName, Item: ActionRepository.timelineItem(entry) } },
            ...newItems.map((item) => newPut(this.tableName, item)),
          ],
        }),
      );
    } catch (error) {
      if (lostRace(error)) throw new VersionConflictError(`action ${action.id} changed meanwhile`);
      throw error;
    }
  }

  /**
   * Links a feedback item to an action, on both sides, with an entry on each timeline. Plain writes,
   * no transaction: the item's side first (a repeat rewrites the same), then the action's side,
   * conditionally: it decides whether the link is new (AlreadyLinkedError if not), and its stream
   * record tells the customer. Then the two entries. A request that stops after the item's side
   * leaves an item that follows the action without being on its list; repeating it completes the link.
   */
  async link(
    actionId: string,
    feedbackId: string,
    at: string,
    entries: [TimelineEntry, ActionTimelineEntry],
  ): Promise<void> {
    await this.putItemSide(actionId, feedbackId, at);
    const link = stored("ActionLink", keys.actionLink(actionId, feedbackId), { actionId, feedbackId, at });
    if (!(await putNew(this.db, this.tableName, link))) {
      throw new AlreadyLinkedError(`${feedbackId} is already linked to ${actionId}`);
    }
    await Promise.all([
      this.db.send(new PutCommand({ TableName: this.tableName, Item: TimelineRepository.item(entries[0]) })),
      this.db.send(new PutCommand({ TableName: this.tableName, Item: ActionRepository.timelineItem(entries[1]) })),
    ]);
  }

  private async putItemSide(actionId: string, feedbackId: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: stored("FeedbackActionLink", keys.feedbackActionLink(feedbackId, actionId), { actionId, feedbackId, at }),
      }),
    );
  }

  /**
   * A page of the feedback ids linked to an action, read consistently: a link committed before a
   * phase began is always on the pages of the phase's fan-out.
   */
  async linkedFeedback(actionId: string, limit: number, startKey?: Record<string, unknown>) {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ConsistentRead: true,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.action(actionId).PK, ":prefix": LINK_PREFIX },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { ids: (page.Items ?? []).map((item) => String(item.feedbackId)), lastKey: page.LastEvaluatedKey };
  }

  /**
   * A page of an action's audience, read consistently: the feedback items linked to it, then the
   * people who asked to be told (confirmed ones only), in one pass over its partition; within
   * `range` (sort keys, `from` included, `to` not) when given, so a lane reads only its part.
   */
  async audiencePage(
    actionId: string,
    limit: number,
    startKey?: Record<string, unknown>,
    range: { from?: string; to?: string } = {},
  ): Promise<{ ids: string[]; subscribers: Subscriber[]; lastKey?: Record<string, unknown> }> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ConsistentRead: true,
        KeyConditionExpression: "PK = :pk AND SK BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.action(actionId).PK,
          ":from": range.from !== undefined && range.from > LINK_PREFIX ? range.from : LINK_PREFIX,
          ":to": range.to ?? `${SUBSCRIBER_PREFIX}\uffff`,
        },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    // BETWEEN includes its end: the next part's first key is left to it.
    const items = (page.Items ?? []).filter((item) => item.SK !== range.to);
    const isLink = (item: Record<string, unknown>) => String(item.SK).startsWith(LINK_PREFIX);
    return {
      ids: items.filter(isLink).map((item) => String(item.feedbackId)),
      subscribers: items
        .filter((item) => String(item.SK).startsWith(SUBSCRIBER_PREFIX))
        .map((item) => parseItem(subscriberSchema, item))
        .filter((subscriber) => subscriber.status === "confirmed"),
      lastKey: page.LastEvaluatedKey,
    };
  }

  /**
   * Where the lanes of a fan-out over an action's links begin: with more than `laneSize` links,
   * the links are cut into as many equal parts as fit (at most `maxLanes`), and the sort key of
   * the first link of each part after the first is returned; none for fewer links. Reads the
   * links' keys only, consistently.
   */
  async laneBounds(actionId: string, laneSize: number, maxLanes: number): Promise<string[]> {
    const sortKeys: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
          ProjectionExpression: "SK",
          ExpressionAttributeValues: { ":pk": keys.action(actionId).PK, ":prefix": LINK_PREFIX },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) sortKeys.push(String(item.SK));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    if (sortKeys.length <= laneSize) return [];
    const lanes = Math.min(maxLanes, Math.ceil(sortKeys.length / laneSize));
    const each = Math.ceil(sortKeys.length / lanes);
    return Array.from({ length: lanes - 1 }, (_, i) => sortKeys[(i + 1) * each]).filter(
      (key): key is string => key !== undefined,
    );
  }

  /** The ids of the actions a feedback item is linked to, read consistently. */
  async actionsOf(feedbackId: string): Promise<string[]> {
    return (await this.linksOf(feedbackId)).map((link) => link.actionId);
  }

  /** The item's side of its links to actions: which actions, and since when, read consistently. */
  async linksOf(feedbackId: string): Promise<ActionLink[]> {
    const items = await this.queryAll({
      ConsistentRead: true,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.feedback(feedbackId).PK, ":prefix": ACTION_LINK_PREFIX },
    });
    return items.map((item) => parseItem(actionLinkSchema, item));
  }

  /**
   * Credits finders of what a done action fixed: one item each. The credits already stored are
   * read at once and only the others written, in batches (a page's credits in a few requests, not
   * one each); a run of the same page at the same moment may write a credit again, with its own
   * time (nothing counts credits as they are written, so that changes no figure).
   */
  async creditFinders(credits: FinderCredit[]): Promise<void> {
    const key = (credit: FinderCredit) => keys.finderCredit(credit.actionId, credit.feedbackId);
    const held = new Set(
      (await batchGet(this.db, this.tableName, credits.map(key), { consistent: true })).map(
        (item) => `${item.PK}\n${item.SK}`,
      ),
    );
    const missing = new Map(
      credits
        .map((credit) => [`${key(credit).PK}\n${key(credit).SK}`, credit] as const)
        .filter(([id]) => !held.has(id)),
    );
    await batchWrite(
      this.db,
      this.tableName,
      [...missing.values()].map((credit) => ({ put: stored("FinderCredit", key(credit), credit) })),
    );
  }

  /** The finders credited on an action, by feedback id. */
  async finders(actionId: string): Promise<FinderCredit[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.action(actionId).PK, ":prefix": FINDER_PREFIX },
    });
    return items.map((item) => parseItem(finderCreditSchema, item));
  }

  /** The public board's counts of an action as last counted, if they were. */
  async counts(actionId: string): Promise<ActionCounts | undefined> {
    const item = await getItem(this.db, this.tableName, keys.actionCounts(actionId), false);
    return item ? parseItem(actionCountsSchema, item) : undefined;
  }

  /** Keeps the board's counts of an action; they expire from the table a day after they were counted. */
  async storeCounts(counts: ActionCounts): Promise<void> {
    const expiresAt = epochSeconds(new Date(counts.countedAt)) + 86_400;
    const item = { ...stored("ActionCounts", keys.actionCounts(counts.actionId), counts), expiresAt };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** An action's timeline, oldest first. */
  async timeline(actionId: string): Promise<ActionTimelineEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.action(actionId).PK, ":prefix": TIMELINE_PREFIX },
    });
    return items.map((item) => parseItem(actionTimelineEntrySchema, item));
  }

  private queryAll(query: Omit<QueryCommand["input"], "TableName">) {
    return queryAll(this.db, { TableName: this.tableName, ...query });
  }

  private static item(action: Action) {
    return stored("Action", { ...keys.action(action.id), ...keys.actionIndexes(action) }, action);
  }

  private static timelineItem(entry: ActionTimelineEntry) {
    return stored("ActionTimelineEntry", keys.actionTimelineEntry(entry.actionId, entry.id), entry);
  }
}
