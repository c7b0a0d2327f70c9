import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { gatheredPuts } from "../../shared/db/batch";
import type { DocumentClient } from "../../shared/db/client";
import { injectFaults } from "../helpers/faults";
import { createTestTable } from "../helpers/table";

let db: DocumentClient;
let tableName: string;

beforeAll(async () => {
  const table = await createTestTable();
  db = table.deps.db;
  tableName = table.tableName;
});

/** Counts the BatchWriteItem requests the client sends while `run` runs. */
async function batchRequests(run: () => Promise<unknown>): Promise<number> {
  let requests = 0;
  const name = `count-${Math.random().toString(36).slice(2)}`;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "BatchWriteItemCommand") requests += 1;
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    await run();
  } finally {
    db.middlewareStack.remove(name);
  }
  return requests;
}

const item = (run: string, i: number) => ({ PK: `GATHERED#${run}`, SK: String(i).padStart(3, "0"), n: i });

async function stored(run: string, i: number) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { PK: `GATHERED#${run}`, SK: String(i).padStart(3, "0") } }),
  );
  return Item;
}

describe("puts gathered into batches", () => {
  it("stores every item of 60 side-by-side puts in three requests of up to 25", async () => {
    const put = gatheredPuts(db, tableName);
    const requests = await batchRequests(() => Promise.all(Array.from({ length: 60 }, (_, i) => put(item("a", i)))));
    expect(requests).toBe(3);
    for (const i of [0, 24, 25, 59]) expect(await stored("a", i)).toEqual(item("a", i));
  });

  it("gathers puts made a moment apart, and each caller's promise waits for its own request", async () => {
    const put = gatheredPuts(db, tableName, 20);
    const requests = await batchRequests(async () => {
      const first = put(item("b", 1));
      await new Promise((resolve) => setTimeout(resolve, 1));
      const second = put(item("b", 2));
      await first;
      // Settled only once its request was answered: the item can be read at once.
      expect(await stored("b", 1)).toEqual(item("b", 1));
      await second;
    });
    expect(requests).toBe(1);
  });

  it("rejects every caller whose request failed, and only those", async () => {
    const put = gatheredPuts(db, tableName);
    const faults = injectFaults(db, [{ command: "BatchWriteItemCommand", fault: "internal", times: 1 }]);
    try {
      const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => put(item("c", i))));
      expect(results.slice(0, 25).every((r) => r.status === "rejected")).toBe(true);
      expect(results.slice(25).every((r) => r.status === "fulfilled")).toBe(true);
      expect(await stored("c", 0)).toBeUndefined();
      expect(await stored("c", 29)).toEqual(item("c", 29));
    } finally {
      faults.remove();
    }
  });
});
