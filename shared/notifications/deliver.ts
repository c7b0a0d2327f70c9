import type { Deps } from "../deps";
import { newId } from "../ids";
import { composeAcknowledgement } from "../mail/templates/acknowledgement";
import type { MailTransport, OutgoingMail } from "../mail/types";
import type { Notification } from "./schema";

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
    ({ messageId } = await transport.send(composeMail(notification)));
  } catch (error) {
    await deps.notifications.recordFailure(purpose, String(error), deps.now());
    throw error;
  }
  const now = deps.now();
  await deps.notifications.markSent(
    purpose,
    messageId,
    {
      id: newId(now),
      feedbackId: notification.feedbackId,
      type: "acknowledgement_sent",
      at: now.toISOString(),
      actor: "system",
      public: false,
      details: { transport: transport.name },
    },
    now,
  );
  return "sent";
}

function composeMail(notification: Notification): OutgoingMail {
  const content = notification.content;
  if (!content) throw new Error(`notification ${notification.purpose} has no content`);
  const { email, name, locale } = notification.recipient;
  return {
    id: notification.purpose,
    to: email,
    toName: name,
    locale,
    unsubscribeUrl: content.unsubscribeUrl,
    ...composeAcknowledgement({ locale, name, ...content }),
  };
}
