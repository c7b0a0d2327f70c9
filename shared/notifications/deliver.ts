import type { Deps } from "../deps";
import type { TimelineEntry } from "../feedback/schema";
import { newId } from "../ids";
import { logger } from "../logger";
import type { MailTransport } from "../mail/types";
import { prepareUpdate } from "../updates/prepare";
import { composeNotification } from "./compose";
import type { Notification } from "./schema";

export type DeliveryOutcome = "sent" | "already_done" | "suppressed" | "held" | "retrying" | "failed";

/** What a claimed notification says, ready to compose, and which feedback items it covers. */
interface Prepared {
  content: Record<string, unknown>;
  feedbackIds: string[];
}

/** Settles what a message says: an update gathers its customer's items and links now. */
async function prepare(deps: Deps, notification: Notification): Promise<Prepared | undefined> {
  if (notification.kind === "update") return prepareUpdate(deps, notification);
  return {
    content: notification.content ?? {},
    feedbackIds: notification.feedbackId ? [notification.feedbackId] : [],
  };
}

/** The delay before retry `attempt + 1`: the configured base, doubling with each attempt. */
export function retryDelaySeconds(base: number, attempt: number): number {
  return base * 2 ** Math.max(0, attempt - 1);
}

/** Waits for a slot under the sending rate shared by every sender (the SES quota). */
async function takeSendSlot(deps: Deps): Promise<void> {
  const rate = deps.config.delivery.ratePerSecond;
  if (rate <= 0) return;
  for (;;) {
    const now = deps.now();
    if ((await deps.rateLimits.take("mail-send", "all", rate, 1, now)).allowed) return;
    await new Promise((resolve) => setTimeout(resolve, 1000 - (now.getTime() % 1000) + 5));
  }
}

const timelineEntries = (
  notification: Notification,
  feedbackIds: string[],
  type: TimelineEntry["type"],
  now: Date,
  details: Record<string, unknown>,
): TimelineEntry[] =>
  feedbackIds.map((feedbackId) => ({
    id: newId(now),
    feedbackId,
    type,
    at: now.toISOString(),
    actor: "system",
    public: false,
    details: { kind: notification.kind, purpose: notification.purpose, ...details, ...updateDetails(notification) },
  }));

const updateDetails = (notification: Notification) =>
  notification.kind === "update" && notification.content
    ? { actionId: notification.content.actionId, phase: notification.content.phase }
    : {};

/**
 * Sends one pending notification and marks it sent. Safe to call again for the same purpose (a
 * redelivered stream record, the sweep): a notification is claimed before it is sent, so two
 * senders never send it at once, and once it is finished nothing is sent. A transport failure is
 * recorded, and the notification is due again after a backoff, until it has used its attempts and
 * ends failed; either way the failure does not hold up other messages.
 *
 * The one window no mail API closes: the process dies after the transport accepted the message and
 * before it was marked. The claim then runs out, the sweep finds the notification due, and it is
 * sent again (the outbox transport recognises it by its stable id and writes nothing; SMTP and SES
 * deliver a second copy). Logged as `resending an interrupted send`.
 */
export async function deliverNotification(
  deps: Deps,
  transport: MailTransport,
  purpose: string,
): Promise<DeliveryOutcome> {
  const found = await deps.notifications.find(purpose);
  if (found?.status !== "pending") return "already_done";
  if (await deps.suppressions.isSuppressed(found.emailHash)) {
    const now = deps.now();
    const ids = found.feedbackId ? [found.feedbackId] : [];
    await deps.notifications.markSuppressed(purpose, now, timelineEntries(found, ids, "message_suppressed", now, {}));
    return "suppressed";
  }
  await takeSendSlot(deps);
  const notification = await deps.notifications.claim(purpose, deps.now(), deps.config.delivery.claimSeconds);
  if (!notification?.content) return "held";
  if (found.claimedUntil) logger.warn("resending an interrupted send", { purpose, attempt: notification.attempts });
  const prepared = await prepare(deps, notification);
  if (!prepared) {
    await deps.notifications.markSuppressed(purpose, deps.now());
    return "suppressed";
  }
  let messageId: string;
  try {
    ({ messageId } = await transport.send(composeNotification(notification, prepared.content)));
  } catch (error) {
    const now = deps.now();
    const { maxAttempts, retrySeconds } = deps.config.delivery;
    const retryAt =
      notification.attempts < maxAttempts
        ? new Date(now.getTime() + retryDelaySeconds(retrySeconds, notification.attempts) * 1000)
        : undefined;
    const entries = retryAt
      ? []
      : timelineEntries(notification, prepared.feedbackIds, "message_failed", now, {
          attempts: notification.attempts,
          error: String(error).slice(0, 200),
        });
    await deps.notifications.recordFailure(purpose, String(error), now, retryAt, entries);
    logger.warn("send failed", { purpose, attempt: notification.attempts, retryAt, error: String(error) });
    return retryAt ? "retrying" : "failed";
  }
  const now = deps.now();
  const type = notification.kind === "acknowledgement" ? "acknowledgement_sent" : "message_sent";
  await deps.notifications.markSent(
    purpose,
    {
      messageId,
      feedbackIds: prepared.feedbackIds,
      entries: timelineEntries(notification, prepared.feedbackIds, type, now, { transport: transport.name }),
      outcomeTold: notification.kind === "update" && notification.content.phase === "did",
    },
    now,
  );
  return "sent";
}
