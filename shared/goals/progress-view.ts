import type { Deps } from "../deps";
import { goalMetricProgress } from "../metrics/progress";
import { linkedFeedback, loopFigures, loopFiguresOf, suppressedAmong } from "./loop";
import { getGoal } from "./service";

/** A goal with its sub-goals and actions. */
export async function goalDetail(deps: Deps, id: string) {
  const goal = await getGoal(deps, id);
  const [all, actions] = await Promise.all([deps.goals.list(), deps.actions.list(id)]);
  return { ...goal, children: all.filter((g) => g.parentId === id), actions };
}

/**
 * A goal's progress: its metric now (trailing window) against baseline and target with the weekly
 * series (reaching back before it began), how much feedback and how many actions are linked, and its loop figures.
 */
export async function goalProgressView(deps: Deps, id: string) {
  const goal = await getGoal(deps, id);
  const now = deps.now();
  const [metric, linked, actions] = await Promise.all([
    goalMetricProgress(deps, goal, now),
    linkedFeedback(deps, id),
    deps.actions.list(id),
  ]);
  const actionsByStatus: Record<string, number> = {};
  for (const action of actions) actionsByStatus[action.status] = (actionsByStatus[action.status] ?? 0) + 1;
  return {
    goalId: id,
    metric,
    linkedFeedback: linked.length,
    actions: { total: actions.length, byStatus: actionsByStatus },
    loop: await loopFiguresOf(deps, linked),
  };
}

/** The loop figures over all feedback linked to any goal. */
export async function overallLoop(deps: Deps) {
  const goals = await deps.goals.list();
  const perGoal = await Promise.all(goals.map(async (g) => ({ goal: g, items: await linkedFeedback(deps, g.id) })));
  const all = perGoal.flatMap((g) => g.items);
  // One read of the suppressions behind every goal's items, shared by the figures of each.
  const suppressed = await suppressedAmong(deps, all);
  return {
    overall: loopFigures(all, suppressed),
    goals: perGoal.map(({ goal, items }) => ({
      goalId: goal.id,
      title: goal.title,
      ...loopFigures(items, suppressed),
    })),
  };
}
