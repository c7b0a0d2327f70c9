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

/** A Query newest first over several partitions of one index, read as one list. */
export interface MergedQuery {
  tableName: string;
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** The partition key values whose entries make up the list. */
  partitions: string[];
  /** The list's own name, which its cursors carry, so that a cursor of another list is refused. */
  listKey: string;
  /** Only sort keys that begin with this (a partition shared with other kinds of entries). */
  sortPrefix?: string;
}

/**
 * One page of up to `limit` items of a list written over several partitions of an index (write
 * sharding), newest first by sort key, merged as if it were one partition. Each round trip asks
 * every partition not yet used up for at most what the page still lacks below the last sort key
 * taken, takes the newest of what came back, reads those items by key and applies `keep`; so a
 * page costs about one Query per partition, however many items lie behind it. The key returned is
 * the last sort key taken (with the list's name), and continues exactly after the last item
 * returned. A start key from a client's cursor of another list is a 400, not a 500.
 */
export async function mergedQueryPage(
  db: DocumentClient,
  query: MergedQuery,
  limit: number,
  startKey?: Record<string, unknown>,
  keep: (item: Record<string, unknown>) => boolean = () => true,
): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
  let bound: string | undefined;
  if (startKey !== undefined) {
    const value = startKey[query.sortKey];
    const fits =
      typeof value === "string" &&
      value !== "" &&
      Buffer.byteLength(value) <= 1024 &&
      (query.sortPrefix === undefined || value.startsWith(query.sortPrefix)) &&
      startKey[query.partitionKey] === query.listKey;
    if (!fits) throw new MalformedRequestError("cursor is not valid for this query");
    bound = value;
  }
  const sortKeyOf = (entry: Record<string, unknown>) => String(entry[query.sortKey]);
  const newestFirst = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    sortKeyOf(a) < sortKeyOf(b) ? 1 : sortKeyOf(a) > sortKeyOf(b) ? -1 : 0;
  const live = new Set(query.partitions);
  const items: Record<string, unknown>[] = [];
  for (let trips = 0; trips < 20 && items.length < limit && live.size > 0; trips++) {
    const missing = limit - items.length;
    // Within a prefix the bound is inside the range (BETWEEN includes its ends): one more is asked for.
    const ask = missing + (query.sortPrefix !== undefined && bound !== undefined ? 1 : 0);
    const pages = await Promise.all(
      [...live].map(async (partition) => {
        const values: Record<string, string> = { ":pk": partition };
        let condition = `${query.partitionKey} = :pk`;
        if (query.sortPrefix !== undefined) {
          condition += ` AND ${query.sortKey} BETWEEN :low AND :high`;
          values[":low"] = query.sortPrefix;
          values[":high"] = bound ?? `${query.sortPrefix}\uffff`;
        } else if (bound !== undefined) {
          condition += ` AND ${query.sortKey} < :bound`;
          values[":bound"] = bound;
        }
        let page: QueryCommandOutput;
        try {
          page = await db.send(
            new QueryCommand({
              TableName: query.tableName,
              IndexName: query.indexName,
              KeyConditionExpression: condition,
              ExpressionAttributeValues: values,
              ScanIndexForward: false,
              Limit: ask,
            }),
          );
        } catch (error) {
          if (startKey && error instanceof Error && error.name === "ValidationException") {
            throw new MalformedRequestError("cursor is not valid for this query");
          }
          throw error;
        }
        const entries = (page.Items ?? []).filter((entry) => sortKeyOf(entry) !== bound);
        return { partition, entries, more: page.LastEvaluatedKey !== undefined };
      }),
    );
    // A partition with more behind its answer may hold entries newer than anything below the
    // oldest it answered: only what is at or above the newest such edge is certain to come next.
    const edges = pages.flatMap((page) => {
      const oldest = page.entries.at(-1);
      return page.more && oldest ? [sortKeyOf(oldest)] : [];
    });
    const edge = edges.sort().at(-1);
    const seen = new Set<string>();
    const taken = pages
      .flatMap((page) => page.entries)
      .filter((entry) => edge === undefined || sortKeyOf(entry) >= edge)
      .sort(newestFirst)
      // An item whose entry is moving (an older item rewritten onto its shard) may briefly show
      // under both keys on the service, whose indexes follow a moment later: it is listed once.
      .filter((entry) => !seen.has(sortKeyOf(entry)) && Boolean(seen.add(sortKeyOf(entry))))
      .slice(0, missing);
    const last = taken.at(-1);
    for (const page of pages) {
      // Used up: nothing more lies behind what it answered, and all of that was taken.
      const left =
        last === undefined
          ? page.entries.length
          : page.entries.filter((entry) => sortKeyOf(entry) < sortKeyOf(last)).length;
      if (!page.more && left === 0) live.delete(page.partition);
    }
    if (last === undefined) break;
    bound = sortKeyOf(last);
    items.push(...(await itemsOf(db, query.tableName, taken)).filter(keep));
  }
  const more = live.size > 0 && bound !== undefined;
  return { items, lastKey: more ? { [query.partitionKey]: query.listKey, [query.sortKey]: bound } : undefined };
}
