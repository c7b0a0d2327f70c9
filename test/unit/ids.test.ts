import { decodeTime } from "ulid";
import { describe, expect, it } from "vitest";
import { isUlid, looksLikeToken, newId, newLocatorToken, tokenLocator } from "../../shared/ids";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID as one 128-bit number, the long way: what the token's first 16 bytes must hold. */
const ulidValue = (id: string) => [...id].reduce((value, char) => value * 32n + BigInt(CROCKFORD.indexOf(char)), 0n);

const tokenBytes = (token: string) => Buffer.from(token, "base64url");

describe("newId", () => {
  it("makes ULIDs of the moment it is given, in the order they were made within one millisecond", () => {
    const at = new Date("2026-12-06T03:00:00.000Z");
    const ids = Array.from({ length: 500 }, () => newId(at));
    for (const id of ids) {
      expect(isUlid(id)).toBe(true);
      expect(decodeTime(id)).toBe(at.getTime());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps an earlier moment's time for dated data", () => {
    const earlier = new Date("2024-01-02T03:04:05.678Z");
    expect(decodeTime(newId(earlier))).toBe(earlier.getTime());
  });

  it("draws the random part evenly over all 32 characters", () => {
    const counts = new Map<string, number>();
    const ids = Array.from({ length: 2000 }, (_, i) => newId(new Date(Date.UTC(2020, 0, 1) + i)));
    for (const id of ids) for (const char of id.slice(10)) counts.set(char, (counts.get(char) ?? 0) + 1);
    // 32,000 characters: 1,000 expected for each; a stuck or biased source lands far outside this.
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
    for (const count of counts.values()) expect(count).toBeLessThan(1200);
  });
});

describe("newLocatorToken", () => {
  it("names its item in its first 16 bytes and carries 16 random bytes after them", () => {
    const id = newId();
    const token = newLocatorToken(id);
    expect(looksLikeToken(token)).toBe(true);
    const bytes = tokenBytes(token);
    expect(bytes.length).toBe(32);
    expect(BigInt(`0x${bytes.subarray(0, 16).toString("hex")}`)).toBe(ulidValue(id));
    expect(tokenLocator(token)).toBe(id);
  });

  it("gives each token of the same item its own random half", () => {
    const id = newId();
    const secrets = new Set(
      Array.from({ length: 1000 }, () => tokenBytes(newLocatorToken(id)).subarray(16).toString("hex")),
    );
    expect(secrets.size).toBe(1000);
  });

  it("reads back the id of any ULID, including the largest time and random parts", () => {
    for (const id of ["00000000000000000000000000", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "01KBRN5F1Q0P3V8W2X9Y4Z6A7B"]) {
      const bytes = tokenBytes(newLocatorToken(id));
      expect(BigInt(`0x${bytes.subarray(0, 16).toString("hex")}`)).toBe(ulidValue(id));
      expect(tokenLocator(newLocatorToken(id), new Date(8_000_000_000_000_000))).toBe(id);
    }
  });
});
