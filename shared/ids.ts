import { createHash, randomBytes, randomFillSync } from "node:crypto";
import { encodeTime, monotonicFactory, type PRNG, ulid } from "ulid";

/**
 * Random bytes from the system's CSPRNG, drawn a few kilobytes at a time (as Node's `randomUUID`
 * does) and handed out once each. Asking the system for them one call at a time is what made ids
 * and tokens costly on the intake path: the `ulid` package's own source makes 16 calls per id.
 */
const pool = Buffer.alloc(4096);
let drawn = pool.length;

function reserve(count: number): number {
  if (drawn + count > pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  const at = drawn;
  drawn += count;
  return at;
}

/** `count` (at most 4096) random bytes of their own. */
function pooledBytes(count: number): Buffer {
  const at = reserve(count);
  return Buffer.from(pool.subarray(at, at + count));
}

/** A random fraction in [0, 1) from one byte, as the `ulid` package's own source makes them. */
const pooledRandom: PRNG = () => (pool[reserve(1)] as number) / 256;

const nextUlid = monotonicFactory(pooledRandom);
let latest = 0;

/**
 * A new ULID for the moment `now`: time-sortable, so newest-first is a reverse key order. Ids made
 * in the same millisecond still sort in the order they were made; an id for an earlier moment (when
 * loading dated data) carries that moment, not the latest one.
 */
export function newId(now: Date = new Date()): string {
  const time = now.getTime();
  if (time < latest) return ulid(time, pooledRandom);
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

/** A ULID's 128 bits as 16 bytes (its 26 characters carry 130 bits, the top two always zero). */
const ulidToBytes = (id: string): Buffer => {
  const bytes = Buffer.alloc(16);
  let value = 0;
  let bits = 0;
  let at = 15;
  for (let i = id.length - 1; i >= 0 && at >= 0; i--) {
    value |= CROCKFORD.indexOf(id.charAt(i)) << bits;
    bits += 5;
    if (bits >= 8) {
      bytes[at--] = value & 0xff;
      value >>>= 8;
      bits -= 8;
    }
  }
  return bytes;
};

/** The ULID of 16 bytes: 25 characters of five bits each and a first one of the top three. */
const bytesToUlid = (bytes: Buffer): string => {
  let id = "";
  let value = 0;
  let bits = 0;
  for (let at = 15; at >= 0; at--) {
    value |= (bytes[at] as number) << bits;
    bits += 8;
    while (bits >= 5) {
      id = CROCKFORD.charAt(value & 31) + id;
      value >>>= 5;
      bits -= 5;
    }
  }
  return CROCKFORD.charAt(value) + id;
};

/**
 * A bearer token that names the stored item holding its hash: the item's ULID (128 bits), then 128
 * random bits, base64url; 43 characters, the shape of every token. Finding it takes one read by
 * key, and the item's hash decides; the id alone opens nothing.
 */
export function newLocatorToken(id: string): string {
  return Buffer.concat([ulidToBytes(id), pooledBytes(16)]).toString("base64url");
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
