import type { Context, MiddlewareHandler } from "hono";
import { RateLimitedError } from "../../../shared/errors";
import { normaliseEmail, sha256 } from "../../../shared/ids";
import type { RateLimitRepository } from "../../../shared/repositories/rate-limits";

export interface RateLimitOptions {
  scope: string;
  /** Requests per window; 0 turns the limit off. */
  limit: number;
  windowSeconds: number;
  repository: RateLimitRepository;
  /** The client's address as the host sees it. */
  clientAddress: (c: Context) => string | undefined;
  now: () => Date;
}

/** Limits requests per client per window, counted in DynamoDB so the limit holds across instances. */
export const rateLimit =
  (options: RateLimitOptions): MiddlewareHandler =>
  async (c, next) => {
    if (options.limit > 0) {
      // Only a hash of the address is stored.
      const client = sha256(options.clientAddress(c) ?? "unknown");
      const decision = await options.repository.take(
        options.scope,
        client,
        options.limit,
        options.windowSeconds,
        options.now(),
      );
      if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    }
    await next();
  };

/**
 * Limits requests about one address (by hash), whoever sends them: every address alike, so the
 * limit says nothing about the address (whether it is staff, or subscribed).
 */
export async function limitPerAddress(
  repository: RateLimitRepository,
  scope: string,
  email: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<void> {
  const decision = await repository.take(scope, sha256(normaliseEmail(email)), limit, windowSeconds, now);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
}
