import * as z from "zod/mini";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import { type Notification, notificationKinds, notificationStatuses } from "../entities/notification";
import { PrivacyRepository } from "../repositories/privacy";

/** What staff see of one message to a customer: its delivery state, never its links or address. */
export const messageStateSchema = z.object({
  purpose: z.string(),
  kind: z.enum(notificationKinds),
  status: z.enum(notificationStatuses),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.optional(z.string()),
  failedAt: z.optional(z.string()),
  /** While pending after a failed attempt: when the next attempt is due. */
  nextAttemptAt: z.optional(z.string()),
  lastError: z.optional(z.string()),
  /** For updates: the action and phase ("will" or "did") the message is about. */
  actionId: z.optional(z.string()),
  phase: z.optional(z.string()),
});
export type MessageState = z.infer<typeof messageStateSchema>;

/** The notifications owed or sent to an item's customer about this item, oldest first. */
export async function notificationsAbout(deps: Deps, item: Feedback): Promise<Notification[]> {
  if (!item.emailHash) return [];
  const all = await new PrivacyRepository(deps.db, deps.config.tableName).notificationsOf(item.emailHash);
  return all
    .filter((n) => n.feedbackId === item.id || n.feedbackIds?.includes(item.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** What staff see of these notifications. */
export function messageStates(notifications: Notification[]): MessageState[] {
  return notifications.map((n) => {
    const [, actionId, phase] = n.kind === "update" ? n.purpose.split("#") : [];
    return {
      purpose: n.purpose,
      kind: n.kind,
      status: n.status,
      attempts: n.attempts,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
      failedAt: n.failedAt,
      nextAttemptAt: n.status === "pending" ? n.nextAttemptAt : undefined,
      lastError: n.lastError,
      actionId,
      phase,
    };
  });
}
