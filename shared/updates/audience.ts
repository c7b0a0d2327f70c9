import { forEachLimit } from "../concurrency";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import type { Locale } from "../i18n/locales";
import { wantsUpdates, withMergedItems } from "./customers";

/** How many links are read per page while counting an action's audience. */
const PAGE = 500;

/**
 * The customers an action's updates go to, counted by the language they read: the consenting
 * submitters of its linked items and of the items merged into them, one per address (in the
 * language of their newest item, as the update is written), without those who unsubscribed or
 * whose address is suppressed. `only` restricts the count to some languages, so only their
 * customers' suppressions are looked up.
 */
export async function audienceByLocale(
  deps: Deps,
  actionId: string,
  only?: readonly Locale[],
): Promise<Map<Locale, number>> {
  const newest = new Map<string, Feedback>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.actions.linkedFeedback(actionId, PAGE, startKey);
    const { items } = await withMergedItems(deps, page.ids);
    for (const item of items) {
      if (!wantsUpdates(item)) continue;
      const known = newest.get(item.emailHash);
      if (!known || known.id < item.id) newest.set(item.emailHash, item);
    }
    startKey = page.lastKey;
  } while (startKey);
  const counted = [...newest.values()].filter((item) => !only || only.includes(item.locale));
  const counts = new Map<Locale, number>();
  await forEachLimit(counted, 16, async (item) => {
    if (item.emailHash && (await deps.suppressions.isSuppressed(item.emailHash))) return;
    counts.set(item.locale, (counts.get(item.locale) ?? 0) + 1);
  });
  return counts;
}
