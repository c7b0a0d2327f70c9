import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/db/keys";
import { GSI1 } from "../../shared/db/table";
import type { Deps } from "../../shared/deps";

/** Every feedback item in the table, read through the newest-first index. */
export async function allFeedbackIds(deps: Deps): Promise<string[]> {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.tableName,
      IndexName: GSI1,
      KeyConditionExpression: "GSI1PK = :pk",
      ExpressionAttributeValues: { ":pk": keys.feedbackIndex("").GSI1PK },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => String(item.id));
}
