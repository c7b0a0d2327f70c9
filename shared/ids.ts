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

const ulidToBytes = (id: string): Buffer => {
  let value = 0n;
  for (const char of id) value = value * 32n + BigInt(CROCKFORD.indexOf(char));
  return Buffer.from(value.toString(16).padStart(32, "0"), "hex");
};

const bytesToUlid = (bytes: Buffer): string => {
  let value = BigInt(`0x${bytes.toString("hex")}`);
  let id = "";
  for (let i = 0; i < 26; i++) {
    id = CROCKFORD[Number(value % 32n)] + id;
    value /= 32n;
  }
  return id;
};

/**
 * A bearer token that names the stored item holding its hash: the item's ULID (128 bits), then 128
 * random bits, base64url; 43 characters, the shape of every token. Finding it takes one read by
 * key, and the item's hash decides; the id alone opens nothing.
 */
export function newLocatorToken(id: string): string {
  return Buffer.concat([ulidToBytes(id), randomBytes(16)]).toString("base64url");
}

/** A day: an id whose time lies further ahead than this was never issued by `newLocatorToken`. */
const CLOCK_SLACK_MS = 86_400_000;

/**
 * The id a token names, if it could be one `newLocatorToken` issued (its time is not in the
 * future); undefined for anything else, such as the wholly random tokens issued before.
 */
export function tokenLocator(token: string, now: Date = new Date()): string | undefined {
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== 32) return undefined;
  const id = bytesToUlid(bytes.subarray(0, 16));
  const time = bytes.readUIntBE(0, 6);
  return time <= now.getTime() + CLOCK_SLACK_MS ? id : undefined;
}

/** Token shape: base64url of 32 bytes. Anything else is unknown without a database read. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a string has the shape of a token this product issues. */
export const looksLikeToken = (token: string) => TOKEN_PATTERN.test(token);
