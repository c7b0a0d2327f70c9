import * as z from "zod/mini";
import type { Principal } from "../auth/principal";
import { replyPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { TimelineEntry } from "../entities/feedback";
import { ConflictError } from "../errors";
import { earlierAnswer, idempotentRequest, writeAnswered } from "../idempotent";
import { newId } from "../ids";
import { personalMessage } from "../notifications/personal";
import { TimelineRepository } from "../repositories/timeline";
import { wantsUpdates } from "../updates/customers";

const IDEMPOTENCY_SCOPE = "reply";

/** What a reply's request is answered with. */
export const replyCreatedSchema = z.object({ id: z.string(), status: z.literal("pending") });
export type ReplyCreated = z.infer<typeof replyCreatedSchema>;

/**
 * A personal reply from staff to an item's submitter, sent once: the timeline entry that records
 * it (with the reply's text, which the sent message no longer holds) and the notification that
 * sends it are written together. Refused when nobody can receive it: no address, no consent,
 * erased, or the address unsubscribed or suppressed. With an idempotency key (the API's
 * `Idempotency-Key`, the console form's own), the same staff member sending the same reply to the
 * same item again gets the first answer, and the customer one mail.
 */
export async function replyToFeedback(
  deps: Deps,
  actor: Principal,
  feedbackId: string,
  message: string,
  options: { idempotencyKey?: string } = {},
): Promise<ReplyCreated> {
  const idempotent = idempotentRequest(IDEMPOTENCY_SCOPE, options.idempotencyKey, [actor.staff.id, feedbackId], {
    message,
  });
  if (idempotent) {
    const earlier = await earlierAnswer(deps, idempotent, replyCreatedSchema);
    if (earlier) return earlier;
  }
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
  const answer: ReplyCreated = { id, status: "pending" };
  const items = [TimelineRepository.item(entry)];
  return (await writeAnswered(deps, { notification, items, now }, idempotent, answer, replyCreatedSchema)).answer;
}
