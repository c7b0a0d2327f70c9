import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import type { DocumentClient } from "../../shared/db/client";
import type { Deps } from "../../shared/deps";
import type { Goal } from "../../shared/entities/goal";
import { newId } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

/**
 * The goal hierarchy stays a tree under concurrent moves, and every walk of it stays safe on data
 * that already holds a circle (written before the check was atomic, or by hand).
 */

let deps: Deps;
let app: App;
let manager: SignedInStaff;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  manager = await signedInStaff(app, deps, "manager");
});

const call = (method: string, path: string, body?: unknown) =>
  callJson(app, method, path, { as: manager, via: "token", body });

async function newGoal(title: string, parentId?: string) {
  const response = await call("POST", "/api/goals", { title, parentId });
  expect(response.status).toBe(201);
  return (await response.json()) as Goal;
}

const read = async (id: string) => (await (await call("GET", `/api/goals/${id}`)).json()) as Goal;
const move = (goal: Goal, parentId: string | null) =>
  call("PATCH", `/api/goals/${goal.id}`, { version: goal.version, parentId });

/**
 * Holds the next `count` transactions until all of them have been sent, then lets them go
 * together: each request has done its reads before any of them writes, as when they race.
 */
function holdTransactions(db: DocumentClient, count: number) {
  const name = `hold-${randomUUID()}`;
  const waiting: (() => void)[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "TransactWriteItemsCommand" && waiting.length < count) {
        await new Promise<void>((release) => {
          waiting.push(release);
          if (waiting.length === count) for (const go of waiting) go();
          setTimeout(release, 5_000);
        });
      }
      return next(args);
    },
    { step: "initialize", name, priority: "high" },
  );
  return { remove: () => db.middlewareStack.remove(name) };
}

/** Whether walking up from `id` by parent comes back to a goal already passed. */
async function inCircle(id: string): Promise<boolean> {
  const seen = new Set<string>();
  for (let at: string | undefined = id; at; at = (await deps.goals.get(at))?.parentId) {
    if (seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}

describe("moving goals under each other", () => {
  it("lets only one of two racing moves make A the parent of B and B the parent of A", async () => {
    const [a, b] = [await newGoal("Race A"), await newGoal("Race B")];
    const held = holdTransactions(deps.db, 2);
    const answers = await Promise.all([move(b, a.id), move(a, b.id)]).finally(held.remove);
    const statuses = answers.map((r) => r.status).sort();
    // The loser's check runs again on what the winner wrote, and finds the circle it would close.
    expect(statuses).toEqual([200, 422]);
    const refused = answers.find((r) => r.status === 422);
    expect(await refused?.json()).toMatchObject({
      error: { code: "validation_failed", fields: { parentId: "cycle" } },
    });
    expect(await inCircle(a.id)).toBe(false);
    expect(await inCircle(b.id)).toBe(false);
  });

  it("keeps many racing pairs and a racing triangle free of circles", async () => {
    const pairs = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => [await newGoal(`Pair ${i} A`), await newGoal(`Pair ${i} B`)] as const),
    );
    const [x, y, z] = [await newGoal("Tri X"), await newGoal("Tri Y"), await newGoal("Tri Z")];
    const answers = await Promise.all([
      ...pairs.flatMap(([a, b]) => [move(b, a.id), move(a, b.id)]),
      move(x, y.id),
      move(y, z.id),
      move(z, x.id),
    ]);
    for (const answer of answers) expect([200, 409, 422]).toContain(answer.status);
    for (const goal of [...pairs.flat(), x, y, z]) expect(await inCircle(goal.id)).toBe(false);
  });

  it("refuses a move that would close a circle one after the other, too", async () => {
    const top = await newGoal("Top");
    const middle = await newGoal("Middle", top.id);
    const bottom = await newGoal("Bottom", middle.id);
    const response = await move(await read(top.id), bottom.id);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { fields: { parentId: "cycle" } } });
    expect((await move(await read(bottom.id), top.id)).status).toBe(200);
  });
});

describe("a hierarchy that already holds a circle", () => {
  let a: Goal;
  let b: Goal;
  let under: Goal;
  let outside: Goal;

  beforeAll(async () => {
    // Written straight to the table, past the service's checks: A and B each other's parent, and a goal under them.
    const at = new Date().toISOString();
    const stored = (title: string, parentId?: string): Goal => ({
      id: newId(),
      title: { en: title },
      parentId,
      ambassadors: [],
      status: "active",
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    a = stored("Circle A");
    b = stored("Circle B", a.id);
    a.parentId = b.id;
    under = stored("Under the circle", a.id);
    for (const goal of [a, b, under]) await deps.goals.create(goal);
    outside = await newGoal("Outside the circle");
  });

  it("answers the goals API", async () => {
    const list = await call("GET", "/api/goals?limit=100");
    expect(list.status).toBe(200);
    const ids = ((await list.json()) as { items: Goal[] }).items.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, under.id]));
    for (const path of [`/api/goals/${a.id}`, `/api/goals/${under.id}`, `/api/goals/${a.id}/progress`, "/api/loop"]) {
      expect((await call("GET", path)).status, path).toBe(200);
    }
    expect(((await read(a.id)) as Goal & { children: Goal[] }).children.map((g) => g.id).sort()).toEqual(
      [b.id, under.id].sort(),
    );
  });

  it("shows every goal of the circle on the console's goal pages", async () => {
    const headers = { cookie: manager.cookie };
    const tree = await app.request("/console/goals", { headers });
    expect(tree.status).toBe(200);
    const html = await tree.text();
    // Each goal once in the tree (its summary's heading), not only in the loop figures' table.
    for (const goal of [a, b, under]) expect(html.split(`id="goal-${goal.id}"`).length).toBe(2);
    for (const goal of [a, b, under]) {
      expect((await app.request(`/console/goals/${goal.id}`, { headers })).status).toBe(200);
    }
  });

  it("refuses a move under the circle, and lets a move out of it mend it", async () => {
    const refused = await move(outside, a.id);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { fields: { parentId: "cycle" } } });
    const renamed = await call("PATCH", `/api/goals/${b.id}`, { version: 1, title: "Circle B, renamed" });
    expect(renamed.status).toBe(200);
    expect((await move(await read(a.id), null)).status).toBe(200);
    expect(await inCircle(under.id)).toBe(false);
    expect((await move(await read(outside.id), a.id)).status).toBe(200);
  });
});
