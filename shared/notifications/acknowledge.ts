import { encodeTime } from "ulid";
import { acknowledgementPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import type { MailTransport } from "../mail/types";
import { TokenRepository } from "../repositories/tokens";
import { trackingUrl, unsubscribeUrl } from "../tracking/links";
import {
  type DeliveryBudget,
  type DeliveryOutcome,
  deliverClaimed,
  deliverNotification,
  sendingPaused,
} from "./deliver";

/**
 * Sends the acknowledgement a new item owes (intake marks it owed on the item; this runs on the
 * item's first stream record). The notification is written already claimed by this sender, so the
 * send costs no claim of its own, and then sent at once; its key makes a second one impossible, so
 * a redelivered record finds it and only finishes what the first did not (or leaves it to the
 * sweep while the first one's claim holds). Links are issued for the mail (tracking and
 * unsubscribe), stored before the notification that carries them.
 *
 * - An address suppressed already (unsubscribed, bounced, erased) gets no notification holding it:
 *   one is written finished as suppressed, without the address (the item's timeline shows it).
 * - While the mail service paused sending, the notification is written unclaimed, due for later.
 */
export async function acknowledge(
  deps: Deps,
  transport: MailTransport,
  feedback: Feedback,
  budget: DeliveryBudget,
): Promise<DeliveryOutcome | undefined> {
  if (!feedback.acknowledgementOwed || !feedback.email || !feedback.emailHash) return undefined;
  const owed = { ...feedback, email: feedback.email, emailHash: feedback.emailHash };
  const purpose = acknowledgementPurpose(feedback.id);
  const base = acknowledgementBase(owed, deps.now().toISOString());
  const { claimSeconds } = deps.config.delivery;

  if (await deps.suppressions.isSuppressed(feedback.emailHash)) {
    const suppressed: Notification = {
      ...base,
      status: "suppressed",
      recipient: { email: "", locale: feedback.locale },
    };
    if (await deps.notifications.create(suppressed, claimSeconds)) deps.telemetry.count("messageSuppressed");
    return "suppressed";
  }

  const paused = await sendingPaused(deps);
  const notification = await writeAcknowledgement(deps, owed, !paused);
  if (!notification) {
    // Written by an earlier delivery of this record: finish it if nobody holds it.
    return deliverNotification(deps, transport, purpose, budget);
  }
  if (paused) return "deferred";
  return deliverClaimed(deps, transport, { notification, interrupted: false }, budget);
}

/**
 * Issues and stores the acknowledgement's links, then writes its notification: claimed by the
 * caller when `claimed`, otherwise pending and due for the sweep. Undefined when one exists already.
 */
export async function writeAcknowledgement(
  deps: Deps,
  feedback: Feedback & { email: string; emailHash: string },
  claimed: boolean,
): Promise<Notification | undefined> {
  const now = deps.now();
  const at = now.toISOString();
  const { claimSeconds } = deps.config.delivery;
  const links = TokenRepository.issueLinks(feedback.emailHash, [feedback.id], now, "feedback", feedback.id);
  const notification: Notification = {
    ...acknowledgementBase(feedback, at),
    content: {
      message: feedback.message,
      trackingUrl: trackingUrl(deps.config.publicUrl, links.tracking.get(feedback.id) ?? ""),
      unsubscribeUrl: unsubscribeUrl(deps.config.publicUrl, links.unsubscribe),
    },
    linkSetId: links.linkSet.id,
    ...(claimed ? { attempts: 1, claimedUntil: new Date(now.getTime() + claimSeconds * 1000).toISOString() } : {}),
  };
  await deps.tokens.storeLinks(links.linkSet);
  return (await deps.notifications.create(notification, claimSeconds)) ? notification : undefined;
}

function acknowledgementBase(feedback: Feedback & { email: string; emailHash: string }, at: string): Notification {
  return {
    purpose: acknowledgementPurpose(feedback.id),
    kind: "acknowledgement",
    status: "pending",
    feedbackId: feedback.id,
    recipient: { email: feedback.email, name: feedback.name, locale: feedback.locale },
    emailHash: feedback.emailHash,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** How long an item's own stream record has to acknowledge it before the sweep looks. */
export const ACKNOWLEDGEMENT_GRACE_MS = 10 * 60_000;
/** How far back a sweep without a cursor looks: the stream keeps records for a day. */
const FIRST_LOOK_BACK_MS = 24 * 3_600_000;
const PAGE = 100;

/**
 * The sweep's net under the stream: new items past the grace period whose acknowledgement was
 * never written (their stream record failed past its retries) are acknowledged now. A cursor item
 * remembers how far this has checked, so each item is read once; the notification's key keeps a
 * late stream record and the sweep from sending twice.
 */
export async function acknowledgeOwed(
  deps: Deps,
  transport: MailTransport,
  budget: DeliveryBudget & { reserveMs: number },
): Promise<Partial<Record<DeliveryOutcome, number>>> {
  const outcomes: Partial<Record<DeliveryOutcome, number>> = {};
  const now = deps.now().getTime();
  const before = encodeTime(now - ACKNOWLEDGEMENT_GRACE_MS, 10);
  let after = (await deps.notifications.acknowledgementCursor()) ?? encodeTime(now - FIRST_LOOK_BACK_MS, 10);
  const timeLeft = () => budget.deadline - Date.now() > budget.reserveMs;
  while (timeLeft()) {
    const page = await deps.feedback.made(after, before, PAGE);
    if (page.length === 0) break;
    const start = after;
    for (const feedback of page) {
      if (!timeLeft()) break;
      if (feedback.acknowledgementOwed && !(await deps.notifications.find(acknowledgementPurpose(feedback.id)))) {
        const outcome = await acknowledge(deps, transport, feedback, budget);
        if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
      after = feedback.id;
    }
    // One cursor write per page: a sweep cut off inside a page checks its start again, finding
    // the acknowledgements it wrote.
    if (after !== start) await deps.notifications.advanceAcknowledgementCursor(after, deps.now());
  }
  return outcomes;
}
