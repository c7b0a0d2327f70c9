import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { Feedback } from "../entities/feedback";
import type { Goal } from "../entities/goal";
import type { GoalProgress } from "../entities/metric";
import { utcDay } from "../metrics/days";
import { goalMetricProgress } from "../metrics/progress";
import { linkedFeedback } from "./loop";

/** How many of a goal's newest linked items My goals shows. */
export const NEWEST_SHOWN = 3;

/** A goal someone answers for, where it stands, what came in lately, and what waits on them. */
export interface MyGoal {
  goal: Goal;
  /** Whether they own it or champion it (an ambassador). */
  role: "owner" | "ambassador";
  progress: GoalProgress | null;
  /** How much feedback is linked to it, and the newest of it. */
  linked: number;
  newest: Feedback[];
  waiting: {
    /** Linked items no action has taken up yet: still new or triaged. */
    unacted: Feedback[];
    /** Its actions past their due date and neither done nor dropped, earliest due first. */
    overdueActions: Action[];
    /** Whether the goal itself is past its due date and still active. */
    goalOverdue: boolean;
  };
}

const newestFirst = (a: Feedback, b: Feedback) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);
const open = (action: Action) => action.status !== "done" && action.status !== "dropped";

/**
 * The goals a staff member owns or champions (owned first, then by due date), each with its
 * progress, its newest linked feedback, and what waits on them: linked items no action has taken
 * up, actions past their due date, and whether the goal itself is overdue. Dropped and achieved
 * goals are left out. Reads the goals once, then each of theirs' feedback and actions.
 */
export async function myGoals(deps: Deps, staffId: string): Promise<MyGoal[]> {
  const now = deps.now();
  const today = utcDay(now);
  const goals = (await deps.goals.list()).filter(
    (goal) => goal.status === "active" && (goal.owner === staffId || goal.ambassadors.includes(staffId)),
  );
  const mine = await Promise.all(
    goals.map(async (goal): Promise<MyGoal> => {
      const [progress, linked, actions] = await Promise.all([
        goalMetricProgress(deps, goal, now),
        linkedFeedback(deps, goal.id),
        deps.actions.list(goal.id),
      ]);
      const newest = [...linked].sort(newestFirst);
      return {
        goal,
        role: goal.owner === staffId ? "owner" : "ambassador",
        progress,
        linked: linked.length,
        newest: newest.slice(0, NEWEST_SHOWN),
        waiting: {
          unacted: newest.filter((item) => item.status === "new" || item.status === "triaged"),
          overdueActions: actions
            .filter((action) => open(action) && action.dueDate !== undefined && action.dueDate < today)
            .sort((a, b) => ((a.dueDate ?? "") < (b.dueDate ?? "") ? -1 : 1)),
          goalOverdue: goal.dueDate !== undefined && goal.dueDate < today,
        },
      };
    }),
  );
  const rank = (g: MyGoal) => `${g.role === "owner" ? 0 : 1}${g.goal.dueDate ?? "9999-99-99"}${g.goal.createdAt}`;
  return mine.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}
