import { beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../shared/deps";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let app: ReturnType<typeof createApp>;
let manager: SignedInStaff;

const as = async <T>(method: string, path: string, body?: unknown) =>
  (await (await callJson(app, method, path, { as: manager, via: "token", body })).json()) as T;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => "203.0.113.8" });
  manager = await signedInStaff(app, deps, "manager");
});

async function doneAction(title: string, youSaid: string, weDid: string, linked: number) {
  const goal = await as<{ id: string }>("POST", "/api/goals", { title: `Goal for ${title}` });
  const action = await as<{ id: string; version: number }>("POST", "/api/actions", { goalId: goal.id, title });
  const ids: string[] = [];
  for (let i = 0; i < linked; i++) {
    const response = await app.request("/api/feedback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: `Please: ${title} (${i})`, email: `c${i}@example.com`, name: "Secret Name" }),
    });
    ids.push(((await response.json()) as { id: string }).id);
  }
  if (ids.length > 0) await as("POST", `/api/actions/${action.id}/feedback`, { feedbackIds: ids });
  let version = action.version;
  for (const status of ["planned", "in_progress", "done"]) {
    version = (await as<{ version: number }>("PATCH", `/api/actions/${action.id}`, { version, status, youSaid, weDid }))
      .version;
  }
  return { goal, action };
}

describe("you said, we did", () => {
  it("lists done actions newest first with staff's words, the goal and how many asked — never a customer's words", async () => {
    await as("POST", "/api/actions", {
      goalId: (await as<{ id: string }>("POST", "/api/goals", { title: "Open goal" })).id,
      title: "Not done yet",
    });
    await doneAction(
      "Longer opening hours",
      "You asked for the office to open earlier",
      "We open at 7:00 since March",
      3,
    );
    await doneAction("Quieter carriages", "<b>You asked</b> for quiet carriages", "Every train has one now", 1);
    const board = (await (await app.request("/api/you-said-we-did?limit=1")).json()) as {
      items: { youSaid: string; weDid: string; customers: number; goal: { title: string } }[];
      nextCursor: string | null;
    };
    expect(board.items).toEqual([
      expect.objectContaining({
        youSaid: "<b>You asked</b> for quiet carriages",
        weDid: "Every train has one now",
        customers: 1,
      }),
    ]);
    const next = (await (
      await app.request(`/api/you-said-we-did?limit=1&cursor=${board.nextCursor}`)
    ).json()) as typeof board;
    expect(next.items).toEqual([
      expect.objectContaining({
        customers: 3,
        goal: expect.objectContaining({ title: "Goal for Longer opening hours" }),
      }),
    ]);
    const all = JSON.stringify(await (await app.request("/api/you-said-we-did")).json());
    expect(all).not.toMatch(/Please:|Secret Name|example\.com|Not done yet/);
  });

  it("orders by when an action was done, not when it was created", async () => {
    const goal = await as<{ id: string }>("POST", "/api/goals", { title: "Order goal" });
    const first = await as<{ id: string; version: number }>("POST", "/api/actions", {
      goalId: goal.id,
      title: "Made first",
    });
    const second = await as<{ id: string; version: number }>("POST", "/api/actions", {
      goalId: goal.id,
      title: "Made second",
    });
    for (const action of [second, first]) {
      let version = action.version;
      for (const status of ["planned", "in_progress", "done"]) {
        version = (
          await as<{ version: number }>("PATCH", `/api/actions/${action.id}`, {
            version,
            status,
            weDid: `Did ${action.id}`,
          })
        ).version;
      }
    }
    const board = (await (await app.request("/api/you-said-we-did?limit=2")).json()) as {
      items: { id: string; doneAt: string }[];
    };
    expect(board.items.map((i) => i.id)).toEqual([first.id, second.id]);
    const [latest, earlier] = board.items.map((i) => i.doneAt);
    expect(latest && earlier && latest > earlier).toBe(true);
  });

  it("shows the submitter what was planned and what was done, with dates, on their tracking page", async () => {
    const response = await app.request("/api/feedback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "More bike racks please", locale: "nl" }),
    });
    const { id, trackingToken } = (await response.json()) as { id: string; trackingToken: string };
    const goal = await as<{ id: string }>("POST", "/api/goals", { title: "Cycling" });
    const action = await as<{ id: string; version: number }>("POST", "/api/actions", {
      goalId: goal.id,
      title: "Racks",
    });
    await as("POST", `/api/actions/${action.id}/feedback`, { feedbackIds: [id] });
    let version = action.version;
    for (const [status, text] of [
      ["planned", { weWill: "We place 200 racks" }],
      ["in_progress", {}],
      ["done", { weDid: "We placed 240 racks" }],
    ] as const) {
      version = (await as<{ version: number }>("PATCH", `/api/actions/${action.id}`, { version, status, ...text }))
        .version;
    }
    const view = (await (await app.request(`/api/track/${trackingToken}`)).json()) as {
      updates: { type: string; text?: string; at: string }[];
    };
    expect(view.updates.map((u) => [u.type, u.text])).toEqual([
      ["received", undefined],
      ["planned", "We place 200 racks"],
      ["done", "We placed 240 racks"],
    ]);
    const page = await (await app.request(`/track/${trackingToken}`)).text();
    expect(page).toContain("Wat we gedaan hebben");
    expect(page).toContain("We placed 240 racks");
  });

  it("renders the board in the visitor's language, escaped", async () => {
    const page = await (await app.request("/you-said-we-did?lang=sv")).text();
    expect(page).toContain("Ni sa, vi gjorde");
    expect(page).toContain("&lt;b&gt;You asked&lt;/b&gt;");
  });

  it("answers 400 for a cursor that does not fit, and 422 for a bad limit", async () => {
    expect((await app.request("/api/you-said-we-did?cursor=eyJQSyI6IngifQ")).status).toBe(400);
    expect((await app.request("/api/you-said-we-did?limit=500")).status).toBe(422);
  });
});
