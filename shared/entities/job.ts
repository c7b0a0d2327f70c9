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
  /**
   * The part of the action's audience this job goes through (sort keys of its partition, `from`
   * included, `to` not): set on a lane, and on a job split into lanes (which runs the first part).
   */
  range: z.optional(z.object({ from: z.optional(z.string()), to: z.optional(z.string()) })),
  /** On a job split into lanes: where each lane after its own part begins (lane n at `lanes[n-1]`). */
  lanes: z.optional(z.array(z.string())),
  /** On a lane: the job it is a part of. */
  laneOf: z.optional(z.string()),
};

/** The change of an action as it lands on each linked item's timeline (its id is deterministic). */
const changeEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  changes: z.array(z.unknown()),
});

/**
 * Carries one change of an action to its linked feedback, a page at a time: each item follows the
 * action (status, timeline), and when the change begins a phase ("we will", "we did"), each
 * item's customer gets that phase's update. Written in the action's own transaction.
 */
export const actionChangeJobSchema = z.object({
  ...jobState,
  kind: z.literal("action_change"),
  actionVersion: z.number(),
  entry: changeEntrySchema,
  /** The customers' update this change begins, if any. */
  phase: z.optional(z.enum(updatePhases)),
  /** The goal and its metric when the phase began, quoted in every update of the phase. */
  goal: z.optional(goalStandingSchema),
  /** Customers whose update this job wrote. */
  written: z.optional(z.number()),
});
export type ActionChangeJob = z.infer<typeof actionChangeJobSchema>;

/** Carries an action's change to its linked feedback (status, timeline); written before action_change jobs. */
export const actionSyncJobSchema = z.object({
  ...jobState,
  kind: z._default(z.literal("action_sync"), "action_sync"),
  actionVersion: z.number(),
  entry: changeEntrySchema,
});
export type ActionSyncJob = z.infer<typeof actionSyncJobSchema>;

/** Writes the update owed to each customer of an action's linked feedback for one phase; written before action_change jobs. */
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
export const jobSchema = z.union([actionChangeJobSchema, updatesJobSchema, actionSyncJobSchema]);
export type Job = ActionChangeJob | ActionSyncJob | UpdatesJob;

/**
 * A job of any kind as the one kind written today: jobs an older version wrote (an updates job
 * and an action sync job for the same change) run the same way, each doing its half.
 */
export function asActionChange(job: Job): ActionChangeJob & { sync: boolean } {
  if (job.kind === "action_change") return { ...job, sync: true };
  if (job.kind === "updates") {
    const { kind: _kind, ...rest } = job;
    return {
      ...rest,
      kind: "action_change",
      actionVersion: 0,
      entry: { id: "", at: "", actor: "", changes: [] },
      sync: false,
    };
  }
  const { kind: _kind, ...rest } = job;
  return { ...rest, kind: "action_change", sync: true };
}
