import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import type { DocumentClient } from "../db/client";
import { epochSeconds, parseItem } from "../db/items";
import { keys, updatePhases } from "../db/keys";
import { goalStandingSchema } from "../notifications/schema";

const jobState = {
  id: z.string(),
  status: z.enum(["pending", "done"]),
  actionId: z.string(),
  /** Where the next page starts (an encoded Query key); null before the first and after the last. */
  cursor: z.nullable(z.string()),
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

/** Jobs of the stream function; each write of a pending job is the stream record that runs its next page. */
export class JobRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Starts a job; false if it was started before (the id says what it is for). */
  async start(job: Job, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: JobRepository.item(job, now),
          ConditionExpression: "attribute_not_exists(PK)",
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** A job by id, read consistently. */
  async get(id: string): Promise<Job | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.job(id), ConsistentRead: true }),
    );
    return Item ? parseItem(jobSchema, Item) : undefined;
  }

  /**
   * Moves a job's cursor from `from` to `to` (null: finished), only if it still stands at `from`:
   * a redelivered record cannot move it twice. Returns false when it had moved already.
   */
  async advance(id: string, from: string | null, to: string | null, written = 0): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.job(id),
          UpdateExpression: "SET #status = :status, #cursor = :next ADD written :written",
          ConditionExpression: "#status = :pending AND #cursor = :cursor",
          ExpressionAttributeNames: { "#status": "status", "#cursor": "cursor" },
          ExpressionAttributeValues: {
            ":status": to ? "pending" : "done",
            ":next": to,
            ":pending": "pending",
            ":cursor": from,
            ":written": written,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The item of a new job (kept 30 days); written alone, or with the change that calls for it. */
  static item(job: Job, now: Date) {
    return { ...keys.job(job.id), entityType: "Job", ...job, expiresAt: epochSeconds(now) + 30 * 86_400 };
  }
}
