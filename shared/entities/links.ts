import * as z from "zod/mini";

/** A tracking token issued before mails carried link sets: its own item, by the token's hash. */
export const trackingTokenSchema = z.object({ feedbackId: z.string() });
/** An unsubscribe token issued before mails carried link sets: its own item, by the token's hash. */
export const unsubscribeTokenSchema = z.object({ emailHash: z.string(), feedbackId: z.optional(z.string()) });
export type UnsubscribeToken = z.infer<typeof unsubscribeTokenSchema> & { about?: MailAbout };

/**
 * What a mail with links was about: the recipient's own feedback, or an action they asked to be
 * told about without feedback of theirs (a subscriber's update). The unsubscribe page says so.
 */
export const mailAbouts = ["feedback", "followed_action"] as const;
export type MailAbout = (typeof mailAbouts)[number];

/** The links of one mail: a tracking token per quoted item and one unsubscribe token, all by hash. */
export const linkSetSchema = z.object({
  id: z.string(),
  emailHash: z.string(),
  /** The item the mail is mainly about, if any. */
  feedbackId: z.optional(z.string()),
  /** Tracking token hash → the feedback item it opens; absent when the mail quotes no item. */
  tracking: z.optional(z.record(z.string(), z.string())),
  unsubscribeHash: z.string(),
  /** What the mail was about; absent on link sets stored before it was recorded. */
  about: z.optional(z.enum(mailAbouts)),
  createdAt: z.string(),
});
export type LinkSet = z.infer<typeof linkSetSchema>;
