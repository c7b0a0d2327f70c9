import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { newPut } from "./access";
import type { DocumentClient } from "./client";

/** Writes new items all together or not at all; none of them may exist yet. */
export async function putAllNew(
  db: DocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
): Promise<void> {
  await db.send(
    new TransactWriteCommand({
      TransactItems: items.map((item) => newPut(tableName, item)),
    }),
  );
}
