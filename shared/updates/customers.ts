import { forEachLimit } from "../concurrency";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";

/** How deep a chain of merges is followed (a merge into a merged item is refused, so 1 is usual). */
const MAX_MERGE_DEPTH = 10;

/** Whether the submitter of an item asked to hear back and can be written to. */
export const wantsUpdates = (item: Feedback): item is Feedback & { email: string; emailHash: string } =>
  item.consent && item.email !== undefined && item.emailHash !== undefined && item.erasedAt === undefined;

/**
 * The items with these ids and every item merged into them (and into those), read consistently;
 * stored items that cannot be read are returned apart, so the rest can go on without them.
 */
export async function withMergedItems(
  deps: Deps,
  ids: string[],
): Promise<{ items: Feedback[]; unreadable: { id: string; error: Error }[] }> {
  const found: Feedback[] = [];
  const unreadable: { id: string; error: Error }[] = [];
  const seen = new Set<string>();
  let level = ids;
  for (let depth = 0; level.length > 0 && depth <= MAX_MERGE_DEPTH; depth++) {
    for (const id of level) seen.add(id);
    const read = await deps.feedback.getManyReadable(level);
    const items = read.items;
    found.push(...items);
    unreadable.push(...read.unreadable);
    const children: string[] = [];
    const primaries = items.filter((item) => (item.mergedCount ?? 0) > 0).map((item) => item.id);
    await forEachLimit(primaries, 16, async (id) => {
      children.push(...(await deps.feedback.mergedInto(id)));
    });
    level = children.filter((id) => !seen.has(id));
  }
  return { items: found, unreadable };
}

/** The item an item was merged into, followed to the end of the chain (the item itself if not merged). */
export async function mergeRoot(deps: Deps, item: Feedback): Promise<Feedback> {
  let current = item;
  for (let depth = 0; current.mergedInto && depth < MAX_MERGE_DEPTH; depth++) {
    current = await deps.feedback.get(current.mergedInto);
  }
  return current;
}
