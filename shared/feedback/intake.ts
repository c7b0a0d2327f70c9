import { acknowledgementPurpose } from "../db/keys";
import type { Deps } from "../deps";
import { ConflictError, IdempotencyKeyReusedError } from "../errors";
import { IdempotencyRepository } from "../idempotency/repository";
import { newId, newToken, normaliseEmail, sha256 } from "../ids";
import { outboxItems } from "../notifications/outbox";
import { TokenRepository } from "../tracking/repository";
import { IntakeRaceError } from "./repository";
import { type Feedback, type FeedbackInput, type Submitted, submittedSchema } from "./schema";

const IDEMPOTENCY_SCOPE = "intake";

/** The link a submitter follows to see their item. */
export const trackingUrl = (publicUrl: string, token: string) => `${publicUrl}/track/${token}`;

/**
 * Stores a new feedback item with its timeline entry, its tracking token and, when the submitter
 * gave an address and consent, the pending acknowledgement: all in one transaction. With an
 * idempotency key, a retry of the same body gets the first answer and stores nothing new.
 */
export async function submitFeedback(
  deps: Deps,
  input: FeedbackInput,
  options: { idempotencyKey?: string } = {},
): Promise<Submitted> {
  const now = deps.now();
  const keyHash = options.idempotencyKey === undefined ? undefined : sha256(options.idempotencyKey);
  const requestHash = sha256(JSON.stringify(input));
  if (keyHash) {
    const earlier = await deps.idempotency.find(IDEMPOTENCY_SCOPE, keyHash, now);
    if (earlier) return replay(earlier, requestHash);
  }

  const at = now.toISOString();
  const feedback: Feedback = {
    ...input,
    id: newId(now),
    status: "new",
    tags: [],
    emailHash: input.email ? sha256(normaliseEmail(input.email)) : undefined,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const trackingToken = newToken();
  const answer: Submitted = {
    id: feedback.id,
    status: feedback.status,
    trackingToken,
    trackingUrl: trackingUrl(deps.config.publicUrl, trackingToken),
  };
  const related: Record<string, unknown>[] = [TokenRepository.trackingItem(sha256(trackingToken), feedback.id, at)];
  if (input.email && input.consent) {
    related.push(
      ...outboxItems(deps, {
        kind: "acknowledgement",
        purpose: acknowledgementPurpose(feedback.id),
        recipient: { email: input.email, name: input.name, locale: input.locale },
        content: { message: input.message, trackingUrl: answer.trackingUrl },
        feedbackId: feedback.id,
      }),
    );
  }

  try {
    await deps.feedback.createWithIntake({
      feedback,
      timeline: { id: newId(now), feedbackId: feedback.id, type: "received", at, actor: "customer", public: true },
      related,
      idempotency: keyHash
        ? IdempotencyRepository.item(IDEMPOTENCY_SCOPE, keyHash, requestHash, answer, now)
        : undefined,
    });
  } catch (error) {
    if (!(error instanceof IntakeRaceError) || !keyHash) throw error;
    const winner = await deps.idempotency.find(IDEMPOTENCY_SCOPE, keyHash, now);
    if (!winner) throw new ConflictError("a request with this Idempotency-Key is still being processed; retry it");
    return replay(winner, requestHash);
  }
  return answer;
}

function replay(earlier: { requestHash: string; response: unknown }, requestHash: string): Submitted {
  if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return submittedSchema.parse(earlier.response);
}
