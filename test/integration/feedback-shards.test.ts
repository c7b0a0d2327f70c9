import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { writeAll } from "../../bench/stats";
import type { App } from "../../functions/api/app";
import {
  FEEDBACK_INDEX_SHARDS,
  type FeedbackFilterName,
  feedbackFilters,
  feedbackIndexShard,
  filterKey,
  keys,
} from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import type { Feedback } from "../../shared/entities/feedback";
import { newId } from "../../shared/ids";
import { countFeedbackChange, countFeedbackChanges } from "../../shared/metrics/effect";
import { FeedbackRepository } from "../../shared/repositories/feedback";
import { MetricsRepository } from "../../shared/repositories/metrics";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

/**
 * The feedback indexes are written over several shards per key, so a burst of new items (or a
 * fan-out that moves thousands under one status) spreads over several index partitions. Lists read
 * every shard, and the unsharded keys that items stored before the sharding still carry, and merge
 * them newest first: a list reads as one, a page at a time, every item exactly once.
 */

let deps: Deps;
let app: App;
let agent: SignedInStaff;
let goalId: string;
let items: Feedback[];

const kinds = ["complaint", "question", "suggestion"] as const;
const statuses = ["new", "triaged", "planned"] as const;

/** An item as an older version stored it: every index key without a shard. */
function unsharded(feedback: Feedback) {
  const item: Record<string, unknown> = { ...FeedbackRepository.feedbackItem(feedback), GSI1PK: "FEEDBACK" };
  for (const name of Object.keys(feedbackFilters) as FeedbackFilterName[]) {
    const value = feedback[name];
    if (typeof value === "string") item[feedbackFilters[name].partitionKey] = filterKey(name, value);
  }
  return item;
}

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => "127.0.0.1" });
  agent = await signedInStaff(app, deps, "manager");
  const goal = await callJson(app, "POST", "/api/goals", {
    as: agent,
    via: "token",
    body: { title: "Fewer card refusals" },
  });
  goalId = ((await goal.json()) as { id: string }).id;
  // The goal's own action sits in the goal's unsharded partition, beside older items' entries.
  expect(
    (await callJson(app, "POST", "/api/actions", { as: agent, via: "token", body: { goalId, title: "Fix" } })).status,
  ).toBe(201);
  const start = Date.now() - 3_600_000;
  items = Array.from({ length: 60 }, (_, i) => ({
    id: newId(new Date(start + i * 1000)),
    status: statuses[i % 3] as Feedback["status"],
    kind: kinds[i % 3 === 0 ? 0 : (i >> 1) % 3] as Feedback["kind"],
    message: `Card refused at gate ${i}`,
    consent: false,
    locale: "en",
    customerType: "external",
    topic: i % 4 === 0 ? "Gates" : "ticket machines",
    channel: "web",
    tags: [],
    ...(i % 2 === 0 ? { goalId } : {}),
    createdAt: new Date(start + i * 1000).toISOString(),
    updatedAt: new Date(start + i * 1000).toISOString(),
    version: 1,
  }));
  // Every fifth item as an older version stored it, the rest as this one does.
  await writeAll(
    deps.db,
    deps.config.tableName,
    items.map((item, i) => (i % 5 === 0 ? unsharded(item) : FeedbackRepository.feedbackItem(item))),
  );
});

