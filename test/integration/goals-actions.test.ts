import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Following an action's change runs through the stream, a page at a time: give it time on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

import { JOB_PAGE_SIZE } from "../../functions/pipeline/jobs";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { type StreamPoller, startStreamPoller } from "../../infra/local/stream-poller";
import type { Deps } from "../../shared/deps";
import { actionStatuses, actionTransitions } from "../../shared/entities/action";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let app: ReturnType<typeof createApp>;
let manager: SignedInStaff;
let viewer: SignedInStaff;
let poller: StreamPoller;
/** A well-formed id no goal or action has. */
const unknownGoal = "01JNOGOAL00000000000000000";

const as = (who: SignedInStaff, method: string, path: string, body?: unknown) =>
  callJson(app, method, path, { as: who, via: "token", body });
const json = async <T = Record<string, unknown>>(response: Response | Promise<Response>) =>
  (await (await response).json()) as T;

async function submit(message: string, extra: Record<string, unknown> = {}) {
  const response = await app.request("/api/feedback", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, topic: "ticket machines", kind: "complaint", ...extra }),
  });
  return (await response.json()) as { id: string; trackingToken: string };
}

async function newGoal(title = "Fewer ticket machine complaints") {
  return json<{ id: string; version: number }>(
    as(manager, "POST", "/api/goals", {
      title,
      metric: {
        kind: "complaint_share",
        scope: { topic: "ticket machines" },
        baseline: 60,
        target: 20,
        windowDays: 30,
      },
    }),
  );
}

async function newAction(goalId: string, title = "Replace the card readers") {
  return json<{ id: string; version: number; status: string }>(as(manager, "POST", "/api/actions", { goalId, title }));
}

beforeAll(async () => {
  const table = await createTestTable({ ADMIN_EMAIL: "admin@example.org" });
  deps = table.deps;
  app = createApp(deps, { clientAddress: () => "203.0.113.5" });
  manager = await signedInStaff(app, deps, "manager");
  viewer = await signedInStaff(app, deps, "viewer");
  const outboxDir = mkdtempSync(join(tmpdir(), "goals-"));
  poller = startStreamPoller({
    endpoint: table.endpoint,
    streamArn: table.streamArn,
    checkpointFile: join(outboxDir, "checkpoint.json"),
    handler: createStreamHandler(deps, createOutboxTransport({ from: "Feedback <f@example.org>", outboxDir })),
    filter: (record) => matchesStreamFilters(record),
    idleMs: 50,
    retryDelayMs: 50,
  });
});

afterAll(async () => {
  await poller.stop();
});

