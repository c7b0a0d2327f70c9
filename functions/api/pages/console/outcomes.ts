import * as z from "zod/mini";
import {
  type Feedback,
  feedbackNowSchema,
  type TimelineEntry,
  timelineEntrySchema,
} from "../../../../shared/entities/feedback";
import type { AppError } from "../../../../shared/errors";
import { isId } from "./common";

// What the console says after an action: flash messages read back from the redirect's query (only
// counts and ids, never text from the request), and the details of a version conflict.

const count = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};
const items = (n: number) => (n === 1 ? "1 item" : `${n} items`);

/** The inbox's flash after a bulk change: `?done=<count>&failed=<count>&failedIds=<id>,<id>`. */
export function bulkFlash(query: Record<string, string>): string | undefined {
  const done = count(query.done);
  const failed = count(query.failed) ?? 0;
  if (done === undefined) return undefined;
  const parts = [`Changed ${items(done)}.`];
  if (failed > 0) {
    const ids = (query.failedIds ?? "").split(",").filter(isId);
    const which = ids.length > 0 ? `: ${ids.join(", ")}` : "";
    parts.push(
      `${items(failed)} could not be changed (merged or unknown items, for example; open them to see why)${which}.`,
    );
  }
  return parts.join(" ");
}

const flashes: Record<string, string> = {
  saved: "Saved.",
  merged: "Merged.",
  invited: "Invitation sent.",
  replied: "Reply sent: it goes out in a moment.",
  changed: "Saved.",
  revoked: "Token revoked.",
  lifted: "Suppression lifted: mail reaches the address again.",
  linked: "Linked.",
};

/** The flash for a `?<what>=1` after a redirect (or `?routed=<n>&already=<m>` after routing a compliment). */
export function flashOf(query: Record<string, string>): string | undefined {
  const routed = count(query.routed);
  if (routed !== undefined) {
    const already = count(query.already) ?? 0;
    const told = routed === 1 ? "1 person is told" : `${routed} people are told`;
    return `Compliment routed: ${told} by mail${already > 0 ? `; ${already} had been told already` : ""}.`;
  }
  const what = Object.keys(flashes).find((key) => query[key] === "1");
  return what ? flashes[what] : undefined;
}

/** What an erasure changed, read back from the redirect's query. */
export function erasureOf(query: Record<string, string>) {
  const feedbackItems = count(query.feedbackItems);
  const notifications = count(query.notifications);
  return feedbackItems === undefined || notifications === undefined ? undefined : { feedbackItems, notifications };
}

const conflictDetailsSchema = z.object({
  current: feedbackNowSchema,
  changedSince: z.array(timelineEntrySchema),
});

/**
 * A stale save's conflict: the entries since the person's version and the item as it was then (the
 * base for saving again). Falls back to the item read afresh when the error says less.
 */
export function conflictOf(
  error: AppError,
  fresh: Feedback & { timeline: TimelineEntry[] },
  seenVersion: number,
): { base: Feedback; changedSince: TimelineEntry[]; current: Record<string, unknown> } {
  const parsed = conflictDetailsSchema.safeParse(error.details);
  if (!parsed.success) {
    const changedSince = fresh.timeline.filter((e) => e.version !== undefined && e.version > seenVersion);
    return { base: fresh, changedSince, current: { ...fresh } };
  }
  const { current, changedSince } = parsed.data;
  const base: Feedback = {
    ...fresh,
    ...current,
    topic: current.topic ?? undefined,
    assignee: current.assignee ?? undefined,
  };
  return { base, changedSince, current };
}
