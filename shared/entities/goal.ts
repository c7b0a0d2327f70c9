import * as z from "zod/mini";
import { localizedInput, storedTextSchema } from "../i18n/texts";
import { feedbackKinds } from "./feedback";

/** The metrics computed from this product's feedback (kept as counters by the stream). */
export const feedbackMetricKinds = ["nps", "csat", "complaint_share", "count"] as const;
export type FeedbackMetricKind = (typeof feedbackMetricKinds)[number];
/** Every kind of metric: those of feedback, and `measure`, a figure measured outside the product. */
export const metricKinds = [...feedbackMetricKinds, "measure"] as const;
export type MetricKind = (typeof metricKinds)[number];
export const goalStatuses = ["active", "achieved", "dropped"] as const;

/** Which feedback a metric counts: every field given narrows it (kind, topic, department). */
export const metricScopeSchema = z.object({
  kind: z.optional(z.enum(feedbackKinds, "scope.kind must be complaint, suggestion, compliment or question")),
  topic: z.optional(z.string().check(z.minLength(1), z.maxLength(100, "scope.topic is at most 100 characters"))),
  department: z.optional(
    z.string().check(z.minLength(1), z.maxLength(100, "scope.department is at most 100 characters")),
  ),
});
export type MetricScope = z.infer<typeof metricScopeSchema>;

const level = (field: string) => z.number(`metric.${field} must be a number`);
const windowDays = z
  .number("metric.windowDays must be a number")
  .check(
    z.int("metric.windowDays must be a whole number"),
    z.gte(1, "metric.windowDays is 1 to 366"),
    z.lte(366, "metric.windowDays is 1 to 366"),
  );

/** A metric of this product's feedback (`nps`, `csat`, `complaint_share`, `count`): its value over a trailing window, from a baseline towards a target. */
export const metricSchema = z.object({
  kind: z.enum(feedbackMetricKinds, "metric.kind must be nps, csat, complaint_share, count or measure"),
  scope: z.optional(metricScopeSchema),
  baseline: level("baseline"),
  target: level("target"),
  windowDays,
});
export type Metric = z.infer<typeof metricSchema>;

/**
 * A figure measured outside the product (absenteeism, repeat customers, days a vacancy stays
 * open), recorded as observations: its value is the latest observation in the trailing window.
 */
export const measureMetricSchema = z.object({
  kind: z.literal("measure"),
  /** What the figure is counted in, shown after it: "%", "days", "customers". */
  unit: z.optional(
    z
      .string("metric.unit must be a string")
      .check(
        z.minLength(1, "metric.unit is 1 to 20 characters"),
        z.maxLength(20, "metric.unit is 1 to 20 characters"),
        z.regex(/^[^\p{Cc}]*$/u, "metric.unit must be one line of text"),
      ),
  ),
  baseline: level("baseline"),
  target: level("target"),
  windowDays,
});
export type MeasureMetric = z.infer<typeof measureMetricSchema>;

/** How a goal is measured, by kind: from feedback (`Metric`), or a measure recorded by hand. */
export const goalMetricSchema = z.discriminatedUnion("kind", [metricSchema, measureMetricSchema], {
  error: "metric.kind must be nps, csat, complaint_share, count or measure",
});
export type GoalMetric = z.infer<typeof goalMetricSchema>;

/** Whether a goal's metric is a measure recorded by hand (else it is computed from feedback). */
export const isMeasure = (metric: GoalMetric): metric is MeasureMetric => metric.kind === "measure";

const text = (field: string, min: number, max: number) =>
  z
    .string(`${field} must be a string`)
    .check(z.minLength(min, `${field} is required`), z.maxLength(max, `${field} must be at most ${max} characters`));
const isoDate = (field: string) => z.iso.date(`${field} must be a date (yyyy-mm-dd)`);
const staffIds = z
  .array(z.string("ambassadors must be staff ids"), "ambassadors must be a list of staff ids")
  .check(z.maxLength(20, "at most 20 ambassadors"));

/** A goal as stored: the what, set by management, measurable through its metric. */
export const goalSchema = z.object({
  id: z.string(),
  /** Customers read it in their language (in updates and on the board). */
  title: storedTextSchema,
  description: z.optional(z.string()),
  parentId: z.optional(z.string()),
  department: z.optional(z.string()),
  /** Staff id of the person who answers for the goal. */
  owner: z.optional(z.string()),
  /** Staff who champion the goal and coach others. */
  ambassadors: z.array(z.string()),
  dueDate: z.optional(z.string()),
  status: z.enum(goalStatuses),
  metric: z.optional(goalMetricSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Goal = z.infer<typeof goalSchema>;

/** `POST /api/goals`. */
export const goalInputSchema = z.object({
  title: localizedInput("title", 200),
  description: z.optional(text("description", 0, 5000)),
  parentId: z.optional(z.string("parentId must be a goal id")),
  department: z.optional(text("department", 1, 100)),
  owner: z.optional(z.string("owner must be a staff id")),
  ambassadors: z.optional(staffIds),
  dueDate: z.optional(isoDate("dueDate")),
  metric: z.optional(goalMetricSchema),
});
export type GoalInput = z.infer<typeof goalInputSchema>;

/** `PATCH /api/goals/{id}`: the version the change is based on, and the changes (null clears). */
export const goalPatchSchema = z.object({
  version: z
    .number("version is required")
    .check(z.int("version must be a whole number"), z.gte(1, "version is at least 1")),
  title: z.optional(localizedInput("title", 200, { removable: true })),
  description: z.optional(z.nullable(text("description", 0, 5000))),
  parentId: z.optional(z.nullable(z.string("parentId must be a goal id"))),
  department: z.optional(z.nullable(text("department", 1, 100))),
  owner: z.optional(z.nullable(z.string("owner must be a staff id"))),
  ambassadors: z.optional(staffIds),
  dueDate: z.optional(z.nullable(isoDate("dueDate"))),
  status: z.optional(z.enum(goalStatuses, "status must be active, achieved or dropped")),
  metric: z.optional(z.nullable(goalMetricSchema)),
});
export type GoalPatch = z.infer<typeof goalPatchSchema>;

/** `POST /api/goals/{id}/feedback` and `POST /api/actions/{id}/feedback`. */
export const feedbackIdsSchema = z.object({
  feedbackIds: z
    .array(z.string("feedbackIds must be feedback ids"), "feedbackIds must be a list of feedback ids")
    .check(z.minLength(1, "feedbackIds must name at least one item"), z.maxLength(100, "at most 100 items at once")),
});

/** Where a goal's metric stood when an update was written: "complaint share 6%, down from 10%". */
export const goalStandingSchema = z.object({
  title: storedTextSchema,
  metric: z.optional(
    z.object({
      kind: z.enum(metricKinds),
      /** A measure's unit ("%", "days"). */
      unit: z.optional(z.string()),
      value: z.nullable(z.number()),
      baseline: z.number(),
      target: z.number(),
    }),
  ),
});
export type GoalStanding = z.infer<typeof goalStandingSchema>;
