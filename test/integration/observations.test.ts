import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../../shared/db/client";
import { createDeps, type Deps } from "../../shared/deps";
import type { GoalProgress } from "../../shared/entities/metric";
import type { Observation } from "../../shared/entities/observation";
import { addDays } from "../../shared/metrics/days";
import { goalStanding } from "../../shared/updates/standing";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

// Every goal here is created "today", 2026-06-15 (a Monday), so weeks and windows are fixed.
const NOW = new Date("2026-06-15T12:00:00Z");
const TODAY = "2026-06-15";

let deps: Deps;
let app: ReturnType<typeof createApp>;
let manager: SignedInStaff;
let viewer: SignedInStaff;

const as = (who: SignedInStaff, method: string, path: string, body?: unknown) =>
  callJson(app, method, path, { as: who, via: "token", body });
const json = async <T = Record<string, unknown>>(response: Response | Promise<Response>) =>
  (await (await response).json()) as T;
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const measureGoal = (metric: Record<string, unknown> = {}) =>
  json<{ id: string }>(
    as(manager, "POST", "/api/goals", {
      title: "Fewer days lost to sick leave",
      metric: { kind: "measure", unit: "%", baseline: 6, target: 4, windowDays: 30, ...metric },
    }),
  );

const uploadCsv = (who: SignedInStaff, goalId: string, csv: string, type = "text/csv") =>
  app.request(`/api/goals/${goalId}/observations.csv`, {
    method: "POST",
    headers: { authorization: who.bearer, "content-type": type },
    body: csv,
  });

const observationsOf = async (goalId: string) =>
  (
    await json<{ items: Observation[]; nextCursor: string | null }>(
      as(viewer, "GET", `/api/goals/${goalId}/observations?limit=100`),
    )
  ).items;

beforeAll(async () => {
  const table = await createTestTable();
  deps = createDeps(table.config, {
    db: createDocumentClient({ endpoint: table.endpoint, region: "local" }),
    now: () => NOW,
  });
  app = createApp(deps, { clientAddress: () => "203.0.113.9" });
  manager = await signedInStaff(app, deps, "manager");
  viewer = await signedInStaff(app, deps, "viewer");
});

