import * as z from "zod/mini";

/** Why an address gets no more mail. */
export const suppressionReasons = ["unsubscribed", "bounce", "complaint", "erased"] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** An address (by hash) that must never get mail again: why, and since when. */
export const suppressionSchema = z.object({
  reason: z.enum(suppressionReasons),
  suppressedAt: z.string(),
});
export type SuppressionRecord = z.infer<typeof suppressionSchema>;
