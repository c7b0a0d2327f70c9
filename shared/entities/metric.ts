import * as z from "zod/mini";
import { type Feedback, feedbackKinds } from "./feedback";

/**
 * The counters kept per day, scope and kind of feedback; every write adds to all of a kind's:
 * - `count`: feedback items;
 * - `npsCount`: items with an NPS score; of them, `npsPromoters` (9–10) and `npsDetractors` (0–6);
 * - `csatCount`: items with a CSAT score (1–5), and `csatSum`, the sum of those scores.
 */
export const counterNames = ["count", "npsCount", "npsPromoters", "npsDetractors", "csatCount", "csatSum"] as const;
export type CounterName = (typeof counterNames)[number];
export type Counters = Record<CounterName, number>;

/** The attribute of a day's counter item that holds one counter of one kind: `complaint_count`, `question_csatSum`. */
export type CounterAttribute = `${Feedback["kind"]}_${CounterName}`;
export const counterAttribute = (kind: Feedback["kind"], name: CounterName): CounterAttribute => `${kind}_${name}`;

const counter = z._default(z.number(), 0);

/**
 * One day's counters of one scope, as stored (kept by the stream function): one item for every
 * kind of feedback, each kind's counters in `<kind>_<counter>` attributes. A counter never written,
 * or left out of a Query's projection, reads as 0.
 */
export const metricDaySchema = z.object({
  /** The scope key (`all`, `topic=...`): on every item, but not read when a Query projects counters. */
  scope: z.optional(z.string()),
  day: z.string(),
  ...(Object.fromEntries(
    feedbackKinds.flatMap((kind) => counterNames.map((name) => [counterAttribute(kind, name), counter])),
  ) as Record<CounterAttribute, typeof counter>),
});
export type MetricDay = z.infer<typeof metricDaySchema>;

/** A metric's value over some days: null when no item it rests on fell in them. */
export const metricValueSchema = z.object({
  value: z.nullable(z.number()),
  /**
   * How many items the value rests on (NPS or CSAT responses; all items in scope for share and
   * count; for a measure, the observations recorded in the days, of which the value is the latest).
   */
  responses: z.number(),
});
export type MetricValue = z.infer<typeof metricValueSchema>;

/** Where a goal's metric stands: its value over the trailing window, and week by week since the goal started. */
export const goalProgressSchema = z.object({
  ...metricValueSchema.shape,
  baseline: z.number(),
  target: z.number(),
  /**
   * (value − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the target, also when the
   * target is below the baseline; below 0 or above 1 when past either. Null without a value, or
   * when the target equals the baseline.
   */
  progress: z.nullable(z.number()),
  /** `progress` held to 0..1. */
  progressClamped: z.nullable(z.number()),
  windowDays: z.number(),
  /** First and last UTC day of the window (yyyy-mm-dd), both included; the last is today. */
  windowStart: z.string(),
  windowEnd: z.string(),
  /**
   * One entry per 7-day week from the goal's start day to today (at most the last 52), the value
   * over the days of that week alone; the last week may be incomplete. A measure's series reaches
   * back, week by week, to its first observation when that was recorded for a day before the start.
   */
  series: z.array(z.object({ weekStart: z.string(), ...metricValueSchema.shape })),
});
export type GoalProgress = z.infer<typeof goalProgressSchema>;

/**
 * What a feedback item adds to (or takes from) the counters of one kind on one counter item (its
 * scope and day): the `<kind>_<counter>` attributes of that item.
 */
export interface CounterDelta {
  scope: string;
  day: string;
  kind: Feedback["kind"];
  deltas: Counters;
}
