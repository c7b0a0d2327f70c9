import { createHash, randomBytes } from "node:crypto";
import { encodeTime, monotonicFactory, ulid } from "ulid";

const nextUlid = monotonicFactory();
let latest = 0;

/**
 * A new ULID for the moment `now`: time-sortable, so newest-first is a reverse key order. Ids made
 * in the same millisecond still sort in the order they were made; an id for an earlier moment (when
 * loading dated data) carries that moment, not the latest one.
 */
export function newId(now: Date = new Date()): string {
  const time = now.getTime();
  if (time < latest) return ulid(time);
  latest = time;
  return nextUlid(time);
}

/** An unguessable bearer token: 256 random bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The hex SHA-256 of a value: tokens and addresses are stored and looked up by this, never as given. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** The form under which an email address is compared and suppressed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Whether a string is a ULID; anything else cannot be the id of a stored item. */
export const isUlid = (value: string) => ULID.test(value);

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A ULID that is the same every time for the same moment and name: for entries a retried effect
 * may write again, so the second write finds the first instead of adding a twin.
 */
export function deterministicId(at: Date, name: string): string {
  const digest = createHash("sha256").update(name).digest();
  const random = Array.from({ length: 16 }, (_, i) => CROCKFORD[(digest[i] ?? 0) % 32]).join("");
  return `${encodeTime(at.getTime(), 10)}${random}`;
}
