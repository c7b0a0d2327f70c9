import type { Deps } from "../deps";
import type { Job } from "../entities/job";
import { deterministicId } from "../ids";
import { logger } from "../logger";

/** A feedback item a job's page could not handle, and why. */
export interface ItemFailure {
  id: string;
  error: string;
}

/**
 * Says on the job, and on each item's timeline, which items a job's page could not handle. An item
 * the job already holds as failed (the page ran again) is not written twice.
 */
export async function recordItemFailures(
  deps: Deps,
  job: Pick<Job, "id" | "actionId" | "failedIds"> & { phase?: string },
  all: ItemFailure[],
  stage: "updates" | "action_sync",
): Promise<void> {
  const failed = all.filter((f) => !job.failedIds?.has(f.id));
  if (failed.length === 0) return;
  logger.error("job items failed", { job: job.id, failed });
  deps.telemetry.count("jobItemGivenUp", failed.length);
  await deps.jobs.recordFailures(
    job.id,
    failed.map((f) => f.id),
  );
  const at = deps.now();
  await deps.timeline.add(
    failed.map(({ id, error }) => ({
      id: deterministicId(at, `${job.id}#${stage}#failed#${id}`),
      feedbackId: id,
      type: "message_failed",
      at: at.toISOString(),
      actor: "system",
      public: false,
      details: {
        stage,
        actionId: job.actionId,
        ...(stage === "updates" ? { kind: "update", phase: job.phase } : {}),
        error,
      },
    })),
  );
}
