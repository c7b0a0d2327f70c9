import * as z from "zod/mini";
import { decodeCursor, encodeCursor } from "../db/cursor";
import type { Deps } from "../deps";

/** `GET /api/you-said-we-did` query. */
export const boardQuerySchema = z.object({
  limit: z._default(
    z.coerce
      .number("limit must be a number")
      .check(z.int("limit must be a whole number"), z.gte(1, "limit is 1 to 50"), z.lte(50, "limit is 1 to 50")),
    20,
  ),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

/** One entry of the public board: staff's words only, never a customer's own words or identity. */
export const boardEntrySchema = z.object({
  id: z.string(),
  youSaid: z.string(),
  weDid: z.string(),
  goal: z.nullable(z.object({ id: z.string(), title: z.string() })),
  /** How many feedback items asked for it. */
  customers: z.number(),
  doneAt: z.string(),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;

/** The public "you said, we did" board: done actions, newest first, paginated. */
export async function youSaidWeDid(
  deps: Deps,
  query: BoardQuery,
): Promise<{ items: BoardEntry[]; nextCursor: string | null }> {
  const page = await deps.actions.listDone(query.limit, decodeCursor(query.cursor));
  const goals = new Map((await deps.goals.list()).map((g) => [g.id, g]));
  const items = await Promise.all(
    page.items.map(async (action) => {
      const goal = goals.get(action.goalId);
      return {
        id: action.id,
        youSaid: action.youSaid ?? action.title,
        weDid: action.weDid ?? "",
        goal: goal ? { id: goal.id, title: goal.title } : null,
        customers: await deps.actions.countLinked(action.id),
        doneAt: action.doneAt ?? action.updatedAt,
      };
    }),
  );
  return { items, nextCursor: encodeCursor(page.lastKey) };
}
