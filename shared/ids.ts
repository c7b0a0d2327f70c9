import { createHash, randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";

const nextUlid = monotonicFactory();

/** A new ULID: time-sortable, so newest-first is a reverse key order. */
export function newId(now: Date = new Date()): string {
  return nextUlid(now.getTime());
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
