import { forEachLimit } from "../concurrency";
import type { UpdatePhase } from "../db/keys";
import { updateJobId } from "../db/keys";
import type { Deps } from "../deps";
import { type Action, followedActionFields } from "../entities/action";
import type { GoalStanding } from "../entities/goal";
import type { ActionChangeJob } from "../entities/job";
import { deterministicId } from "../ids";
import type { ItemFailure } from "../jobs/failures";
import { followActions, statusFromActions } from "./follow";

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
 * as failed and does not stop the rest.
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
  await forEachLimit(items, FOLLOW_CONCURRENCY, async (item) => {
    const cause = {
      actor: job.entry.actor,
      goalId: action?.goalId,
      change: { id: job.entry.id, at: job.entry.at, actionId: job.actionId },
      action,
      toldAt: toldAt.get(item.id),
    };
    await followActions(deps, item.id, cause, item).catch((error: unknown) => {
      failed.push({ id: item.id, error: String(error).slice(0, 300) });
    });
  });
  return failed;
}
