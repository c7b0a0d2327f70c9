import { creditFinders } from "../../shared/actions/finders";
import { followLinked } from "../../shared/actions/sync-job";
import { forEachLimit } from "../../shared/concurrency";
import { decodeCursor, encodeCursor } from "../../shared/db/cursor";
import { laneJobId } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import type { Feedback } from "../../shared/entities/feedback";
import { type ActionChangeJob, asActionChange } from "../../shared/entities/job";
import type { LinkSet } from "../../shared/entities/links";
import { gathered } from "../../shared/gathered";
import { type ItemFailure, recordItemFailures } from "../../shared/jobs/failures";
import type { JobPageOutcome } from "../../shared/jobs/resume";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";
import { type DeliveryBudget, deliverClaimed, sendingPaused } from "../../shared/notifications/deliver";
import { toldByPage, writeUpdates } from "../../shared/updates/fan-out";

/** How many linked items one page of a job handles before it hands on to the next record. */
export const JOB_PAGE_SIZE = 100;
/** How many of a page's updates are sent at once. */
const SEND_CONCURRENCY = 16;
/**
 * The most lanes one job is split into. Each lane is a job of its own, with its own chain of
 * stream records; with the stream's parallelization factor of 10, Lambda runs up to ten of them
 * side by side on one stream shard (and more on more shards).
 */
export const MAX_LANES = 10;

/**
 * Runs the next page of a pending job. The wiring of the pipeline's jobs lives here, with the
 * functions that host them (the stream function runs a page for each record of a job's write; the
 * sweep resumes stalled jobs), so the stages below know nothing of each other. A job the sweep
 * holds on a lease is left to the sweep.
 */
export async function runJobPage(
  deps: Deps,
  transport: MailTransport,
  jobId: string,
  budget: DeliveryBudget,
  options: { leased?: boolean } = {},
): Promise<JobPageOutcome> {
  const job = await deps.jobs.get(jobId);
  if (job?.status !== "pending") return "skipped";
  if (!options.leased && job.leasedUntil && job.leasedUntil > deps.now().toISOString()) return "skipped";
  const part = job.kind === "action_change" ? await ownPart(deps, job) : {};
  return runActionChangePage(deps, transport, { ...asActionChange(job), range: part.range }, budget, part.split);
}

/**
 * The part of the action's audience a job goes through itself, and, on the first page of a job
 * whose action has more linked items than a lane takes, where to cut it into lanes (at most
 * {@link MAX_LANES}). The job keeps the first part; the cut is stored, and every further lane
 * written as a job of its own, with the job's first move of its cursor, so a retry before it cuts
 * anew and one after it finds the cut made. Jobs of older versions are not split.
 */
async function ownPart(
  deps: Deps,
  job: ActionChangeJob,
): Promise<{ range?: ActionChangeJob["range"]; split?: string[] }> {
  if (job.range || job.laneOf) return { range: job.range };
  if (job.lanes) return { range: job.lanes.length > 0 ? { to: job.lanes[0] } : undefined };
  if (job.cursor !== null) return {};
  const split = await deps.actions.laneBounds(job.actionId, deps.config.delivery.laneSize, MAX_LANES);
  return split.length > 0 ? { range: { to: split[0] }, split } : {};
}

/**
 * One page of an action's change: the next linked items follow the action, and, when the change
 * begins a phase, their customers' updates (and those of the people who asked to be told, whose
 * page comes after the links) are written already claimed and sent at once. The
 * items' sync never holds a mail back: it runs side by side with the sends, or for "we did" after
 * them, setting the told-at of what they covered in the same write. Then the job's cursor moves on
 * (conditionally: a redelivered record cannot move it twice); that write is itself the stream
 * record that runs the next page. An item that fails is recorded on the job and on its own
 * timeline, and the job goes on past it.
 */
