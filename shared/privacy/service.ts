import type { Principal } from "../auth/principal";
import { alertPurpose, complimentPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback, TimelineEntry } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import { ConflictError } from "../errors";
import { newId, normaliseEmail, sha256 } from "../ids";
import { VersionConflictError } from "../repositories/feedback";
import { PrivacyRepository } from "../repositories/privacy";
import { ERASED_MESSAGE, type ErasureResult, type PersonalDataExport } from "./schema";

/** How often an item that keeps changing under an erasure is read again before giving up. */
const MAX_ATTEMPTS = 5;

const repositoryOf = (deps: Deps) => new PrivacyRepository(deps.db, deps.config.tableName);

/** Everything held about an address (compared normalised): feedback with timelines, notifications, suppression. */
export async function exportPersonalData(deps: Deps, email: string): Promise<PersonalDataExport> {
  const address = normaliseEmail(email);
  const emailHash = sha256(address);
  const repository = repositoryOf(deps);
  const [items, notifications, suppression] = await Promise.all([
    repository.feedbackOf(emailHash),
    repository.notificationsOf(emailHash),
    repository.suppression(emailHash),
  ]);
  const feedback: PersonalDataExport["feedback"] = [];
  for (const item of items) feedback.push({ ...item, timeline: await deps.timeline.of(item.id) });
  return {
    email: address,
    exportedAt: deps.now().toISOString(),
    feedback,
    notifications: notifications.map(({ content: _content, ...rest }) => rest),
    suppression: suppression ? { suppressed: true, ...suppression } : { suppressed: false },
  };
}

/**
 * Erases an address's personal data: its feedback items lose address, name and hash (and, unless
 * `keepMessages`, their message), each through a versioned write with an `erased` timeline entry;
 * its notifications lose recipient and content (pending ones end suppressed); the links of its
 * mails, its unsubscribe tokens and its subscriptions to actions go; and the address is suppressed, first, so nothing is sent to it while this runs or after.
 * Erasing again changes nothing and counts nothing.
 */
export async function erasePersonalData(
  deps: Deps,
  actor: Principal,
  email: string,
  options: { keepMessages: boolean },
): Promise<ErasureResult> {
  const emailHash = sha256(normaliseEmail(email));
  const repository = repositoryOf(deps);
  await deps.suppressions.suppress(emailHash, "erased", deps.now());

  let feedbackItems = 0;
  for (const item of await repository.feedbackOf(emailHash)) {
    if (await eraseFeedback(deps, repository, actor, item, emailHash, options.keepMessages)) feedbackItems++;
  }

  let notifications = 0;
  for (const notification of await repository.notificationsOf(emailHash)) {
    if (notification.linkSetId) await repository.deleteLinkSet(notification.linkSetId);
    if (!holdsPersonalData(notification)) continue;
    const now = deps.now();
    if (notification.status === "pending") await deps.notifications.markSuppressed(notification.purpose, now);
    await repository.scrubNotification(notification.purpose, now.toISOString());
    notifications++;
  }

  for (const key of await repository.unsubscribeTokensOf(emailHash)) await repository.delete(key);
  for (const key of await repository.subscriptionsOf(emailHash)) await repository.delete(key);
  return { feedbackItems, notifications };
}

/**
 * Staff mail still to be sent that quotes an item's words (an alert to those subscribed to its
 * topic, a compliment routed to the person it praises) loses them once the item's message is
 * erased: the mail still goes out, saying "[erased]" where the words were. The stream function
 * calls this after the item's erased version, so an alert it wrote for the item before is found.
 * Returns how many messages lost the words.
 */
export async function eraseQuotedWords(deps: Deps, feedbackId: string): Promise<number> {
  const staff = await deps.staff.list();
  const purposes = staff.flatMap((person) => [
    alertPurpose(feedbackId, person.id),
    complimentPurpose(feedbackId, person.id),
  ]);
  const repository = repositoryOf(deps);
  const at = deps.now().toISOString();
  let erased = 0;
  for (const notification of await repository.notificationsFor(purposes)) {
    if (notification.content?.message === undefined) continue;
    if (await repository.replaceQuotedMessage(notification.purpose, ERASED_MESSAGE, at)) erased++;
  }
  return erased;
}

/** Whether a change of an item erased its message (its words are gone from it now). */
export const messageErased = (before: Feedback | undefined, after: Feedback) =>
  after.message === ERASED_MESSAGE && before !== undefined && before.message !== ERASED_MESSAGE;

const holdsPersonalData = (n: Notification) =>
  n.recipient.email !== "" || n.recipient.name !== undefined || n.content !== undefined;

/**
 * Erases one item through a versioned write; on a version conflict reads it again and retries.
 * Returns false when the item no longer belongs to the address (erased meanwhile, or gone).
 */
async function eraseFeedback(
  deps: Deps,
  repository: PrivacyRepository,
  actor: Principal,
  indexed: Feedback,
  emailHash: string,
  keepMessages: boolean,
): Promise<boolean> {
  let current: Feedback | undefined = indexed;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (current?.emailHash !== emailHash) return false;
    const now = deps.now();
    const { next, entry } = erased(current, actor, keepMessages, now);
    try {
      await deps.feedback.update(next, current.version, [entry]);
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      current = await repository.feedback(indexed.id);
    }
  }
  throw new ConflictError(`feedback ${indexed.id} kept changing during the erasure; run it again`, "version_conflict");
}

/** The erased form of an item, and the timeline entry that records it (with no personal data). */
function erased(current: Feedback, actor: Principal, keepMessages: boolean, now: Date) {
  const at = now.toISOString();
  // The consent to be named goes with the name; who a colleague's compliment named goes with the message.
  const { email: _email, name: _name, emailHash: _emailHash, creditName: _credit, praises, ...rest } = current;
  const next: Feedback = {
    ...rest,
    ...(keepMessages && praises !== undefined ? { praises } : {}),
    message: keepMessages ? current.message : ERASED_MESSAGE,
    erasedAt: current.erasedAt ?? at,
    updatedAt: at,
    version: current.version + 1,
  };
  const entry: TimelineEntry = {
    id: newId(now),
    feedbackId: current.id,
    type: "erased",
    at,
    actor: actor.staff.id,
    public: false,
    version: next.version,
    details: { keepMessages },
  };
  return { next, entry };
}
