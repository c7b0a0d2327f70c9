import type { Deps } from "../deps";
import { NotFoundError } from "../errors";
import { sha256 } from "../ids";
import { publicUpdateTypes, type TrackingView } from "./schema";

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
  // A merged item's submitter follows the item it was merged into: its status and its updates.
  const primaryId = feedback.mergedInto;
  const [primary, primaryTimeline] = primaryId
    ? await Promise.all([deps.feedback.get(primaryId), deps.feedback.timeline(primaryId)])
    : [undefined, []];
  const updates = [...timeline, ...primaryTimeline.filter((e) => e.type !== "received")]
    .filter((e) => e.public)
    .flatMap((e) => (isPublicUpdate(e.type) ? [{ type: e.type, at: e.at }] : []))
    .sort((a, b) => a.at.localeCompare(b.at));
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
    status: primary?.status ?? feedback.status,
    updates,
  };
}

const isPublicUpdate = (type: string): type is (typeof publicUpdateTypes)[number] =>
  (publicUpdateTypes as readonly string[]).includes(type);
