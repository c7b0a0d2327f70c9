import { forEachLimit } from "../concurrency";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { persist } from "../db/failures";
import { type UpdatePhase, updateJobId, updatePhases, updatePurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { Feedback } from "../entities/feedback";
import type { GoalStanding } from "../entities/goal";
import type { UpdatesJob } from "../entities/job";
import { type ItemFailure, recordItemFailures } from "../jobs/failures";
import { mergeRoot, wantsUpdates, withMergedItems } from "./customers";
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

/** How long one notification's write is repeated through throttling and conflicts before it counts as failed. */
const WRITE_PERSIST_MS = 10_000;

/**
 * Writes the update owed for a phase to each customer behind these items (the items and the items
 * merged into them): one notification per (customer, action, phase), with a condition so that a
 * second can never exist, whichever page, late link or redelivery gets there first. Customers who
 * did not consent, gave no address or were erased are skipped; suppression is checked at sending.
 * An item that cannot be read, or whose write keeps failing, is returned as failed and does not
 * stop the others. Returns how many notifications were new.
 */
export async function writeUpdates(
  deps: Deps,
  action: Pick<Action, "id">,
  phase: UpdatePhase,
  goal: GoalStanding | undefined,
  feedbackIds: string[],
): Promise<{ written: number; failed: ItemFailure[] }> {
  const byCustomer = new Map<string, Feedback & { email: string; emailHash: string }>();
  const { items, unreadable } = await withMergedItems(deps, feedbackIds);
  const failed: ItemFailure[] = unreadable.map(({ id, error }) => ({ id, error: error.message.slice(0, 300) }));
  // A customer with several items here is written to as on the newest of them: address, name, language.
  for (const item of items) {
    const known = byCustomer.get(item.emailHash ?? "");
    if (wantsUpdates(item) && (!known || known.id < item.id)) byCustomer.set(item.emailHash, item);
  }
  const at = deps.now().toISOString();
  let written = 0;
  await forEachLimit([...byCustomer.values()], WRITE_CONCURRENCY, async (item) => {
    const notification = {
      purpose: updatePurpose(action.id, phase, item.emailHash),
      kind: "update" as const,
      status: "pending" as const,
      feedbackId: item.id,
      recipient: { email: item.email, name: item.name, locale: item.locale },
      emailHash: item.emailHash,
      content: { actionId: action.id, phase, goal },
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    };
    try {
      if (
        await persist(
          () => deps.notifications.create(notification, deps.config.delivery.claimSeconds),
          Date.now() + WRITE_PERSIST_MS,
        )
      )
        written += 1;
    } catch (error) {
      failed.push({ id: item.id, error: String(error).slice(0, 300) });
    }
  });
  return { written, failed };
}

/**
 * Runs one page of an updates job: the next linked items' customers get their notification, and
 * the job's cursor moves on (conditionally: a redelivered record cannot move it twice). The
 * cursor's write is itself a stream record, which runs the next page, so an action linked to any
 * number of items is told in short runs, none near a timeout. An item that fails is recorded on
 * the job and on its own timeline, and the job goes on past it.
 */
export async function runUpdatesPage(deps: Deps, job: UpdatesJob): Promise<"done" | "more" | "skipped"> {
  const page = await deps.actions.linkedFeedback(
    job.actionId,
    UPDATES_PAGE_SIZE,
    decodeCursor(job.cursor ?? undefined),
  );
  const { written, failed } = await writeUpdates(deps, { id: job.actionId }, job.phase, job.goal, page.ids);
  if (failed.length > 0) await recordItemFailures(deps, job, failed);
  const next = encodeCursor(page.lastKey);
  if (!(await deps.jobs.advance(job.id, job.cursor, next, deps.now(), written))) return "skipped";
  return next ? "more" : "done";
}

/**
 * Feedback that joins an action after a phase began (linked to it, or merged into an item linked
 * to it) gets that phase's update too, once: the notification's key is the same as the job's. The
 * action is read consistently, and so are the job's pages of links: whichever of a link and a
 * phase change commits second sees the other, so the link is told either way.
 */
export async function updateLateItem(deps: Deps, feedbackId: string, actionIds?: string[]): Promise<number> {
  const ids =
    actionIds ?? (await deps.actions.actionsOf((await mergeRoot(deps, await deps.feedback.get(feedbackId))).id));
  let written = 0;
  for (const action of await deps.actions.getMany(ids)) {
    const phase = currentPhase(action);
    if (!phase) continue;
    const result = await writeUpdates(deps, action, phase, await goalStanding(deps, action.goalId), [feedbackId]);
    if (result.failed[0]) throw new Error(`update for ${feedbackId} not written: ${result.failed[0].error}`);
    written += result.written;
  }
  return written;
}

/** How far each phase's fan-out has come: the customers it wrote to, and whether it reached the end. */
export async function updatesProgress(
  deps: Deps,
  actionId: string,
): Promise<{ phase: UpdatePhase; done: boolean; customers: number; failed: number }[]> {
  const jobs = await Promise.all(updatePhases.map((phase) => deps.jobs.get(updateJobId(actionId, phase))));
  return jobs
    .filter((job): job is UpdatesJob => job?.kind === "updates")
    .map((job) => ({
      phase: job.phase,
      done: job.status === "done",
      customers: job.written ?? 0,
      failed: job.failedIds?.size ?? 0,
    }));
}
