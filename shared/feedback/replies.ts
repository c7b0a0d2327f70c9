import type { Principal } from "../auth/principal";
import { replyPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { TimelineEntry } from "../entities/feedback";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import { personalMessage } from "../notifications/personal";
import { FeedbackRepository } from "../repositories/feedback";
import { wantsUpdates } from "../updates/customers";

/**
 * A personal reply from staff to an item's submitter, sent once: the timeline entry that records
 * it (with the reply's text, which the sent message no longer holds) and the notification that
 * sends it are written together. Refused when nobody can receive it: no address, no consent,
 * erased, or the address unsubscribed or suppressed.
 */
export async function replyToFeedback(
  deps: Deps,
  actor: Principal,
  feedbackId: string,
  message: string,
): Promise<{ id: string; status: "pending" }> {
  const item = await deps.feedback.get(feedbackId);
  if (!wantsUpdates(item) || (await deps.suppressions.isSuppressed(item.emailHash))) {
    throw new ConflictError(
      "nobody can receive a reply to this feedback: the submitter gave no address or consent, unsubscribed, or was erased",
      "cannot_reply",
    );
  }
  const now = deps.now();
  const id = newId(now);
  const purpose = replyPurpose(feedbackId, id);
  const notification = await personalMessage(deps, item, purpose, "reply", (links) => ({
    message: item.message,
    reply: message,
    ...links,
  }));
  const entry: TimelineEntry = {
    id,
    feedbackId,
    type: "replied",
    at: now.toISOString(),
    actor: actor.staff.id,
    public: false,
    details: { text: message, purpose },
  };
  await deps.notifications.createWith(notification, deps.config.delivery.claimSeconds, [
    FeedbackRepository.timelineItem(entry),
  ]);
  return { id, status: "pending" };
}
