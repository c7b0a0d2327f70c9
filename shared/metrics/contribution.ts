import type { Feedback } from "../entities/feedback";
import { type CounterDelta, type Counters, counterNames } from "../entities/metric";
import { scopeKeysOf } from "../entities/metric-scope";
import { utcDay } from "./days";

/** The fields of a feedback item the metric counters depend on. */
export type Counted = Pick<Feedback, "kind" | "score" | "topic" | "department" | "createdAt">;

/** What one item adds to each counter of its day and kind. */
export function itemCounters(item: Pick<Feedback, "score">): Counters {
  const score = item.score;
  const nps = score?.type === "nps" ? score.value : undefined;
  const csat = score?.type === "csat" ? score.value : undefined;
  return {
    count: 1,
    npsCount: nps === undefined ? 0 : 1,
    npsPromoters: nps !== undefined && nps >= 9 ? 1 : 0,
    npsDetractors: nps !== undefined && nps <= 6 ? 1 : 0,
    csatCount: csat === undefined ? 0 : 1,
    csatSum: csat ?? 0,
  };
}

/** An item's contribution: the same counters added in every scope partition it belongs to, on its creation day. */
export function contributionOf(item: Counted, sign: 1 | -1 = 1): CounterDelta[] {
  const counters = itemCounters(item);
  const deltas = Object.fromEntries(counterNames.map((name) => [name, sign * counters[name]])) as Counters;
  const day = utcDay(item.createdAt);
  return scopeKeysOf(item).map((scope) => ({ scope, day, kind: item.kind, deltas: { ...deltas } }));
}

/**
 * What a stored change does to the counters: the new item's contribution, less the old one's.
 * Counters a change leaves as they were are left out, so an edit that touches none of kind,
 * topic, department or score (status, tags, assignee, erasure, merge) changes nothing.
 */
export function counterChanges(before: Counted | undefined, after: Counted): CounterDelta[] {
  const merged = new Map<string, CounterDelta>();
  for (const delta of [...(before ? contributionOf(before, -1) : []), ...contributionOf(after)]) {
    const id = `${delta.scope}\n${delta.day}\n${delta.kind}`;
    const existing = merged.get(id);
    if (!existing) merged.set(id, delta);
    else for (const name of counterNames) existing.deltas[name] += delta.deltas[name];
  }
  return [...merged.values()].filter((delta) => counterNames.some((name) => delta.deltas[name] !== 0));
}
