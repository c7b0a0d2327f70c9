import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "./client";

/** Every item a Query matches, page after page: for access patterns whose result stays small. */
export async function queryAll(db: DocumentClient, input: Omit<QueryCommandInput, "ExclusiveStartKey">) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
