import { runActionSyncPage } from "../actions/sync-job";
import type { Deps } from "../deps";
import { runUpdatesPage } from "../updates/fan-out";

/** Runs the next page of a pending job (a stream record of its write): what it does depends on its kind. */
export async function runJobPage(deps: Deps, jobId: string): Promise<"done" | "more" | "skipped"> {
  const job = await deps.jobs.get(jobId);
  if (job?.status !== "pending") return "skipped";
  return job.kind === "updates" ? runUpdatesPage(deps, job) : runActionSyncPage(deps, job);
}
