import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
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

/** Whether a transaction was cancelled because its action at `index` (the first by default) failed its condition. */
export function conditionFailedAt(error: unknown, index = 0): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === "ConditionalCheckFailed"
  );
}
