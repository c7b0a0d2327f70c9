import { applyAllOnce } from "../db/apply-once";
import { classifyFailure } from "../db/failures";
import { statusCountShard } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import { logger } from "../logger";
import { MetricsRepository } from "../repositories/metrics";
import { counterChanges } from "./contribution";

/** What one change adds to the status counts: one for the new status, minus one for the old. */
export function statusDeltas(before: string | undefined, after: string): Record<string, number> | undefined {
  if (before === after) return undefined;
  return before ? { [after]: 1, [before]: -1 } : { [after]: 1 };
}

/** The marker of one item version's counting: whoever counts it first, alone or in a batch. */
export const countEffect = (after: Pick<Feedback, "id" | "version">) => `feedback#${after.id}#${after.version}`;

/** A transaction holds at most 100 items: markers, day counters and status shards together. */
const MAX_BATCH_ITEMS = 100;

/**
 * Counts many stored feedback changes at once (a stream batch's records): their markers and the
 * counter items they touch, each counter item written once with the sum of its changes, in as few
 * transactions of up to 100 items as they fit in. A fan-out that moves thousands of items thus
 * writes a few shared counter items per batch instead of per item. Returns the changes counted
 * (by `countEffect`); a group that was counted before in part (a redelivered batch) or that the
 * service refuses is left to `countFeedbackChange`, record by record, which counts it once.
 */
export async function countFeedbackChanges(
  deps: Deps,
  stored: { before: Feedback | undefined; after: Feedback }[],
): Promise<Set<string>> {
  const counted = new Set<string>();
  const seen = new Set<string>();
  const effects = stored.flatMap(({ before, after }) => {
    const changes = counterChanges(before, after);
    const deltas = statusDeltas(before?.status, after.status);
    // One marker per item version: a version met twice is counted once.
    if ((changes.length === 0 && !deltas) || seen.has(countEffect(after))) return [];
    seen.add(countEffect(after));
    return [{ after, changes, deltas }];
  });
  if (effects.length < 2) return counted;
  const groups: (typeof effects)[] = [];
  let group: typeof effects = [];
  const size = (all: typeof effects) =>
    all.length +
    new Set(all.flatMap((e) => e.changes.map((c) => `${c.scope}\n${c.day}`))).size +
    new Set(all.filter((e) => e.deltas).map((e) => statusCountShard(e.after.id))).size;
  for (const effect of effects) {
    if (group.length > 0 && size([...group, effect]) > MAX_BATCH_ITEMS) {
      groups.push(group);
      group = [];
    }
    group.push(effect);
  }
  groups.push(group);
  for (const part of groups) {
    const statusByShard = new Map<number, Record<string, number>>();
    for (const { after, deltas } of part) {
      if (!deltas) continue;
      const shard = statusCountShard(after.id);
      const sum = statusByShard.get(shard) ?? {};
      for (const [status, delta] of Object.entries(deltas)) sum[status] = (sum[status] ?? 0) + delta;
      statusByShard.set(shard, sum);
    }
    const updates = [
      ...[...statusByShard].map(([shard, deltas]) => MetricsRepository.statusCountsShardUpdate(shard, deltas)),
      ...MetricsRepository.counterUpdates(part.flatMap(({ changes }) => changes)),
    ];
    // Tried once: under contention (parallel batches on the same counters) the records count one
    // by one, each with its own patience, rather than this batch waiting on the others.
    const applied = await applyAllOnce(
      deps.db,
      deps.config.tableName,
      part.map(({ after }) => countEffect(after)),
      updates,
      deps.now(),
      0,
    ).catch((error: unknown) => {
      if (classifyFailure(error) === "fatal") logger.warn("batch not counted together", { error: String(error) });
      return false;
    });
    if (applied) for (const { after } of part) counted.add(countEffect(after));
  }
  return counted;
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
  const alongside = deltas ? [MetricsRepository.statusCountsUpdate(after.id, deltas)] : [];
  return new MetricsRepository(deps.db, deps.config.tableName).applyOnce(
    countEffect(after),
    changes,
    deps.now(),
    alongside,
  );
}
