import type { Context } from "hono";
import { MalformedRequestError } from "../../../shared/errors";

/** Printable ASCII, 1 to 255 characters: what the `Idempotency-Key` header may hold. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, if it sent one; a malformed one is a 400. */
export function idempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header("idempotency-key");
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new MalformedRequestError("Idempotency-Key must be 1 to 255 printable ASCII characters");
  }
  return key;
}
