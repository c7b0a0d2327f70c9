import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { Feedback, TimelineEntry } from "../entities/feedback";
import { newId } from "../ids";
import { VersionConflictError } from "../repositories/feedback";

/** The status a feedback item's actions give it: done if any is done, planned if any is under way. */
export function statusFromActions(actions: Pick<Action, "status">[]): "done" | "planned" | undefined {
  if (actions.some((a) => a.status === "done")) return "done";
  if (actions.some((a) => a.status === "planned" || a.status === "in_progress")) return "planned";
  return undefined;
}

/**
 * Brings one feedback item in line with its linked actions: its status follows them (merged and
 * closed items keep theirs), it takes the action's goal if it has none, and `entry` (an action's
 * change, with a deterministic id) lands on its timeline. Safe to repeat: the state is recomputed,
 * and an entry already written is not written again.
 */
export async function followActions(
  deps: Deps,
  feedbackId: string,
  cause: { actor: string; goalId?: string; entry?: Omit<TimelineEntry, "feedbackId" | "version"> },
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.feedback.get(feedbackId);
    const actions = await deps.actions.getMany(await deps.actions.actionsOf(feedbackId));
    const followed = statusFromActions(actions);
    const keepsStatus = current.status === "merged" || current.status === "closed";
    const status = followed && !keepsStatus ? followed : current.status;
    const goalId = current.goalId ?? cause.goalId;
    if (status === current.status && goalId === current.goalId) {
      // Only the entry is news: it stands alone on the timeline (its id is deterministic, so a
      // repeat writes the same entry), and the item is not rewritten.
      if (cause.entry) await deps.feedback.addTimelineEntries([{ ...cause.entry, feedbackId }]);
      return;
    }
    const entryDone = cause.entry ? await deps.feedback.hasTimelineEntry(feedbackId, cause.entry.id) : true;
    const now = deps.now();
    const next: Feedback = { ...current, status, goalId, updatedAt: now.toISOString(), version: current.version + 1 };
    if (status === "done" && current.status !== "done") next.doneAt = now.toISOString();
    const changes = [
      ...(status !== current.status ? [{ field: "status", from: current.status, to: status }] : []),
      ...(goalId !== current.goalId ? [{ field: "goalId", from: current.goalId ?? null, to: goalId }] : []),
    ];
    const entries: TimelineEntry[] = [];
    if (cause.entry && !entryDone) entries.push({ ...cause.entry, feedbackId, version: next.version });
    if (changes.length > 0) {
      entries.push({
        id: newId(now),
        feedbackId,
        type: "changed",
        at: now.toISOString(),
        actor: cause.actor,
        public: false,
        version: next.version,
        details: { changes, cause: "action" },
      });
    }
    try {
      await deps.feedback.update(next, current.version, entries);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(`feedback ${feedbackId} kept changing while following its actions`);
}
