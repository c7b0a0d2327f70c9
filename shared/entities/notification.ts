import * as z from "zod/mini";
import { updatePhases } from "../db/keys";
import { locales } from "../i18n/locales";
import { goalStandingSchema } from "./goal";

export const notificationStatuses = ["pending", "sent", "failed", "suppressed"] as const;
export const notificationKinds = [
  "acknowledgement",
  "sign_in",
  "invitation",
  "update",
  "ending",
  "reply",
  "subscription",
  "compliment",
  "kudos",
  "digest",
  "alert",
] as const;
/** Mail to staff, which they did not ask for by signing in: an unsubscribe from customer mail does not stop it. */
export const staffKinds: readonly NotificationKind[] = [
  "sign_in",
  "invitation",
  "compliment",
  "kudos",
  "digest",
  "alert",
];

/** One goal in a staff member's weekly digest: what happened over the week. */
export const digestGoalSchema = z.object({
  goalId: z.string(),
  title: z.string(),
  role: z.enum(["owner", "ambassador"]),
  /** Feedback linked to it that came in over the week. */
  newFeedback: z.number(),
  /** Its metric's value now and a week ago (null without a value), and its target. */
  metric: z.optional(
    z.object({
      kind: z.string(),
      unit: z.optional(z.string()),
      now: z.nullable(z.number()),
      weekAgo: z.nullable(z.number()),
      target: z.number(),
    }),
  ),
  /** Customers of its linked feedback told the outcome over the week. */
  told: z.number(),
  /** Its actions past their due date, neither done nor dropped. */
  overdue: z.array(z.object({ title: z.string(), dueDate: z.string() })),
});
export type DigestGoal = z.infer<typeof digestGoalSchema>;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * What each kind of message needs to be composed; every message carries an unsubscribe link.
 * An update's links (tracking, unsubscribe) and the items it covers are settled when it is sent,
 * so the update owed to a customer is one small item, whichever of their items led to it.
 */
export const notificationContent = {
  acknowledgement: z.object({ message: z.string(), trackingUrl: z.string(), unsubscribeUrl: z.string() }),
  // Staff mail carries no unsubscribe link: nothing in it can stop a staff member's sign-in mail.
  // (Notifications an older version wrote still hold one; it is not used.)
  sign_in: z.object({ url: z.string(), validMinutes: z.number(), unsubscribeUrl: z.optional(z.string()) }),
  invitation: z.object({ url: z.string(), role: z.string(), unsubscribeUrl: z.optional(z.string()) }),
  // `subscriber`: written for someone who asked to be told, so it goes out without feedback of theirs.
  update: z.object({
    actionId: z.string(),
    phase: z.enum(updatePhases),
    goal: z.optional(goalStandingSchema),
    subscriber: z.optional(z.boolean()),
  }),
  // The confirmation a visitor asked for (double opt-in): no unsubscribe, nothing is sent without it.
  subscription: z.object({ title: z.string(), confirmUrl: z.string() }),
  // An item ended by hand: what the customer said, and what came of it.
  ending: z.object({
    message: z.string(),
    status: z.enum(["done", "closed"]),
    outcome: z.string(),
    trackingUrl: z.string(),
    unsubscribeUrl: z.string(),
  }),
  // A compliment staff routed to a person it praises: the customer's words (untrusted), and who wrote them.
  compliment: z.object({
    message: z.string(),
    from: z.enum(["customer", "colleague"]),
    department: z.optional(z.string()),
    recognitionUrl: z.string(),
  }),
  // Kudos from a colleague: who gave them, and why (their words).
  kudos: z.object({ from: z.string(), reason: z.string(), recognitionUrl: z.string() }),
  // The week's digest of the goals someone owns or champions; switched off in their settings.
  digest: z.object({
    week: z.string(),
    goals: z.array(digestGoalSchema),
    consoleUrl: z.string(),
    settingsUrl: z.string(),
  }),
  // A detractor or a complaint on a topic or department someone subscribed to: the customer's words.
  alert: z.object({
    message: z.string(),
    kind: z.string(),
    score: z.optional(z.object({ type: z.string(), value: z.number() })),
    topic: z.optional(z.string()),
    department: z.optional(z.string()),
    itemUrl: z.string(),
    settingsUrl: z.string(),
  }),
  // Staff's personal reply to what the customer said.
  reply: z.object({ message: z.string(), reply: z.string(), trackingUrl: z.string(), unsubscribeUrl: z.string() }),
} as const;
export type NotificationContent<K extends NotificationKind> = z.infer<(typeof notificationContent)[K]>;

/** An outbox entry: one message owed to one recipient for one purpose, and its delivery state. */
export const notificationSchema = z.object({
  purpose: z.string(),
  kind: z.enum(notificationKinds),
  status: z.enum(notificationStatuses),
  /** The feedback item the message is about, when it is about one (its timeline records the send). */
  feedbackId: z.optional(z.string()),
  recipient: z.object({ email: z.string(), name: z.optional(z.string()), locale: z.enum(locales) }),
  emailHash: z.string(),
  /** What the message needs; removed once sent, because it carries bearer links. */
  content: z.optional(z.record(z.string(), z.unknown())),
  attempts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
  /** The transport that took the message. */
  transport: z.optional(z.string()),
  /** Times the mail service asked to be tried later (rate or quota): these spend no attempt. */
  deferrals: z.optional(z.number()),
  lastError: z.optional(z.string()),
  /** While a sender holds the notification (claimed it and is sending), until when. */
  claimedUntil: z.optional(z.string()),
  /** After a failed attempt: when the next one is due. */
  nextAttemptAt: z.optional(z.string()),
  failedAt: z.optional(z.string()),
  /** The links (tracking, unsubscribe) issued for the message (erasure deletes them). */
  linkSetId: z.optional(z.string()),
  /** The feedback items the message covered (an update covers all of a customer's linked items). */
  feedbackIds: z.optional(z.array(z.string())),
  /**
   * Once a "we did" update is sent, who sets the told-at of the items it covered: the job's page
   * that sent it (with its own write of each item), or the stream function (any other sender).
   */
  toldBy: z.optional(z.enum(["page", "stream"])),
});
export type Notification = z.infer<typeof notificationSchema>;
