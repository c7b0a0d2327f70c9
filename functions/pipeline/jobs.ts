import { runActionSyncPage } from "../../shared/actions/sync-job";
import type { Deps } from "../../shared/deps";
import type { JobPageOutcome } from "../../shared/jobs/resume";
import { runUpdatesPage } from "../../shared/updates/fan-out";

/**
 * Runs the next page of a pending job: what it does depends on its kind. The wiring of the
 * pipeline's jobs lives here, with the functions that host them (the stream function runs a page
 * for each record of a job's write; the sweep resumes stalled jobs), so the stages below know
 * nothing of each other. A job the sweep holds on a lease is left to the sweep.
 */
export async function runJobPage(
  deps: Deps,
  jobId: string,
  options: { leased?: boolean } = {},
): Promise<JobPageOutcome> {
  const job = await deps.jobs.get(jobId);
  if (job?.status !== "pending") return "skipped";
  if (!options.leased && job.leasedUntil && job.leasedUntil > deps.now().toISOString()) return "skipped";
  return job.kind === "updates" ? runUpdatesPage(deps, job) : runActionSyncPage(deps, job);
}
