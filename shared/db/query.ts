import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { MalformedRequestError } from "../errors";
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

/**
 * One page of up to `limit` items of a Query that may filter: each round trip evaluates at most
 * what is still missing, so a filtered page cannot overshoot and the key returned continues right
 * after the last item returned. A start key from a client's cursor that does not fit the Query is
 * a 400, not a 500.
 */
export async function queryPage(
  db: DocumentClient,
  input: Omit<QueryCommandInput, "ExclusiveStartKey" | "Limit">,
  limit: number,
  startKey?: Record<string, unknown>,
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
    items.push(...(page.Items ?? []));
    lastKey = page.LastEvaluatedKey;
    if (!lastKey) break;
  }
  return { items, lastKey };
}
