import type { GoalProgress } from "../entities/metric";
import { addDays, daysBetween } from "./days";

// What every kind of metric shares: how far a value has come, and the weeks of its series.

/** The longest series a goal shows: the last 52 weeks. */
export const MAX_SERIES_WEEKS = 52;

/**
 * How far a value has come from the baseline towards the target: 0 at the baseline, 1 at the
 * target, whichever way the target lies (a share to bring down from 10 to 5 is at 0.8 when it is 6).
 * Not clamped. Null without a value, or when the target is the baseline (nothing to cover).
 */
export function progressFraction(value: number | null, baseline: number, target: number): number | null {
  if (value === null || target === baseline) return null;
  return (value - baseline) / (target - baseline);
}

/**
 * The 7-day weeks from a goal's start day to `today`, the first starting on the start day, the
 * last holding today (and ending there): at most the last {@link MAX_SERIES_WEEKS}. None before the start.
 * With `earliest` (a measure's first observation) before the start day, the weeks reach back, in
 * step with the start day, to the week that holds it: a measure's history shows from before the goal.
 */
export function seriesWeeks(startDay: string, today: string, earliest?: string): { start: string; end: string }[] {
  const back = earliest !== undefined && earliest < startDay ? Math.ceil(daysBetween(earliest, startDay) / 7) : 0;
  const anchor = addDays(startDay, -7 * back);
  const elapsed = daysBetween(anchor, today);
  if (elapsed < 0) return [];
  const count = Math.floor(elapsed / 7) + 1;
  const first = Math.max(0, count - MAX_SERIES_WEEKS);
  const weeks: { start: string; end: string }[] = [];
  for (let week = first; week < count; week++) {
    const start = addDays(anchor, week * 7);
    const end = addDays(start, 6);
    weeks.push({ start, end: end < today ? end : today });
  }
  return weeks;
}

/**
 * A metric's progress from its value over any span of days (`over`): the value over the window
 * that ends today, against baseline and target, and week by week over `weeks`. Feedback metrics
 * and measures differ only in how they compute a span's value.
 */
export function progressOver(
  metric: { baseline: number; target: number; windowDays: number },
  window: { start: string; end: string },
  weeks: { start: string; end: string }[],
  over: (start: string, end: string) => { value: number | null; responses: number },
): GoalProgress {
  const { value, responses } = over(window.start, window.end);
  const progress = progressFraction(value, metric.baseline, metric.target);
  return {
    value,
    responses,
    baseline: metric.baseline,
    target: metric.target,
    progress,
    progressClamped: progress === null ? null : Math.min(1, Math.max(0, progress)),
    windowDays: metric.windowDays,
    windowStart: window.start,
    windowEnd: window.end,
    series: weeks.map((week) => ({ weekStart: week.start, ...over(week.start, week.end) })),
  };
}
