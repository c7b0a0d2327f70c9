import type { Deps } from "../deps";
import { NotFoundError } from "../errors";
import { sha256 } from "../ids";
import type { TrackingView } from "./schema";

/** Token shape: base64url of 32 bytes. Anything else is unknown without a database read. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a string has the shape of a token this product issues. */
export const looksLikeToken = (token: string) => TOKEN_PATTERN.test(token);

/**
 * What a submitter sees through their tracking token: what they wrote, its status and the public
 * updates. Never their address or name. Unknown tokens are a NotFoundError.
 */
export async function getTrackingView(deps: Deps, token: string): Promise<TrackingView> {
  if (!looksLikeToken(token)) throw new NotFoundError("unknown tracking token");
  const feedbackId = await deps.tokens.findTracking(sha256(token));
  if (!feedbackId) throw new NotFoundError("unknown tracking token");
  const [feedback, timeline] = await Promise.all([deps.feedback.get(feedbackId), deps.feedback.timeline(feedbackId)]);
  return {
    feedback: {
      id: feedback.id,
      message: feedback.message,
      kind: feedback.kind,
      score: feedback.score,
      topic: feedback.topic,
      locale: feedback.locale,
      createdAt: feedback.createdAt,
    },
    status: feedback.status,
    updates: timeline.filter((e) => e.public).map((e) => ({ type: e.type, at: e.at })),
  };
}
