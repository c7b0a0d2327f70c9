import type { Deps } from "../deps";
import type { NotificationContent, NotificationKind } from "../entities/notification";
import type { Locale } from "../i18n/locales";
import { normaliseEmail, sha256 } from "../ids";
import { NotificationRepository } from "../repositories/notifications";
import { TokenRepository } from "../repositories/tokens";
import { unsubscribeUrl } from "../tracking/links";

export interface OutboxMessage<K extends NotificationKind> {
  kind: K;
  purpose: string;
  recipient: { email: string; name?: string; locale: Locale };
  /** Everything the message needs except its unsubscribe link, which is made here. */
  content: Omit<NotificationContent<K>, "unsubscribeUrl">;
  feedbackId?: string;
}

/**
 * The items that owe one message: its links (the unsubscribe token, by hash) and the pending
 * notification. The caller writes them in the same transaction as the change that causes the
 * message, so the message can be neither lost nor sent for a change that did not happen.
 */
export function outboxItems<K extends NotificationKind>(
  deps: Deps,
  message: OutboxMessage<K>,
): Record<string, unknown>[] {
  const now = deps.now();
  const emailHash = sha256(normaliseEmail(message.recipient.email));
  const links = TokenRepository.issueLinks(emailHash, [], now, message.feedbackId);
  return [
    TokenRepository.linkSetItem(links.linkSet),
    NotificationRepository.pendingItem(
      {
        purpose: message.purpose,
        kind: message.kind,
        status: "pending",
        feedbackId: message.feedbackId,
        recipient: message.recipient,
        emailHash,
        content: { ...message.content, unsubscribeUrl: unsubscribeUrl(deps.config.publicUrl, links.unsubscribe) },
        linkSetId: links.linkSet.id,
        attempts: 0,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      },
      deps.config.delivery.claimSeconds,
    ),
  ];
}
