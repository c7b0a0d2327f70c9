import * as z from "zod/mini";
import { feedbackKinds } from "../feedback/schema";

/** The counter attributes of one day, scope and kind; every write adds to all of them. */
export const counterNames = ["count", "npsCount", "npsPromoters", "npsDetractors", "csatCount", "csatSum"] as const;
export type CounterName = (typeof counterNames)[number];
export type Counters = Record<CounterName, number>;

const counter = z._default(z.number(), 0);

/** One day's counters of one scope for one kind of feedback, as stored (kept by the stream function). */
export const metricDaySchema = z.object({
  /** The scope key (`all`, `topic=...`): on every item, but not read when a Query projects counters. */
  scope: z.optional(z.string()),
  day: z.string(),
  kind: z.enum(feedbackKinds),
  /** Feedback items. */
  count: counter,
  /** Items with an NPS score; of them, promoters (9–10) and detractors (0–6). */
  npsCount: counter,
  npsPromoters: counter,
  npsDetractors: counter,
  /** Items with a CSAT score (1–5), and the sum of those scores. */
  csatCount: counter,
  csatSum: counter,
});
export type MetricDay = z.infer<typeof metricDaySchema>;

/** A metric's value over some days: null when no item it rests on fell in them. */
export const metricValueSchema = z.object({
  value: z.nullable(z.number()),
  /** How many items the value rests on (NPS or CSAT responses; all items in scope for share and count). */
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
   * over the days of that week alone; the last week may be incomplete.
   */
  series: z.array(z.object({ weekStart: z.string(), ...metricValueSchema.shape })),
});
export type GoalProgress = z.infer<typeof goalProgressSchema>;
