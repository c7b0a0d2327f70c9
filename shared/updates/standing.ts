import type { Deps } from "../deps";
import type { GoalStanding } from "../entities/goal";
import { goalProgress } from "../metrics/progress";

/** A goal's title and, when it has a metric, where the metric stands now against its baseline. */
export async function goalStanding(deps: Deps, goalId: string): Promise<GoalStanding | undefined> {
  const goal = await deps.goals.get(goalId);
  if (!goal) return undefined;
  if (!goal.metric) return { title: goal.title };
  const progress = await goalProgress(deps, goal.metric, goal.createdAt, deps.now());
  return {
    title: goal.title,
    metric: {
      kind: goal.metric.kind,
      value: progress.value,
      baseline: goal.metric.baseline,
      target: goal.metric.target,
    },
  };
}
