import type { Deps } from "../deps";
import type { ActionStatus } from "../entities/action";
import type { Feedback } from "../entities/feedback";
import type { goalStatuses } from "../entities/goal";
import type { LocalizedText } from "../i18n/texts";

/** A goal as a feedback item's loop names it. */
export interface LoopGoal {
  id: string;
  title: LocalizedText;
  status: (typeof goalStatuses)[number];
}

/** An action as a feedback item's loop names it. */
export interface LoopAction {
  id: string;
  goalId: string;
  title: LocalizedText;
  status: ActionStatus;
}

/** A feedback item's place in the loop, and what staff can choose from to link it. */
export interface ItemLoop {
  /** The goal the item is linked to, if any. */
  goal?: LoopGoal;
  /** The actions the item is linked to, oldest link first. */
  actions: LoopAction[];
  /** Every goal and every action: what the timeline names by title and the item can be linked to. */
  allGoals: LoopGoal[];
  allActions: LoopAction[];
}

/**
 * A feedback item's loop: its goal and its linked actions with their status, and every goal and
 * action (a Query each on the lists index) to name them on the timeline and choose from.
 */
export async function itemLoop(deps: Deps, item: Pick<Feedback, "id" | "goalId">): Promise<ItemLoop> {
  const [goals, actions, links] = await Promise.all([
    deps.goals.list(),
    deps.actions.list(),
    deps.actions.linksOf(item.id),
  ]);
  const allGoals = goals.map(({ id, title, status }) => ({ id, title, status }));
  const allActions = actions.map(({ id, goalId, title, status }) => ({ id, goalId, title, status }));
  const byId = new Map(allActions.map((action) => [action.id, action]));
  return {
    goal: allGoals.find((goal) => goal.id === item.goalId),
    actions: links.flatMap((link) => {
      const action = byId.get(link.actionId);
      return action ? [action] : [];
    }),
    allGoals,
    allActions,
  };
}
