import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "./client";

/** Writes new items all together or not at all; none of them may exist yet. */
export async function putAllNew(
  db: DocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
): Promise<void> {
  await db.send(
    new TransactWriteCommand({
      TransactItems: items.map((Item) => ({
        Put: { TableName: tableName, Item, ConditionExpression: "attribute_not_exists(PK)" },
      })),
    }),
  );
}
