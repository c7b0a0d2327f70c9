import * as z from "zod/mini";

/** A tracking token issued before mails carried link sets: its own item, by the token's hash. */
export const trackingTokenSchema = z.object({ feedbackId: z.string() });
/** An unsubscribe token issued before mails carried link sets: its own item, by the token's hash. */
export const unsubscribeTokenSchema = z.object({ emailHash: z.string(), feedbackId: z.optional(z.string()) });
export type UnsubscribeToken = z.infer<typeof unsubscribeTokenSchema>;

/** The links of one mail: a tracking token per quoted item and one unsubscribe token, all by hash. */
export const linkSetSchema = z.object({
  id: z.string(),
  emailHash: z.string(),
  /** The item the mail is mainly about, if any. */
  feedbackId: z.optional(z.string()),
  /** Tracking token hash → the feedback item it opens; absent when the mail quotes no item. */
  tracking: z.optional(z.record(z.string(), z.string())),
  unsubscribeHash: z.string(),
  createdAt: z.string(),
});
export type LinkSet = z.infer<typeof linkSetSchema>;
