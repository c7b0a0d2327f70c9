import type { Action } from "../actions/schema";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { type UpdatePhase, updateJobId, updatePhases, updatePurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback } from "../feedback/schema";
import type { UpdatesJob } from "../jobs/repository";
import type { GoalStanding } from "../notifications/schema";
import { forEachLimit, mergeRoot, wantsUpdates, withMergedItems } from "./customers";
import { goalStanding } from "./standing";

/** How many linked items one run of the stream function turns into updates before it hands on. */
export const UPDATES_PAGE_SIZE = 100;
/** How many notifications one run writes at once. */
const WRITE_CONCURRENCY = 16;

/**
 * The phase an action's change begins: "we will" when it becomes planned with a `weWill` text
 * (planned without one tells nobody), "we did" when it becomes done.
 */
export function phaseBegunBy(before: Action, after: Action): UpdatePhase | undefined {
  if (after.status === before.status) return undefined;
  if (after.status === "done") return "did";
  if (after.status === "planned" && after.weWill) return "will";
  return undefined;
}

/** The phase whose update an action owes feedback that joins it now (linked, or merged into a linked item). */
export function currentPhase(action: Action): UpdatePhase | undefined {
  if (action.status === "done") return "did";
  if ((action.status === "planned" || action.status === "in_progress") && action.willAnnouncedAt) return "will";
  return undefined;
}

/** The job that writes a phase's updates; the caller writes it together with the action's change. */
export function updatesJob(action: Action, phase: UpdatePhase, goal: GoalStanding | undefined): UpdatesJob {
  return {
    id: updateJobId(action.id, phase),
    kind: "updates",
    status: "pending",
    actionId: action.id,
    phase,
    goal,
    cursor: null,
  };
}

/**
 * Writes the update owed for a phase to each customer behind these items (the items and the items
 * merged into them): one notification per (customer, action, phase), with a condition so that a
 * second can never exist, whichever page, late link or redelivery gets there first. Customers who
 * did not consent, gave no address or were erased are skipped; suppression is checked at sending.
 * Returns how many notifications were new.
 */
export async function writeUpdates(
  deps: Deps,
  action: Pick<Action, "id">,
  phase: UpdatePhase,
  goal: GoalStanding | undefined,
  feedbackIds: string[],
): Promise<number> {
  const byCustomer = new Map<string, Feedback & { email: string; emailHash: string }>();
  // A customer with several items here is written to as on the newest of them: address, name, language.
  for (const item of await withMergedItems(deps, feedbackIds)) {
    const known = byCustomer.get(item.emailHash ?? "");
    if (wantsUpdates(item) && (!known || known.id < item.id)) byCustomer.set(item.emailHash, item);
  }
  const at = deps.now().toISOString();
  let written = 0;
  await forEachLimit([...byCustomer.values()], WRITE_CONCURRENCY, async (item) => {
    const created = await deps.notifications.create({
      purpose: updatePurpose(action.id, phase, item.emailHash),
      kind: "update",
      status: "pending",
      feedbackId: item.id,
      recipient: { email: item.email, name: item.name, locale: item.locale },
      emailHash: item.emailHash,
      content: { actionId: action.id, phase, goal },
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    });
    if (created) written += 1;
  });
  return written;
}

/**
 * Runs one page of an updates job: the next linked items' customers get their notification, and
 * the job's cursor moves on (conditionally: a redelivered record cannot move it twice). The
 * cursor's write is itself a stream record, which runs the next page, so an action linked to any
 * number of items is told in short runs, none near a timeout.
 */
export async function runUpdatesPage(deps: Deps, job: UpdatesJob): Promise<"done" | "more" | "skipped"> {
  const page = await deps.actions.linkedFeedback(
    job.actionId,
    UPDATES_PAGE_SIZE,
    decodeCursor(job.cursor ?? undefined),
  );
  const written = await writeUpdates(deps, { id: job.actionId }, job.phase, job.goal, page.ids);
  const next = encodeCursor(page.lastKey);
  if (!(await deps.jobs.advance(job.id, job.cursor, next, written))) return "skipped";
  return next ? "more" : "done";
}

/**
 * Feedback that joins an action after a phase began (linked to it, or merged into an item linked
 * to it) gets that phase's update too, once: the notification's key is the same as the job's.
 */
export async function updateLateItem(deps: Deps, feedbackId: string, actionIds?: string[]): Promise<number> {
  const item = await deps.feedback.get(feedbackId);
  const root = await mergeRoot(deps, item);
  const actions = await deps.actions.getMany(actionIds ?? (await deps.actions.actionsOf(root.id)));
  let written = 0;
  for (const action of actions) {
    const phase = currentPhase(action);
    if (!phase) continue;
    written += await writeUpdates(deps, action, phase, await goalStanding(deps, action.goalId), [feedbackId]);
  }
  return written;
}

/** How far each phase's fan-out has come: the customers it wrote to, and whether it reached the end. */
export async function updatesProgress(
  deps: Deps,
  actionId: string,
): Promise<{ phase: UpdatePhase; done: boolean; customers: number }[]> {
  const jobs = await Promise.all(updatePhases.map((phase) => deps.jobs.get(updateJobId(actionId, phase))));
  return jobs
    .filter((job): job is UpdatesJob => job?.kind === "updates")
    .map((job) => ({ phase: job.phase, done: job.status === "done", customers: job.written ?? 0 }));
}