describe("goals", () => {
  it("creates a goal with a metric (201) and refuses an unmeasurable metric (422)", async () => {
    const created = await as(manager, "POST", "/api/goals", {
      title: "NPS +8",
      metric: { kind: "nps", baseline: 12, target: 20, windowDays: 90 },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: "active", version: 1, metric: { kind: "nps" } });
    const bad = await as(manager, "POST", "/api/goals", { title: "x", metric: { kind: "happiness", baseline: 1 } });
    expect(bad.status).toBe(422);
  });

  it("lets only managers and admins set goals", async () => {
    expect((await as(viewer, "POST", "/api/goals", { title: "nope" })).status).toBe(403);
  });

  it("refuses a parent that would make a cycle", async () => {
    const parent = await newGoal("Organisation");
    const child = await json<{ id: string }>(as(manager, "POST", "/api/goals", { title: "Team", parentId: parent.id }));
    const cycle = await as(manager, "PATCH", `/api/goals/${parent.id}`, { version: 1, parentId: child.id });
    expect(cycle.status).toBe(422);
  });

  it("links feedback: a new item becomes triaged and is found by the goal filter", async () => {
    const goal = await newGoal();
    const item = await submit("The machine at platform 2 ate my card");
    const linked = await json<{ results: { ok: boolean }[] }>(
      as(manager, "POST", `/api/goals/${goal.id}/feedback`, { feedbackIds: [item.id] }),
    );
    expect(linked.results).toEqual([expect.objectContaining({ ok: true })]);
    const detail = await json<{ status: string; goalId: string; timeline: { type: string }[] }>(
      as(manager, "GET", `/api/feedback/${item.id}`),
    );
    expect(detail).toMatchObject({ status: "triaged", goalId: goal.id });
    expect(detail.timeline.map((e) => e.type)).toContain("linked_goal");
    const inbox = await json<{ items: { id: string }[] }>(as(manager, "GET", `/api/feedback?goalId=${goal.id}`));
    expect(inbox.items.map((i) => i.id)).toEqual([item.id]);
  });

  it("the item page shows its loop and names the goal and actions on its timeline", async () => {
    const goal = await newGoal("Lifts that work");
    const other = await newGoal("Quieter platforms");
    const item = await submit("The lift at platform 5 is stuck");
    await as(manager, "POST", `/api/goals/${other.id}/feedback`, { feedbackIds: [item.id] });
    await as(manager, "POST", `/api/goals/${goal.id}/feedback`, { feedbackIds: [item.id] });
    const action = await newAction(goal.id, "Repair the lift");
    await as(manager, "POST", `/api/actions/${action.id}/feedback`, { feedbackIds: [item.id] });
    const planned = await json<{ version: number }>(
      as(manager, "PATCH", `/api/actions/${action.id}`, { version: action.version, status: "planned" }),
    );
    await as(manager, "PATCH", `/api/actions/${action.id}`, {
      version: planned.version,
      weWill: "We will repair the lift this week",
    });

    const page = await app.request(`/console/feedback/${item.id}`, { headers: { cookie: manager.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const words = html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    const loop = words.slice(words.indexOf("Loop"), words.indexOf("Details"));
    expect(loop).toContain("Serves goal \u201cLifts that work\u201d (active)");
    expect(loop).toMatch(/\u201cRepair the lift\u201d ?Planned ?goal \u201cLifts that work\u201d/);
    expect(html).toContain(`href="/console/actions/${action.id}"`);
    const timeline = words.slice(words.indexOf("Timeline"));
    expect(timeline).toContain("Linked to goal \u201cQuieter platforms\u201d.");
    expect(timeline).toContain("Moved from goal \u201cQuieter platforms\u201d to goal \u201cLifts that work\u201d.");
    expect(timeline).toContain("Linked to action \u201cRepair the lift\u201d.");
    expect(timeline).toContain("Action \u201cRepair the lift\u201d moved from proposed to planned.");
    expect(timeline).toContain("Action \u201cRepair the lift\u201d: We will text changed.");
    expect(timeline).not.toMatch(/Linked goal|Action changed|Linked action/);
  });

  it("links by choosing: a goal or an action from the item page's lists, items from a goal's filtered list", async () => {
    const form = (who: SignedInStaff, path: string, fields: [string, string][]) =>
      app.request(path, {
        method: "POST",
        headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([["_csrf", who.csrfToken], ...fields]).toString(),
      });
    const page = async (path: string) => {
      const response = await app.request(path, { headers: { cookie: manager.cookie } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const goal = await newGoal("Escalators that run");
    await newGoal("Cleaner toilets");
    const action = await newAction(goal.id, "Service the escalators");
    const item = await submit("The escalator at exit B stopped", { topic: "escalators" });

    // The item page lists the goals and actions to choose from, shortened by a filter on titles.
    const all = await page(`/console/feedback/${item.id}`);
    expect(all).toContain(`<option value="${goal.id}">Escalators that run (active)</option>`);
    expect(all).toContain("Cleaner toilets (active)");
    const filtered = await page(`/console/feedback/${item.id}?pick=ESCALATOR`);
    expect(filtered).toContain("Escalators that run (active)");
    expect(filtered).not.toContain("Cleaner toilets");
    expect(filtered).toContain(
      `<option value="${action.id}">Service the escalators (proposed; goal: Escalators that run)`,
    );

    // Without the CSRF token, or for a viewer, nothing is linked.
    const forged = await app.request(`/console/feedback/${item.id}/goal`, {
      method: "POST",
      headers: { cookie: manager.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ goalId: goal.id }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await form(viewer, `/console/feedback/${item.id}/goal`, [["goalId", goal.id]])).status).toBe(403);
    expect((await json<{ goalId?: string }>(as(manager, "GET", `/api/feedback/${item.id}`))).goalId).toBeUndefined();
    // A goal that is not one is a 4xx that changes nothing.
    expect((await form(manager, `/console/feedback/${item.id}/goal`, [["goalId", "nonsense"]])).status).toBe(422);
    expect((await form(manager, `/console/feedback/${item.id}/actions`, [["actionId", unknownGoal]])).status).toBe(422);

    const toGoal = await form(manager, `/console/feedback/${item.id}/goal`, [["goalId", goal.id]]);
    expect(toGoal.status).toBe(303);
    expect(toGoal.headers.get("location")).toBe(`/console/feedback/${item.id}?linked=1`);
    const toAction = await form(manager, `/console/feedback/${item.id}/actions`, [["actionId", action.id]]);
    expect(toAction.status).toBe(303);
    const detail = await json<{ goalId: string; status: string }>(as(manager, "GET", `/api/feedback/${item.id}`));
    expect(detail).toMatchObject({ goalId: goal.id, status: "triaged" });
    const actionDetail = await json<{ feedbackIds: string[] }>(as(manager, "GET", `/api/actions/${action.id}`));
    expect(actionDetail.feedbackIds).toEqual([item.id]);

    // The goal page offers the inbox's items by status, kind and topic, with checkboxes.
    const [a, b, other] = [
      await submit("Escalator C squeaks", { topic: "escalators", kind: "complaint" }),
      await submit("Escalator D is slow", { topic: "escalators", kind: "complaint" }),
      await submit("Nice new escalator", { topic: "escalators", kind: "compliment" }),
    ];
    const goalPage = await page(`/console/goals/${goal.id}?pickKind=complaint&pickTopic=escalators`);
    expect(goalPage).toContain(`name="picked" value="${a.id}"`);
    expect(goalPage).toContain(`name="picked" value="${b.id}"`);
    expect(goalPage).not.toContain(`value="${other.id}"`);
    // Linked already: not offered.
    expect(goalPage).not.toContain(`name="picked" value="${item.id}"`);
    expect(await page(`/console/goals/${goal.id}?pickKind=feelings`)).toContain("These filters cannot be used");

    const picked = await form(manager, `/console/goals/${goal.id}/feedback`, [
      ["picked", a.id],
      ["picked", b.id],
      ["feedbackIds", ""],
    ]);
    expect(picked.status).toBe(303);
    expect(picked.headers.get("location")).toContain("linked=2");
    const none = await form(manager, `/console/goals/${goal.id}/feedback`, [["feedbackIds", ""]]);
    expect(none.status).toBe(422);
    const linked = await json<{ items: { id: string }[] }>(as(manager, "GET", `/api/feedback?goalId=${goal.id}`));
    expect(linked.items.map((i) => i.id).sort()).toEqual([item.id, a.id, b.id].sort());

    // An action's page offers them too, and links the chosen ones.
    const actionPage = await page(`/console/actions/${action.id}?pickTopic=escalators`);
    expect(actionPage).toContain(`name="picked" value="${a.id}"`);
    expect(actionPage).not.toContain(`name="picked" value="${item.id}"`);
    expect((await form(manager, `/console/actions/${action.id}/feedback`, [["picked", a.id]])).status).toBe(303);
    const after = await json<{ feedbackIds: string[] }>(as(manager, "GET", `/api/actions/${action.id}`));
    expect(after.feedbackIds.sort()).toEqual([item.id, a.id].sort());
  });

  it("shows progress with the metric, linked feedback and actions", async () => {
    const goal = await newGoal();
    await poller.idle();
    const progress = await json<Record<string, unknown>>(as(manager, "GET", `/api/goals/${goal.id}/progress`));
    expect(progress).toMatchObject({ goalId: goal.id, metric: { baseline: 60, target: 20 }, linkedFeedback: 0 });
  });
});

describe("actions", () => {
  it("starts proposed and follows proposed → planned → in_progress → done", async () => {
    const goal = await newGoal();
    const action = await newAction(goal.id);
    expect(action.status).toBe("proposed");
    let version = action.version;
    for (const [status, extra] of [
      ["planned", { weWill: "New readers at every station" }],
      ["in_progress", {}],
      ["done", { weDid: "Replaced all 40 readers" }],
    ] as const) {
      const response = await as(manager, "PATCH", `/api/actions/${action.id}`, { version, status, ...extra });
      expect(response.status).toBe(200);
      version = ((await response.json()) as { version: number }).version;
    }
  });

  const invalid = actionStatuses.flatMap((from) =>
    actionStatuses
      .filter((to) => to !== from && !actionTransitions[from].includes(to))
      .map((to) => [from, to] as const),
  );
  it.each(invalid)("refuses %s → %s with 409", async (from, to) => {
    const goal = await newGoal();
    const action = await newAction(goal.id);
    let version = action.version;
    const path: Record<string, string[]> = {
      proposed: [],
      planned: ["planned"],
      in_progress: ["planned", "in_progress"],
      done: ["planned", "in_progress", "done"],
      dropped: ["dropped"],
    };
    for (const step of path[from] ?? []) {
      const response = await as(manager, "PATCH", `/api/actions/${action.id}`, {
        version,
        status: step,
        weDid: "Done it",
      });
      version = ((await response.json()) as { version: number }).version;
    }
    const refused = await as(manager, "PATCH", `/api/actions/${action.id}`, { version, status: to, weDid: "x" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_transition" } });
  });

  it("needs a weDid text to be done", async () => {
    const goal = await newGoal();
    const action = await newAction(goal.id);
    let version = action.version;
    for (const status of ["planned", "in_progress"]) {
      version = (
        await json<{ version: number }>(as(manager, "PATCH", `/api/actions/${action.id}`, { version, status }))
      ).version;
    }
    const refused = await as(manager, "PATCH", `/api/actions/${action.id}`, { version, status: "done" });
    expect(refused.status).toBe(422);
  });

  it("makes linked feedback follow its status, with the changes on both timelines", async () => {
    const goal = await newGoal();
    const action = await newAction(goal.id);
    const items = await Promise.all([submit("Card reader broken"), submit("Card reader slow")]);
    await as(manager, "POST", `/api/actions/${action.id}/feedback`, { feedbackIds: items.map((i) => i.id) });
    const linkedItem = await json<{ status: string; goalId: string }>(
      as(manager, "GET", `/api/feedback/${items[0]?.id}`),
    );
    expect(linkedItem).toMatchObject({ goalId: goal.id });

    let version = action.version;
    version = (
      await json<{ version: number }>(
        as(manager, "PATCH", `/api/actions/${action.id}`, { version, status: "planned", weWill: "Replace them" }),
      )
    ).version;
    await poller.idle();
    await poller.idle();
    for (const item of items) {
      expect(await json(as(manager, "GET", `/api/feedback/${item.id}`))).toMatchObject({ status: "planned" });
    }
    for (const status of ["in_progress", "done"]) {
      version = (
        await json<{ version: number }>(
          as(manager, "PATCH", `/api/actions/${action.id}`, { version, status, weDid: "Replaced them" }),
        )
      ).version;
    }
    // Three changes of the action: one entry each on every linked item's timeline, then done.
    const entries = async () =>
      (
        await json<{ timeline: { type: string }[] }>(as(manager, "GET", `/api/feedback/${items[1]?.id}`))
      ).timeline.filter((e) => e.type === "action_changed").length;
    await expect.poll(entries, { timeout: 60_000 }).toBe(3);
    await poller.idle();
    expect(await entries()).toBe(3);
    const detail = await json<{ status: string; doneAt?: string }>(as(manager, "GET", `/api/feedback/${items[1]?.id}`));
    expect(detail.status).toBe("done");
    expect(detail.doneAt).toBeDefined();
    const actionDetail = await json<{ timeline: { type: string }[]; feedbackIds: string[] }>(
      as(manager, "GET", `/api/actions/${action.id}`),
    );
    expect(actionDetail.feedbackIds.sort()).toEqual(items.map((i) => i.id).sort());
    expect(actionDetail.timeline.map((e) => e.type)).toEqual([
      "created",
      "linked_feedback",
      "linked_feedback",
      "changed",
      "changed",
      "changed",
    ]);
    const loop = await json<{ loop: { linked: number; done: number } }>(
      as(manager, "GET", `/api/goals/${goal.id}/progress`),
    );
    expect(loop.loop).toMatchObject({ linked: 2, done: 2 });
  });

  it("carries a change to more linked items than one page, each once", async () => {
    const goal = await newGoal();
    const action = await newAction(goal.id);
    const items: { id: string }[] = [];
    for (let i = 0; i < JOB_PAGE_SIZE + 5; i++) items.push(await submit(`Complaint ${i}`));
    for (const part of [items.slice(0, 50), items.slice(50)]) {
      const linked = await as(manager, "POST", `/api/actions/${action.id}/feedback`, {
        feedbackIds: part.map((x) => x.id),
      });
      expect(linked.status).toBe(200);
    }
    await as(manager, "PATCH", `/api/actions/${action.id}`, { version: action.version, status: "planned" });
    // Every page of the goal's planned items, following the cursor.
    const planned = async () => {
      let count = 0;
      let cursor: string | null = null;
      do {
        const query = `/api/feedback?goalId=${goal.id}&status=planned&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page: { items: unknown[]; nextCursor: string | null } = await json(as(manager, "GET", query));
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return count;
    };
    await expect.poll(planned, { timeout: 60_000 }).toBe(items.length);
    await poller.idle();
    const last = await json<{ timeline: { type: string }[] }>(as(manager, "GET", `/api/feedback/${items.at(-1)?.id}`));
    expect(last.timeline.filter((e) => e.type === "action_changed")).toHaveLength(1);
  });
});
