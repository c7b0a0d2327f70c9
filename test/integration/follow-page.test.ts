import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction, linkFeedbackToAction, updateAction } from "../../shared/actions/service";
import { followLinked } from "../../shared/actions/sync-job";
import type { Principal } from "../../shared/auth/principal";
import { createDocumentClient } from "../../shared/db/client";
import { keys, updateJobId } from "../../shared/db/keys";
import type { Feedback } from "../../shared/entities/feedback";
import { asActionChange } from "../../shared/entities/job";
import { createGoal } from "../../shared/goals/service";
import { newId, normaliseEmail, sha256 } from "../../shared/ids";
import { FeedbackRepository } from "../../shared/repositories/feedback";
import { createTestTable, type TestTable } from "../helpers/table";

let t: TestTable;
let actor: Principal;
beforeAll(async () => {
  t = await createTestTable();
  const at = new Date().toISOString();
  const staff = {
    id: newId(),
    email: "manager@example.org",
    name: "Manager",
    role: "manager" as const,
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  await t.deps.staff.create(staff);
  actor = { staff, via: "token" };
});
afterAll(() => t.raw.destroy());

/** A complaint from its own customer, stored as intake leaves it. */
async function complaint(i: number): Promise<Feedback> {
  const at = new Date().toISOString();
  const email = `customer${i}@example.org`;
  const item: Feedback = {
    id: newId(),
    status: "new",
    kind: "complaint",
    message: `The ticket machine ${i} refused my card.`,
    email,
    consent: true,
    locale: "en",
    customerType: "external",
    channel: "web",
    tags: [],
    emailHash: sha256(normaliseEmail(email)),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await t.deps.feedback.create(item);
  return item;
}

/** A done action linked to `count` new complaints, and the job that carries its "we did" to them. */
async function doneAction(title: string, count: number, first: number) {
  const goal = await createGoal(t.deps, {
    title: `Goal of ${title}`,
    metric: { kind: "complaint_share", baseline: 60, target: 30, windowDays: 90 },
  });
  let action = await createAction(t.deps, actor, { goalId: goal.id, title });
  const items = await Promise.all(Array.from({ length: count }, (_, i) => complaint(first + i)));
  const ids = items.map((item) => item.id);
  await linkFeedbackToAction(t.deps, actor, action.id, ids);
  action = await updateAction(t.deps, actor, action.id, { version: action.version, status: "planned" });
  action = await updateAction(t.deps, actor, action.id, {
    version: action.version,
    status: "done",
    weDid: { en: `${title}: done.` },
  });
  const stored = await t.deps.jobs.get(updateJobId(action.id, "did"));
  if (!stored) throw new Error("the done change wrote no job");
  return { action, job: asActionChange(stored), ids };
}

describe("a page of linked items follows its done action together", () => {
  it("moves every item to done with one entry each, and an item changed meanwhile follows again, keeping that change", async () => {
    const goal = await createGoal(t.deps, {
      title: "Fewer ticket machine complaints",
      metric: {
        kind: "complaint_share",
        scope: { topic: "ticket machines" },
        baseline: 60,
        target: 30,
        windowDays: 90,
      },
    });
    let action = await createAction(t.deps, actor, { goalId: goal.id, title: "Replace the card readers" });
    const items = await Promise.all(Array.from({ length: 30 }, (_, i) => complaint(i)));
    await linkFeedbackToAction(
      t.deps,
      actor,
      action.id,
      items.map((item) => item.id),
    );
    for (const status of ["planned", "in_progress"] as const) {
      action = await updateAction(t.deps, actor, action.id, { version: action.version, status });
    }
    action = await updateAction(t.deps, actor, action.id, {
      version: action.version,
      status: "done",
      weDid: { en: "We replaced the card readers." },
    });
    const stored = await t.deps.jobs.get(updateJobId(action.id, "did"));
    if (!stored) throw new Error("the done change wrote no job");
    const job = asActionChange(stored);
    const edited = items[7] as Feedback;

    // A staff edit of one item lands between the page's read of it and its write.
    const editor = createDocumentClient({ endpoint: t.endpoint, region: "local" });
    let edits = 0;
    t.deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Item?: { PK?: string }; ConditionExpression?: string };
        const target = input.Item?.PK === keys.feedback(edited.id).PK && input.ConditionExpression?.includes("version");
        if (context.commandName === "PutItemCommand" && target && edits === 0) {
          edits += 1;
          await editor.send(
            new UpdateCommand({
              TableName: t.tableName,
              Key: keys.feedback(edited.id),
              UpdateExpression: "SET version = version + :one, tags = :tags",
              ExpressionAttributeValues: { ":one": 1, ":tags": ["edited meanwhile"] },
            }),
          );
        }
        return next(args);
      },
      { step: "initialize", name: "concurrentEdit", priority: "high" },
    );
    let failed: Awaited<ReturnType<typeof followLinked>>;
    try {
      failed = await followLinked(
        t.deps,
        job,
        action,
        items.map((item) => item.id),
      );
    } finally {
      t.deps.db.middlewareStack.remove("concurrentEdit");
      editor.destroy();
    }

    expect(failed).toEqual([]);
    expect(edits).toBe(1);
    const after = await t.deps.feedback.getMany(items.map((item) => item.id));
    expect(after.map((item) => item.status)).toEqual(items.map(() => "done"));
    const changed = after.find((item) => item.id === edited.id);
    expect(changed?.tags).toEqual(["edited meanwhile"]);
    for (const item of items) {
      const entries = (await t.deps.timeline.of(item.id)).filter(
        (entry) => entry.type === "changed" && entry.details?.actionId === action.id,
      );
      expect(entries, item.id).toHaveLength(1);
      expect(entries[0]?.details?.changes).toMatchObject([{ field: "status", to: "done" }]);
    }

    // Run again (a redelivered page): nothing changes, no second entry.
    expect(
      await followLinked(
        t.deps,
        job,
        action,
        items.map((item) => item.id),
      ),
    ).toEqual([]);
    for (const item of items) {
      const entries = (await t.deps.timeline.of(item.id)).filter(
        (entry) => entry.type === "changed" && entry.details?.actionId === action.id,
      );
      expect(entries).toHaveLength(1);
    }
  });

  it("keeps every item's one entry when the same page runs twice at once (a redelivered record)", async () => {
    const { action, job, ids } = await doneAction("Open a second desk", 12, 100);

    // The second run does all of its work between the first run's entries and its items' writes,
    // so every write of the first run meets an item the second one has moved on already.
    let second: Promise<unknown> | undefined;
    t.deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ConditionExpression?: string };
        if (context.commandName === "PutItemCommand" && input.ConditionExpression?.includes("version") && !second) {
          second = followLinked(t.deps, job, action, ids);
          await second;
        }
        return next(args);
      },
      { step: "initialize", name: "secondRun", priority: "high" },
    );
    let failed: Awaited<ReturnType<typeof followLinked>>;
    try {
      failed = await followLinked(t.deps, job, action, ids);
    } finally {
      t.deps.db.middlewareStack.remove("secondRun");
    }
    expect(second).toBeDefined();
    expect(failed).toEqual([]);
    expect(await second).toEqual([]);
    for (const item of await t.deps.feedback.getMany(ids)) {
      expect(item.status).toBe("done");
      const entries = (await t.deps.timeline.of(item.id)).filter(
        (entry) => entry.type === "changed" && entry.details?.actionId === action.id,
      );
      expect(entries, item.id).toHaveLength(1);
    }
  });

  it("adds no entry of its own when staff made the same change by hand while the page ran", async () => {
    const { action, job, ids } = await doneAction("Service the lifts", 5, 200);
    const [target] = await t.deps.feedback.getMany([ids[2] as string]);
    if (!target) throw new Error("no item");

    // Staff close the same item as done by hand, with their own entry, just before the page's write.
    const editor = createDocumentClient({ endpoint: t.endpoint, region: "local" });
    const byHand = new FeedbackRepository(editor, t.tableName);
    let edited = false;
    t.deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Item?: { PK?: string }; ConditionExpression?: string };
        const write = input.Item?.PK === keys.feedback(target.id).PK && input.ConditionExpression?.includes("version");
        if (context.commandName === "PutItemCommand" && write && !edited) {
          edited = true;
          const at = new Date().toISOString();
          await byHand.update(
            { ...target, status: "done", doneAt: at, updatedAt: at, version: target.version + 1 },
            target.version,
            [
              {
                id: newId(),
                feedbackId: target.id,
                type: "changed",
                at,
                actor: actor.staff.id,
                public: false,
                version: target.version + 1,
                details: { changes: [{ field: "status", from: target.status, to: "done" }] },
              },
            ],
          );
        }
        return next(args);
      },
      { step: "initialize", name: "byHand", priority: "high" },
    );
    try {
      expect(await followLinked(t.deps, job, action, ids)).toEqual([]);
    } finally {
      t.deps.db.middlewareStack.remove("byHand");
      editor.destroy();
    }
    expect(edited).toBe(true);
    // Its status changed once, by hand: the page's own entry for the same change was taken back.
    const statusChanges = (await t.deps.timeline.of(target.id)).filter((entry) =>
      JSON.stringify(entry.details?.changes ?? []).includes('"field":"status"'),
    );
    expect(statusChanges.map((entry) => entry.details?.actionId ?? "by hand")).toEqual(["by hand"]);
    for (const id of ids.filter((id) => id !== target.id)) {
      const follow = (await t.deps.timeline.of(id)).filter(
        (entry) => entry.type === "changed" && entry.details?.actionId === action.id,
      );
      expect(follow, id).toHaveLength(1);
    }
  });
});
