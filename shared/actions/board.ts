import * as z from "zod/mini";
import { decodeCursor, encodeCursor } from "../db/cursor";
import type { Deps } from "../deps";
import type { Action, ActionCounts } from "../entities/action";
import { type Locale, locales } from "../i18n/locales";
import { textIn } from "../i18n/texts";
import { logger } from "../logger";
import { finderTally, publicFinders } from "./finders";

/** `GET /api/you-said-we-did` query. */
export const boardQuerySchema = z.object({
  /** `planned`: the roadmap (actions planned or in progress); `done` (the default): what was done. */
  status: z._default(z.enum(["done", "planned"], "status must be done or planned"), "done"),
  lang: z.optional(z.enum(locales, "lang must be en, nl or sv")),
  limit: z._default(
    z.coerce
      .number("limit must be a number")
      .check(z.int("limit must be a whole number"), z.gte(1, "limit is 1 to 50"), z.lte(50, "limit is 1 to 50")),
    20,
  ),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

/**
 * One entry of the public board, in the reader's language: staff's words only, never a customer's
 * own words or identity. A done action says what was done; a promised one what will be.
 */
export const boardEntrySchema = z.object({
  id: z.string(),
  status: z.enum(["planned", "in_progress", "done"]),
  title: z.string(),
  youSaid: z.string(),
  weWill: z.nullable(z.string()),
  weDid: z.nullable(z.string()),
  goal: z.nullable(z.object({ id: z.string(), title: z.string() })),
  /** How many feedback items asked for it. */
  customers: z.number(),
  /** How many people from the public asked to be told about it (and confirmed). */
  subscribers: z.number(),
  plannedAt: z.nullable(z.string()),
  doneAt: z.nullable(z.string()),
  /**
   * A done action's finders: the names of up to twelve of those who reported what it fixed and
   * agreed to be named, and how many others did (never who). Null before it is done.
   */
  finders: z.nullable(z.object({ named: z.array(z.string()), others: z.number() })),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;

/**
 * The public "you said, we did" board, newest first, paginated: done actions, or with
 * `status=planned` the roadmap of actions planned or in progress. Texts are in `locale` where staff
 * wrote it, else in the default language.
 */
export async function youSaidWeDid(
  deps: Deps,
  query: BoardQuery,
  locale: Locale = query.lang ?? deps.config.defaultLocale,
): Promise<{ items: BoardEntry[]; nextCursor: string | null }> {
  const which = query.status === "planned" ? "promised" : "done";
  const page = await deps.actions.listPublic(which, query.limit, decodeCursor(query.cursor));
  const goals = new Map((await deps.goals.list()).map((g) => [g.id, g]));
  const say = (text: Action["title"] | undefined) => textIn(text, locale, deps.config.defaultLocale);
  const items = await Promise.all(
    page.items
      .filter((action) => action.status !== "proposed" && action.status !== "dropped")
      .map(async (action): Promise<BoardEntry> => {
        const goal = goals.get(action.goalId);
        const counts = await audienceCounts(deps, action);
        return {
          id: action.id,
          status: action.status as BoardEntry["status"],
          title: say(action.title),
          youSaid: say(action.youSaid) || say(action.title),
          weWill: action.weWill ? say(action.weWill) : null,
          weDid: action.weDid ? say(action.weDid) : null,
          goal: goal ? { id: goal.id, title: say(goal.title) } : null,
          customers: counts.customers,
          subscribers: counts.subscribers,
          plannedAt: action.plannedAt ?? null,
          doneAt: action.doneAt ?? null,
          finders:
            action.status === "done"
              ? await publicFinders(deps, { credited: counts.finders, named: counts.namedFinders })
              : null,
        };
      }),
  );
  return { items, nextCursor: encodeCursor(page.lastKey) };
}

/**
 * How many feedback items are linked to an action, how many people confirmed they want to be told,
 * and its finders, as the board shows them. Counting reads every link of the action, so the counts
 * are kept and used again for `boardCountSeconds` (0: counted on every view): a board read by many,
 * of actions that thousands asked for, counts each action about once in that time.
 */
async function audienceCounts(deps: Deps, action: Action): Promise<ActionCounts> {
  const now = deps.now();
  const maxAge = deps.config.boardCountSeconds * 1000;
  const kept = maxAge > 0 ? await deps.actions.counts(action.id) : undefined;
  // Counts made before the action last changed (it became done, say) are counted again.
  if (kept && kept.countedAt >= action.updatedAt && now.getTime() - Date.parse(kept.countedAt) < maxAge) return kept;
  const [customers, subscribers, finders] = await Promise.all([
    deps.actions.countLinked(action.id),
    deps.subscribers.countConfirmed(action.id),
    action.status === "done" ? finderTally(deps, action.id) : { credited: 0, named: [] },
  ]);
  const counts: ActionCounts = {
    actionId: action.id,
    customers,
    subscribers,
    finders: finders.credited,
    namedFinders: finders.named,
    countedAt: now.toISOString(),
  };
  // Kept for the next views; if that fails, this view still has its counts.
  if (maxAge > 0) {
    await deps.actions
      .storeCounts(counts)
      .catch((error: unknown) => logger.warn("board counts not kept", { actionId: action.id, error: String(error) }));
  }
  return counts;
}
