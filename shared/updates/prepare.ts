import * as z from "zod/mini";
import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { Feedback } from "../entities/feedback";
import type { LinkSet } from "../entities/links";
import { type Notification, notificationContent } from "../entities/notification";
import type { SuppressionReason } from "../entities/suppression";
import { textIn } from "../i18n/texts";
import { MAX_QUOTES, type UpdateContent } from "../mail/templates/update";
import { PrivacyRepository } from "../repositories/privacy";
import { TokenRepository } from "../repositories/tokens";
import { trackingUrl, unsubscribeUrl } from "../tracking/links";
import { mergeRoot, wantsUpdates } from "./customers";
import { phaseTextField } from "./fan-out";

/**
 * The most items one update records as covered (timeline entry, told-at), all in the transaction
 * that marks it sent. A customer with more linked items than this hears about all of them, but
 * only these are marked.
 */
export const MAX_COVERED = 30;

/**
 * What the sender of an update read a moment ago (a job's page): the action, the page's items (and
 * the items merged into them), and the ids of the page's items, which the action's links listed.
 */
export interface KnownToSender {
  action?: Action;
  items?: Feedback[];
  linked?: Set<string>;
  /** The sender sets the told-at of what its "we did" updates cover (a job's page does, with its own writes). */
  recordsTold?: boolean;
  /**
   * The suppressions of the page's recipients, read at once (consistently) just before its sends:
   * for an address in `read`, its reason, if it has one. Others are read per message.
   */
  suppressed?: { read: ReadonlySet<string>; reasons: ReadonlyMap<string, SuppressionReason> };
  /** How the sender stores each mail's links (a page's senders gather theirs into batches); one put each by default. */
  storeLinks?: (links: LinkSet) => Promise<void>;
}

/**
 * Settles an update when it is sent: every item of this customer that asked for updates and is
 * linked to the action (directly, or through the item it was merged into) is covered, oldest first,
 * so one message speaks for all of them, whichever of them led to it. New tracking links are
 * issued for the quoted items, and an unsubscribe link for the address, all in one link set. Undefined when nothing is
 * owed any more (the action lost its text, or no item of the customer's still qualifies). `known`
 * is what its sender read a moment ago (a job's page), so it is not read again per message.
 */
export async function prepareUpdate(
  deps: Deps,
  notification: Notification,
  known: KnownToSender = {},
): Promise<{ content: UpdateContent; feedbackIds: string[]; linkSetId: string } | undefined> {
  const { actionId, phase, goal, subscriber } = z.parse(notificationContent.update, notification.content);
  const action = known.action?.id === actionId ? known.action : await deps.actions.get(actionId);
  const { locale } = notification.recipient;
  const { defaultLocale } = deps.config;
  // Each customer reads the text in their language; where staff wrote none (a move made with
  // "fallback"), the default language's.
  const text = textIn(action?.[phaseTextField[phase]], locale, defaultLocale);
  if (!action || !text) return undefined;

  const privacy = new PrivacyRepository(deps.db, deps.config.tableName);
  const candidates = new Map<string, Feedback>();
  for (const item of await privacy.feedbackOf(notification.emailHash, known.items)) candidates.set(item.id, item);
  // The index may lag a moment behind; the item that led to the update is read directly.
  if (notification.feedbackId && !candidates.has(notification.feedbackId)) {
    const held = known.items?.find((item) => item.id === notification.feedbackId);
    const [item] = held ? [held] : await deps.feedback.getMany([notification.feedbackId]);
    if (item) candidates.set(item.id, item);
  }
  const eligible = [...candidates.values()].filter(wantsUpdates);
  const roots = new Map<string, string>();
  for (const item of eligible) roots.set(item.id, (await mergeRoot(deps, item)).id);
  const rootIds = [...new Set(roots.values())];
  const linkedHere = known.action?.id === actionId ? (known.linked ?? new Set<string>()) : new Set<string>();
  const unknown = rootIds.filter((id) => !linkedHere.has(id));
  const linked = new Set([
    ...rootIds.filter((id) => linkedHere.has(id)),
    ...(unknown.length > 0 ? await deps.actions.linkedAmong(actionId, unknown) : []),
  ]);
  const covered = eligible
    .filter((item) => linked.has(roots.get(item.id) ?? ""))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (covered.length === 0) {
    // Someone who asked to be told, with no feedback of their own here: told while still subscribed.
    const asked = subscriber ? await deps.subscribers.get(actionId, notification.emailHash) : undefined;
    if (asked?.status !== "confirmed") return undefined;
  }

  const quoted = covered.slice(0, MAX_QUOTES);
  const links = TokenRepository.issueLinks(
    notification.emailHash,
    quoted.map((item) => item.id),
    deps.now(),
    // With no feedback of theirs here, the recipient is told because they asked to follow the action.
    covered.length === 0 ? "followed_action" : "feedback",
    notification.feedbackId,
  );
  await (known.storeLinks ?? ((set: LinkSet) => deps.tokens.storeLinks(set)))(links.linkSet);
  return {
    content: {
      phase,
      text,
      items: quoted.map((item) => ({
        message: item.message,
        trackingUrl: trackingUrl(deps.config.publicUrl, links.tracking.get(item.id) ?? ""),
      })),
      more: covered.length - quoted.length,
      ...(covered.length === 0 ? { asked: textIn(action.title, locale, defaultLocale) } : {}),
      goal: goal && { ...goal, title: textIn(goal.title, locale, defaultLocale) },
      unsubscribeUrl: unsubscribeUrl(deps.config.publicUrl, links.unsubscribe),
    },
    feedbackIds: covered.slice(0, MAX_COVERED).map((item) => item.id),
    linkSetId: links.linkSet.id,
  };
}
