import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import { MetricsRepository } from "../repositories/metrics";
import { counterChanges } from "./contribution";

/**
 * Keeps the metric counters in step with one stored feedback change (a stream record's old and
 * new image; no old image for a new item), once per item version: a redelivered record finds the
 * effect applied and changes nothing. Returns whether counters changed. Erased and merged items
 * keep counting: they are still feedback that was given.
 */
export async function countFeedbackMetrics(
  deps: Deps,
  before: Feedback | undefined,
  after: Feedback,
): Promise<boolean> {
  const changes = counterChanges(before, after);
  if (changes.length === 0) return false;
  const metrics = new MetricsRepository(deps.db, deps.config.tableName);
  return metrics.applyOnce(`metrics#${after.id}#${after.version}`, changes, deps.now());
}
