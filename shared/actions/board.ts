import * as z from "zod/mini";
import { decodeCursor, encodeCursor } from "../db/cursor";
import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import { type Locale, locales } from "../i18n/locales";
import { textIn } from "../i18n/texts";
import { publicFinders } from "./finders";

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
        return {
          id: action.id,
          status: action.status as BoardEntry["status"],
          title: say(action.title),
          youSaid: say(action.youSaid) || say(action.title),
          weWill: action.weWill ? say(action.weWill) : null,
          weDid: action.weDid ? say(action.weDid) : null,
          goal: goal ? { id: goal.id, title: say(goal.title) } : null,
          customers: await deps.actions.countLinked(action.id),
          subscribers: await deps.subscribers.countConfirmed(action.id),
          plannedAt: action.plannedAt ?? null,
          doneAt: action.doneAt ?? null,
          finders: action.status === "done" ? await publicFinders(deps, action.id) : null,
        };
      }),
  );
  return { items, nextCursor: encodeCursor(page.lastKey) };
}
