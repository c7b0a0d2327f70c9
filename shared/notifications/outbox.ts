import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import type { Notification, NotificationContent, NotificationKind } from "../entities/notification";
import type { Staff } from "../entities/staff";
import { ConflictError, NotFoundError } from "../errors";
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

/** How often a mail quoting an item's words reads the item again when they changed under it. */
const QUOTE_ATTEMPTS = 3;

/**
 * Writes a mail that quotes a feedback item's words (an alert, a routed compliment) once, checked
 * in the same write against the item as it is: when its words changed since `item` was read (an
 * erasure), the item is read again and the mail quotes what it says now. `write` builds and
 * writes the mail from the item it is given. "exists" when the mail was written before.
 */
export async function writeQuoting(
  deps: Deps,
  item: Feedback,
  write: (item: Feedback) => Promise<"written" | "exists" | "changed">,
): Promise<"written" | "exists"> {
  let current = item;
  for (let attempt = 1; ; attempt++) {
    const outcome = await write(current);
    if (outcome !== "changed") return outcome;
    if (attempt === QUOTE_ATTEMPTS) {
      throw new ConflictError(
        `feedback ${item.id} kept changing while a mail quoting it was written`,
        "version_conflict",
      );
    }
    const [read] = await deps.feedback.getMany([item.id]);
    if (!read) throw new NotFoundError("feedback not found");
    current = read;
  }
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
