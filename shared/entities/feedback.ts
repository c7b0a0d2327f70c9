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
  /**
   * A colleague (internal customer) naming who a compliment is for: a staff member's name or
   * address, as free text. Intake never says whether it names anyone; staff route the compliment.
   */
  praises: z.optional(text("praises", 200)),
  /**
   * true: if this leads to a fix, the public board may name the submitter (their `name`) as one of
   * those who found it. Otherwise they are counted, never named.
   */
  creditName: z._default(z.boolean("creditName must be true or false"), false),
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
  /** Who a colleague's compliment names (free text, as written); staff route it to people. */
  praises: z.optional(z.string()),
  /** The submitter agreed to be named on the public board as a finder of what a fix fixed. */
  creditName: z.optional(z.boolean()),
  tags: z.array(z.string()),
  /** Staff id of the person who owns the item. */
  assignee: z.optional(z.string()),
  /** The improvement goal the item is evidence for. */
  goalId: z.optional(z.string()),
  /** When a linked action made the item done: the outcome, for the loop figures. */
  doneAt: z.optional(z.string()),
  /** When the submitter was told the outcome ("you said, we did"). */
  outcomeToldAt: z.optional(z.string()),
  /**
   * How staff ended the item by hand (done or closed, not through an action): what came of it, and
   * whether its customers are told. The change of `version` that set it is the one that tells.
   */
  ending: z.optional(
    z.object({
      status: z.enum(["done", "closed"]),
      at: z.string(),
      version: z.number(),
      outcome: z.optional(z.string()),
      notify: z.boolean(),
    }),
  ),
  /** How many items were merged into this one (their submitters hear what this one's do). */
  mergedCount: z.optional(z.number()),
  /** The primary item this one was merged into (status "merged"). */
  mergedInto: z.optional(z.string()),
  /** SHA-256 of the normalised address: finds everything held about an address (privacy). */
  emailHash: z.optional(z.string()),
  /** SHA-256 of the tracking token intake handed out (the token names this item; see `newLocatorToken`). */
  trackingHash: z.optional(z.string()),
  /**
   * Set at intake when the submitter gave an address and consent: the stream function owes them
   * the acknowledgement, and writes it to the outbox from the item's first stream record.
   */
  acknowledgementOwed: z.optional(z.boolean()),
  /** Set when an admin erased the submitter's personal data. */
  erasedAt: z.optional(z.string()),
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

export const timelineEventTypes = [
  "received",
  "acknowledgement_sent",
  "changed",
  "note",
  "merged_into",
  "merged_from",
  "erased",
  "linked_goal",
  "linked_action",
  "action_changed",
  "message_sent",
  "message_failed",
  "message_suppressed",
  "ended",
  "replied",
  "compliment_routed",
] as const;
export type TimelineEventType = (typeof timelineEventTypes)[number];

/** The timeline events a submitter sees on their tracking page. */
export const publicUpdateTypes = ["received", "merged_into", "planned", "done", "dropped", "closed"] as const;

/** One entry of an item's timeline: who did what, when, with old and new values where relevant. */
export const timelineEntrySchema = z.object({
  id: z.string(),
  feedbackId: z.string(),
  type: z.enum(timelineEventTypes),
  at: z.string(),
  actor: z.string(),
  /** Whether the submitter sees this entry on their tracking page. */
  public: z.boolean(),
  /** The item's version after this change, for entries that changed the item. */
  version: z.optional(z.number()),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What an edit based on an older version is told of the item as it is now (its 409's `current`). */
export const feedbackNowSchema = z.object({
  version: z.number(),
  status: z.enum(feedbackStatuses),
  kind: z.enum(feedbackKinds),
  topic: z.nullable(z.string()),
  tags: z.array(z.string()),
  assignee: z.nullable(z.string()),
});
export type FeedbackNow = z.infer<typeof feedbackNowSchema>;

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
      type: z.enum(publicUpdateTypes),
      at: z.string(),
      /**
       * For planned, done and dropped: what we will do, what we did, or why it will not happen
       * (staff's words, in the submitter's language); for an item ended by hand, what came of it.
       */
      text: z.optional(z.string()),
      /** The action's title, for updates about an action. */
      title: z.optional(z.string()),
    }),
  ),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;

