import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import type { DocumentClient } from "../db/client";
import { epochSeconds, parseItem } from "../db/items";
import { keys } from "../db/keys";

/** A job the stream function works through a page at a time: what it is for, and where it stands. */
export const actionSyncJobSchema = z.object({
  id: z.string(),
  status: z.enum(["pending", "done"]),
  actionId: z.string(),
  actionVersion: z.number(),
  cursor: z.nullable(z.string()),
  entry: z.object({ id: z.string(), at: z.string(), actor: z.string(), changes: z.array(z.unknown()) }),
});
export type ActionSyncJob = z.infer<typeof actionSyncJobSchema>;

/** Jobs of the stream function; each write of a pending job is the stream record that runs its next page. */
export class JobRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Starts a job; false if it was started before (the id says what it is for). */
  async start(job: ActionSyncJob, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.job(job.id), entityType: "Job", ...job, expiresAt: epochSeconds(now) + 30 * 86_400 },
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
  async get(id: string): Promise<ActionSyncJob | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.job(id), ConsistentRead: true }),
    );
    return Item ? parseItem(actionSyncJobSchema, Item) : undefined;
  }

  /**
   * Moves a job's cursor from `from` to `to` (null: finished), only if it still stands at `from`:
   * a redelivered record cannot move it twice. Returns false when it had moved already.
   */
  async advance(id: string, from: string | null, to: string | null): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.job(id),
          UpdateExpression: "SET #status = :status, #cursor = :next",
          ConditionExpression: "#status = :pending AND #cursor = :cursor",
          ExpressionAttributeNames: { "#status": "status", "#cursor": "cursor" },
          ExpressionAttributeValues: {
            ":status": to ? "pending" : "done",
            ":next": to,
            ":pending": "pending",
            ":cursor": from,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
