import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { MalformedRequestError } from "../errors";
import { batchGet } from "./batch";
import type { DocumentClient } from "./client";

/**
 * The items behind index entries, in the entries' order: indexes project keys only, so a Query
 * on one is followed by a read of the items by key. An item deleted in between is left out.
 */
export async function itemsOf(
  db: DocumentClient,
  tableName: string,
  entries: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  if (entries.length === 0) return [];
  const keyOf = (item: Record<string, unknown>) => `${String(item.PK)}\n${String(item.SK)}`;
  const found = await batchGet(
    db,
    tableName,
    entries.map((entry) => ({ PK: String(entry.PK), SK: String(entry.SK) })),
  );
  const byKey = new Map(found.map((item) => [keyOf(item), item]));
  return entries.flatMap((entry): Record<string, unknown>[] => {
    const item = byKey.get(keyOf(entry));
    return item ? [item] : [];
  });
}

/**
 * Every item a Query matches, page after page: for access patterns whose result stays small. On an
 * index, the items are read by key after each page.
 */
export async function queryAll(db: DocumentClient, input: Omit<QueryCommandInput, "ExclusiveStartKey">) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    const found = page.Items ?? [];
    items.push(...(input.IndexName && input.TableName ? await itemsOf(db, input.TableName, found) : found));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * One page of up to `limit` items of a Query that may filter: each round trip evaluates at most
 * what is still missing, so a filtered page cannot overshoot and the key returned continues right
 * after the last item returned. On an index, the items are read by key after each round trip, and
 * `keep` (a filter on what an index does not project) is applied to them. A start key from a
 * client's cursor that does not fit the Query is a 400, not a 500.
 */
export async function queryPage(
  db: DocumentClient,
  input: Omit<QueryCommandInput, "ExclusiveStartKey" | "Limit">,
  limit: number,
  startKey?: Record<string, unknown>,
  keep: (item: Record<string, unknown>) => boolean = () => true,
): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
  const items: Record<string, unknown>[] = [];
  let lastKey = startKey;
  for (let trips = 0; trips < 20 && items.length < limit; trips++) {
    let page: QueryCommandOutput;
    try {
      page = await db.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: lastKey }));
    } catch (error) {
      if (lastKey && error instanceof Error && error.name === "ValidationException") {
        throw new MalformedRequestError("cursor is not valid for this query");
      }
      throw error;
    }
    const found = page.Items ?? [];
    const read = input.IndexName && input.TableName ? await itemsOf(db, input.TableName, found) : found;
    items.push(...read.filter(keep));
    lastKey = page.LastEvaluatedKey;
    if (!lastKey) break;
  }
  return { items, lastKey };
}
