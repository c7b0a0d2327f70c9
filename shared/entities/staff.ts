import * as z from "zod/mini";

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
});
export type Staff = z.infer<typeof staffSchema>;

const roleSchema = z.enum(roles, "role must be admin, manager, agent or viewer");

/** `POST /api/staff`: an admin invites someone. */
export const inviteInputSchema = z.object({
  email: z.email("email must be a valid address").check(z.maxLength(254, "email must be at most 254 characters")),
  name: z.optional(z.string().check(z.maxLength(200, "name must be at most 200 characters"))),
  role: roleSchema,
});
export type InviteInput = z.infer<typeof inviteInputSchema>;

/** `PATCH /api/staff/{id}`: an admin changes a role or deactivates (or reactivates) someone. */
export const staffChangeSchema = z.object({
  role: z.optional(roleSchema),
  active: z.optional(z.boolean("active must be true or false")),
});
export type StaffChange = z.infer<typeof staffChangeSchema>;

/** What the API shows of a staff member. */
export const staffViewSchema = staffSchema;

/** Makes an address belong to one staff member only. */
export const staffEmailSchema = z.object({ staffId: z.string() });
