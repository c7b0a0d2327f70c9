import { timingSafeEqual } from "node:crypto";
import { signInPurpose } from "../db/keys";
import type { Deps } from "../deps";
import { NotFoundError } from "../errors";
import { looksLikeToken, newToken, sha256 } from "../ids";
import { outboxItems } from "../notifications/outbox";
import { AuthRepository } from "../repositories/auth";
import { ensureConfiguredAdmin } from "./first-admin";
import type { Principal } from "./principal";

/** A magic link signs in within this many minutes of being asked for. */
export const MAGIC_LINK_MINUTES = 10;
/** A session lasts this long from sign-in. */
export const SESSION_HOURS = 12;

/**
 * Mails a single-use sign-in link to an active staff member. Does the same visible nothing for
 * any other address, so the caller can answer alike and reveal nothing about who is staff.
 */
export async function requestMagicLink(deps: Deps, email: string): Promise<void> {
  const staff = (await ensureConfiguredAdmin(deps, email)) ?? (await deps.staff.findByEmail(email));
  if (!staff?.active) return;
  const now = deps.now();
  const token = newToken();
  const tokenHash = sha256(token);
  const validUntil = new Date(now.getTime() + MAGIC_LINK_MINUTES * 60_000).toISOString();
  await deps.writeAll([
    AuthRepository.magicLinkItem(tokenHash, { staffId: staff.id, createdAt: now.toISOString(), validUntil }),
    ...outboxItems(deps, {
      kind: "sign_in",
      purpose: signInPurpose(tokenHash),
      recipient: { email: staff.email, name: staff.name, locale: "en" },
      content: {
        url: `${deps.config.publicUrl}/auth/callback?token=${encodeURIComponent(token)}`,
        validMinutes: MAGIC_LINK_MINUTES,
      },
    }),
  ]);
}

/**
 * Signs in with a magic link: once, within its time, for a staff member who is still active.
 * Returns the new session's token and CSRF token; anything else is a NotFoundError.
 */
export async function signInWithMagicLink(deps: Deps, token: string) {
  const invalid = new NotFoundError("this sign-in link is not valid: it was used, has expired or is incomplete");
  if (!looksLikeToken(token)) throw invalid;
  const now = deps.now();
  const link = await deps.auth.useMagicLink(sha256(token), now);
  if (!link) throw invalid;
  const staff = await deps.staff.get(link.staffId);
  if (!staff?.active) throw invalid;
  const sessionToken = newToken();
  const csrfToken = newToken();
  await deps.auth.createSession(sha256(sessionToken), {
    staffId: staff.id,
    csrfToken,
    createdAt: now.toISOString(),
    validUntil: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  });
  await deps.staff.save({ ...staff, lastSignInAt: now.toISOString() });
  return { sessionToken, csrfToken, staff };
}

/** Ends a session server-side: its cookie signs nobody in afterwards. */
export async function signOut(deps: Deps, sessionToken: string): Promise<void> {
  if (looksLikeToken(sessionToken)) await deps.auth.deleteSession(sha256(sessionToken));
}

/** Who a session cookie signs in, if it is valid and the staff member is active right now. */
export async function authenticateSession(deps: Deps, sessionToken: string): Promise<Principal | undefined> {
  if (!looksLikeToken(sessionToken)) return undefined;
  const session = await deps.auth.findSession(sha256(sessionToken), deps.now());
  if (!session) return undefined;
  const staff = await deps.staff.get(session.staffId);
  return staff?.active ? { staff, via: "session", csrfToken: session.csrfToken } : undefined;
}

const API_TOKEN = /^fbk_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

/** The form of an API token: its id (to find it) and its secret (to prove it). */
export const formatApiToken = (id: string, secret: string) => `fbk_${id}_${secret}`;

/** Who an API token acts as, if it is well-formed, known, not revoked, and its owner is active. */
export async function authenticateApiToken(deps: Deps, bearer: string): Promise<Principal | undefined> {
  const match = API_TOKEN.exec(bearer);
  if (!match) return undefined;
  const [, id = "", secret = ""] = match;
  const token = await deps.auth.getApiToken(id);
  if (!token || token.revokedAt) return undefined;
  const given = Buffer.from(sha256(secret), "hex");
  const stored = Buffer.from(token.secretHash, "hex");
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
  const staff = await deps.staff.get(token.staffId);
  return staff?.active ? { staff, via: "token" } : undefined;
}
