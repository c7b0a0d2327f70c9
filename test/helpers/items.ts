import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { FEEDBACK_LIST } from "../../shared/db/keys";
import { indexNames } from "../../shared/db/table";
import type { Deps } from "../../shared/deps";

/** Every feedback item in the table, read through the newest-first index. */
export async function allFeedbackIds(deps: Deps): Promise<string[]> {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.tableName,
      IndexName: indexNames.lists,
      KeyConditionExpression: "GSI1PK = :pk",
      ExpressionAttributeValues: { ":pk": FEEDBACK_LIST },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => String(item.id));
}
