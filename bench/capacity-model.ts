import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../shared/db/client";
import { type Projection, tableDefinition } from "../shared/db/table";

/**
 * What DynamoDB on demand would bill, from its documented rules, for the commands a client sends.
 * DynamoDB Local's `ReturnConsumedCapacity` does not follow them (it under-reports transactions and
 * index writes), so the benchmarks and the capacity test price every command here instead:
 *
 * - an item's size is the sum of its attribute names and values (strings and binaries by their
 *   bytes, numbers by about half their digits plus one, booleans and nulls one byte, lists and
 *   maps three bytes plus one per element, sets the sum of their elements);
 * - a write costs 1 write unit per KB (rounded up) of the larger of the item before and after it,
 *   a condition that fails included (the item is still read and sized);
 * - each index pays for its own entries, sized by what it projects: 1 write for a new or removed
 *   entry, 2 when the entry's key changes, 1 when a projected attribute changes, none otherwise;
 * - a transaction bills its items' table writes twice; its index entries are propagated after the
 *   transaction and counted once (an assumption: the documentation does not say);
 * - a read costs 0.5 (eventual), 1 (strong) or 2 (transactional) read units per 4 KB, per item for
 *   GetItem and BatchGetItem, and over the whole page for Query.
 */

export interface IndexModel {
  name: string;
  partitionKey: string;
  sortKey: string;
  projection: Projection;
}

type Item = Record<string, unknown>;

/** The indexes of the table's definition, with their projections. */
export const tableIndexes: IndexModel[] = Object.values(tableDefinition.indexes).map(
  (index): IndexModel => ({
    name: index.name,
    partitionKey: index.partitionKey,
    sortKey: index.sortKey,
    projection: index.projection,
  }),
);

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === "boolean") return 1;
  if (typeof value === "string") return utf8(value);
  if (typeof value === "number" || typeof value === "bigint") {
    const digits =
      String(value)
        .replace(/[-.]|e.*$/gi, "")
        .replace(/^0+/, "").length || 1;
    return Math.ceil(digits / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === "object") {
    return 3 + Object.entries(value).reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v), 0);
  }
  return utf8(String(value));
}

/** An item's size in bytes, by DynamoDB's rules (attribute names count too). */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce(
    (sum, [name, value]) => (value === undefined ? sum : sum + utf8(name) + valueSize(value)),
    0,
  );
}

const tableKeys = [tableDefinition.partitionKey, tableDefinition.sortKey];

/** The index entry an item has on an index (its projected attributes), or undefined when it is not on it. */
export function indexEntry(item: Item | undefined, index: IndexModel): Item | undefined {
  if (!item || typeof item[index.partitionKey] !== "string" || typeof item[index.sortKey] !== "string")
    return undefined;
  if (index.projection === "ALL") return item;
  const names = [...tableKeys, index.partitionKey, index.sortKey];
  if (index.projection !== "KEYS_ONLY") names.push(...index.projection.include);
  return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
}

const kbUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const same = (a: unknown, b: unknown) => JSON.stringify(a, setsAsLists) === JSON.stringify(b, setsAsLists);
function setsAsLists(_key: string, value: unknown) {
  return value instanceof Set ? [...value].sort() : value;
}

/** The write units one item's write is billed, on the table and on its indexes. */
export function writeUnits(
  before: Item | undefined,
  after: Item | undefined,
  options: { transactional?: boolean; indexes?: IndexModel[] } = {},
): { table: number; indexes: number } {
  const table = kbUnits(Math.max(itemSize(before), itemSize(after))) * (options.transactional ? 2 : 1);
  let indexes = 0;
  for (const index of options.indexes ?? tableIndexes) {
    const old = indexEntry(before, index);
    const next = indexEntry(after, index);
    if (!old && !next) continue;
    if (!old || !next) {
      indexes += kbUnits(itemSize(old ?? next));
      continue;
    }
    const moved = old[index.partitionKey] !== next[index.partitionKey] || old[index.sortKey] !== next[index.sortKey];
    if (moved) indexes += kbUnits(itemSize(old)) + kbUnits(itemSize(next));
    else if (!same(old, next)) indexes += kbUnits(itemSize(next));
  }
  return { table, indexes };
}

/** Read units for `bytes` read at once: 0.5, 1 or 2 per 4 KB (rounded up) for eventual, strong and transactional reads. */
export function readUnits(bytes: number, mode: "eventual" | "strong" | "transactional"): number {
  const blocks = Math.max(1, Math.ceil(bytes / 4096));
  return blocks * { eventual: 0.5, strong: 1, transactional: 2 }[mode];
}

/** What one metered step was billed. */
export interface CapacityFigures {
  writeUnits: number;
  /** Of `writeUnits`: index entries written, moved or removed. */
  indexWriteUnits: number;
  /** Of `writeUnits`: the second half of transactional table writes. */
  transactionSurcharge: number;
  readUnits: number;
  /** Commands sent, by name. */
  commands: Record<string, number>;
  /** Write units by the entity type of the item written. */
  writesByEntity: Record<string, number>;
}

