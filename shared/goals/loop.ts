import * as z from "zod/mini";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";

/** How well the loop is closed for a set of feedback: told the outcome, and how fast. */
export const loopFiguresSchema = z.object({
  linked: z.number(),
  done: z.number(),
  /** Share (0..1) of the linked items whose submitter has been told the outcome. */
  toldShare: z.nullable(z.number()),
  /** Median days from feedback to its outcome (done), over the items that have one. */
  medianDaysToOutcome: z.nullable(z.number()),
});
export type LoopFigures = z.infer<typeof loopFiguresSchema>;

const DAY = 86_400_000;

/** The loop figures of some feedback items. */
export function loopFigures(items: Feedback[]): LoopFigures {
  const done = items.filter((f) => f.doneAt);
  const days = done.map((f) => (Date.parse(f.doneAt as string) - Date.parse(f.createdAt)) / DAY).sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median =
    days.length === 0
      ? null
      : days.length % 2
        ? (days[mid] as number)
        : ((days[mid - 1] as number) + (days[mid] as number)) / 2;
  return {
    linked: items.length,
    done: done.length,
    toldShare: items.length === 0 ? null : items.filter((f) => f.outcomeToldAt).length / items.length,
    medianDaysToOutcome: median === null ? null : Math.round(median * 10) / 10,
  };
}

/** Every feedback item linked to a goal (a Query on the goal's index, page by page). */
export async function linkedFeedback(deps: Deps, goalId: string): Promise<Feedback[]> {
  const items: Feedback[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.feedback.query({
      served: { name: "goalId", value: goalId },
      filters: {},
      limit: 100,
      startKey,
    });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}
