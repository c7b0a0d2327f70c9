import {
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type * as z from "zod/mini";
import type { DocumentClient } from "./client";
import { conditionFailed } from "./failures";
import { parseItem } from "./items";
import type { Key } from "./keys";

/**
 * The reads and writes every repository makes, written once: an item by key, a new item that must
 * not exist yet, an item written over the version it was read at, and a count.
 */

/** The condition of a write that creates an item: no item with its key exists yet. */
export const NEW_ITEM = "attribute_not_exists(PK)";

/** A Put of a new item (in a transaction, or on its own): it fails if an item with the key exists. */
export const newPut = (tableName: string, Item: Record<string, unknown>) => ({
  Put: { TableName: tableName, Item, ConditionExpression: NEW_ITEM },
});

/** A Put of an item over the version it was read at: it fails if the stored version moved on (or is gone). */
export const versionedPut = (tableName: string, Item: Record<string, unknown>, expectedVersion: number) => ({
  Put: {
    TableName: tableName,
    Item,
    ConditionExpression: "version = :expected",
    ExpressionAttributeValues: { ":expected": expectedVersion },
  },
});

/** Sends one Put made by `newPut` or `versionedPut` on its own; a failed condition is thrown. */
export async function sendPut(db: DocumentClient, put: { Put: PutCommandInput }): Promise<void> {
  await db.send(new PutCommand(put.Put));
}

/** Puts a new item; false, and nothing written, when an item with its key exists already. */
export async function putNew(db: DocumentClient, tableName: string, Item: Record<string, unknown>): Promise<boolean> {
  try {
    await sendPut(db, newPut(tableName, Item));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** One stored item by key, as stored; read consistently unless `consistent` is false. */
export async function getItem(
  db: DocumentClient,
  tableName: string,
  key: Key,
  consistent = true,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: consistent }));
  return Item;
}

/** One item by key, checked against its entity's schema; undefined when there is none. Read consistently. */
export async function getParsed<S extends z.ZodMiniType>(
  db: DocumentClient,
  tableName: string,
  key: Key,
  schema: S,
): Promise<z.infer<S> | undefined> {
  const item = await getItem(db, tableName, key);
  return item ? parseItem(schema, item) : undefined;
}

/** How many items a query matches, every page of it counted (nothing is read but the count). */
export async function countAll(
  db: DocumentClient,
  input: Omit<QueryCommandInput, "ExclusiveStartKey" | "Select">,
): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, Select: "COUNT", ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
