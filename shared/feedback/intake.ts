import type { Deps } from "../deps";
import { type Feedback, type FeedbackInput, type Submitted, submittedSchema } from "../entities/feedback";
import { ConflictError, IdempotencyKeyReusedError, ValidationError } from "../errors";
import { newId, newLocatorToken, normaliseEmail, sha256 } from "../ids";
import { IntakeRaceError } from "../repositories/feedback";
import { IdempotencyRepository } from "../repositories/idempotency";
import { trackingUrl } from "../tracking/links";

const IDEMPOTENCY_SCOPE = "intake";

/**
 * Stores a new feedback item: one write. The item carries the hash of its tracking token (the token
 * names the item, so the tracking page finds it with one read) and, when the submitter gave an
 * address and consent, that an acknowledgement is owed: the stream function writes it to the
 * outbox from the item's first record, so an acknowledged item can never lack its acknowledgement.
 * With an idempotency key, a retry of the same body gets the first answer and stores nothing new.
 */
export async function submitFeedback(
  deps: Deps,
  input: FeedbackInput,
  options: { idempotencyKey?: string } = {},
): Promise<Submitted> {
  if (input.praises !== undefined && (input.kind !== "compliment" || input.customerType !== "internal")) {
    throw new ValidationError("praises names the colleague a compliment from a colleague is for", {
      praises: "only with kind compliment and customerType internal",
    });
  }
  const now = deps.now();
  // Only a request with an idempotency key is remembered, so only then is its body hashed.
  const idempotent =
    options.idempotencyKey === undefined
      ? undefined
      : { keyHash: sha256(options.idempotencyKey), requestHash: sha256(JSON.stringify(input)) };
  if (idempotent) {
    const earlier = await deps.idempotency.find(IDEMPOTENCY_SCOPE, idempotent.keyHash, now);
    if (earlier) return replay(earlier, idempotent.requestHash);
  }

  const at = now.toISOString();
  const id = newId(now);
  const trackingToken = newLocatorToken(id);
  const feedback: Feedback = {
    ...input,
    creditName: input.creditName ? true : undefined,
    id,
    status: "new",
    tags: [],
    emailHash: input.email ? sha256(normaliseEmail(input.email)) : undefined,
    trackingHash: sha256(trackingToken),
    acknowledgementOwed: input.email && input.consent ? true : undefined,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const answer: Submitted = {
    id,
    status: feedback.status,
    trackingToken,
    trackingUrl: trackingUrl(deps.config.publicUrl, trackingToken),
  };

  try {
    await deps.feedback.create(
      feedback,
      idempotent
        ? IdempotencyRepository.item(IDEMPOTENCY_SCOPE, idempotent.keyHash, idempotent.requestHash, answer, now)
        : undefined,
    );
  } catch (error) {
    if (!(error instanceof IntakeRaceError) || !idempotent) throw error;
    const winner = await deps.idempotency.find(IDEMPOTENCY_SCOPE, idempotent.keyHash, now);
    if (!winner) throw new ConflictError("a request with this Idempotency-Key is still being processed; retry it");
    return replay(winner, idempotent.requestHash);
  }
  deps.telemetry.count("feedbackReceived");
  return answer;
}

function replay(earlier: { requestHash: string; response: unknown }, requestHash: string): Submitted {
  if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return submittedSchema.parse(earlier.response);
}
