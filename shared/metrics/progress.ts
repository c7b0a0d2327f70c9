import type { Deps } from "../deps";
import { type Feedback, feedbackKinds } from "../entities/feedback";
import type { FeedbackMetricKind, Goal, Metric, MetricScope } from "../entities/goal";
import {
  type CounterName,
  type Counters,
  counterAttribute,
  counterNames,
  type GoalProgress,
  type MetricDay,
  type MetricValue,
} from "../entities/metric";
import { scopeKeyOf } from "../entities/metric-scope";
import { MetricsRepository } from "../repositories/metrics";

import { addDays, utcDay } from "./days";
import { measureProgress } from "./measure";
import { MAX_SERIES_WEEKS, progressOver, seriesWeeks } from "./scale";

export { MAX_SERIES_WEEKS, progressFraction, seriesWeeks } from "./scale";

/** The counters each metric is computed from. */
const countersOf: Record<FeedbackMetricKind, CounterName[]> = {
  nps: ["npsCount", "npsPromoters", "npsDetractors"],
  csat: ["csatCount", "csatSum"],
  complaint_share: ["count"],
  count: ["count"],
};

const zero = (): Counters => Object.fromEntries(counterNames.map((name) => [name, 0])) as Counters;

/**
 * The kinds of feedback whose counters a metric adds up: the scope's kind if it names one, else
 * every kind. The complaint share compares complaints with every kind, so it always reads them all.
 */
function kindsOf(kind: FeedbackMetricKind, scope: MetricScope | undefined): readonly Feedback["kind"][] {
  return kind !== "complaint_share" && scope?.kind ? [scope.kind] : feedbackKinds;
}

/**
 * A metric's value from day counters of its scope partition:
 * - `nps`: % promoters − % detractors among NPS responses (−100..100);
 * - `csat`: the mean CSAT score (1..5) among CSAT responses;
 * - `complaint_share`: complaints as a percentage of all feedback in the scope. The scope's `kind`
 *   is ignored: the share is of complaints among every kind, so a kind would make it 0 or 100;
 * - `count`: the number of items in the scope (of the scope's kind, if given). A count over days
 *   without items is 0, not null: zero complaints is a value a goal can be met with.
 * Other metrics are null when no response fell in the days.
 */
export function metricFromDays(
  kind: FeedbackMetricKind,
  scope: MetricScope | undefined,
  days: MetricDay[],
): MetricValue {
  const kinds = kindsOf(kind, scope);
  const totals = zero();
  let complaints = 0;
  for (const day of days) {
    for (const counted of kinds) for (const name of counterNames) totals[name] += day[counterAttribute(counted, name)];
    complaints += day.complaint_count;
  }
  switch (kind) {
    case "nps":
      return {
        value: totals.npsCount === 0 ? null : ((totals.npsPromoters - totals.npsDetractors) / totals.npsCount) * 100,
        responses: totals.npsCount,
      };
    case "csat":
      return { value: totals.csatCount === 0 ? null : totals.csatSum / totals.csatCount, responses: totals.csatCount };
    case "complaint_share":
      return { value: totals.count === 0 ? null : (complaints / totals.count) * 100, responses: totals.count };
    case "count":
      return { value: totals.count, responses: totals.count };
  }
}

/**
 * Where a goal's metric stands at `now`: its value over the trailing window of `windowDays` UTC
 * days ending today, the progress from baseline to target, and the value week by week. The weeks
 * are in step with the goal's start day (`startedAt`, an ISO moment) and reach back, as a
 * measure's do, to before the goal existed: to the week holding the window's first day or the
 * first feedback of the scope in the last year, whichever is earlier (at most
 * {@link MAX_SERIES_WEEKS} weeks). Reads the counters of the scope's one partition with one Query
 * over the window or the last year, whichever reaches further back: one item a day whatever the
 * mix of kinds, so what it reads is bounded, never all history.
 */
export async function goalProgress(deps: Deps, metric: Metric, startedAt: string, now: Date): Promise<GoalProgress> {
  const today = utcDay(now);
  const windowStart = addDays(today, -(metric.windowDays - 1));
  const from = addDays(today, -Math.max(metric.windowDays - 1, MAX_SERIES_WEEKS * 7 - 1));
  // One item a day, whatever the kinds; of it, only the counters of the kinds the metric adds up.
  const days = await new MetricsRepository(deps.db, deps.config.tableName).days(scopeKeyOf(metric.scope), from, today, {
    kinds: kindsOf(metric.kind, metric.scope),
    counters: countersOf[metric.kind],
  });
  const firstData = days
    .filter((day) => metricFromDays(metric.kind, metric.scope, [day]).responses > 0)
    .map((day) => day.day)
    .sort()[0];
  const earliest = firstData !== undefined && firstData < windowStart ? firstData : windowStart;
  const weeks = seriesWeeks(utcDay(startedAt), today, earliest);
  const over = (start: string, end: string) =>
    metricFromDays(
      metric.kind,
      metric.scope,
      days.filter((day) => day.day >= start && day.day <= end),
    );

  return progressOver(metric, { start: windowStart, end: today }, weeks, over);
}

/**
 * Where a goal's metric stands at `now`, whatever its kind: a feedback metric from the counters
 * (`goalProgress`), a measure from its observations (`measureProgress`). Null without a metric.
 */
export function goalMetricProgress(
  deps: Deps,
  goal: Pick<Goal, "id" | "metric" | "createdAt">,
  now: Date,
): Promise<GoalProgress | null> {
  const { metric } = goal;
  if (!metric) return Promise.resolve(null);
  switch (metric.kind) {
    case "measure":
      return measureProgress(deps, goal.id, metric, goal.createdAt, now);
    default:
      return goalProgress(deps, metric, goal.createdAt, now);
  }
}
