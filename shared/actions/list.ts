import * as z from "zod/mini";
import type { Deps } from "../deps";
import { type Action, actionQuerySchema } from "../entities/action";
import { type Page, pageQuerySchema, readPage } from "../paging";

/** `GET /api/actions`: a goal's or every action, of one status or all, a page at a time. */
export const actionListQuerySchema = z.extend(actionQuerySchema, pageQuerySchema.shape);
export type ActionListQuery = z.infer<typeof actionListQuerySchema>;

/** A page of the actions (a goal's, when `goalId` is given; of one status, when `status` is), oldest first. */
export function listActions(deps: Deps, query: ActionListQuery): Promise<Page<Action>> {
  const { goalId, status } = query;
  return readPage(query, (limit, startKey) => deps.actions.page({ goalId, status }, limit, startKey));
}
