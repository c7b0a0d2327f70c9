import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { applyOnce } from "../db/apply-once";
import { batchGet } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys, STATUS_COUNT_SHARDS, statusCountShard } from "../db/keys";
import { type Feedback, feedbackKinds, statusCountsSchema } from "../entities/feedback";
import {
  type CounterAttribute,
  type CounterDelta,
  type CounterName,
  counterAttribute,
  counterNames,
  type MetricDay,
  metricDaySchema,
} from "../entities/metric";
import { metricDayRange } from "../entities/metric-scope";

/** A transaction holds at most 100 items: the marker and the counter items. */
const MAX_COUNTER_ITEMS = 99;

/** What one or more effects add to one counter item (a scope's day): all the counters of each kind they change. */
interface CounterItemChange {
  scope: string;
  day: string;
  adds: Map<CounterAttribute, number>;
}

/** Gathers changes by the counter item they fall on: a transaction may touch an item only once. */
function byCounterItem(changes: CounterDelta[]): CounterItemChange[] {
  const items = new Map<string, CounterItemChange>();
  for (const change of changes) {
    const id = `${change.scope}\n${change.day}`;
    const item = items.get(id) ?? { scope: change.scope, day: change.day, adds: new Map() };
    items.set(id, item);
    for (const name of counterNames) {
      const attribute = counterAttribute(change.kind, name);
      item.adds.set(attribute, (item.adds.get(attribute) ?? 0) + change.deltas[name]);
    }
  }
  return [...items.values()];
}

/**
 * The counters the stream function keeps: the metric counters, one item per scope and day holding
 * the counters of every kind of feedback, and the status counts, spread over a few shard items.
 */
export class MetricsRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Adds `changes` to the counters for one stream effect, once: the effect's marker is written in
   * the same transaction, so a redelivered record changes nothing. Returns false if applied before.
   * Changes of several kinds on one scope's day are one update of that day's item. `alongside`
   * are other updates of the same effect, applied in the same transaction (the status counts).
   */
  async applyOnce(
    effect: string,
    changes: CounterDelta[],
    now: Date,
    alongside: Parameters<typeof applyOnce>[3] = [],
  ): Promise<boolean> {
    const updates = MetricsRepository.counterUpdates(changes);
    if (updates.length + alongside.length > MAX_COUNTER_ITEMS) {
      throw new Error(`${updates.length} counter items do not fit one transaction`);
    }
    return applyOnce(this.db, this.tableName, effect, [...alongside, ...updates], now);
  }

  /**
   * The updates that add `changes` to their counter items, each item once however many changes
   * fall on it (the changes of several effects may be applied in one transaction).
   */
  static counterUpdates(changes: CounterDelta[]) {
    return byCounterItem(changes).map(({ scope, day, adds }) => {
      const attributes = [...adds.keys()];
      return {
        Key: keys.metricDay(scope, day),
        UpdateExpression: `SET entityType = :type, #scope = :scope, #day = :day ADD ${attributes
          .map((_, i) => `#c${i} :c${i}`)
          .join(", ")}`,
        ExpressionAttributeNames: {
          ...Object.fromEntries(attributes.map((attribute, i) => [`#c${i}`, attribute])),
          "#scope": "scope",
          "#day": "day",
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(attributes.map((attribute, i) => [`:c${i}`, adds.get(attribute)])),
          ":type": "MetricDay",
          ":scope": scope,
          ":day": day,
        },
      };
    });
  }

  /** The status counts (kept by the stream function): every shard summed, and the item older versions kept. */
  async statusCounts(): Promise<Record<string, number>> {
    const shards = Array.from({ length: STATUS_COUNT_SHARDS }, (_, shard) => keys.statusCounts(shard));
    const items = await batchGet(this.db, this.tableName, [keys.statusCounts(), ...shards]);
    const counts: Record<string, number> = {};
    for (const item of items) {
      const { PK: _pk, SK: _sk, entityType: _type, ...shard } = item;
      for (const [status, count] of Object.entries(parseItem(statusCountsSchema, shard))) {
        counts[status] = (counts[status] ?? 0) + count;
      }
    }
    return counts;
  }

  /**
   * The update that applies one item's status change to the status counts (on the item's shard),
   * for the stream effect's transaction.
   */
  static statusCountsUpdate(feedbackId: string, deltas: Record<string, number>) {
    return MetricsRepository.statusCountsShardUpdate(statusCountShard(feedbackId), deltas);
  }

  /** The update that adds `deltas` (of one or more items' changes) to one shard of the status counts. */
  static statusCountsShardUpdate(shard: number, deltas: Record<string, number>) {
    const names: Record<string, string> = {};
    const values: Record<string, number | string> = {};
    const adds = Object.entries(deltas).map(([status, delta], i) => {
      names[`#s${i}`] = status;
      values[`:d${i}`] = delta;
      return `#s${i} :d${i}`;
    });
    return {
      Key: keys.statusCounts(shard),
      UpdateExpression: `SET entityType = :type ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ":type": "StatusCounts" },
    };
  }

  /**
   * The day items of one scope from day `from` to day `to` (both included): one Query (paged), so
   * what it reads is bounded by the days asked for, at most one item a day whatever the mix of
   * kinds. With `kinds` and/or `counters`, only those counters of those kinds are fetched (the
   * others come back as 0): less to send and parse.
   */
  async days(
    scope: string,
    from: string,
    to: string,
    options: { kinds?: readonly Feedback["kind"][]; counters?: readonly CounterName[] } = {},
  ): Promise<MetricDay[]> {
    const { kinds, counters } = options;
    const range = metricDayRange(scope, from, to);
    const projected =
      kinds || counters
        ? (kinds ?? feedbackKinds).flatMap((kind) =>
            (counters ?? counterNames).map((name) => counterAttribute(kind, name)),
          )
        : undefined;
    const days: MetricDay[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "PK = :pk AND SK BETWEEN :from AND :to",
          ProjectionExpression: projected ? ["#day", ...projected.map((_, i) => `#c${i}`)].join(", ") : undefined,
          ExpressionAttributeNames: projected
            ? { "#day": "day", ...Object.fromEntries(projected.map((attribute, i) => [`#c${i}`, attribute])) }
            : undefined,
          ExpressionAttributeValues: { ":pk": range.PK, ":from": range.from, ":to": range.to },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) days.push(parseItem(metricDaySchema, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return days;
  }
}