const emptyFigures = (): CapacityFigures => ({
  writeUnits: 0,
  indexWriteUnits: 0,
  transactionSurcharge: 0,
  readUnits: 0,
  commands: {},
  writesByEntity: {},
});

interface Write {
  key: Item;
  transactional: boolean;
}

/** The items a write command touches (their keys), and whether it is a transaction. */
function writesOf(command: string, input: Item, tableName: string): Write[] | undefined {
  const key = (item: Item) => ({ PK: item.PK, SK: item.SK });
  switch (command) {
    case "PutItemCommand":
      return [{ key: key(input.Item as Item), transactional: false }];
    case "UpdateItemCommand":
    case "DeleteItemCommand":
      return [{ key: input.Key as Item, transactional: false }];
    case "TransactWriteItemsCommand":
      return (input.TransactItems as Item[]).map((action) => {
        const [kind, body] = Object.entries(action)[0] as [string, Item];
        return { key: kind === "Put" ? key(body.Item as Item) : (body.Key as Item), transactional: true };
      });
    case "BatchWriteItemCommand":
      return ((input.RequestItems as Record<string, Item[]>)[tableName] ?? []).map((request) => {
        const put = request.PutRequest as Item | undefined;
        return {
          key: put ? key(put.Item as Item) : ((request.DeleteRequest as Item).Key as Item),
          transactional: false,
        };
      });
    default:
      return undefined;
  }
}

/**
 * Prices every command a document client sends, by the rules above. Before and after each write
 * it reads the items it touches with a client of its own (unmetered), so a write is sized by the
 * items as they were and became. Figures are kept per step: `step(name)` starts a new one.
 */
export function meterCapacity(db: DocumentClient, probe: DocumentClient, tableName: string) {
  const steps = new Map<string, CapacityFigures>();
  let current = emptyFigures();
  steps.set("setup", current);
  const read = async (key: Item) =>
    (await probe.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  const addRead = (command: string, input: Item, output: Item) => {
    const consistent = input.ConsistentRead === true;
    const mode = command === "TransactGetItemsCommand" ? "transactional" : consistent ? "strong" : "eventual";
    if (command === "GetItemCommand") current.readUnits += readUnits(itemSize(output.Item as Item), mode);
    if (command === "QueryCommand") {
      const items = (output.Items as Item[] | undefined) ?? [];
      const bytes = items.reduce((sum: number, item) => sum + itemSize(item), 0);
      // A filter throws away items it read: those were billed too, at the page's average size.
      const scanned = Number(output.ScannedCount ?? items.length);
      const estimate = items.length > 0 ? (bytes / items.length) * scanned : 0;
      current.readUnits += readUnits(Math.max(bytes, estimate), mode);
    }
    if (command === "BatchGetItemCommand") {
      const request = (input.RequestItems as Record<string, Item>)[tableName];
      const batchMode = request?.ConsistentRead ? "strong" : "eventual";
      const found = ((output.Responses as Record<string, Item[]> | undefined)?.[tableName] ?? []) as Item[];
      const asked = ((request?.Keys as Item[] | undefined) ?? []).length;
      for (const item of found) current.readUnits += readUnits(itemSize(item), batchMode);
      current.readUnits += Math.max(0, asked - found.length) * readUnits(0, batchMode);
    }
  };

  db.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName as string;
      const input = (args as { input: Item }).input;
      const figures = current;
      figures.commands[command] = (figures.commands[command] ?? 0) + 1;
      const writes = writesOf(command, input, tableName);
      if (!writes) {
        const output = await next(args);
        addRead(command, input, output.output as Item);
        return output;
      }
      const before = await Promise.all(writes.map((w) => read(w.key)));
      let result: Awaited<ReturnType<typeof next>> | undefined;
      let failure: unknown;
      try {
        result = await next(args);
      } catch (error) {
        failure = error;
      }
      const after = failure ? before : await Promise.all(writes.map((w) => read(w.key)));
      writes.forEach((write, i) => {
        const units = writeUnits(before[i], after[i], { transactional: write.transactional });
        figures.writeUnits += units.table + units.indexes;
        figures.indexWriteUnits += units.indexes;
        if (write.transactional) figures.transactionSurcharge += units.table / 2;
        const entity = String((after[i] ?? before[i])?.entityType ?? "(none)");
        figures.writesByEntity[entity] = (figures.writesByEntity[entity] ?? 0) + units.table + units.indexes;
        if (process.env.CAPACITY_TRACE)
          process.stderr.write(
            `${command.replace("Command", "")} ${entity} ${String(write.key.PK)} | ${String(write.key.SK)} table=${units.table} index=${units.indexes}${failure ? " FAILED" : ""}\n`,
          );
      });
      if (failure) throw failure;
      return result as Awaited<ReturnType<typeof next>>;
    },
    { step: "initialize", name: "capacity-meter", priority: "low" },
  );

  return {
    /** Starts metering a new step; later commands count towards it. */
    step(name: string) {
      current = emptyFigures();
      steps.set(name, current);
    },
    /** The figures of every step so far, in order. */
    steps(): [string, CapacityFigures][] {
      return [...steps.entries()];
    },
  };
}
