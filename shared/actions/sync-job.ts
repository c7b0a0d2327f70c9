import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { decodeCursor, encodeCursor } from "../db/cursor";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import type { Deps } from "../deps";
import { deterministicId } from "../ids";
import { followActions } from "./follow";
import type { Action } from "./schema";

/** How many linked items one run of the stream function handles before it hands on. */
export const SYNC_PAGE_SIZE = 50;

const jobSchema = z.object({
  id: z.string(),
  status: z.enum(["pending", "done"]),
  actionId: z.string(),
  actionVersion: z.number(),
  cursor: z.nullable(z.string()),
  entry: z.object({ id: z.string(), at: z.string(), actor: z.string(), changes: z.array(z.unknown()) }),
});

/** Fields whose change is news for the linked items' timelines. */
const followedFields = ["status", "title", "youSaid", "weWill", "weDid"] as const;

/**
 * Starts carrying an action's change to its linked feedback (their status and timelines), as a job
 * the stream function works through a page at a time, so an action linked to any number of items
 * finishes without a run timing out. Writing the job is idempotent per action version.
 */
export async function startActionSync(
  deps: Deps,
  before: Action | undefined,
  after: Action,
  actor: string,
): Promise<boolean> {
  const changes = followedFields
    .filter((f) => before?.[f] !== after[f])
    .map((field) => ({ field, from: before?.[field] ?? null, to: after[field] ?? null }));
  if (!before || changes.length === 0) return false;
  const id = `action-sync#${after.id}#${after.version}`;
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.config.tableName,
        Item: {
          ...keys.job(id),
          entityType: "Job",
          id,
          status: "pending",
          actionId: after.id,
          actionVersion: after.version,
          cursor: null,
          entry: { id: deterministicId(new Date(after.updatedAt), id), at: after.updatedAt, actor, changes },
          expiresAt: Math.floor(Date.now() / 1000) + 30 * 86_400,
        },
        ConditionExpression: "attribute_not_exists(PK)",
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Runs one page of a job: brings the next linked items in line with the action and moves the
 * job's cursor on (a conditional write: a redelivered record cannot move it twice). The write of
 * the cursor is itself a stream record, which runs the next page.
 */
export async function runActionSyncPage(deps: Deps, jobId: string): Promise<"done" | "more" | "skipped"> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.tableName, Key: keys.job(jobId), ConsistentRead: true }),
  );
  if (!Item) return "skipped";
  const job = parseItem(jobSchema, Item);
  if (job.status !== "pending") return "skipped";
  const action = await deps.actions.get(job.actionId);
  const page = await deps.actions.linkedFeedback(job.actionId, SYNC_PAGE_SIZE, decodeCursor(job.cursor ?? undefined));
  for (const feedbackId of page.ids) {
    await followActions(deps, feedbackId, {
      actor: job.entry.actor,
      goalId: action?.goalId,
      entry: {
        id: job.entry.id,
        type: "action_changed",
        at: job.entry.at,
        actor: job.entry.actor,
        public: false,
        details: { actionId: job.actionId, title: action?.title, changes: job.entry.changes },
      },
    });
  }
  const next = encodeCursor(page.lastKey);
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.tableName,
        Key: keys.job(jobId),
        UpdateExpression: "SET #status = :status, #cursor = :next",
        ConditionExpression: "#status = :pending AND #cursor = :cursor",
        ExpressionAttributeNames: { "#status": "status", "#cursor": "cursor" },
        ExpressionAttributeValues: {
          ":status": next ? "pending" : "done",
          ":next": next,
          ":pending": "pending",
          ":cursor": job.cursor,
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return "skipped";
    throw error;
  }
  return next ? "more" : "done";
}
