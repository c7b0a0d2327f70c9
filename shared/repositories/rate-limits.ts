import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { keys } from "../db/keys";

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window request counters kept in the table, so a limit holds across every Lambda instance.
 * One conditional update per request: it counts and refuses in the same write.
 */
export class RateLimitRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Counts one request of `client` in the window containing `now`, unless it would exceed `limit`. */
  async take(scope: string, client: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision> {
    const nowSeconds = now.getTime() / 1000;
    const window = Math.floor(nowSeconds / windowSeconds);
    const windowEnd = (window + 1) * windowSeconds;
    const retryAfterSeconds = Math.max(1, Math.ceil(windowEnd - nowSeconds));
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.rateWindow(scope, client, window),
          UpdateExpression: "SET entityType = :type, expiresAt = :expires ADD requests :one",
          ConditionExpression: "attribute_not_exists(requests) OR requests < :limit",
          ExpressionAttributeValues: { ":type": "RateWindow", ":expires": windowEnd + 60, ":one": 1, ":limit": limit },
        }),
      );
      return { allowed: true, retryAfterSeconds };
    } catch (error) {
      if (conditionFailed(error)) return { allowed: false, retryAfterSeconds };
      throw error;
    }
  }
}