/** Every page of `/api/feedback?query`, following nextCursor. */
async function allPages(query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const response = await callJson(
      app,
      "GET",
      `/api/feedback?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { as: agent, via: "token" },
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: Feedback[]; nextCursor: string | null };
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

const newestFirst = (match: (item: Feedback) => boolean) =>
  items
    .filter(match)
    .map((item) => item.id)
    .reverse();

describe("feedback indexes written over shards", () => {
  it("spread a burst of new items over every shard of each key", () => {
    const shards = new Set(items.map((item) => feedbackIndexShard(item.id)));
    expect(shards.size).toBe(FEEDBACK_INDEX_SHARDS);
    const stored = FeedbackRepository.feedbackItem(items[1] as Feedback);
    const shard = feedbackIndexShard(stored.id as string);
    expect(stored).toMatchObject({
      GSI1PK: `FEEDBACK.${shard}`,
      GSI2PK: `STATUS.${shard}#triaged`,
      GSI4PK: `TOPIC.${shard}#ticket machines`,
    });
    expect(keys.underGoal(goalId, "ACTION#x").GSI8PK).toBe(`GOAL#${goalId.toLowerCase()}`);
  });

  it.each([
    ["limit=7", () => true],
    ["limit=100", () => true],
    ["limit=4&status=triaged", (item: Feedback) => item.status === "triaged"],
    ["limit=5&kind=complaint", (item: Feedback) => item.kind === "complaint"],
    ["limit=3&topic=gates&status=new", (item: Feedback) => item.topic === "Gates" && item.status === "new"],
    [`limit=6&goalId=GOAL`, (item: Feedback) => item.goalId !== undefined],
    [`limit=1&goalId=GOAL`, (item: Feedback) => item.goalId !== undefined],
    [`limit=2&goalId=GOAL&status=new`, (item: Feedback) => item.goalId !== undefined && item.status === "new"],
  ] as const)("list %s newest first over every shard, every item once, a page at a time", async (query, match) => {
    const pages = await allPages(query.replace("GOAL", () => goalId));
    const limit = Number(/limit=(\d+)/.exec(query)?.[1]);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
    expect(pages.flat()).toEqual(newestFirst(match));
  });

  it("refuses a cursor outside its list's keys with 400, not a 5xx", async () => {
    const lowered = goalId.toLowerCase();
    for (const key of [
      { GSI8PK: `GOAL#${lowered}`, GSI8SK: "ACTION#x" },
      { GSI8PK: `GOAL#${lowered}`, GSI8SK: "" },
      { GSI8PK: `GOAL#${lowered}`, GSI8SK: `FEEDBACK#${"x".repeat(1100)}` },
    ]) {
      const cursor = Buffer.from(JSON.stringify(key)).toString("base64url");
      const response = await callJson(app, "GET", `/api/feedback?goalId=${goalId}&cursor=${cursor}`, {
        as: agent,
        via: "token",
      });
      expect(response.status).toBe(400);
    }
  });

  it("refuses a cursor of another list with 400", async () => {
    const first = await callJson(app, "GET", "/api/feedback?limit=2&status=new", { as: agent, via: "token" });
    const { nextCursor } = (await first.json()) as { nextCursor: string };
    const other = await callJson(app, "GET", `/api/feedback?limit=2&status=triaged&cursor=${nextCursor}`, {
      as: agent,
      via: "token",
    });
    expect(other.status).toBe(400);
  });

  it("reads items made in a span oldest first across the shards, as the acknowledgement sweep does", async () => {
    const from = items[10] as Feedback;
    const to = items[41] as Feedback;
    const made = await deps.feedback.made(from.id, to.id, 20);
    expect(made.map((item) => item.id)).toEqual(items.slice(11, 31).map((item) => item.id));
  });

  it("moves an older item onto its shard when it is next written", async () => {
    const older = items[5] as Feedback;
    await deps.feedback.update({ ...older, status: "closed", version: 2 }, 1, []);
    const response = await callJson(app, "GET", "/api/feedback?status=closed", { as: agent, via: "token" });
    expect(((await response.json()) as { items: Feedback[] }).items.map((item) => item.id)).toEqual([older.id]);
    const stored = await deps.db.send(
      new GetCommand({ TableName: deps.config.tableName, Key: keys.feedback(older.id) }),
    );
    expect(stored.Item?.GSI1PK).toBe(`FEEDBACK.${feedbackIndexShard(older.id)}`);
  });
});

describe("a stream batch's feedback changes counted together", () => {
  it("count every change once, with each counter item written once per transaction, and a redelivery changes nothing", async () => {
    const { deps: own } = await createTestTable();
    const at = new Date().toISOString();
    const made = Array.from({ length: 120 }, (_, i) => ({
      ...(items[i % items.length] as Feedback),
      id: newId(),
      status: "new" as const,
      topic: i % 2 ? "gates" : "ticket machines",
      createdAt: at,
      updatedAt: at,
    }));
    const moved = made.slice(0, 60).map((item) => ({ ...item, status: "planned" as const, version: 2 }));
    const stored = [
      ...made.map((after) => ({ before: undefined, after })),
      ...moved.map((after, i) => ({ before: made[i], after })),
    ];
    const writes: number[] = [];
    own.db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "TransactWriteItemsCommand")
          writes.push((args.input as { TransactItems: unknown[] }).TransactItems.length);
        return next(args);
      },
      { step: "initialize", name: "count-transactions" },
    );
    const counted = await countFeedbackChanges(own, stored);
    expect(counted.size).toBe(180);
    // 180 markers, ten status shards and a few day counters: in a handful of transactions of at most 100.
    expect(writes.length).toBeLessThanOrEqual(4);
    expect(Math.max(...writes)).toBeLessThanOrEqual(100);
    expect(await new MetricsRepository(own.db, own.config.tableName).statusCounts()).toMatchObject({
      new: 60,
      planned: 60,
    });
    const day = at.slice(0, 10);
    const [all] = await new MetricsRepository(own.db, own.config.tableName).days("all", day, day);
    expect((all?.complaint_count ?? 0) + (all?.question_count ?? 0) + (all?.suggestion_count ?? 0)).toBe(120);
    // The same batch again, and each record alone: nothing counts twice.
    expect((await countFeedbackChanges(own, stored)).size).toBe(0);
    for (const { before, after } of stored.slice(0, 5))
      expect(await countFeedbackChange(own, before, after)).toBe(false);
    expect(await new MetricsRepository(own.db, own.config.tableName).statusCounts()).toMatchObject({
      new: 60,
      planned: 60,
    });
  });
});
