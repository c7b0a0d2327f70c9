import { persist } from "../db/failures";
import type { Deps } from "../deps";
import { type Notification, staffKinds } from "../entities/notification";
import type { SuppressionReason } from "../entities/suppression";
import { logger } from "../logger";
import { MailDeferredError } from "../mail/transports/error";
import type { MailTransport } from "../mail/types";
import { nextAttemptAt } from "../outbox/retry";
import { type KnownToSender, prepareUpdate } from "../updates/prepare";
import { composeNotification } from "./compose";
import { tellsOutcome } from "./outcome";

export type DeliveryOutcome = "sent" | "suppressed" | "held" | "deferred" | "retrying" | "failed";

/** What a claimed notification says, ready to compose, and which feedback items it covers. */
interface Prepared {
  content: Record<string, unknown>;
  feedbackIds: string[];
  /** The links issued for it now (an update's), if any. */
  linkSetId?: string;
}

/** The longest a sender waits for a slot under the shared rate before it leaves the message to the sweep. */
export const SLOT_WAIT_MS = 10_000;
/** What a sender keeps in hand before its invocation's end: enough to mark what it sent. */
export const MARK_RESERVE_MS = 5_000;

/** How long one delivery may take: its invocation's end (less a reserve), by default a minute from now. */
export interface DeliveryBudget {
  /** Epoch ms by which this delivery must be finished. */
  deadline: number;
  /** What the sender of an update read a moment ago: not read again per message. */
  known?: KnownToSender;
}

/** Settles what a message says: an update gathers its customer's items and links now. */
async function prepare(deps: Deps, notification: Notification, known?: KnownToSender): Promise<Prepared | undefined> {
  if (notification.kind === "update") return prepareUpdate(deps, notification, known);
  return {
    content: notification.content ?? {},
    feedbackIds: notification.feedbackId ? [notification.feedbackId] : [],
  };
}

/**
 * How many sends one counter item of the shared sending rate takes a second, at most: with the
 * refusals it also counts, that keeps it well under the 1,000 writes a second one item takes.
 */
export const SENDS_PER_RATE_SHARD = 400;

/**
 * The counter items the sending rate is spread over, each with its share of the rate, which add
 * up to the rate exactly. Up to 400 a second it is the one item older versions kept (`all`).
 */
export function sendRateShards(rate: number): { client: string; limit: number }[] {
  const count = Math.max(1, Math.ceil(rate / SENDS_PER_RATE_SHARD));
  return Array.from({ length: count }, (_, i) => ({
    client: i === 0 ? "all" : `all.${i}`,
    limit: Math.floor(rate / count) + (i < rate % count ? 1 : 0),
  }));
}

/**
 * Waits for a slot under the sending rate shared by every sender (the SES quota), but not past
 * `until`: false when no slot came in time (the message stays due, for the sweep). Each try asks
 * a shard of the rate picked at random and, if it is full, the next one, so senders spread over
 * the shards and a full second costs at most two refused writes per try.
 */
