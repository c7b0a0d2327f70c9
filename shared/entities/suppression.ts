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

/**
 * The audit record of an admin lifting a staff address's suppression: who lifted it and when,
 * which address (by hash, as suppressed), whose address it is, and the reason it had.
 */
export const suppressionLiftSchema = z.object({
  id: z.string(),
  emailHash: z.string(),
  staffId: z.string(),
  reason: z.enum(suppressionReasons),
  suppressedAt: z.string(),
  liftedAt: z.string(),
  liftedBy: z.string(),
});
export type SuppressionLift = z.infer<typeof suppressionLiftSchema>;
