import type { Deps } from "../deps";
import { logger } from "../logger";

/** What running one page of a job came to. */
export type JobPageOutcome = "done" | "more" | "skipped";

/** How many stalled jobs one sweep looks at. */
const STALLED_LIMIT = 25;
/** A sweep starts no further page once less than this is left of its time. */
const PAGE_RESERVE_MS = 20_000;

/**
 * Resumes the jobs whose cursor stopped moving: their stream record ran out of retries, or went to
 * the dead-letter queue, and nothing else would drive them again. The sweep takes each on a lease
 * for its remaining time, so that the stream records of its own progress leave the job alone, and
 * drives it page by page from where it stands until it is done or the time runs low. Should a page
 * still run twice, nothing is written twice: a job's cursor moves only once from each position.
 */
export async function resumeStalledJobs(
  deps: Deps,
  runPage: (jobId: string, options: { leased: boolean }) => Promise<JobPageOutcome>,
  options: { deadline?: number } = {},
): Promise<{ resumed: number; finished: number }> {
  const deadline = options.deadline ?? Date.now() + 60_000;
  let resumed = 0;
  let finished = 0;
  for (const id of await deps.jobs.stalled(deps.now(), STALLED_LIMIT)) {
    if (deadline - Date.now() < PAGE_RESERVE_MS) break;
    const now = deps.now();
    if (!(await deps.jobs.lease(id, now, new Date(now.getTime() + (deadline - Date.now()))))) continue;
    logger.warn("resuming a stalled job", { job: id });
    deps.telemetry.count("jobStalled");
    resumed += 1;
    let outcome: JobPageOutcome = "more";
    while (outcome !== "done" && deadline - Date.now() >= PAGE_RESERVE_MS) {
      outcome = await runPage(id, { leased: true });
      // Skipped: the cursor moved meanwhile (a late stream record); go on from where it is now.
      if (outcome === "skipped" && (await deps.jobs.get(id))?.status !== "pending") outcome = "done";
    }
    if (outcome === "done") finished += 1;
  }
  return { resumed, finished };
}
