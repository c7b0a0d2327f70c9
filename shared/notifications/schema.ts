import * as z from "zod/mini";
import { locales } from "../i18n/locales";

export const notificationStatuses = ["pending", "sent", "failed", "suppressed"] as const;
export const notificationKinds = ["acknowledgement"] as const;

/** An outbox entry: one message owed to one recipient for one purpose, and its delivery state. */
export const notificationSchema = z.object({
  purpose: z.string(),
  kind: z.enum(notificationKinds),
  status: z.enum(notificationStatuses),
  feedbackId: z.string(),
  recipient: z.object({ email: z.string(), name: z.optional(z.string()), locale: z.enum(locales) }),
  emailHash: z.string(),
  /** What the message needs; removed once sent, because it carries bearer links. */
  content: z.optional(z.object({ message: z.string(), trackingUrl: z.string(), unsubscribeUrl: z.string() })),
  attempts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
  lastError: z.optional(z.string()),
});
export type Notification = z.infer<typeof notificationSchema>;
