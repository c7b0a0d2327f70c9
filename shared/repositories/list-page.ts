import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type * as z from "zod/mini";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { queryPage } from "../db/query";
import { indexNames } from "../db/table";

/** The Query of one list on the lists index (`GSI1PK = list`), in key order. */
export const listQuery = (tableName: string, list: string) => ({
  TableName: tableName,
  IndexName: indexNames.lists,
  KeyConditionExpression: "GSI1PK = :pk",
  ExpressionAttributeValues: { ":pk": list },
});

/**
 * A page of up to `limit` items of a Query, after `startKey`, each parsed with its entity's
 * schema; `keep` filters on what the index does not hold (see `queryPage`).
 */
export async function parsedPage<S extends z.ZodMiniType>(
  db: DocumentClient,
  input: Omit<QueryCommandInput, "ExclusiveStartKey" | "Limit">,
  schema: S,
  limit: number,
  startKey?: Record<string, unknown>,
  keep?: (item: Record<string, unknown>) => boolean,
): Promise<{ items: z.infer<S>[]; lastKey?: Record<string, unknown> }> {
  const page = await queryPage(db, input, limit, startKey, keep);
  return { items: page.items.map((item) => parseItem(schema, item)), lastKey: page.lastKey };
}
