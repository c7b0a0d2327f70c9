import * as z from "zod/mini";

/** The longest note an observation carries. */
export const MAX_NOTE_LENGTH = 500;

/** One value of a goal's measure on one UTC day, recorded by staff (one a day; a repeat replaces it). */
export const observationSchema = z.object({
  goalId: z.string(),
  /** The UTC day it was measured on (yyyy-mm-dd). */
  at: z.string(),
  value: z.number(),
  note: z.optional(z.string()),
  /** Staff id of who recorded it (last), and when. */
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Observation = z.infer<typeof observationSchema>;

/** `POST /api/goals/{id}/observations`: a day, its value, and an optional note. */
export const observationInputSchema = z.object({
  at: z.iso.date("at must be a date (yyyy-mm-dd)"),
  value: z.number("value must be a number"),
  note: z.optional(
    z
      .string("note must be a string")
      .check(z.maxLength(MAX_NOTE_LENGTH, `note must be at most ${MAX_NOTE_LENGTH} characters`)),
  ),
});
export type ObservationInput = z.infer<typeof observationInputSchema>;

/** The answer to a CSV upload: how many observations it stored, and the days they span. */
export const observationImportSchema = z.object({
  stored: z.number(),
  from: z.string(),
  to: z.string(),
});
export type ObservationImport = z.infer<typeof observationImportSchema>;