describe("a goal's observations of its measure", () => {
  it("stores an observation (201) and lists it, latest day first, a page at a time", async () => {
    const goal = await measureGoal();
    const created = await as(manager, "POST", `/api/goals/${goal.id}/observations`, {
      at: "2026-06-01",
      value: 5.5,
      note: "May payroll",
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ goalId: goal.id, at: "2026-06-01", value: 5.5, note: "May payroll" });
    await as(manager, "POST", `/api/goals/${goal.id}/observations`, { at: "2026-06-08", value: 5.1 });

    const first = await json<{ items: Observation[]; nextCursor: string | null }>(
      as(viewer, "GET", `/api/goals/${goal.id}/observations?limit=1`),
    );
    expect(first.items.map((o) => o.at)).toEqual(["2026-06-08"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await json<{ items: Observation[]; nextCursor: string | null }>(
      as(viewer, "GET", `/api/goals/${goal.id}/observations?limit=1&cursor=${first.nextCursor}`),
    );
    expect(second.items.map((o) => o.at)).toEqual(["2026-06-01"]);
  });

  it("keeps one value a day: a repeat replaces it", async () => {
    const goal = await measureGoal();
    await as(manager, "POST", `/api/goals/${goal.id}/observations`, { at: "2026-06-10", value: 5, note: "first" });
    const again = await as(manager, "POST", `/api/goals/${goal.id}/observations`, { at: "2026-06-10", value: 4.5 });
    expect(again.status).toBe(201);
    const stored = await observationsOf(goal.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ at: "2026-06-10", value: 4.5 });
    expect(stored[0]?.note).toBeUndefined();
  });

  it("answers 409 not_a_measure for a goal whose metric is not a measure, or that has none, and stores nothing", async () => {
    const nps = await json<{ id: string }>(
      as(manager, "POST", "/api/goals", {
        title: "Happier customers",
        metric: { kind: "nps", baseline: 10, target: 30, windowDays: 90 },
      }),
    );
    const bare = await json<{ id: string }>(as(manager, "POST", "/api/goals", { title: "No metric yet" }));
    for (const id of [nps.id, bare.id]) {
      const answer = await as(manager, "POST", `/api/goals/${id}/observations`, { at: "2026-06-01", value: 3 });
      expect(answer.status).toBe(409);
      expect(((await answer.json()) as ErrorBody).error.code).toBe("not_a_measure");
      const csv = await uploadCsv(manager, id, "2026-06-01,3\n");
      expect(csv.status).toBe(409);
      expect(await observationsOf(id)).toEqual([]);
    }
  });

  it.each([
    ["a value that is not a number", { at: "2026-06-01", value: "5" }, 422, "value"],
    ["no value", { at: "2026-06-01" }, 422, "value"],
    ["a date that is not one", { at: "2026-02-30", value: 5 }, 422, "at"],
    ["a date with a time", { at: "2026-06-01T10:00:00Z", value: 5 }, 422, "at"],
    ["a day after today", { at: addDays(TODAY, 1), value: 5 }, 422, "at"],
    ["a note over 500 characters", { at: "2026-06-01", value: 5, note: "x".repeat(501) }, 422, "note"],
    ["a list", [{ at: "2026-06-01", value: 5 }], 422, undefined],
  ])("refuses %s with a 4xx and stores nothing", async (_, body, status, field) => {
    const goal = await measureGoal();
    const answer = await as(manager, "POST", `/api/goals/${goal.id}/observations`, body);
    expect(answer.status).toBe(status);
    const error = ((await answer.json()) as ErrorBody).error;
    expect(error.code).toBe("validation_failed");
    if (field) expect(Object.keys(error.fields ?? {})).toContain(field);
    expect(await observationsOf(goal.id)).toEqual([]);
  });

  it("refuses a body that is not JSON (400, 415), an unknown goal (404) and a viewer (403)", async () => {
    const goal = await measureGoal();
    const post = (body: string, type: string) =>
      app.request(`/api/goals/${goal.id}/observations`, {
        method: "POST",
        headers: { authorization: manager.bearer, "content-type": type },
        body,
      });
    expect((await post("{", "application/json")).status).toBe(400);
    expect((await post("at=2026-06-01&value=4", "application/x-www-form-urlencoded")).status).toBe(415);
    const unknown = await as(manager, "POST", "/api/goals/01JZZZZZZZZZZZZZZZZZZZZZZZ/observations", {
      at: "2026-06-01",
      value: 4,
    });
    expect(unknown.status).toBe(404);
    const refused = await as(viewer, "POST", `/api/goals/${goal.id}/observations`, { at: "2026-06-01", value: 4 });
    expect(refused.status).toBe(403);
    expect((await as(viewer, "GET", "/api/goals/01JZZZZZZZZZZZZZZZZZZZZZZZ/observations")).status).toBe(404);
    expect(await observationsOf(goal.id)).toEqual([]);
  });
});

describe("a CSV file of observations", () => {
  it("stores every row of a good file (a header, quotes, CRLF), each day replacing the one before", async () => {
    const goal = await measureGoal();
    await as(manager, "POST", `/api/goals/${goal.id}/observations`, { at: "2026-06-01", value: 9 });
    const csv =
      'date,value,note\r\n2026-06-01,5.2,"payroll, May"\r\n2026-06-08,4.9,"said ""better"""\r\n\r\n2026-06-15,4.7\r\n';
    const answer = await uploadCsv(manager, goal.id, csv);
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ stored: 3, from: "2026-06-01", to: "2026-06-15" });
    const stored = await observationsOf(goal.id);
    expect(stored.map((o) => [o.at, o.value, o.note])).toEqual([
      ["2026-06-15", 4.7, undefined],
      ["2026-06-08", 4.9, 'said "better"'],
      ["2026-06-01", 5.2, "payroll, May"],
    ]);
  });

  it("reads a spreadsheet's semicolons and decimal commas", async () => {
    const goal = await measureGoal();
    const answer = await uploadCsv(manager, goal.id, "datum;waarde\n2026-06-01;5,25\n2026-06-02;4\n");
    expect(answer.status).toBe(201);
    expect((await observationsOf(goal.id)).map((o) => o.value)).toEqual([4, 5.25]);
  });

  it("stores nothing when any row is bad, and names each bad row and its problem", async () => {
    const goal = await measureGoal();
    const csv = [
      "date,value,note",
      "2026-06-01,5.1",
      "2026-06-02,five",
      "2026-13-01,5",
      "2026-06-04",
      "2026-06-01,4.8,again",
      `${addDays(TODAY, 2)},4`,
      "2026-06-07,4,a note,and more",
      "2026-06-08,",
    ].join("\n");
    const answer = await uploadCsv(manager, goal.id, csv);
    expect(answer.status).toBe(422);
    const { error } = (await answer.json()) as ErrorBody;
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/^7 rows are invalid \(row 3: the value is not a number\); nothing was stored$/);
    expect(error.fields).toEqual({
      "row 3": "the value is not a number",
      "row 4": "the date must be a date (yyyy-mm-dd)",
      "row 5": "needs a date and a value",
      "row 6": "2026-06-01 is also on row 2: one value a day",
      "row 7": "the date is after today (UTC)",
      "row 8": "has 4 cells; it takes a date, a value and a note",
      "row 9": "the value is missing",
    });
    expect(await observationsOf(goal.id)).toEqual([]);
  });

  it("refuses an empty file (422), another type (415), and a viewer (403)", async () => {
    const goal = await measureGoal();
    expect((await uploadCsv(manager, goal.id, "date,value\n\n")).status).toBe(422);
    expect((await uploadCsv(manager, goal.id, "2026-06-01,4", "application/json")).status).toBe(415);
    expect((await uploadCsv(manager, goal.id, "2026-06-01,4", "text/csv; charset=utf-16")).status).toBe(415);
    expect((await uploadCsv(viewer, goal.id, "2026-06-01,4")).status).toBe(403);
    expect(await observationsOf(goal.id)).toEqual([]);
  });
});

