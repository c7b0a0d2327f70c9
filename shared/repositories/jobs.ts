import { QueryCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getParsed } from "../db/access";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { epochSeconds } from "../db/items";
import { JOB_DUE_LIST, keys } from "../db/keys";
import { indexNames } from "../db/table";
import { stored } from "../entities/catalogue";
import { type Job, jobSchema } from "../entities/job";

/**
 * How long after its cursor last moved a pending job counts as stalled and the sweep resumes it:
 * well past the time its stream record takes, retries included, when all is well.
 */
export const JOB_STALL_SECONDS = 120;

const stallsAt = (now: Date) => new Date(now.getTime() + JOB_STALL_SECONDS * 1000).toISOString();

/** Jobs of the stream function; each write of a pending job is the stream record that runs its next page. */
export class JobRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** A job by id, read consistently. */
  async get(id: string): Promise<Job | undefined> {
    return getParsed(this.db, this.tableName, keys.job(id), jobSchema);
  }

  /**
   * Moves a job's cursor from `from` to `to` (null: finished), only if it still stands at `from`:
   * a redelivered record cannot move it twice. A pending job's stall time moves on with it; a
   * finished one leaves the stalled list. Returns false when it had moved already. With `lanes`,
   * a job's first move also stores where its lanes begin and writes each lane as a job of its own,
   * in one transaction (each lane's write is the stream record that starts it).
   */
  async advance(
    id: string,
    from: string | null,
    to: string | null,
    now: Date,
    written = 0,
    lanes?: { bounds: string[]; jobs: Job[] },
  ): Promise<boolean> {
    const update = {
      TableName: this.tableName,
      Key: keys.job(id),
      UpdateExpression: `${
        to
          ? "SET #status = :status, #cursor = :next, GSI1PK = :due, GSI1SK = :dueKey"
          : "SET #status = :status, #cursor = :next"
      }${lanes ? ", lanes = :bounds" : ""} ADD written :written${to ? "" : " REMOVE GSI1PK, GSI1SK"}`,
      ConditionExpression: `#status = :pending AND #cursor = :cursor${lanes ? " AND attribute_not_exists(lanes)" : ""}`,
      ExpressionAttributeNames: { "#status": "status", "#cursor": "cursor" },
      ExpressionAttributeValues: {
        ":status": to ? "pending" : "done",
        ":next": to,
        ":pending": "pending",
        ":cursor": from,
        ":written": written,
        ...(to ? { ":due": JOB_DUE_LIST, ":dueKey": keys.jobDue(stallsAt(now), id).GSI1SK } : {}),
        ...(lanes ? { ":bounds": lanes.bounds } : {}),
      },
    };
    try {
      if (!lanes) await this.db.send(new UpdateCommand(update));
      else {
        // The cut and the lanes it makes are stored with the first move of the cursor, or not at all.
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: update },
              // Unconditional: the job's own condition makes the cut once, and a lane of an
              // earlier run of the phase that outlived its job (they expire in any order) is replaced.
              ...lanes.jobs.map((job) => ({ Put: { TableName: this.tableName, Item: JobRepository.item(job, now) } })),
            ],
          }),
        );
      }
      return true;
    } catch (error) {
      if (conditionFailed(error, lanes ? 0 : undefined)) return false;
      throw error;
    }
  }

  /**
   * Takes a stalled job for the sweep to drive until `until`, unless someone else holds it; false
   * when the job is finished or held.
   */
  async lease(id: string, now: Date, until: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.job(id),
          UpdateExpression: "SET leasedUntil = :until",
          ConditionExpression: "#status = :pending AND (attribute_not_exists(leasedUntil) OR leasedUntil <= :now)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":until": until.toISOString(),
            ":now": now.toISOString(),
            ":pending": "pending",
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Records the feedback items a page could not handle (a set: a repeat adds nothing). */
  async recordFailures(id: string, feedbackIds: string[]): Promise<void> {
    if (feedbackIds.length === 0) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.job(id),
        UpdateExpression: "ADD failedIds :ids",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeValues: { ":ids": new Set(feedbackIds) },
      }),
    );
  }

  /** The ids of pending jobs whose cursor has not moved for a while (by `now`), oldest first. */
  async stalled(now: Date, limit: number): Promise<string[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexNames.lists,
        KeyConditionExpression: "GSI1PK = :due AND GSI1SK <= :now",
        ExpressionAttributeValues: { ":due": JOB_DUE_LIST, ":now": `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    // The index holds keys only: the id is the rest of the job's key.
    return (Items ?? []).map((item) => String(item.PK).slice(keys.job("").PK.length));
  }

  /** The item of a new job (kept 30 days); written alone, or with the change that calls for it. */
  static item(job: Job, now: Date) {
    return {
      ...stored("Job", { ...keys.job(job.id), ...keys.jobDue(stallsAt(now), job.id) }, job),
      expiresAt: epochSeconds(now) + 30 * 86_400,
    };
  }
}
