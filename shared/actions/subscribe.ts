import { subscribePurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Notification } from "../entities/notification";
import type { SubscribeInput, Subscriber } from "../entities/subscriber";
import { NotFoundError } from "../errors";
import { textIn } from "../i18n/texts";
import { looksLikeToken, newId, newLocatorToken, normaliseEmail, sha256 } from "../ids";
import { logger } from "../logger";
import { SubscriberRepository } from "../repositories/subscribers";
import { updateLateSubscriber } from "../updates/fan-out";

/** How long a confirmation link works. */
const CONFIRM_DAYS = 7;

/** An action the public may ask to be told about: one on the roadmap (planned or in progress). */
async function promisedAction(deps: Deps, actionId: string) {
  const action = await deps.actions.get(actionId);
  if (!action || (action.status !== "planned" && action.status !== "in_progress")) {
    throw new NotFoundError("no promised action with this id");
  }
  return action;
}

/**
 * A visitor asks to be told about a promised action: a confirmation mail goes to the address
 * (double opt-in); only its link makes them a customer of the action. The answer is the same
 * whether the address was new, pending, already confirmed or suppressed, so asking reveals
 * nothing about anyone. Returns the confirmation link's token for callers that hold the address
 * themselves (the demo data); the HTTP routes never answer with it.
 */
export async function requestSubscription(
  deps: Deps,
  actionId: string,
  input: SubscribeInput,
): Promise<{ token?: string }> {
  const action = await promisedAction(deps, actionId);
  const email = input.email;
  const emailHash = sha256(normaliseEmail(email));
  const now = deps.now();
  const at = now.toISOString();
  const locale = input.locale ?? deps.config.defaultLocale;
  const subscriber = await deps.subscribers.request({
    actionId,
    email,
    emailHash,
    locale,
    status: "pending",
    createdAt: at,
  });
  // Confirmed already: nothing to confirm (the same answer, and no mail that would say so).
  if (subscriber.status === "confirmed") return {};
  const token = newLocatorToken(newId(now));
  const tokenHash = sha256(token);
  const notification: Notification = {
    purpose: subscribePurpose(actionId, tokenHash),
    kind: "subscription",
    status: "pending",
    recipient: { email, locale },
    emailHash,
    content: {
      title: textIn(action.title, locale, deps.config.defaultLocale),
      confirmUrl: `${deps.config.publicUrl}/subscribe/confirm/${token}`,
    },
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
  await deps.notifications.createWith(notification, deps.config.delivery.claimSeconds, [
    SubscriberRepository.tokenItem({
      tokenHash,
      actionId,
      emailHash,
      createdAt: at,
      expiresAt: Math.floor(now.getTime() / 1000) + CONFIRM_DAYS * 86_400,
    }),
  ]);
  return { token };
}

/**
 * Follows a confirmation link: its address becomes a customer of the action, told once per phase
 * from then on, and at once of the phase under way (from here and from the subscriber's stream
 * record: the same notification, once). Following it again changes nothing. Unknown or expired
 * tokens are a NotFoundError.
 */
export async function confirmSubscription(deps: Deps, token: string): Promise<Subscriber> {
  if (!looksLikeToken(token)) throw new NotFoundError("unknown or expired confirmation link");
  const found = await deps.subscribers.findToken(sha256(token), deps.now());
  if (!found) throw new NotFoundError("unknown or expired confirmation link");
  await deps.subscribers.confirm(found.actionId, found.emailHash, deps.now());
  const subscriber = await deps.subscribers.get(found.actionId, found.emailHash);
  if (!subscriber) throw new NotFoundError("unknown or expired confirmation link");
  await updateLateSubscriber(deps, subscriber).catch((error: unknown) =>
    logger.warn("subscriber's update left to the stream", { actionId: found.actionId, error: String(error) }),
  );
  return subscriber;
}
