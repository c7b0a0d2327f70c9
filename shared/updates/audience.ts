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
 * language of their newest item, as the update is written), and the people who asked to be told
 * (in the language they asked in), without those who unsubscribed or whose address is suppressed. `only` restricts the count to some languages, so only their
 * customers' suppressions are looked up.
 */
export async function audienceByLocale(
  deps: Deps,
  actionId: string,
  only?: readonly Locale[],
): Promise<Map<Locale, number>> {
  const newest = new Map<string, Feedback>();
  const asked = new Map<string, Locale>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.actions.audiencePage(actionId, PAGE, startKey);
    const { items } = await withMergedItems(deps, page.ids);
    for (const item of items) {
      if (!wantsUpdates(item)) continue;
      const known = newest.get(item.emailHash);
      if (!known || known.id < item.id) newest.set(item.emailHash, item);
    }
    for (const subscriber of page.subscribers) asked.set(subscriber.emailHash, subscriber.locale);
    startKey = page.lastKey;
  } while (startKey);
  // Someone who asked to be told and wrote feedback too is told as the writer of that feedback.
  const customers = [
    ...[...newest.values()].map((item) => ({ emailHash: item.emailHash as string, locale: item.locale })),
    ...[...asked].filter(([hash]) => !newest.has(hash)).map(([emailHash, locale]) => ({ emailHash, locale })),
  ];
  const counted = customers.filter((customer) => !only || only.includes(customer.locale));
  const counts = new Map<Locale, number>();
  await forEachLimit(counted, 16, async (customer) => {
    if (await deps.suppressions.isSuppressed(customer.emailHash)) return;
    counts.set(customer.locale, (counts.get(customer.locale) ?? 0) + 1);
  });
  return counts;
}
