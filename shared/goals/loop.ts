import * as z from "zod/mini";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";

/**
 * Where one linked item stands in the loop, the one definition the figures and every list use:
 * - `told`: its submitter was told the outcome (`outcomeToldAt`: a "we did" update, an ending told
 *   by hand, or a dropped action's update was sent to them);
 * - `toldNobody`: staff ended it by hand and chose to tell nobody;
 * - `anonymous`, `noConsent`, `suppressed`: its submitter cannot be told (no address or erased; did
 *   not ask to hear back; unsubscribed, bounced or complained);
 * - `waiting`: its submitter can be told and has not been yet.
 */
export type LoopState = "told" | "toldNobody" | "anonymous" | "noConsent" | "suppressed" | "waiting";

/** Whether an item counts as done in the loop figures: its status is done, as every list shows it. */
export const isDone = (item: Pick<Feedback, "status">) => item.status === "done";

/** When a done item reached its outcome: when an action or staff made it done. */
const outcomeAt = (item: Feedback) => item.doneAt ?? (item.ending?.status === "done" ? item.ending.at : undefined);

/** Where an item stands in the loop; `suppressed` holds the hashes of suppressed addresses. */
export function loopState(item: Feedback, suppressed: ReadonlySet<string>): LoopState {
  if (item.outcomeToldAt) return "told";
  if (item.ending && !item.ending.notify) return "toldNobody";
  if (!item.email || !item.emailHash || item.erasedAt) return "anonymous";
  if (!item.consent) return "noConsent";
  if (suppressed.has(item.emailHash)) return "suppressed";
  return "waiting";
}

/** How well the loop is closed for a set of feedback: done, told the outcome, and how fast. */
export const loopFiguresSchema = z.object({
  linked: z.number(),
  /** Items whose status is done (`isDone`). */
  done: z.number(),
  /** Items whose submitter was told the outcome, in any way. */
  told: z.number(),
  /** Share (0..1) of the items whose submitter can be told (told or waiting) that were told. */
  toldShare: z.nullable(z.number()),
  /** Items whose submitter cannot be told, by why; and those ended by hand telling nobody. */
  cannotBeTold: z.object({ anonymous: z.number(), noConsent: z.number(), suppressed: z.number() }),
  toldNobody: z.number(),
  /** Median days from feedback to its outcome, over the done items. */
  medianDaysToOutcome: z.nullable(z.number()),
});
export type LoopFigures = z.infer<typeof loopFiguresSchema>;

const DAY = 86_400_000;

/** The loop figures of some feedback items; `suppressed` holds the hashes of suppressed addresses. */
export function loopFigures(items: Feedback[], suppressed: ReadonlySet<string> = new Set()): LoopFigures {
  const states: Record<LoopState, number> = {
    told: 0,
    toldNobody: 0,
    anonymous: 0,
    noConsent: 0,
    suppressed: 0,
    waiting: 0,
  };
  for (const item of items) states[loopState(item, suppressed)] += 1;
  const done = items.filter(isDone);
  const days = done
    .flatMap((f) => {
      const at = outcomeAt(f);
      return at ? [(Date.parse(at) - Date.parse(f.createdAt)) / DAY] : [];
    })
    .sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median =
    days.length === 0
      ? null
      : days.length % 2
        ? (days[mid] as number)
        : ((days[mid - 1] as number) + (days[mid] as number)) / 2;
  const reachable = states.told + states.waiting;
  return {
    linked: items.length,
    done: done.length,
    told: states.told,
    toldShare: reachable === 0 ? null : states.told / reachable,
    cannotBeTold: { anonymous: states.anonymous, noConsent: states.noConsent, suppressed: states.suppressed },
    toldNobody: states.toldNobody,
    medianDaysToOutcome: median === null ? null : Math.round(median * 10) / 10,
  };
}

/** The hashes of the suppressed addresses among the submitters of these items not yet told (one batch read). */
export async function suppressedAmong(deps: Deps, items: Feedback[]): Promise<Set<string>> {
  const hashes = items.flatMap((item) =>
    item.emailHash && !item.outcomeToldAt && item.consent && !item.erasedAt ? [item.emailHash] : [],
  );
  return new Set((await deps.suppressions.getMany(hashes)).keys());
}

/** The loop figures of some feedback items, reading which of their submitters are suppressed. */
export async function loopFiguresOf(deps: Deps, items: Feedback[]): Promise<LoopFigures> {
  return loopFigures(items, await suppressedAmong(deps, items));
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