async function runActionChangePage(
  deps: Deps,
  transport: MailTransport,
  job: ActionChangeJob & { sync: boolean },
  budget: DeliveryBudget,
  split?: string[],
): Promise<JobPageOutcome> {
  const [action, page] = await Promise.all([
    deps.actions.get(job.actionId),
    deps.actions.audiencePage(job.actionId, JOB_PAGE_SIZE, decodeCursor(job.cursor ?? undefined), job.range),
  ]);
  // A "we did" page sets the told-at of the items its own sends covered in its own write of each
  // item, so it sends first and the items follow after; otherwise both go side by side.
  const recordsTold = job.phase === "did" && job.sync;
  const tell = async (): Promise<{ written: number; failed: ItemFailure[]; read: Feedback[] }> => {
    if (!job.phase) return { written: 0, failed: [], read: [] };
    // While the mail service paused sending, the updates are written due for later instead.
    const claimed = !(await sendingPaused(deps));
    const result = await writeUpdates(deps, { id: job.actionId }, job.phase, job.goal, page.ids, {
      claimed,
      subscribers: page.subscribers,
    });
    // The recipients' suppressions in one read for the page, not one per message.
    const recipients = result.claimed.map((notification) => notification.emailHash);
    const found = recipients.length > 0 ? await deps.suppressions.getMany(recipients) : new Map();
    const suppressed = {
      read: new Set(recipients),
      reasons: new Map([...found].map(([hash, record]) => [hash, record.reason])),
    };
    const known = {
      action,
      items: result.read,
      linked: new Set(page.ids),
      recordsTold,
      suppressed,
      // The page's senders store their mails' links together, up to 25 to a request.
      storeLinks: gathered((sets: LinkSet[]) => deps.tokens.storeLinkSets(sets), { max: 25, waitMs: 10 }),
    };
    await forEachLimit(result.claimed, SEND_CONCURRENCY, async (notification) => {
      // A send that could not be marked stays claimed; once the claim runs out the sweep finishes it.
      await deliverClaimed(deps, transport, { notification, interrupted: false }, { ...budget, known }).catch(
        (error: unknown) =>
          logger.error("update not finished", { purpose: notification.purpose, error: String(error) }),
      );
    });
    return result;
  };
  const follow = async (toldAt?: ReadonlyMap<string, string>) =>
    job.sync ? followLinked(deps, job, action, page.ids, toldAt) : [];
  let told: Awaited<ReturnType<typeof tell>>;
  let notFollowed: ItemFailure[];
  if (recordsTold) {
    told = await tell();
    const toldAt = await toldByPage(deps, job.actionId, told.read);
    // Items a send covered that are not on this page (another of the customer's items) are told here.
    for (const [id, at] of toldAt) if (!page.ids.includes(id)) await deps.feedback.markOutcomeTold(id, at);
    notFollowed = await follow(toldAt);
  } else {
    [told, notFollowed] = await Promise.all([tell(), follow()]);
  }
  // Once the action is done, whoever reported what it fixed on this page is credited as a finder.
  if (job.phase === "did" && action)
    await creditFinders(deps, action, (await deps.feedback.getManyReadable(page.ids)).items);
  if (told.failed.length > 0) await recordItemFailures(deps, job, told.failed, "updates");
  if (notFollowed.length > 0) await recordItemFailures(deps, job, notFollowed, "action_sync");
  const next = encodeCursor(page.lastKey);
  const lanes = split && { bounds: split, jobs: laneJobs(job, split) };
  if (!(await deps.jobs.advance(job.id, job.cursor, next, deps.now(), told.written, lanes))) return "skipped";
  return next ? "more" : "done";
}

/** The lanes after a job's own part, each a job of the same change over its part of the audience. */
function laneJobs(job: ActionChangeJob & { sync: boolean }, bounds: string[]): ActionChangeJob[] {
  const { sync: _sync, lanes: _lanes, failedIds: _failed, written: _written, leasedUntil: _lease, ...base } = job;
  return bounds.map((from, i) => ({
    ...base,
    id: laneJobId(job.id, i + 1),
    cursor: null,
    range: { from, to: bounds[i + 1] },
    laneOf: job.id,
  }));
}
