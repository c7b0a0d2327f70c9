import type { Deps } from "../deps";

/** A feedback item's status before and after one stored change (from a stream record). */
export interface StatusChange {
  id: string;
  version: number;
  before?: string;
  after: string;
}

/**
 * Keeps the status counts in step with one change, once per item version: a redelivered stream
 * record finds its effect already applied and changes nothing.
 */
export async function countStatusChange(deps: Deps, change: StatusChange): Promise<boolean> {
  if (change.before === change.after) return false;
  const deltas: Record<string, number> = { [change.after]: 1 };
  if (change.before) deltas[change.before] = -1;
  return deps.feedback.adjustStatusCounts(`status#${change.id}#${change.version}`, deltas, deps.now());
}
