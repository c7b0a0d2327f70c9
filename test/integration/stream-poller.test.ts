import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type AttributeValue, DeleteItemCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type StreamPoller, type StreamPollerOptions, startStreamPoller } from "../../infra/local/stream-poller";
import { ensureTable } from "../../shared/db/ensure-table";
import { matchesStreamFilters } from "../../shared/stream/filters";

const root = fileURLToPath(new URL("../../", import.meta.url));
const endpoint = inject("dynamoEndpoint");
const client = new DynamoDBClient({
  endpoint,
  region: "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
let dir: string;
const running: StreamPoller[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "stream-poller-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await Promise.all(running.splice(0).map((poller) => poller.stop()));
});
afterAll(() => {
  client.destroy();
  rmSync(dir, { recursive: true, force: true });
});

interface Call {
  event: DynamoDBStreamEvent;
  context: Context;
  at: number;
}

/** A fresh table (the stream of a shared one would hold other tests' records) and a checkpoint file for it. */
async function freshTable() {
  const table = `stream-poller-${randomUUID().slice(0, 8)}`;
  const streamArn = await ensureTable(client, table);
  // A folder that does not exist yet: the poller must create it.
  const checkpointFile = join(dir, table, "state", "checkpoint.json");
  const put = (id: string, attributes: Record<string, AttributeValue> = {}) =>
    client.send(new PutItemCommand({ TableName: table, Item: { PK: { S: id }, SK: { S: "item" }, ...attributes } }));
  return { table, streamArn, checkpointFile, put };
}

/** Starts a poller stopped after the test; the handler answers with `answer` and each call is recorded. */
function poll(
  options: Omit<StreamPollerOptions, "endpoint" | "handler"> & {
    endpoint?: string;
    answer?: (event: DynamoDBStreamEvent, call: number) => Promise<DynamoDBBatchResponse | undefined>;
  },
) {
  const calls: Call[] = [];
  const poller = startStreamPoller({
    endpoint,
    idleMs: 50,
    retryDelayMs: 20,
    onError: () => {},
    ...options,
    handler: async (event, context) => {
      calls.push({ event, context, at: Date.now() });
      return options.answer?.(event, calls.length);
    },
  });
  running.push(poller);
  return { poller, calls, ids: () => calls.flatMap((call) => call.event.Records.map(id)) };
}

const id = (record: DynamoDBRecord) => record.dynamodb?.Keys?.PK?.S;
const sequence = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? "";

describe("stream poller", () => {
  it("delivers inserts, updates and deletes in order, in the shape Lambda delivers them", async () => {
    const { table, streamArn, checkpointFile, put } = await freshTable();
    const before = Math.floor(Date.now() / 1000);
    await put("a", { count: { N: "1" }, blob: { B: new Uint8Array([1, 2, 255]) }, tags: { M: { x: { SS: ["p"] } } } });
    await put("b");
    await put("a", { count: { N: "2" } });
    await client.send(new DeleteItemCommand({ TableName: table, Key: { PK: { S: "b" }, SK: { S: "item" } } }));
    const { poller, calls } = poll({ streamArn, checkpointFile });
    await poller.idle();

    const records = calls.flatMap((call) => call.event.Records);
    expect(records.map((record) => [record.eventName, id(record)])).toEqual([
      ["INSERT", "a"],
      ["INSERT", "b"],
      ["MODIFY", "a"],
      ["REMOVE", "b"],
    ]);
    const sequences = records.map((record) => BigInt(sequence(record)));
    expect(sequences).toEqual([...sequences].sort((x, y) => (x < y ? -1 : 1)));
    const [insert, , modify, remove] = records;
    expect(insert).toEqual({
      eventID: expect.any(String),
      eventName: "INSERT",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: expect.any(String),
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { PK: { S: "a" }, SK: { S: "item" } },
        NewImage: {
          PK: { S: "a" },
          SK: { S: "item" },
          count: { N: "1" },
          blob: { B: Buffer.from([1, 2, 255]).toString("base64") },
          tags: { M: { x: { SS: ["p"] } } },
        },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
      eventSourceARN: streamArn,
    });
    // Plain JSON, as Lambda's event is: no Date, no Uint8Array, no class instances.
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
    // Epoch seconds (DynamoDB Local rounds the time down to the minute).
    const created = insert?.dynamodb?.ApproximateCreationDateTime ?? 0;
    expect(Number.isInteger(created)).toBe(true);
    expect(created).toBeGreaterThanOrEqual(before - 60);
    expect(created).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(modify?.dynamodb?.OldImage?.count).toEqual({ N: "1" });
    expect(modify?.dynamodb?.NewImage?.count).toEqual({ N: "2" });
    expect(remove?.dynamodb?.NewImage).toBeUndefined();
    expect(remove?.dynamodb?.OldImage?.PK).toEqual({ S: "b" });

    const context = calls[0]?.context;
    expect(context?.functionName).toBe("stream-local");
    expect(context?.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context?.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it("gives each invocation a fresh request id and at most batchSize records", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    for (const key of ["a", "b", "c", "d", "e"]) await put(key);
    const { poller, calls, ids } = poll({ streamArn, checkpointFile, batchSize: 2 });
    await poller.idle();

    expect(ids()).toEqual(["a", "b", "c", "d", "e"]);
    expect(calls.map((call) => call.event.Records.length)).toEqual([2, 2, 1]);
    expect(new Set(calls.map((call) => call.context.awsRequestId)).size).toBe(3);
  });

  it("skips records the filter rejects, like Lambda event filtering, and counts them as handled", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    await put("staff", { entityType: { S: "Staff" } });
    await put("pending", { entityType: { S: "Notification" }, status: { S: "pending" }, attempts: { N: "0" } });
    await put("sent", { entityType: { S: "Notification" }, status: { S: "sent" } });
    const first = poll({ streamArn, checkpointFile, filter: matchesStreamFilters });
    await first.poller.idle();
    expect(first.ids()).toEqual(["pending"]);
    await first.poller.stop();

    // Without a filter, a poller on the same checkpoint sees none of the skipped records again.
    await put("later");
    const second = poll({ streamArn, checkpointFile });
    await second.poller.idle();
    expect(second.ids()).toEqual(["later"]);
  });

  it("after stop(), a new poller on the same checkpoint delivers only what was written since", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    for (const key of ["a", "b", "c"]) await put(key);
    const first = poll({ streamArn, checkpointFile });
    await first.poller.idle();
    await first.poller.stop();
    expect(first.ids()).toEqual(["a", "b", "c"]);
    const saved = JSON.parse(readFileSync(checkpointFile, "utf8"));
    expect(saved.streamArn).toBe(streamArn);
    expect(Object.values(saved.shards)).toEqual([sequence(first.calls[0]?.event.Records[2] ?? {})]);

    for (const key of ["d", "e"]) await put(key);
    const second = poll({ streamArn, checkpointFile });
    await second.poller.idle();
    expect(second.ids()).toEqual(["d", "e"]);
  });

  it("stop() lets the batch in flight finish and checkpoints it", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    await put("a");
    let release = () => {};
    let started = () => {};
    const inHandler = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = poll({
      streamArn,
      checkpointFile,
      answer: () => {
        started();
        return new Promise((resolve) => {
          release = () => resolve(undefined);
        });
      },
    });
    await inHandler;
    let stopped = false;
    const stopping = first.poller.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    release();
    await stopping;

    await put("b");
    const second = poll({ streamArn, checkpointFile });
    await second.poller.idle();
    expect(second.ids()).toEqual(["b"]);
  });

  it("redelivers from the first record named in batchItemFailures, not the ones before it", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    for (const key of ["a", "b", "c", "d", "e"]) await put(key);
    const { poller, calls, ids } = poll({
      streamArn,
      checkpointFile,
      answer: async (event, call) => {
        if (call !== 1) return undefined;
        // Reported out of order on purpose: Lambda resumes at the lowest sequence number.
        const failed = [event.Records[3], event.Records[2]].map((record) => ({
          itemIdentifier: sequence(record ?? {}),
        }));
        return { batchItemFailures: failed };
      },
    });
    await poller.idle();

    expect(calls.map((call) => call.event.Records.map(id))).toEqual([
      ["a", "b", "c", "d", "e"],
      ["c", "d", "e"],
    ]);
    await poller.stop();
    const again = poll({ streamArn, checkpointFile });
    await again.poller.idle();
    expect(again.ids()).toEqual([]);
    expect(ids()).toHaveLength(8);
  });

  it("retries a batch whose handler throws, with growing delays, until it succeeds, losing nothing", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    for (const key of ["a", "b", "c"]) await put(key);
    const errors: unknown[] = [];
    const { poller, calls } = poll({
      streamArn,
      checkpointFile,
      retryDelayMs: 100,
      onError: (error) => errors.push(error),
      answer: async (_event, call) => {
        if (call <= 2) throw new Error(`failure ${call}`);
        return undefined;
      },
    });
    await poller.idle();

    expect(calls.map((call) => call.event.Records.map(id))).toEqual([
      ["a", "b", "c"],
      ["a", "b", "c"],
      ["a", "b", "c"],
    ]);
    expect(errors.map((error) => (error as Error).message)).toEqual(["failure 1", "failure 2"]);
    const [first, second, third] = calls.map((call) => call.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(95);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(195);
  });

  it("treats a batchItemFailures entry that names no record as a failure of the whole batch", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    for (const key of ["a", "b"]) await put(key);
    const { poller, calls } = poll({
      streamArn,
      checkpointFile,
      answer: async (_event, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: "" }] } : undefined),
    });
    await poller.idle();
    expect(calls.map((call) => call.event.Records.map(id))).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it("loses nothing when a poller is killed mid-stream (SIGKILL) and another resumes from its checkpoint", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    const keys = Array.from({ length: 20 }, (_, index) => `k${String(index).padStart(2, "0")}`);
    for (const key of keys) await put(key);
    const log = join(dir, `${randomUUID()}.log`);
    const script = join(dir, `${randomUUID()}.mts`);
    // The child handles 2 records per batch, slowly; a record counts as handled once its "done" line is logged.
    writeFileSync(
      script,
      `import { appendFileSync } from "node:fs";
import { startStreamPoller } from ${JSON.stringify(join(root, "infra/local/stream-poller.ts"))};
const [endpoint, streamArn, checkpointFile, log] = process.argv.slice(2);
startStreamPoller({ endpoint, streamArn, checkpointFile, batchSize: 2, idleMs: 50, handler: async (event) => {
  const keys = event.Records.map((record) => record.dynamodb.Keys.PK.S);
  appendFileSync(log, keys.map((key) => "start " + key + "\\n").join(""));
  await new Promise((resolve) => setTimeout(resolve, 100));
  appendFileSync(log, keys.map((key) => "done " + key + "\\n").join(""));
} });
`,
    );
    // node --import tsx rather than the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would miss.
    const child = spawn(process.execPath, ["--import", "tsx", script, endpoint, streamArn, checkpointFile, log], {
      cwd: root,
      stdio: "ignore",
    });
    children.push(child);
    const logged = (kind: "start" | "done") =>
      (existsSync(log) ? readFileSync(log, "utf8").split("\n") : [])
        .filter((line) => line.startsWith(`${kind} `))
        .map((line) => line.slice(kind.length + 1));
    // Kill once three batches are handled and a fourth is in the handler (it spends 100 ms there).
    const midBatch = () => logged("done").length >= 6 && logged("start").length > logged("done").length;
    const deadline = Date.now() + 20_000;
    while (!midBatch() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    const killedMidBatch = midBatch();
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(killedMidBatch).toBe(true);
    const handled = logged("done");
    expect(handled.length).toBeLessThan(keys.length);

    const { poller, ids } = poll({ streamArn, checkpointFile });
    await poller.idle();
    const resumed = ids();
    // Nothing lost, in order; at most one batch (2 records) handled twice, had the kill come between
    // the handler's return and the checkpoint's rename.
    expect(new Set([...handled, ...resumed])).toEqual(new Set(keys));
    expect(resumed).toEqual(keys.slice(keys.length - resumed.length));
    expect(handled.length + resumed.length - keys.length).toBeLessThanOrEqual(2);
  });
});