/** Statuses staff can set directly; "merged" comes only from a merge. */
export const settableStatuses = ["new", "triaged", "planned", "done", "closed"] as const;

const optionalText = (field: string, max: number) =>
  z.optional(
    z.nullable(
      z.string(`${field} must be a string`).check(z.maxLength(max, `${field} must be at most ${max} characters`)),
    ),
  );

/** `PATCH /api/feedback/{id}`: the version the change is based on, and the changes. */
export const feedbackPatchSchema = z.object({
  version: z
    .number("version is required")
    .check(z.int("version must be a whole number"), z.gte(1, "version is at least 1")),
  status: z.optional(z.enum(settableStatuses, "status must be new, triaged, planned, done or closed")),
  kind: z.optional(z.enum(feedbackKinds, "kind must be complaint, suggestion, compliment or question")),
  topic: optionalText("topic", 100),
  tags: z.optional(
    z
      .array(
        z
          .string("each tag must be a string")
          .check(z.minLength(1, "a tag cannot be empty"), z.maxLength(50, "a tag is at most 50 characters")),
        "tags must be a list of strings",
      )
      .check(z.maxLength(20, "at most 20 tags")),
  ),
  /** A staff id, or null to unassign. */
  assignee: z.optional(z.nullable(z.string("assignee must be a staff id"))),
  /**
   * Moving to done or closed by hand: what came of the item, told once to its consenting
   * submitter (and those of items merged into it).
   */
  outcome: z.optional(
    z
      .string("outcome must be a string")
      .check(
        z.trim(),
        z.minLength(1, "outcome cannot be empty"),
        z.maxLength(2000, "outcome must be at most 2000 characters"),
      ),
  ),
  /** false: end the item by hand without telling anybody, on purpose. */
  notify: z.optional(z.boolean("notify must be true or false")),
  /** An internal note, never shown to customers. */
  note: z.optional(
    z
      .string("note must be a string")
      .check(z.minLength(1, "note cannot be empty"), z.maxLength(5000, "note must be at most 5000 characters")),
  ),
});
export type FeedbackPatch = z.infer<typeof feedbackPatchSchema>;

/** `POST /api/feedback/{id}/replies`: a personal reply to the item's submitter. */
export const replyInputSchema = z.object({
  message: z
    .string("message is required")
    .check(
      z.trim(),
      z.minLength(1, "message is required"),
      z.maxLength(5000, "message must be at most 5000 characters"),
    ),
});

/** `POST /api/feedback/{id}/merge`. */
export const mergeInputSchema = z.object({
  intoId: z.string("intoId is required").check(z.minLength(1, "intoId is required")),
});

/** Inbox filters (query string of `GET /api/feedback`). */
export const inboxQuerySchema = z.object({
  status: z.optional(z.enum(feedbackStatuses, "status must be one of new, triaged, planned, done, closed, merged")),
  kind: z.optional(z.enum(feedbackKinds, "kind must be complaint, suggestion, compliment or question")),
  topic: z.optional(z.string().check(z.maxLength(100))),
  department: z.optional(z.string().check(z.maxLength(100))),
  assignee: z.optional(z.string().check(z.maxLength(40))),
  goalId: z.optional(z.string().check(z.maxLength(40))),
  limit: z._default(
    z.coerce
      .number("limit must be a number")
      .check(z.int("limit must be a whole number"), z.gte(1, "limit is 1 to 100"), z.lte(100, "limit is 1 to 100")),
    50,
  ),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** Records under the primary item that another item was merged into it. */
export const mergedLinkSchema = z.object({ mergedId: z.string(), at: z.string() });

/** How many feedback items have each status (kept by the stream function). */
export const statusCountsSchema = z.record(z.string(), z.number());
