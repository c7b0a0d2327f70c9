import type { Deps } from "../deps";
import { publicUpdateTypes, type TimelineEntry, type TrackingView } from "../entities/feedback";
import { NotFoundError } from "../errors";
import type { Locale } from "../i18n/locales";
import { type LocalizedText, textIn } from "../i18n/texts";
import { looksLikeToken } from "../ids";

/** Merges form short chains; following more hops than this would mean a cycle, which merges refuse. */
const MAX_MERGE_HOPS = 10;

/**
 * What a submitter sees through their tracking token: what they wrote, its status and the public
 * updates. Never their address or name. Unknown tokens are a NotFoundError.
 */
export async function getTrackingView(deps: Deps, token: string, lang?: Locale): Promise<TrackingView> {
  if (!looksLikeToken(token)) throw new NotFoundError("unknown tracking token");
  const feedbackId = await deps.tokens.findTracking(token);
  if (!feedbackId) throw new NotFoundError("unknown tracking token");
  const [feedback, timeline] = await Promise.all([deps.feedback.get(feedbackId), deps.timeline.of(feedbackId)]);
  // A merged item's submitter follows the item it was merged into (and on, if that one was merged
  // later): its status and its updates, without the other items' own receipt and merge entries.
  let primary = feedback;
  const followed: TimelineEntry[] = [];
  for (let hops = 0; primary.mergedInto && hops < MAX_MERGE_HOPS; hops++) {
    const next = primary.mergedInto;
    const [item, entries] = await Promise.all([deps.feedback.get(next), deps.timeline.of(next)]);
    primary = item;
    followed.push(...entries.filter((e) => e.type !== "received" && e.type !== "merged_into"));
  }
  // What was planned and what was done: the linked actions of the item the submitter follows.
  const actions = await deps.actions.getMany(await deps.actions.actionsOf(primary.id));
  // In the language the reader asked for, else the one they wrote in.
  const locale = lang ?? feedback.locale;
  const say = (text: LocalizedText | undefined) => textIn(text, locale, deps.config.defaultLocale);
  const outcomes: TrackingView["updates"] = actions.flatMap((a) => [
    ...(a.plannedAt && a.weWill
      ? [{ type: "planned" as const, at: a.plannedAt, text: say(a.weWill), title: say(a.title) }]
      : []),
    ...(a.doneAt && a.weDid ? [{ type: "done" as const, at: a.doneAt, text: say(a.weDid), title: say(a.title) }] : []),
    ...(a.droppedAt && a.willAnnouncedAt && a.dropReason
      ? [{ type: "dropped" as const, at: a.droppedAt, text: say(a.dropReason), title: say(a.title) }]
      : []),
  ]);
  // What came of it, when staff ended the item by hand and told its customers.
  const ending = primary.ending;
  if (ending?.notify && ending.outcome) outcomes.push({ type: ending.status, at: ending.at, text: ending.outcome });
  const updates = [...timeline, ...followed]
    .filter((e) => e.public)
    .flatMap((e): TrackingView["updates"] => (isPublicUpdate(e.type) ? [{ type: e.type, at: e.at }] : []))
    .concat(outcomes)
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
    status: primary.status,
    updates,
  };
}

const isPublicUpdate = (type: string): type is (typeof publicUpdateTypes)[number] =>
  (publicUpdateTypes as readonly string[]).includes(type);
