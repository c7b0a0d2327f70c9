import type { Deps } from "../deps";
import { newId } from "../ids";
import type { MailTransport } from "../mail/types";
import { composeNotification } from "./compose";

export type DeliveryOutcome = "sent" | "already_done" | "suppressed";

/**
 * Sends one pending notification and marks it sent. Safe to call again for the same purpose (a
 * redelivered stream record): a notification that is no longer pending sends nothing. A transport
 * failure is recorded and rethrown, so the caller's retry delivers it later.
 */
export async function deliverNotification(
  deps: Deps,
  transport: MailTransport,
  purpose: string,
): Promise<DeliveryOutcome> {
  const notification = await deps.notifications.find(purpose);
  if (notification?.status !== "pending" || !notification.content) return "already_done";
  if (await deps.suppressions.isSuppressed(notification.emailHash)) {
    await deps.notifications.markSuppressed(purpose, deps.now());
    return "suppressed";
  }
  let messageId: string;
  try {
    ({ messageId } = await transport.send(composeNotification(notification)));
  } catch (error) {
    await deps.notifications.recordFailure(purpose, String(error), deps.now());
    throw error;
  }
  const now = deps.now();
  const entry = notification.feedbackId
    ? {
        id: newId(now),
        feedbackId: notification.feedbackId,
        type: "acknowledgement_sent" as const,
        at: now.toISOString(),
        actor: "system",
        public: false,
        details: { transport: transport.name },
      }
    : undefined;
  await deps.notifications.markSent(purpose, messageId, entry, now);
  return "sent";
}