interface FakeShard {
  id: string;
  parent?: string;
  keys: string[];
  closed: boolean;
  /** Records before this index are past retention. */
  trimmed: number;
}

/**
 * A stand-in for the streams API with shards made to order. DynamoDB Local in server mode never
 * rolls a shard (its rollover job is only wired to the embedded test hooks), so closed shards,
 * children, trimmed records and expired iterators can only be met here. Sequence numbers are global.
 */
async function fakeStream(shards: FakeShard[]) {
  const streamArn = "arn:aws:dynamodb:ddblocal:000000000000:table/fake/stream/2026-01-01T00:00:00.000";
  const sequenceOf = (key: string) => String(shards.flatMap((shard) => shard.keys).indexOf(key) + 1).padStart(21, "0");
  const state = { expireNext: false, requests: [] as string[] };
  const answer = (body: Record<string, unknown>): [number, unknown] => {
    if (body.operation === "DescribeStream") {
      // One shard a page, children listed before their parents: order must come from ParentShardId.
      const listed = [...shards].reverse();
      const from = body.ExclusiveStartShardId ? listed.findIndex((s) => s.id === body.ExclusiveStartShardId) + 1 : 0;
      const page = listed.slice(from, from + 1);
      const range = (s: FakeShard) => ({
        StartingSequenceNumber: sequenceOf(s.keys[0] ?? ""),
        ...(s.closed ? { EndingSequenceNumber: sequenceOf(s.keys.at(-1) ?? "") } : {}),
      });
      const Shards = page.map((s) => ({ ShardId: s.id, ParentShardId: s.parent, SequenceNumberRange: range(s) }));
      const more = from + 1 < listed.length;
      return [
        200,
        {
          StreamDescription: {
            StreamArn: streamArn,
            StreamStatus: "ENABLED",
            Shards,
            ...(more ? { LastEvaluatedShardId: page[0]?.id } : {}),
          },
        },
      ];
    }
    if (body.operation === "GetShardIterator") {
      const shard = shards.find((s) => s.id === body.ShardId);
      if (!shard) return [400, { __type: "ResourceNotFoundException", message: "no shard" }];
      const after = shard.keys.findIndex((key) => sequenceOf(key) === body.SequenceNumber);
      if (body.ShardIteratorType === "AFTER_SEQUENCE_NUMBER" && after < shard.trimmed) {
        return [400, { __type: "TrimmedDataAccessException", message: "trimmed" }];
      }
      const position = body.ShardIteratorType === "TRIM_HORIZON" ? shard.trimmed : after + 1;
      return [200, { ShardIterator: `${shard.id}|${position}` }];
    }
    if (body.operation === "GetRecords") {
      if (state.expireNext) {
        state.expireNext = false;
        return [400, { __type: "ExpiredIteratorException", message: "expired" }];
      }
      const [id, at] = String(body.ShardIterator).split("|");
      const shard = shards.find((s) => s.id === id) as FakeShard;
      const keys = shard.keys.slice(Number(at), Number(at) + Number(body.Limit ?? 1000));
      const next = Number(at) + keys.length;
      const Records = keys.map((key) => ({
        eventID: key,
        eventName: "INSERT",
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: "ddblocal",
        dynamodb: {
          ApproximateCreationDateTime: 1_767_225_600,
          Keys: { PK: { S: key } },
          NewImage: { PK: { S: key } },
          SequenceNumber: sequenceOf(key),
          SizeBytes: 10,
          StreamViewType: "NEW_AND_OLD_IMAGES",
        },
      }));
      const ended = shard.closed && next >= shard.keys.length;
      return [200, { Records, ...(ended ? {} : { NextShardIterator: `${shard.id}|${next}` }) }];
    }
    return [400, { __type: "ValidationException", message: `unexpected ${String(body.operation)}` }];
  };
  const server: Server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on("end", () => {
      const operation = String(request.headers["x-amz-target"]).split(".")[1];
      state.requests.push(operation ?? "");
      const [status, body] = answer({ ...JSON.parse(text || "{}"), operation });
      response.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: url,
    streamArn,
    state,
    sequenceOf,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    },
  };
}