describe("the goal page's upload form", () => {
  const upload = (goalId: string, body: FormData | string, type?: string) =>
    app.request(`/console/goals/${goalId}/observations.csv`, {
      method: "POST",
      headers: { authorization: manager.bearer, ...(type ? { "content-type": type } : {}) },
      body,
    });
  const form = (csv: string) => {
    const data = new FormData();
    data.set("file", new File([csv], "figures.csv", { type: "text/csv" }));
    return data;
  };

  it("stores a good file and answers with the goal page", async () => {
    const goal = await measureGoal();
    const answer = await upload(goal.id, form("2026-06-01,5\n2026-06-08,4.5\n"));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/console/goals/${goal.id}?imported=2#observations`);
    expect(await observationsOf(goal.id)).toHaveLength(2);
  });

  it("shows each bad row on the page (422) and stores nothing", async () => {
    const goal = await measureGoal();
    const answer = await upload(goal.id, form("2026-06-01,5\n2026-06-02,n/a\n"));
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain("Row 2: the value is not a number");
    expect(await observationsOf(goal.id)).toEqual([]);
  });

  it("answers 422 without a file and 400 for a body that is no form", async () => {
    const goal = await measureGoal();
    expect((await upload(goal.id, new FormData())).status).toBe(422);
    expect((await upload(goal.id, "--x\r\ngarbage", "multipart/form-data; boundary=x")).status).toBe(400);
    expect(await observationsOf(goal.id)).toEqual([]);
  });
});

describe("a measure's progress", () => {
  it("is the latest observation in the window, with a weekly series reaching back before the goal began", async () => {
    const goal = await measureGoal({ windowDays: 14 });
    // Weekly figures for 10 weeks before the goal was created (Mondays), and two this week.
    const rows = Array.from({ length: 10 }, (_, i) => `${addDays(TODAY, -7 * (10 - i))},${6 - i * 0.1}`);
    rows.push(`${TODAY},4.9`);
    expect((await uploadCsv(manager, goal.id, rows.join("\n"))).status).toBe(201);
    await as(manager, "POST", `/api/goals/${goal.id}/observations`, { at: addDays(TODAY, -1), value: 5.05 });

    const view = await json<{ metric: GoalProgress }>(as(viewer, "GET", `/api/goals/${goal.id}/progress`));
    const metric = view.metric;
    expect(metric).toMatchObject({ value: 4.9, responses: 3, baseline: 6, target: 4, windowDays: 14 });
    expect(metric.windowStart).toBe(addDays(TODAY, -13));
    expect(metric.progress).toBeCloseTo(0.55, 10);
    expect(metric.series).toHaveLength(11);
    expect(metric.series[0]).toEqual({ weekStart: addDays(TODAY, -70), value: 6, responses: 1 });
    // The week before today's holds the Monday's figure and Sunday's, the latest of them its value.
    expect(metric.series[9]).toEqual({ weekStart: addDays(TODAY, -7), value: 5.05, responses: 2 });
    expect(metric.series[10]).toEqual({ weekStart: TODAY, value: 4.9, responses: 1 });

    expect(await goalStanding(deps, goal.id)).toEqual({
      title: { en: "Fewer days lost to sick leave" },
      metric: { kind: "measure", unit: "%", value: 4.9, baseline: 6, target: 4 },
    });
  });

  it("has no value when nothing was recorded in the window, and a week without observations is null", async () => {
    const goal = await measureGoal({ windowDays: 7 });
    await as(manager, "POST", `/api/goals/${goal.id}/observations`, { at: addDays(TODAY, -20), value: 5 });
    const { metric } = await json<{ metric: GoalProgress }>(as(viewer, "GET", `/api/goals/${goal.id}/progress`));
    expect(metric.value).toBeNull();
    expect(metric.progress).toBeNull();
    expect(metric.series.map((week) => week.value)).toEqual([5, null, null, null]);
  });
});
