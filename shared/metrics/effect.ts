import { metricDayShard } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import { FeedbackRepository } from "../repositories/feedback";
import { MetricsRepository } from "../repositories/metrics";
import { counterChanges } from "./contribution";

/** What one change adds to the status counts: one for the new status, minus one for the old. */
export function statusDeltas(before: string | undefined, after: string): Record<string, number> | undefined {
  if (before === after) return undefined;
  return before ? { [after]: 1, [before]: -1 } : { [after]: 1 };
}

/**
 * Keeps the status counts and the metric counters in step with one stored feedback change (a
 * stream record's old and new image; no old image for a new item), once per item version: both in
 * one transaction with one marker, so a redelivered record finds the effect applied and changes
 * nothing. Returns whether anything changed. Erased and merged items keep counting: they are still
 * feedback that was given.
 */
export async function countFeedbackChange(deps: Deps, before: Feedback | undefined, after: Feedback): Promise<boolean> {
  const changes = counterChanges(before, after);
  const deltas = statusDeltas(before?.status, after.status);
  if (changes.length === 0 && !deltas) return false;
  const metrics = new MetricsRepository(deps.db, deps.config.tableName);
  const alongside = deltas ? [FeedbackRepository.statusCountsUpdate(after.id, deltas)] : [];
  return metrics.applyOnce(
    `feedback#${after.id}#${after.version}`,
    changes,
    deps.now(),
    metricDayShard(after.id),
    alongside,
  );
}