export async function takeSendSlot(deps: Deps, until: number): Promise<boolean> {
  const rate = deps.config.delivery.ratePerSecond;
  if (rate <= 0) return true;
  const shards = sendRateShards(rate);
  for (;;) {
    const now = deps.now();
    const first = Math.floor(Math.random() * shards.length);
    for (let tried = 0; tried < Math.min(2, shards.length); tried++) {
      const shard = shards[(first + tried) % shards.length] as (typeof shards)[number];
      if ((await deps.rateLimits.take("mail-send", shard.client, shard.limit, 1, now)).allowed) return true;
    }
    const wait = 1000 - (now.getTime() % 1000) + 5;
    if (Date.now() + wait > until) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** A pause read a moment ago is trusted for this long, so a paused sender does not read it per message. */
const PAUSE_CACHE_MS = 5_000;
const pauseSeen = new WeakMap<Deps, { readAt: number; until?: string }>();

/** Whether the mail service refused every message until a time still to come (a daily quota). */
export async function sendingPaused(deps: Deps): Promise<boolean> {
  const now = deps.now();
  let seen = pauseSeen.get(deps);
  if (!seen || Date.now() - seen.readAt > PAUSE_CACHE_MS) {
    seen = { readAt: Date.now(), until: await deps.notifications.pausedUntil() };
    pauseSeen.set(deps, seen);
  }
  return seen.until !== undefined && seen.until > now.toISOString();
}

const defaultBudget = (): DeliveryBudget => ({ deadline: Date.now() + 60_000 });

/**
 * Sends one pending notification and marks it sent. Safe to call again for the same purpose (a
 * redelivered stream record, the sweep): a notification is claimed before it is sent, so two
 * senders never send it at once, and once it is finished nothing is sent.
 *
 * - A transport failure is recorded, and the notification is due again after a backoff, until it
 *   has used its attempts and ends failed; either way the failure does not hold up other messages.
 * - A refusal for now (the service's rate or daily quota) is no failure: the notification is given
 *   back unspent and tried later, and a quota pauses every sender until then.
 * - Once the transport took the message, the mark is one write of the notification alone, repeated
 *   through throttling, conflicts and timeouts until the budget's end: nothing else can conflict
 *   with it, and no refused mark leads to a second send.
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
  budget: DeliveryBudget = defaultBudget(),
): Promise<DeliveryOutcome> {
  if (await sendingPaused(deps)) return "deferred";
  // Claimed before a slot is taken: a record delivered again, or a sweep that meets the stream,
  // finds the notification held and spends none of the shared sending rate.
  const claimed = await deps.notifications.claim(purpose, deps.now(), deps.config.delivery.claimSeconds);
  if (!claimed) return "held";
  return deliverClaimed(deps, transport, claimed, budget);
}

/**
 * Sends a notification this sender holds: claimed just now, or written already claimed by it (an
 * acknowledgement). Everything `deliverNotification` says about failures and marks holds here.
 */
export async function deliverClaimed(
  deps: Deps,
  transport: MailTransport,
  claimed: { notification: Notification; interrupted: boolean },
  budget: DeliveryBudget = defaultBudget(),
): Promise<DeliveryOutcome> {
  const { notification, interrupted } = claimed;
  const { purpose } = notification;
  const slotUntil = Math.min(Date.now() + SLOT_WAIT_MS, budget.deadline - MARK_RESERVE_MS);
  if (!(await takeSendSlot(deps, slotUntil))) {
    // No slot in time: the claim is given back unspent, and the message is due for the sweep now.
    await deps.notifications.defer(purpose, "no send slot before the deadline", deps.now(), deps.now());
    return "deferred";
  }
  // A page's sender read its recipients' suppressions at once, a moment ago; anyone else reads one.
  const page = budget.known?.suppressed;
  const reason = page?.read.has(notification.emailHash)
    ? page.reasons.get(notification.emailHash)
    : await deps.suppressions.reasonFor(notification.emailHash);
  if (suppresses(notification, reason)) {
    await deps.notifications.markSuppressed(
      purpose,
      deps.now(),
      notification.feedbackId ? [notification.feedbackId] : [],
    );
    deps.telemetry.count("messageSuppressed");
    return "suppressed";
  }
  if (!notification.content) return "held";
  if (interrupted) logger.warn("resending an interrupted send", { purpose, attempt: notification.attempts });
  const prepared = await prepare(deps, notification, budget.known);
  if (!prepared) {
    await deps.notifications.markSuppressed(purpose, deps.now());
    deps.telemetry.count("messageSuppressed");
    return "suppressed";
  }
  let messageId: string;
  try {
    ({ messageId } = await transport.send(composeNotification(notification, prepared.content)));
  } catch (error) {
    return recordRefusal(deps, notification, prepared.feedbackIds, error);
  }
  const told = tellsOutcome(notification);
  const sent = {
    messageId,
    transport: transport.name,
    feedbackIds: prepared.feedbackIds,
    linkSetId: prepared.linkSetId,
    ...(told ? { toldBy: budget.known?.recordsTold ? ("page" as const) : ("stream" as const) } : {}),
  };
  try {
    await persist(() => deps.notifications.markSent(purpose, sent, deps.now()), budget.deadline);
  } catch (error) {
    // Sent, but the mark could not be written in this invocation: the claim holds the message off
    // until it runs out, and only then can the sweep send it again (the crash window above).
    logger.error("sent but not marked", { purpose, messageId, error: String(error) });
    throw error;
  }
  deps.telemetry.count("messageSent");
  if (told) deps.telemetry.count("loopClosed");
  return "sent";
}

/**
 * Whether a suppression stops this message. Staff mail (sign-in, invitation, compliments and kudos
 * routed to them) goes to them as staff, and a visitor asked for the confirmation of their
 * subscription, so an unsubscribe (from customer mail to the same address, or a link older
 * sign-in mails carried) does not stop it; a bounce, a complaint or an erasure does.
 */
function suppresses(notification: Notification, reason: SuppressionReason | undefined): boolean {
  if (!reason) return false;
  const asked = staffKinds.includes(notification.kind) || notification.kind === "subscription";
  return !(asked && reason === "unsubscribed");
}

/** Records why the transport did not take a message: for now (deferred), or a failed attempt. */
async function recordRefusal(
  deps: Deps,
  notification: Notification,
  feedbackIds: string[],
  error: unknown,
): Promise<DeliveryOutcome> {
  const { purpose } = notification;
  const now = deps.now();
  if (error instanceof MailDeferredError) {
    const retryAt = new Date(now.getTime() + error.retryAfterSeconds * 1000);
    if (error.appliesToAll) {
      await deps.notifications.pauseSending(retryAt, String(error), now);
      pauseSeen.delete(deps);
    }
    await deps.notifications.defer(purpose, String(error), now, retryAt);
    logger.info("send deferred", { purpose, retryAt, error: String(error) });
    return "deferred";
  }
  const retryAt = nextAttemptAt(deps.config.delivery, notification.attempts, now);
  await deps.notifications.recordFailure(purpose, String(error), now, retryAt, feedbackIds);
  logger.warn("send failed", { purpose, attempt: notification.attempts, retryAt, error: String(error) });
  deps.telemetry.count(retryAt ? "sendRetrying" : "messageFailed");
  return retryAt ? "retrying" : "failed";
}
