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

/** Why an item follows its actions now: who, the goal it may take over, and the action's change. */
export interface FollowCause {
  actor: string;
  goalId?: string;
  change?: { id: string; at: string; actionId: string };
  action?: Action;
  /** When the item's submitter was told its outcome, for an item whose told-at this write sets. */
  toldAt?: string;
}

/** The change that brings an item in line with its actions, as stored and on its timeline. */
export interface FollowingChange {
  next: Feedback;
  expectedVersion: number;
  entries: TimelineEntry[];
}

/**
 * What following these actions (all the item's linked actions, or any set that decides its status)
 * changes on the item as it is now: undefined when nothing does. Its status follows them (merged
 * and closed items keep theirs), it takes the cause's goal if it has none, and sets the told-at
 * if it has none; the entry of an action's change has a deterministic id, so a repeat writes the
 * same entry.
 */
export function followingChange(
  current: Feedback,
  actions: Pick<Action, "status">[],
  cause: FollowCause,
  now: Date,
): FollowingChange | undefined {
  const keepsStatus = current.status === "merged" || current.status === "closed";
  // Every action it followed was dropped: it is back to being looked at.
  const abandoned = actions.length > 0 && actions.every((a) => a.status === "dropped") && current.status === "planned";
  const followed = statusFromActions(actions) ?? (abandoned ? "triaged" : undefined);
  const status = followed && !keepsStatus ? followed : current.status;
  const goalId = current.goalId ?? cause.goalId;
  const toldAt = current.outcomeToldAt ?? cause.toldAt;
  if (status === current.status && goalId === current.goalId && toldAt === current.outcomeToldAt) return undefined;
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
    id: change ? deterministicId(new Date(change.at), `${change.id}#${current.id}#follow`) : newId(now),
    feedbackId: current.id,
    type: "changed",
    at: change?.at ?? now.toISOString(),
    actor: cause.actor,
    public: false,
    version: next.version,
    details: { changes, cause: "action", ...(change ? { actionId: change.actionId } : {}) },
  };
  return { next, expectedVersion: current.version, entries: changes.length > 0 ? [entry] : [] };
}

/**
 * Brings one feedback item in line with its linked actions ({@link followingChange}); what changed
 * lands on its timeline. Safe to repeat: the state is recomputed. The action's own changes are not
 * copied to the item: its timeline shows them from the action's. `action` is an action the caller
 * read a moment ago, and `read` the item as it read it a moment ago (a job's page reads its items
 * at once): both stand in for a read on the first attempt. `toldAt` sets the item's told-at in the
 * same write, if it has none.
 */
export async function followActions(
  deps: Deps,
  feedbackId: string,
  cause: FollowCause,
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
    const change = followingChange(current, actions, cause, deps.now());
    if (!change) return;
    try {
      await deps.feedback.update(change.next, change.expectedVersion, change.entries);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(`feedback ${feedbackId} kept changing while following its actions`);
}
