import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries a delivery's signature. */
export const SIGNATURE_HEADER = "Webhook-Signature";

/** The hex HMAC-SHA256, keyed with the endpoint's secret, of `${timestamp}.${body}`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The `Webhook-Signature` value of a body sent at `timestamp` (epoch seconds): `t=<timestamp>,v1=<hex>`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/**
 * What a receiver does with a delivery (the README shows the same in a few lines): reads `t` and
 * `v1` from the header, recomputes the HMAC over `${t}.${body}` with the secret, compares in
 * constant time, and refuses a timestamp older than `toleranceSeconds` (a replay).
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  return timingSafeEqual(Buffer.from(signatureOf(secret, timestamp, body), "hex"), Buffer.from(given, "hex"));
}
