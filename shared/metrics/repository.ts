import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { epochSeconds, parseItem } from "../db/items";
import { keys } from "../db/keys";
import type { Feedback } from "../feedback/schema";
import type { CounterDelta } from "./contribution";
import { type CounterName, counterNames, type MetricDay, metricDaySchema } from "./schema";
import { metricDayRange } from "./scope";

/** A transaction holds at most 100 items: the marker and the counters. */
const MAX_COUNTERS = 99;

/** The metric counters: one item per scope, day and kind of feedback. */
export class MetricsRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Adds `changes` to the counters for one stream effect, once: the effect's marker is written in
   * the same transaction, so a redelivered record changes nothing. Returns false if applied before.
   */
  async applyOnce(effect: string, changes: CounterDelta[], now: Date): Promise<boolean> {
    if (changes.length > MAX_COUNTERS) throw new Error(`${changes.length} counter changes do not fit one transaction`);
    const names = Object.fromEntries(counterNames.map((name, i) => [`#c${i}`, name]));
    const adds = counterNames.map((_, i) => `#c${i} :c${i}`).join(", ");
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.applied(effect),
                  entityType: "AppliedEffect",
                  expiresAt: epochSeconds(now) + 7 * 86_400,
                },
                ConditionExpression: "attribute_not_exists(PK)",
              },
            },
            ...changes.map((change) => ({
              Update: {
                TableName: this.tableName,
                Key: keys.metricDay(change.scope, change.day, change.kind),
                UpdateExpression: `SET entityType = :type, #scope = :scope, #day = :day, #kind = :kind ADD ${adds}`,
                ExpressionAttributeNames: { ...names, "#scope": "scope", "#day": "day", "#kind": "kind" },
                ExpressionAttributeValues: {
                  ...Object.fromEntries(counterNames.map((name, i) => [`:c${i}`, change.deltas[name]])),
                  ":type": "MetricDay",
                  ":scope": change.scope,
                  ":day": change.day,
                  ":kind": change.kind,
                },
              },
            })),
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

  /**
   * The counters of one scope from day `from` to day `to` (both included), of one kind only when
   * `kind` is given: one Query (paged), so what it reads is bounded by the days asked for. With
   * `counters`, only those are read (the others come back as 0): less to send and parse.
   */
  async days(
    scope: string,
    from: string,
    to: string,
    options: { kind?: Feedback["kind"]; counters?: readonly CounterName[] } = {},
  ): Promise<MetricDay[]> {
    const { kind, counters } = options;
    const range = metricDayRange(scope, from, to);
    // Only names the expressions use: DynamoDB rejects unused ones.
    const names: Record<string, string> = kind || counters ? { "#kind": "kind" } : {};
    if (counters) names["#day"] = "day";
    counters?.forEach((name, i) => {
      names[`#c${i}`] = name;
    });
    const days: MetricDay[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "PK = :pk AND SK BETWEEN :from AND :to",
          FilterExpression: kind ? "#kind = :kind" : undefined,
          ProjectionExpression: counters
            ? ["#day", "#kind", ...counters.map((_, i) => `#c${i}`)].join(", ")
            : undefined,
          ExpressionAttributeNames: kind || counters ? names : undefined,
          ExpressionAttributeValues: {
            ":pk": range.PK,
            ":from": range.from,
            ":to": range.to,
            ...(kind ? { ":kind": kind } : {}),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) days.push(parseItem(metricDaySchema, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return days;
  }
}
