import * as z from "zod/mini";

export const recognitionKinds = ["compliment", "kudos"] as const;
export type RecognitionKind = (typeof recognitionKinds)[number];

/**
 * One person recognised: a compliment routed to them, or kudos a colleague gave them. Kept by
 * month (see `keys.recognition`), so the recognition page reads a period with a query per month.
 * It holds no customer's words: a compliment's text stays on its feedback item (and goes with it
 * when the customer's data is erased).
 */
export const recognitionSchema = z.object({
  /** The kudos' own id, or the compliment's feedback item id. */
  id: z.string(),
  kind: z.enum(recognitionKinds),
  at: z.string(),
  toStaffId: z.string(),
  /** The recipient's department when they were recognised. */
  toDepartment: z.optional(z.string()),
  /** Kudos: who gave them, and their department then. A compliment: who routed it. */
  fromStaffId: z.string(),
  fromDepartment: z.optional(z.string()),
  /** Kudos: why, in the giver's words. */
  reason: z.optional(z.string()),
});
export type Recognition = z.infer<typeof recognitionSchema>;

const characters = (value: string) => [...value].length;

/** `POST /api/kudos`: a colleague (by staff id) and why. */
export const kudosInputSchema = z.object({
  to: z.string("to is required: a staff member's id").check(z.minLength(1, "to is required: a staff member's id")),
  reason: z.string("reason is required").check(
    z.trim(),
    z.minLength(1, "reason is required"),
    z.refine((v) => characters(v) <= 500, "reason must be at most 500 characters"),
    z.refine((v) => !v.includes("\u0000"), "reason must not contain NUL characters"),
  ),
});
export type KudosInput = z.infer<typeof kudosInputSchema>;

/** `POST /api/feedback/{id}/route`: a compliment to staff members (by id), to a department, or both. */
export const routeInputSchema = z
  .object({
    staffIds: z.optional(
      z
        .array(z.string("each staff id must be a string"), "staffIds must be a list of staff ids")
        .check(z.maxLength(50, "at most 50 staff members at once")),
    ),
    department: z.optional(
      z.string("department must be a string").check(z.trim(), z.maxLength(100, "department is at most 100 characters")),
    ),
  })
  .check(
    z.refine(
      (v) => (v.staffIds?.length ?? 0) > 0 || (v.department ?? "") !== "",
      "name staff members (staffIds), a department, or both",
    ),
  );
export type RouteInput = z.infer<typeof routeInputSchema>;

const day = (field: string) =>
  z.optional(
    z.string(`${field} must be a date`).check(
      z.regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date (YYYY-MM-DD)`),
      z.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `${field} must be a real date`),
    ),
  );

/** `GET /api/recognition`: the period, first and last day (UTC) included; by default the last 30 days. */
export const recognitionQuerySchema = z.object({ from: day("from"), to: day("to") });
export type RecognitionQuery = z.infer<typeof recognitionQuerySchema>;

const tally = {
  complimentsReceived: z.number(),
  kudosReceived: z.number(),
  kudosGiven: z.number(),
};

/** What `GET /api/recognition` answers: per person and per department, and each kudos and compliment. */
export const recognitionSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  people: z.array(
    z.object({
      staffId: z.string(),
      email: z.optional(z.string()),
      name: z.optional(z.string()),
      department: z.optional(z.string()),
      ...tally,
    }),
  ),
  /** By the department people were in when recognised; `null` for people in none. */
  departments: z.array(z.object({ department: z.nullable(z.string()), ...tally })),
  kudos: z.array(
    z.object({ id: z.string(), at: z.string(), fromStaffId: z.string(), toStaffId: z.string(), reason: z.string() }),
  ),
  compliments: z.array(
    z.object({ feedbackId: z.string(), at: z.string(), toStaffId: z.string(), routedBy: z.string() }),
  ),
});
export type RecognitionSummary = z.infer<typeof recognitionSummarySchema>;

/** What `POST /api/kudos` answers. */
export const kudosSchema = z.object({
  id: z.string(),
  at: z.string(),
  fromStaffId: z.string(),
  toStaffId: z.string(),
  reason: z.string(),
});
export type Kudos = z.infer<typeof kudosSchema>;

/** What `POST /api/feedback/{id}/route` answers: who was told now, and who had been told already. */
export const routedSchema = z.object({ routedTo: z.array(z.string()), alreadyRouted: z.array(z.string()) });
export type Routed = z.infer<typeof routedSchema>;
