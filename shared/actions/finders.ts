import type { Deps } from "../deps";
import type { Action, FinderCredit } from "../entities/action";
import type { Feedback } from "../entities/feedback";

/** Tags that mark an item as a defect report, whatever its kind. */
const DEFECT_TAGS = new Set(["defect", "bug"]);

/** Whether an item reports something a fix fixes: a complaint, or an item tagged as a defect. */
export const reportsDefect = (item: Feedback) =>
  item.kind === "complaint" || item.tags.some((tag) => DEFECT_TAGS.has(tag.trim().toLowerCase()));

/** Whether the public board may name an item's submitter: they agreed, gave a name, and were not erased. */
const mayName = (item: Feedback) => item.creditName === true && Boolean(item.name?.trim()) && !item.erasedAt;

/**
 * Credits whoever reported the complaints and defects among a done action's linked items (a
 * customer or a colleague) as its finders. Idempotent: a credit is written once per item, so a
 * page of the job run again changes nothing.
 */
export async function creditFinders(deps: Deps, action: Pick<Action, "id" | "status">, items: Feedback[]) {
  if (action.status !== "done") return 0;
  const at = deps.now().toISOString();
  const credits: FinderCredit[] = items
    .filter((item) => item.status !== "merged" && reportsDefect(item))
    .map((item) => ({
      actionId: action.id,
      feedbackId: item.id,
      at,
      customerType: item.customerType,
      named: mayName(item),
    }));
  await deps.actions.creditFinders(credits);
  return credits.length;
}

/** One finder as staff see them on the action page. */
export interface FinderView {
  feedbackId: string;
  customerType: "external" | "internal";
  /** Their name, when they agreed to be named on the board. */
  name?: string;
  /** What staff may know of them: their name and address as given, whether or not they may be named. */
  givenName?: string;
  email?: string;
}

/** The finders credited on an action, as staff see them (every one, named or not). */
export async function findersOf(deps: Deps, actionId: string): Promise<FinderView[]> {
  const credits = await deps.actions.finders(actionId);
  const items = new Map((await deps.feedback.getMany(credits.map((c) => c.feedbackId))).map((i) => [i.id, i]));
  return credits.map((credit) => {
    const item = items.get(credit.feedbackId);
    return {
      feedbackId: credit.feedbackId,
      customerType: credit.customerType,
      name: item && mayName(item) ? item.name : undefined,
      givenName: item?.name,
      email: item?.email,
    };
  });
}

/** How many finders the public board names for one action at most; the others are a count. */
export const BOARD_NAMED_FINDERS = 12;

/**
 * What the board needs of an action's finders: how many were credited, and the items of the first
 * credited who agreed to be named (at most {@link BOARD_NAMED_FINDERS}, in the credits' own order, so
 * every count names the same people).
 */
export async function finderTally(deps: Deps, actionId: string): Promise<{ credited: number; named: string[] }> {
  const credits = await deps.actions.finders(actionId);
  const named = credits.filter((c) => c.named).slice(0, BOARD_NAMED_FINDERS);
  return { credited: credits.length, named: named.map((c) => c.feedbackId) };
}

/**
 * What the public board says of an action's finders: the names of those of `tally` who may still
 * be named (read from their items now, so an erasure takes a name at once), in alphabetical order,
 * and how many others found it too (never who they are).
 */
export async function publicFinders(
  deps: Deps,
  tally: { credited: number; named: string[] },
): Promise<{ named: string[]; others: number }> {
  const items = await deps.feedback.getMany(tally.named);
  const names = items
    .filter(mayName)
    .map((item) => item.name?.trim() ?? "")
    .sort((a, b) => a.localeCompare(b, "en"));
  return { named: names, others: tally.credited - names.length };
}
