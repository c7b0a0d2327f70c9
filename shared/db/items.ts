import type * as z from "zod/mini";
import { NotFoundError } from "../errors";

/** Parses an item read from the table with its entity's schema: what we read is checked, not cast. */
export function parseItem<S extends z.ZodMiniType>(schema: S, item: Record<string, unknown>): z.infer<S> {
  const result = schema.safeParse(item);
  if (!result.success) {
    throw new Error(
      `stored item ${String(item.PK)}/${String(item.SK)} does not match its schema: ${result.error.message}`,
    );
  }
  return result.data;
}

/** Like `parseItem`, but a missing item is a `NotFoundError`. */
export function requireItem<S extends z.ZodMiniType>(
  schema: S,
  item: Record<string, unknown> | undefined,
  what: string,
): z.infer<S> {
  if (!item) throw new NotFoundError(`${what} not found`);
  return parseItem(schema, item);
}

/** Epoch seconds, the unit of the table's TTL attribute. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