describe("stream poller on rolled shards (fake streams endpoint)", () => {
  const shard = (id: string, keys: string[], more: Partial<FakeShard> = {}): FakeShard => ({
    id: `shardId-${id}`,
    keys,
    closed: false,
    trimmed: 0,
    ...more,
  });
  const fakes: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((poller) => poller.stop()));
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
  });
  const start = async (shards: FakeShard[]) => {
    const fake = await fakeStream(shards);
    fakes.push(fake);
    return { ...fake, checkpointFile: join(dir, `${randomUUID()}.json`) };
  };

  it("reads a closed parent to its end before its child, and never again after a restart", async () => {
    const parent = shard("parent", ["p1", "p2", "p3"], { closed: true });
    const child = shard("child", ["c1", "c2"], { parent: parent.id });
    const shards = [parent, child];
    const { endpoint, streamArn, checkpointFile, sequenceOf } = await start(shards);
    const first = poll({ endpoint, streamArn, checkpointFile, batchSize: 2 });
    await first.poller.idle();
    expect(first.ids()).toEqual(["p1", "p2", "p3", "c1", "c2"]);
    await first.poller.stop();
    expect(JSON.parse(readFileSync(checkpointFile, "utf8"))).toEqual({
      streamArn,
      shards: { [child.id]: sequenceOf("c2") },
      finished: [parent.id],
    });

    child.keys.push("c3");
    const second = poll({ endpoint, streamArn, checkpointFile });
    await second.poller.idle();
    expect(second.ids()).toEqual(["c3"]);

    // The child closes and a grandchild appears while the poller runs: idle() covers it too.
    child.keys.push("c4");
    child.closed = true;
    shards.push(shard("grandchild", ["g1"], { parent: child.id }));
    await second.poller.idle();
    expect(second.ids()).toEqual(["c3", "c4", "g1"]);
  });

  it("takes a fresh iterator from the checkpoint when the old one expired, repeating nothing", async () => {
    const only = shard("only", ["a", "b"]);
    const { endpoint, streamArn, checkpointFile, state } = await start([only]);
    const { poller, ids } = poll({ endpoint, streamArn, checkpointFile });
    await poller.idle();
    state.expireNext = true;
    only.keys.push("c");
    await poller.idle();
    expect(state.expireNext).toBe(false);
    expect(ids()).toEqual(["a", "b", "c"]);
    expect(state.requests.filter((operation) => operation === "GetShardIterator")).toHaveLength(2);
  });

  it("resumes at the oldest record left when the checkpoint was trimmed away", async () => {
    const only = shard("only", ["a", "b"]);
    const { endpoint, streamArn, checkpointFile } = await start([only]);
    const first = poll({ endpoint, streamArn, checkpointFile });
    await first.poller.idle();
    await first.poller.stop();

    // A day later: a, b and c are past retention; d and e are left.
    only.keys.push("c", "d", "e");
    only.trimmed = 3;
    const errors: unknown[] = [];
    const second = poll({ endpoint, streamArn, checkpointFile, onError: (error) => errors.push(error) });
    await second.poller.idle();
    expect(second.ids()).toEqual(["d", "e"]);
    expect(String(errors[0])).toMatch(/trimmed/);
  });
});

