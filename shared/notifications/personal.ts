import { endingPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import { logger } from "../logger";
import { TokenRepository } from "../repositories/tokens";
import { trackingUrl, unsubscribeUrl } from "../tracking/links";
import { wantsUpdates, withMergedItems } from "../updates/customers";

type Reachable = Feedback & { email: string; emailHash: string };

/**
 * A message about one item to its submitter, with fresh links (the item's tracking page and an
 * unsubscribe for the address) stored before the notification that carries them. Written pending
 * and unclaimed: its own stream record sends it, or the sweep does.
 */
export async function personalMessage(
  deps: Deps,
  item: Reachable,
  purpose: string,
  kind: "ending" | "reply",
  content: (links: { trackingUrl: string; unsubscribeUrl: string }) => Record<string, unknown>,
): Promise<Notification> {
  const now = deps.now();
  const at = now.toISOString();
  const links = TokenRepository.issueLinks(item.emailHash, [item.id], now, "feedback", item.id);
  await deps.tokens.storeLinks(links.linkSet);
  return {
    purpose,
    kind,
    status: "pending",
    feedbackId: item.id,
    recipient: { email: item.email, name: item.name, locale: item.locale },
    emailHash: item.emailHash,
    content: content({
      trackingUrl: trackingUrl(deps.config.publicUrl, links.tracking.get(item.id) ?? ""),
      unsubscribeUrl: unsubscribeUrl(deps.config.publicUrl, links.unsubscribe),
    }),
    linkSetId: links.linkSet.id,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Tells the customers of an item that staff ended by hand what came of it: its consenting
 * submitter and those of the items merged into it, one message per address (quoting their newest
 * item here), once. The notification's key follows from the item's version that ended it, so the
 * request that ended it and the item's stream record (which both call this) write it once between
 * them. Returns how many were new.
 */
export async function tellEnding(deps: Deps, item: Feedback): Promise<number> {
  const ending = item.ending;
  if (!ending?.notify || !ending.outcome || ending.version !== item.version) return 0;
  const { items } = await withMergedItems(deps, [item.id]);
  const byCustomer = new Map<string, Reachable>();
  for (const one of items) {
    if (!wantsUpdates(one)) continue;
    const known = byCustomer.get(one.emailHash);
    if (!known || known.id < one.id) byCustomer.set(one.emailHash, one);
  }
  let written = 0;
  for (const customer of byCustomer.values()) {
    const purpose = endingPurpose(item.id, ending.version, customer.emailHash);
    if (await deps.notifications.find(purpose)) continue;
    const notification = await personalMessage(deps, customer, purpose, "ending", (links) => ({
      message: customer.message,
      status: ending.status,
      outcome: ending.outcome,
      ...links,
    }));
    if (await deps.notifications.create(notification, deps.config.delivery.claimSeconds)) written += 1;
  }
  return written;
}

/**
 * Tells the ending from the request that made it, beside the stream record that tells it too: a
 * failure here is logged, not answered, because the change is stored and the stream still tells.
 */
export async function tellEndingNow(deps: Deps, item: Feedback): Promise<void> {
  await tellEnding(deps, item).catch((error: unknown) =>
    logger.warn("ending left to the stream", { feedbackId: item.id, error: String(error) }),
  );
}
