import type { Deps } from "../deps";
import type { MeasureMetric } from "../entities/goal";
import type { GoalProgress } from "../entities/metric";
import type { Observation } from "../entities/observation";
import { ObservationRepository } from "../repositories/observations";
import { addDays, utcDay } from "./days";
import { MAX_SERIES_WEEKS, progressOver, seriesWeeks } from "./scale";

/** The latest of some observations (earliest first) as a metric value: null without any. */
const latestOf = (observations: Observation[]) => ({
  value: observations.at(-1)?.value ?? null,
  responses: observations.length,
});

/**
 * Where a goal's measure stands at `now`: its value is the latest observation in the trailing
 * window of `windowDays` UTC days ending today, and each week of its series shows the latest
 * observation of that week (`responses`: how many were recorded in it). The series starts at the
 * goal's start day or, when observations were recorded for days before it, at the week of the
 * first of them, at most {@link MAX_SERIES_WEEKS} weeks back. One Query of the goal's observations
 * of the last year (or of the window, if longer): at most one item a day.
 */
export async function measureProgress(
  deps: Deps,
  goalId: string,
  metric: MeasureMetric,
  startedAt: string,
  now: Date,
): Promise<GoalProgress> {
  const today = utcDay(now);
  const windowStart = addDays(today, -(metric.windowDays - 1));
  // The window or the longest series, whichever reaches further back.
  const from = addDays(today, -Math.max(metric.windowDays - 1, MAX_SERIES_WEEKS * 7 - 1));
  const observations = await new ObservationRepository(deps.db, deps.config.tableName).between(goalId, from, today);
  const weeks = seriesWeeks(utcDay(startedAt), today, observations[0]?.at);
  const over = (start: string, end: string) => latestOf(observations.filter((o) => o.at >= start && o.at <= end));

  return progressOver(metric, { start: windowStart, end: today }, weeks, over);
}