describe("stream poller with batches side by side (parallelizationFactor)", () => {
  /** Resolves when `ready()` holds, checked after each handler call. */
  const until = (ready: () => boolean) => {
    let check = () => {};
    const reached = new Promise<void>((resolve) => {
      check = () => {
        if (ready()) resolve();
      };
    });
    return { reached, check };
  };

  it("keeps each key's records in order while another key's batch waits, handling each record once", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    const others = Array.from({ length: 12 }, (_, index) => `k${index}`);
    await put("slow", { count: { N: "1" } });
    for (const key of others) await put(key, { count: { N: "1" } });
    await put("slow", { count: { N: "2" } });
    for (const key of others) await put(key, { count: { N: "2" } });
    // The batch with the first record of `slow` is held until a batch of other keys was handled:
    // one batch at a time, this would never end.
    let otherHandled = () => {};
    const othersDone = new Promise<void>((resolve) => {
      otherHandled = resolve;
    });
    const { poller, calls } = poll({
      streamArn,
      checkpointFile,
      parallelizationFactor: 10,
      answer: async (event) => {
        const keys = event.Records.map(id);
        if (keys.includes("slow") && event.Records.some((record) => record.dynamodb?.NewImage?.count?.N === "1")) {
          await othersDone;
        } else if (!keys.includes("slow")) {
          otherHandled();
        }
        return undefined;
      },
    });
    await poller.idle();

    const records = calls.flatMap((call) => call.event.Records);
    expect(records.map((record) => `${id(record)}:${record.dynamodb?.NewImage?.count?.N}`).sort()).toEqual(
      ["slow", ...others].flatMap((key) => [`${key}:1`, `${key}:2`]).sort(),
    );
    for (const key of ["slow", ...others]) {
      const counts = records
        .filter((record) => id(record) === key)
        .map((record) => record.dynamodb?.NewImage?.count?.N);
      expect(counts).toEqual(["1", "2"]);
    }
    // A batch holds the records of its lane only: some batch was handled while `slow`'s waited.
    expect(calls.length).toBeGreaterThan(1);
  });

  it("moves the checkpoint only past records every lane has finished, so a restart redelivers the rest", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    const before = ["b0", "b1", "b2", "b3"];
    const after = Array.from({ length: 8 }, (_, index) => `a${index}`);
    for (const key of before) await put(key);
    await put("stuck");
    for (const key of after) await put(key);
    const handled = new Set<string>();
    let failures = 0;
    const progress = until(() => failures >= 2 && after.every((key) => handled.has(key)));
    const first = poll({
      streamArn,
      checkpointFile,
      parallelizationFactor: 10,
      answer: async (event) => {
        const stuck = event.Records.findIndex((record) => id(record) === "stuck");
        for (const record of event.Records.slice(0, stuck < 0 ? undefined : stuck)) handled.add(id(record) ?? "");
        if (stuck >= 0) failures += 1;
        progress.check();
        return stuck < 0
          ? undefined
          : { batchItemFailures: [{ itemIdentifier: sequence(event.Records[stuck] ?? {}) }] };
      },
    });
    await progress.reached;
    await first.poller.stop();
    const stuckRecord = first.calls.flatMap((call) => call.event.Records).find((record) => id(record) === "stuck");
    const saved = JSON.parse(readFileSync(checkpointFile, "utf8"));
    const [checkpoint] = Object.values(saved.shards) as string[];
    expect(BigInt(checkpoint ?? "0")).toBeLessThan(BigInt(sequence(stuckRecord ?? {})));

    const second = poll({ streamArn, checkpointFile, parallelizationFactor: 10 });
    await second.poller.idle();
    expect(second.ids()).toContain("stuck");
    expect(second.ids().filter((key) => before.includes(key ?? ""))).toEqual([]);
    await second.poller.stop();
    const third = poll({ streamArn, checkpointFile, parallelizationFactor: 10 });
    await third.poller.idle();
    expect(third.ids()).toEqual([]);
  });

  it("out of retries, gives the failing record up to onDiscard and goes on with the rest", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    const keys = Array.from({ length: 10 }, (_, index) => `k${index}`);
    for (const key of keys) await put(key);
    const discarded: DynamoDBRecord[] = [];
    const { poller, ids } = poll({
      streamArn,
      checkpointFile,
      parallelizationFactor: 10,
      maxRetries: 2,
      onDiscard: (record) => discarded.push(record),
      answer: async (event) => {
        const poison = event.Records.findIndex((record) => id(record) === "k3");
        return poison < 0
          ? undefined
          : { batchItemFailures: [{ itemIdentifier: sequence(event.Records[poison] ?? {}) }] };
      },
    });
    await poller.idle();
    expect(discarded.map(id)).toEqual(["k3"]);
    expect(ids().filter((key) => key === "k3")).toHaveLength(3);
    expect(new Set(ids())).toEqual(new Set(keys));
    await poller.stop();
    const again = poll({ streamArn, checkpointFile, parallelizationFactor: 10 });
    await again.poller.idle();
    expect(again.ids()).toEqual([]);
  });

  it("is idle only once what the last batch wrote was read too", async () => {
    const { streamArn, checkpointFile, put } = await freshTable();
    await put("first");
    const { poller, ids } = poll({
      streamArn,
      checkpointFile,
      parallelizationFactor: 10,
      answer: async (event) => {
        if (event.Records.some((record) => id(record) === "first")) {
          // Long enough for the poller to read the shard empty meanwhile, then a write of its own.
          await new Promise((resolve) => setTimeout(resolve, 300));
          await put("written by the handler");
        }
        return undefined;
      },
    });
    await poller.idle();
    expect(ids()).toEqual(["first", "written by the handler"]);
  });

  it("refuses a factor Lambda does not take", () => {
    expect(() =>
      startStreamPoller({
        endpoint,
        streamArn: "arn",
        handler: async () => {},
        checkpointFile: "x",
        parallelizationFactor: 11,
      }),
    ).toThrow(/parallelizationFactor/);
  });
});
