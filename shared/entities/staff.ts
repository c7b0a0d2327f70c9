import * as z from "zod/mini";
import { locales } from "../i18n/locales";

export const roles = ["admin", "manager", "agent", "viewer"] as const;
export type Role = (typeof roles)[number];

/** A member of staff as stored. Their address is stored as given, and compared normalised. */
export const staffSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  role: z.enum(roles),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  invitedBy: z.optional(z.string()),
  lastSignInAt: z.optional(z.string()),
  /** The department they work in: a compliment routed to it reaches everyone in it. */
  department: z.optional(z.string()),
  /** The language of the mail they get (compliments, kudos, digest, alerts); absent: `DEFAULT_LOCALE`. */
  locale: z.optional(z.enum(locales)),
  /** false: they switched their weekly digest off (it is on unless they do). */
  digest: z.optional(z.boolean()),
  /** Topics and departments whose detractors and complaints they want to hear about at once. */
  alerts: z.optional(z.object({ topics: z.array(z.string()), departments: z.array(z.string()) })),
});
export type Staff = z.infer<typeof staffSchema>;

const department = z.string("department must be a string").check(
  z.trim(),
  z.maxLength(100, "department must be at most 100 characters"),
  z.refine((v) => !v.includes("\u0000"), "department must not contain NUL characters"),
);

const roleSchema = z.enum(roles, "role must be admin, manager, agent or viewer");

/** `POST /api/staff`: an admin invites someone. */
export const inviteInputSchema = z.object({
  email: z.email("email must be a valid address").check(z.maxLength(254, "email must be at most 254 characters")),
  name: z.optional(z.string().check(z.maxLength(200, "name must be at most 200 characters"))),
  role: roleSchema,
  department: z.optional(department),
});
export type InviteInput = z.infer<typeof inviteInputSchema>;

/**
 * `PATCH /api/staff/{id}`: an admin changes a role, deactivates (or reactivates) someone, or sets
 * their department (an empty one, or null, removes it).
 */
export const staffChangeSchema = z.object({
  role: z.optional(roleSchema),
  active: z.optional(z.boolean("active must be true or false")),
  department: z.optional(z.nullable(department)),
});
export type StaffChange = z.infer<typeof staffChangeSchema>;

/** What the API shows of a staff member. */
export const staffViewSchema = staffSchema;

/** Makes an address belong to one staff member only. */
export const staffEmailSchema = z.object({ staffId: z.string() });

const subscriptionList = (field: string) =>
  z
    .array(
      z
        .string(`each of ${field} must be a string`)
        .check(
          z.trim(),
          z.minLength(1, `${field} cannot hold an empty value`),
          z.maxLength(100, `each of ${field} is at most 100 characters`),
        ),
      `${field} must be a list of strings`,
    )
    .check(z.maxLength(20, `at most 20 ${field}`));

/**
 * `PATCH /api/me`: what each staff member sets for themselves: the language of their mail, the
 * weekly digest on or off, and the topics and departments whose detractors and complaints alert them.
 */
export const preferencesSchema = z.object({
  locale: z.optional(z.enum(locales, "locale must be en, nl or sv")),
  digest: z.optional(z.boolean("digest must be true or false")),
  alerts: z.optional(z.object({ topics: subscriptionList("topics"), departments: subscriptionList("departments") })),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** Every digest of one ISO week was written (the sweep then reads this one item a minute, nothing more). */
export const digestRunSchema = z.object({ week: z.string(), at: z.string(), written: z.number() });
