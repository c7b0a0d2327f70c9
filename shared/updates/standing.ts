import type { Deps } from "../deps";
import type { GoalStanding } from "../entities/goal";
import { goalMetricProgress } from "../metrics/progress";

/** A goal's title and, when it has a metric, where the metric stands now against its baseline. */
export async function goalStanding(deps: Deps, goalId: string): Promise<GoalStanding | undefined> {
  const goal = await deps.goals.get(goalId);
  if (!goal) return undefined;
  if (!goal.metric) return { title: goal.title };
  const progress = await goalMetricProgress(deps, goal, deps.now());
  return {
    title: goal.title,
    metric: {
      kind: goal.metric.kind,
      ...(goal.metric.kind === "measure" && goal.metric.unit ? { unit: goal.metric.unit } : {}),
      value: progress?.value ?? null,
      baseline: goal.metric.baseline,
      target: goal.metric.target,
    },
  };
}
