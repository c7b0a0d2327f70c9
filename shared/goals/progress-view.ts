import * as z from "zod/mini";
import type { Deps } from "../deps";
import { actionSchema, actionStatuses } from "../entities/action";
import { goalSchema } from "../entities/goal";
import { goalProgressSchema } from "../entities/metric";
import { localizedTextSchema } from "../i18n/texts";
import { goalMetricProgress } from "../metrics/progress";
import { linkedFeedback, loopFigures, loopFiguresOf, loopFiguresSchema, suppressedAmong } from "./loop";
import { getGoal } from "./service";

/** `GET /api/goals/{id}`: a goal with its sub-goals and actions. */
export const goalDetailSchema = z.extend(goalSchema, { children: z.array(goalSchema), actions: z.array(actionSchema) });

/** `GET /api/goals/{id}/progress`: the metric now, what is linked, and the loop figures. */
export const goalProgressViewSchema = z.object({
  goalId: z.string(),
  /** Null when the goal has no metric. */
  metric: z.nullable(goalProgressSchema),
  linkedFeedback: z.number(),
  actions: z.object({ total: z.number(), byStatus: z.partialRecord(z.enum(actionStatuses), z.number()) }),
  loop: loopFiguresSchema,
});

/** `GET /api/loop`: the loop figures over all goals' feedback, and per goal. */
export const overallLoopSchema = z.object({
  overall: loopFiguresSchema,
  goals: z.array(z.extend(loopFiguresSchema, { goalId: z.string(), title: localizedTextSchema })),
});

/** A goal with its sub-goals and actions. */
export async function goalDetail(deps: Deps, id: string): Promise<z.infer<typeof goalDetailSchema>> {
  const goal = await getGoal(deps, id);
  const [all, actions] = await Promise.all([deps.goals.list(), deps.actions.list(id)]);
  return { ...goal, children: all.filter((g) => g.parentId === id), actions };
}

/**
 * A goal's progress: its metric now (trailing window) against baseline and target with the weekly
 * series (reaching back before it began), how much feedback and how many actions are linked, and its loop figures.
 */
export async function goalProgressView(deps: Deps, id: string): Promise<z.infer<typeof goalProgressViewSchema>> {
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
export async function overallLoop(deps: Deps): Promise<z.infer<typeof overallLoopSchema>> {
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
