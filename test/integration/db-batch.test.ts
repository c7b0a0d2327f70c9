import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { batchGet, batchWrite, UnprocessedBatchError } from "../../shared/db/batch";
import { classifyFailure } from "../../shared/db/failures";
import type { Deps } from "../../shared/deps";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let tableName: string;

beforeAll(async () => {
  ({ deps, tableName } = await createTestTable());
});

/**
 * Makes DynamoDB leave every item of the first `times` batch requests of `command` unprocessed,
 * as the service does when it throttles part of a batch (DynamoDB Local never does); counts the
 * requests made.
 */
function throttleBatches(command: "BatchWriteItemCommand" | "BatchGetItemCommand", times: number) {
  const seen = { requests: 0 };
  const name = `unprocessed-${Math.random().toString(36).slice(2)}`;
  deps.db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== command) return next(args);
      seen.requests += 1;
      if (seen.requests > times) return next(args);
      const input = (args as { input: { RequestItems: Record<string, unknown> } }).input;
      const left =
        command === "BatchWriteItemCommand"
          ? { UnprocessedItems: input.RequestItems }
          : { UnprocessedKeys: input.RequestItems };
      return { output: { ...left, $metadata: {} }, response: {} } as never;
    },
    { step: "initialize", name, priority: "high" },
  );
  return { seen, remove: () => deps.db.middlewareStack.remove(name) };
}

const item = (i: number) => ({ PK: `BATCH#${i}`, SK: "ITEM", n: i });

describe("batch requests when DynamoDB leaves part of them unprocessed", () => {
  it("asks again for what was left, and stores everything once the service takes it", async () => {
    const throttled = throttleBatches("BatchWriteItemCommand", 2);
    try {
      await batchWrite(deps.db, tableName, [{ put: item(1) }, { put: item(2) }]);
    } finally {
      throttled.remove();
    }
    expect(throttled.seen.requests).toBe(3);
    const { Item } = await deps.db.send(new GetCommand({ TableName: tableName, Key: { PK: "BATCH#2", SK: "ITEM" } }));
    expect(Item).toEqual(item(2));
  });

  it("gives up after a few requests with a failure the caller may retry later, instead of waiting for ever", async () => {
    const writes = throttleBatches("BatchWriteItemCommand", Number.POSITIVE_INFINITY);
    const failed = await batchWrite(deps.db, tableName, [{ put: item(3) }]).catch((error: unknown) => error);
    writes.remove();
    expect(failed).toBeInstanceOf(UnprocessedBatchError);
    expect(classifyFailure(failed)).toBe("retry");
    expect(writes.seen.requests).toBe(8);

    const reads = throttleBatches("BatchGetItemCommand", Number.POSITIVE_INFINITY);
    const unread = await batchGet(deps.db, tableName, [{ PK: "BATCH#1", SK: "ITEM" }]).catch((error: unknown) => error);
    reads.remove();
    expect(unread).toBeInstanceOf(UnprocessedBatchError);
    expect(reads.seen.requests).toBe(8);
  });
});
