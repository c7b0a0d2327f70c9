import { forEachLimit } from "../concurrency";
import type { UpdatePhase } from "../db/keys";
import { updateJobId } from "../db/keys";
import type { Deps } from "../deps";
import { type Action, followedActionFields } from "../entities/action";
import type { GoalStanding } from "../entities/goal";
import type { ActionChangeJob } from "../entities/job";
import { deterministicId } from "../ids";
import type { ItemFailure } from "../jobs/failures";
import { type FollowingChange, followActions, followingChange, statusFromActions } from "./follow";

/** How many of a page's items follow the action at once: each item is its own write. */
const FOLLOW_CONCURRENCY = 8;

/**
 * The job that carries an action's change to its linked feedback, or undefined when their status
 * does not follow from it and it tells nobody (an edit of its texts, in_progress after planned):
 * their timelines show the action's changes from its own timeline. The caller writes it in the action's own transaction, so it can be neither
 * lost nor exist for a change that did not happen. A change that begins a phase (`phase`) also
 * tells each item's customer; its id is then the phase's, so a phase is told by one job only.
 */
export function actionChangeJob(
  before: Action,
  after: Action,
  actor: string,
  phase: UpdatePhase | undefined,
  goal: GoalStanding | undefined,
): ActionChangeJob | undefined {
  // Linked items are written to only when the status they follow changes, or customers are told.
  if (statusFromActions([before]) === statusFromActions([after]) && !phase) return undefined;
  const changes = followedActionFields
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
  const id = phase ? updateJobId(after.id, phase) : `action-sync#${after.id}#${after.version}`;
  return {
    id,
    kind: "action_change",
    status: "pending",
    actionId: after.id,
    actionVersion: after.version,
    cursor: null,
    entry: { id: deterministicId(new Date(after.updatedAt), id), at: after.updatedAt, actor, changes },
    ...(phase ? { phase, goal } : {}),
  };
}

/**
 * Brings a page of linked items in line with the action (status and goal, with an entry on the
 * timeline of each item that changed). An item that cannot follow (unreadable, or changing all the time) is returned
 * as failed and does not stop the rest. The page is written together: every timeline entry in
 * batches, then each item with its version as the condition; an item someone changed meanwhile
 * follows again on its own, read anew.
 */
export async function followLinked(
  deps: Deps,
  job: Pick<ActionChangeJob, "actionId" | "entry">,
  action: Action | undefined,
  feedbackIds: string[],
  toldAt: ReadonlyMap<string, string> = new Map(),
): Promise<ItemFailure[]> {
  // The page's items are read at once; each is read again only when someone changed it meanwhile.
  const { items, unreadable } = await deps.feedback.getManyReadable(feedbackIds);
  const failed: ItemFailure[] = unreadable.map(({ id, error }) => ({ id, error: String(error).slice(0, 300) }));
  const causeOf = (id: string) => ({
    actor: job.entry.actor,
    goalId: action?.goalId,
    change: { id: job.entry.id, at: job.entry.at, actionId: job.actionId },
    action,
    toldAt: toldAt.get(id),
  });
  // An item linked to a done action is done whatever its other actions are, so for a done action
  // one consistent read of the page's links (after the items, as each item's own query would be)
  // decides them all; an item without the link reads all of its actions.
  const done = action?.status === "done" && action.id === job.actionId ? action : undefined;
  const linked = done
    ? await deps.actions.linkedAmong(
        done.id,
        items.map((item) => item.id),
      )
    : new Set<string>();
  const now = deps.now();
  const changes: FollowingChange[] = [];
  await forEachLimit(items, FOLLOW_CONCURRENCY, async (item) => {
    try {
      if (done && linked.has(item.id)) {
        const change = followingChange(item, [done], causeOf(item.id), now);
        if (change) changes.push(change);
        return;
      }
      const actionIds = await deps.actions.actionsOf(item.id);
      const known = action && actionIds.includes(action.id) ? [action] : [];
      const others = actionIds.filter((id) => id !== action?.id);
      const actions = [...known, ...(others.length > 0 ? await deps.actions.getMany(others) : [])];
      const change = followingChange(item, actions, causeOf(item.id), now);
      if (change) changes.push(change);
    } catch (error) {
      failed.push({ id: item.id, error: String(error).slice(0, 300) });
    }
  });
  const written = await deps.feedback.updateMany(changes, FOLLOW_CONCURRENCY);
  for (const { id, error } of written.failed) failed.push({ id, error: String(error).slice(0, 300) });
  await forEachLimit(written.conflicted, FOLLOW_CONCURRENCY, async (id) => {
    await followActions(deps, id, causeOf(id)).catch((error: unknown) => {
      failed.push({ id, error: String(error).slice(0, 300) });
    });
  });
  return failed;
}
