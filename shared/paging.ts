import * as z from "zod/mini";
import { decodeCursor, encodeCursor } from "./db/cursor";
import { inboxQuerySchema } from "./entities/feedback";

/**
 * `?limit=&cursor=` of every staff list: the inbox's own two fields (limit 1 to 100, default 50,
 * a 422 otherwise; an opaque cursor, a 400 when it is not one), so every list pages alike.
 */
export const pageQuerySchema = z.pick(inboxQuerySchema, { limit: true, cursor: true });
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** One page of a list, and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page read by key: up to `limit` items after `startKey`, and the key to go on from. */
export type KeyedPageRead<T> = (
  limit: number,
  startKey?: Record<string, unknown>,
) => Promise<{ items: T[]; lastKey?: Record<string, unknown> }>;

/** Reads the page a page query asks for: its cursor decoded into a start key, the next one encoded. */
export async function readPage<T>(query: PageQuery, read: KeyedPageRead<T>): Promise<Page<T>> {
  const page = await read(query.limit, decodeCursor(query.cursor));
  return { items: page.items, nextCursor: encodeCursor(page.lastKey) };
}
