import type { Deps } from "../deps";
import { type Feedback, type FeedbackInput, type Submitted, submittedSchema } from "../entities/feedback";
import { ValidationError } from "../errors";
import { answerItem, earlierAnswer, idempotentRequest, winningAnswer } from "../idempotent";
import { newId, newLocatorToken, normaliseEmail, sha256 } from "../ids";
import { IntakeRaceError } from "../repositories/feedback";
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
  const idempotent = idempotentRequest(IDEMPOTENCY_SCOPE, options.idempotencyKey, [], input);
  if (idempotent) {
    const earlier = await earlierAnswer(deps, idempotent, submittedSchema);
    if (earlier) return earlier;
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
    await deps.feedback.create(feedback, idempotent ? answerItem(idempotent, answer, now) : undefined);
  } catch (error) {
    if (!(error instanceof IntakeRaceError) || !idempotent) throw error;
    return winningAnswer(deps, idempotent, submittedSchema);
  }
  deps.telemetry.count("feedbackReceived");
  return answer;
}
