import * as z from "zod/mini";
import { locales } from "../i18n/locales";

/**
 * Someone from the public who asked to be told about a promised action. Only once they confirm
 * (through the link mailed to them: double opt-in) are they one of its customers, told once per
 * phase like every other.
 */
export const subscriberSchema = z.object({
  actionId: z.string(),
  email: z.string(),
  emailHash: z.string(),
  locale: z.enum(locales),
  status: z.enum(["pending", "confirmed"]),
  createdAt: z.string(),
  confirmedAt: z.optional(z.string()),
});
export type Subscriber = z.infer<typeof subscriberSchema>;

/** The confirmation link's token (stored as its hash), for one address and one action. */
export const subscribeTokenSchema = z.object({
  tokenHash: z.string(),
  actionId: z.string(),
  emailHash: z.string(),
  createdAt: z.string(),
  /** Epoch seconds: DynamoDB's TTL removes the token a week after it was mailed. */
  expiresAt: z.number(),
});
export type SubscribeToken = z.infer<typeof subscribeTokenSchema>;

/** `POST /api/you-said-we-did/{actionId}/subscribe`. */
export const subscribeInputSchema = z.object({
  email: z
    .string("email is required")
    .check(z.trim(), z.maxLength(254, "email is at most 254 characters"), z.email("email must be a valid address")),
  locale: z.optional(z.enum(locales, "locale must be en, nl or sv")),
});
export type SubscribeInput = z.infer<typeof subscribeInputSchema>;
