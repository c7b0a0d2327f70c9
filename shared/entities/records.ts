import * as z from "zod/mini";

/**
 * The items that keep the platform's own bookkeeping rather than anything a user wrote: stored
 * answers of idempotent requests, rate windows, markers of applied stream effects, the sweep's
 * cursor, the mail pause and the sample-data marker.
 */

/** The stored answer of a request sent with an `Idempotency-Key`, replayed until it expires. */
export const idempotencySchema = z.object({
  requestHash: z.string(),
  response: z.record(z.string(), z.unknown()),
  createdAt: z.optional(z.string()),
  expiresAt: z.number(),
});
export type IdempotencyRecord = z.infer<typeof idempotencySchema>;

/** One client's requests in one window of a rate limit. */
export const rateWindowSchema = z.object({ requests: z.number(), expiresAt: z.number() });

/** A stream effect already applied (a redelivered record finds it and applies nothing). */
export const appliedEffectSchema = z.object({ expiresAt: z.number() });

/** How far the sweep has checked new items for an acknowledgement their stream record never sent. */
export const cursorSchema = z.object({ checkedTo: z.string(), updatedAt: z.string() });

/** Until when every sender waits: the mail service refused all messages (a daily quota). */
export const mailPauseSchema = z.object({ until: z.string(), reason: z.string(), at: z.string() });

/** That the local sample data was loaded, and how many items it holds. */
export const demoMarkerSchema = z.object({ loadedAt: z.string(), count: z.number() });
