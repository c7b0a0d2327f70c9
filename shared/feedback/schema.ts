import * as z from "zod/mini";
import { locales } from "../i18n/locales";

// zod/mini keeps the api bundle small; schemas here are also the source of the OpenAPI document.

export const feedbackKinds = ["complaint", "suggestion", "compliment", "question"] as const;
export const feedbackStatuses = ["new", "triaged", "planned", "done", "closed", "merged"] as const;
export const customerTypes = ["external", "internal"] as const;

/** Counts characters as people do (code points), not UTF-16 units. */
const characters = (value: string) => [...value].length;

const text = (field: string, max: number) =>
  z.string(`${field} must be a string`).check(
    z.refine((v) => characters(v) <= max, `${field} must be at most ${max} characters`),
    z.refine((v) => !v.includes("\u0000"), `${field} must not contain NUL characters`),
  );

export const scoreSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("nps"),
      value: z
        .number("score.value must be a number")
        .check(
          z.int("score.value must be a whole number"),
          z.gte(0, "an NPS score is 0 to 10"),
          z.lte(10, "an NPS score is 0 to 10"),
        ),
    }),
    z.object({
      type: z.literal("csat"),
      value: z
        .number("score.value must be a number")
        .check(
          z.int("score.value must be a whole number"),
          z.gte(1, "a CSAT score is 1 to 5"),
          z.lte(5, "a CSAT score is 1 to 5"),
        ),
    }),
  ],
  "score.type must be nps or csat",
);
export type Score = z.infer<typeof scoreSchema>;

/** The body of `POST /api/feedback` (and, after mapping, of the HTML form). */
export const feedbackInputSchema = z.object({
  message: z
    .string({ error: (issue) => (issue.input === undefined ? "message is required" : "message must be a string") })
    .check(
      z.refine((v) => v.trim().length > 0, "message is required"),
      z.refine((v) => characters(v) <= 5000, "message must be at most 5000 characters"),
      z.refine((v) => !v.includes("\u0000"), "message must not contain NUL characters"),
    ),
  kind: z._default(z.enum(feedbackKinds, "kind must be complaint, suggestion, compliment or question"), "suggestion"),
  score: z.optional(scoreSchema),
  email: z.optional(
    z.email("email must be a valid address").check(z.maxLength(254, "email must be at most 254 characters")),
  ),
  name: z.optional(text("name", 200)),
  consent: z._default(z.boolean("consent must be true or false"), false),
  locale: z._default(z.enum(locales, "locale must be en, nl or sv"), "en"),
  customerType: z._default(z.enum(customerTypes, "customerType must be external or internal"), "external"),
  department: z.optional(text("department", 100)),
  topic: z.optional(text("topic", 100)),
  channel: z._default(text("channel", 50), "api"),
});
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

/** A feedback item as stored (and parsed back when read). */
export const feedbackSchema = z.object({
  id: z.string(),
  status: z.enum(feedbackStatuses),
  kind: z.enum(feedbackKinds),
  score: z.optional(scoreSchema),
  message: z.string(),
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  consent: z.boolean(),
  locale: z.enum(locales),
  customerType: z.enum(customerTypes),
  department: z.optional(z.string()),
  topic: z.optional(z.string()),
  channel: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** The answer of a successful intake. */
export const submittedSchema = z.object({
  id: z.string(),
  status: z.enum(feedbackStatuses),
  trackingToken: z.string(),
  trackingUrl: z.string(),
});
export type Submitted = z.infer<typeof submittedSchema>;

export const timelineEventTypes = ["received", "acknowledgement_sent"] as const;

/** One entry of an item's timeline: who did what, when, with old and new values where relevant. */
export const timelineEntrySchema = z.object({
  id: z.string(),
  feedbackId: z.string(),
  type: z.enum(timelineEventTypes),
  at: z.string(),
  actor: z.string(),
  /** Whether the submitter sees this entry on their tracking page. */
  public: z.boolean(),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What the submitter sees on their tracking page: what they wrote, never who they are. */
export const trackingViewSchema = z.object({
  feedback: z.object({
    id: z.string(),
    message: z.string(),
    kind: z.enum(feedbackKinds),
    score: z.optional(scoreSchema),
    topic: z.optional(z.string()),
    locale: z.enum(locales),
    createdAt: z.string(),
  }),
  status: z.enum(feedbackStatuses),
  updates: z.array(
    z.object({
      type: z.enum(timelineEventTypes),
      at: z.string(),
    }),
  ),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;
