import type { Deps } from "../deps";
import type { Notification, NotificationContent, NotificationKind } from "../entities/notification";
import type { Staff } from "../entities/staff";
import type { Locale } from "../i18n/locales";
import { normaliseEmail, sha256 } from "../ids";
import { NotificationRepository } from "../repositories/notifications";

/** A mail to staff: a sign-in link or an invitation. It carries no links but its own. */
export interface StaffMessage<K extends "sign_in" | "invitation"> {
  kind: K;
  purpose: string;
  recipient: { email: string; name?: string; locale: Locale };
  content: NotificationContent<K>;
}

/**
 * The item that owes one staff mail: the pending notification. The caller writes it in the same
 * transaction as the change that causes the message, so the message can be neither lost nor sent
 * for a change that did not happen. Staff mail has no unsubscribe link, so nothing in it can stop
 * a staff member's sign-in mail.
 */
export function outboxItems<K extends "sign_in" | "invitation">(
  deps: Deps,
  message: StaffMessage<K>,
): Record<string, unknown>[] {
  const at = deps.now().toISOString();
  return [
    NotificationRepository.pendingItem(
      {
        purpose: message.purpose,
        kind: message.kind,
        status: "pending",
        recipient: message.recipient,
        emailHash: sha256(normaliseEmail(message.recipient.email)),
        content: message.content,
        attempts: 0,
        createdAt: at,
        updatedAt: at,
      },
      deps.config.delivery.claimSeconds,
    ),
  ];
}

/**
 * A pending, unclaimed mail to a staff member (a compliment, kudos, an alert, a digest), in their
 * language (their record's, else `DEFAULT_LOCALE`): its own stream record sends it, or the sweep.
 */
export function staffNotification(
  deps: Deps,
  person: Pick<Staff, "email" | "name" | "locale">,
  kind: NotificationKind,
  purpose: string,
  content: Record<string, unknown>,
): Notification {
  const at = deps.now().toISOString();
  return {
    purpose,
    kind,
    status: "pending",
    recipient: { email: person.email, name: person.name, locale: person.locale ?? deps.config.defaultLocale },
    emailHash: sha256(normaliseEmail(person.email)),
    content,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}
