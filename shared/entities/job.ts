import * as z from "zod/mini";
import { updatePhases } from "../db/keys";
import { goalStandingSchema } from "./goal";

const jobState = {
  id: z.string(),
  status: z.enum(["pending", "done"]),
  actionId: z.string(),
  /** Where the next page starts (an encoded Query key); null before the first and after the last. */
  cursor: z.nullable(z.string()),
  /** While the sweep drives the job itself (it stalled), until when: stream records leave it alone. */
  leasedUntil: z.optional(z.string()),
  /** Feedback items the job could not handle (each also says so on its timeline). */
  failedIds: z.optional(z.set(z.string())),
};

/** Carries an action's change to its linked feedback (status, timeline). */
export const actionSyncJobSchema = z.object({
  ...jobState,
  kind: z._default(z.literal("action_sync"), "action_sync"),
  actionVersion: z.number(),
  entry: z.object({ id: z.string(), at: z.string(), actor: z.string(), changes: z.array(z.unknown()) }),
});
export type ActionSyncJob = z.infer<typeof actionSyncJobSchema>;

/** Writes the update owed to each customer of an action's linked feedback for one phase. */
export const updatesJobSchema = z.object({
  ...jobState,
  kind: z.literal("updates"),
  phase: z.enum(updatePhases),
  /** The goal and its metric when the phase began, quoted in every update of the phase. */
  goal: z.optional(goalStandingSchema),
  /** Customers whose update this job wrote, and feedback items it looked at (for the figures). */
  written: z.optional(z.number()),
});
export type UpdatesJob = z.infer<typeof updatesJobSchema>;

/** A job the stream function works through a page at a time: what it is for, and where it stands. */
export const jobSchema = z.union([updatesJobSchema, actionSyncJobSchema]);
export type Job = ActionSyncJob | UpdatesJob;
