import { forEachLimit } from "../concurrency";
import { decodeCursor, encodeCursor } from "../db/cursor";
import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { ActionSyncJob } from "../entities/job";
import { deterministicId } from "../ids";
import { type ItemFailure, recordItemFailures } from "../jobs/failures";
import { followActions } from "./follow";

/** How many linked items one run of the stream function handles before it hands on. */
export const SYNC_PAGE_SIZE = 50;

/** How many of a page's items follow the action at once: each item is its own write. */
const FOLLOW_CONCURRENCY = 8;

/** Fields whose change is news for the linked items' timelines. */
const followedFields = ["status", "title", "youSaid", "weWill", "weDid"] as const;

/**
 * Starts carrying an action's change to its linked feedback (their status and timelines), as a job
 * the stream function works through a page at a time, so an action linked to any number of items
 * finishes without a run timing out. Writing the job is idempotent per action version.
 */
export async function startActionSync(
  deps: Deps,
  before: Action | undefined,
  after: Action,
  actor: string,
): Promise<boolean> {
  const changes = followedFields
    .filter((f) => before?.[f] !== after[f])
    .map((field) => ({ field, from: before?.[field] ?? null, to: after[field] ?? null }));
  if (!before || changes.length === 0) return false;
  const id = `action-sync#${after.id}#${after.version}`;
  return deps.jobs.start(
    {
      id,
      kind: "action_sync",
      status: "pending",
      actionId: after.id,
      actionVersion: after.version,
      cursor: null,
      entry: { id: deterministicId(new Date(after.updatedAt), id), at: after.updatedAt, actor, changes },
    },
    deps.now(),
  );
}

/**
 * Runs one page of a job: brings the next linked items in line with the action and moves the
 * job's cursor on (a conditional write: a redelivered record cannot move it twice). The write of
 * the cursor is itself a stream record, which runs the next page.
 */
export async function runActionSyncPage(deps: Deps, job: ActionSyncJob): Promise<"done" | "more" | "skipped"> {
  const action = await deps.actions.get(job.actionId);
  const page = await deps.actions.linkedFeedback(job.actionId, SYNC_PAGE_SIZE, decodeCursor(job.cursor ?? undefined));
  const failed: ItemFailure[] = [];
  await forEachLimit(page.ids, FOLLOW_CONCURRENCY, async (feedbackId) => {
    await followActions(deps, feedbackId, {
      actor: job.entry.actor,
      goalId: action?.goalId,
      entry: {
        id: job.entry.id,
        type: "action_changed",
        at: job.entry.at,
        actor: job.entry.actor,
        public: false,
        details: { actionId: job.actionId, title: action?.title, changes: job.entry.changes },
      },
    }).catch((error: unknown) => {
      // One item that cannot follow (unreadable, or changing all the time) does not stop the rest.
      failed.push({ id: feedbackId, error: String(error).slice(0, 300) });
    });
  });
  if (failed.length > 0) await recordItemFailures(deps, job, failed);
  const next = encodeCursor(page.lastKey);
  if (!(await deps.jobs.advance(job.id, job.cursor, next, deps.now()))) return "skipped";
  return next ? "more" : "done";
}
