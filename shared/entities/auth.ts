import * as z from "zod/mini";

/** A magic sign-in link as stored: by the hash of its token only. */
export const magicLinkSchema = z.object({
  staffId: z.string(),
  createdAt: z.string(),
  /** Checked in code: TTL deletion is lazy and may come days late. */
  validUntil: z.string(),
  usedAt: z.optional(z.string()),
});
export type MagicLink = z.infer<typeof magicLinkSchema>;

/** A signed-in session as stored: by the hash of its cookie value only. */
export const sessionSchema = z.object({
  staffId: z.string(),
  csrfToken: z.string(),
  createdAt: z.string(),
  validUntil: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** An API token as stored: its secret only as a hash. */
export const apiTokenSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  name: z.string(),
  secretHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.optional(z.string()),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** `POST /auth/magic-link`. */
export const magicLinkRequestSchema = z.object({
  email: z.email("email must be a valid address").check(z.maxLength(254, "email must be at most 254 characters")),
});

/** `POST /api/tokens`: a name, and (admins only) whom the token acts as. */
export const apiTokenInputSchema = z.object({
  name: z
    .string("name is required")
    .check(z.minLength(1, "name is required"), z.maxLength(100, "name must be at most 100 characters")),
  staffId: z.optional(z.string()),
});

/** What the API shows of a token: never the secret, except once, on creation. */
export const apiTokenViewSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.optional(z.string()),
});
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;
