import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "./db/keys";
import type { Deps } from "./deps";

/** Whether the database answers: one cheap read of a key that need not exist. */
export async function databaseAnswers(deps: Deps): Promise<boolean> {
  try {
    await deps.db.send(new GetCommand({ TableName: deps.config.tableName, Key: keys.health() }), {
      abortSignal: AbortSignal.timeout(3000),
    });
    return true;
  } catch {
    return false;
  }
}
