import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { Feedback, TimelineEntry } from "../entities/feedback";
import { deterministicId, newId } from "../ids";
import { VersionConflictError } from "../repositories/feedback";

/** The status a feedback item's actions give it: done if any is done, planned if any is under way. */
export function statusFromActions(actions: Pick<Action, "status">[]): "done" | "planned" | undefined {
  if (actions.some((a) => a.status === "done")) return "done";
  if (actions.some((a) => a.status === "planned" || a.status === "in_progress")) return "planned";
  return undefined;
}

/**
 * Brings one feedback item in line with its linked actions: its status follows them (merged and
 * closed items keep theirs), and it takes the action's goal if it has none; what changed lands on
 * its timeline. Safe to repeat: the state is recomputed, and the entry of an action's change
 * (`change`, carried by its job) has a deterministic id, so a repeat writes the same entry. The
 * action's own changes are not copied to the item: its timeline shows them from the action's.
 * `action` is an action the caller read a moment ago, and `read` the item as it read it a moment ago
 * (a job's page reads its items at once): both stand in for a read on the first attempt. `toldAt`
 * sets the item's told-at in the same write, if it has none.
 */
export async function followActions(
  deps: Deps,
  feedbackId: string,
  cause: {
    actor: string;
    goalId?: string;
    change?: { id: string; at: string; actionId: string };
    action?: Action;
    /** When the item's submitter was told its outcome, for an item whose told-at this write sets. */
    toldAt?: string;
  },
  read?: Feedback,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [current, actionIds] = await Promise.all([
      attempt === 0 && read ? read : deps.feedback.get(feedbackId),
      deps.actions.actionsOf(feedbackId),
    ]);
    // The action the caller read a moment ago (a job's page) is not read again for each item.
    const known = attempt === 0 && cause.action && actionIds.includes(cause.action.id) ? [cause.action] : [];
    const others = actionIds.filter((id) => !known.some((a) => a.id === id));
    const actions = [...known, ...(others.length > 0 ? await deps.actions.getMany(others) : [])];
    const keepsStatus = current.status === "merged" || current.status === "closed";
    // Every action it followed was dropped: it is back to being looked at.
    const abandoned =
      actions.length > 0 && actions.every((a) => a.status === "dropped") && current.status === "planned";
    const followed = statusFromActions(actions) ?? (abandoned ? "triaged" : undefined);
    const status = followed && !keepsStatus ? followed : current.status;
    const goalId = current.goalId ?? cause.goalId;
    const toldAt = current.outcomeToldAt ?? cause.toldAt;
    if (status === current.status && goalId === current.goalId && toldAt === current.outcomeToldAt) return;
    const now = deps.now();
    const next: Feedback = {
      ...current,
      status,
      goalId,
      updatedAt: now.toISOString(),
      version: current.version + 1,
      ...(toldAt ? { outcomeToldAt: toldAt } : {}),
    };
    if (status === "done" && current.status !== "done") next.doneAt = now.toISOString();
    const changes = [
      ...(status !== current.status ? [{ field: "status", from: current.status, to: status }] : []),
      ...(goalId !== current.goalId ? [{ field: "goalId", from: current.goalId ?? null, to: goalId }] : []),
    ];
    const { change } = cause;
    const entry: TimelineEntry = {
      id: change ? deterministicId(new Date(change.at), `${change.id}#${feedbackId}#follow`) : newId(now),
      feedbackId,
      type: "changed",
      at: change?.at ?? now.toISOString(),
      actor: cause.actor,
      public: false,
      version: next.version,
      details: { changes, cause: "action", ...(change ? { actionId: change.actionId } : {}) },
    };
    try {
      await deps.feedback.update(next, current.version, changes.length > 0 ? [entry] : []);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(`feedback ${feedbackId} kept changing while following its actions`);
}
