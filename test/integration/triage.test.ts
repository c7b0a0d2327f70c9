import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { App } from "../../functions/api/app";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { startStreamPoller } from "../../infra/local/stream-poller";
import { lambdaContext } from "../../infra/local/stream-records";
import { indexNames } from "../../shared/db/table";
import type { Deps } from "../../shared/deps";
import type { Feedback, TimelineEntry } from "../../shared/entities/feedback";
import { feedbackStatuses } from "../../shared/entities/feedback";
import type { MailTransport } from "../../shared/mail/types";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

type Detail = Feedback & { timeline: TimelineEntry[]; mergedItems: string[] };
type Submitted = { id: string; trackingToken: string };
type ErrorBody = {
  error: { code: string; message: string; current?: Record<string, unknown>; changedSince?: TimelineEntry[] };
};

/** A table, an app on it, and an admin, an agent, a manager and a viewer signed in. */
async function setUp() {
  const { deps, ...table } = await createTestTable();
  const app = createApp(deps, { clientAddress: () => randomUUID() });
  const [admin, manager, agent] = [
    await signedInStaff(app, deps, "admin"),
    await signedInStaff(app, deps, "manager"),
    await signedInStaff(app, deps, "agent"),
  ];
  return { deps, app, admin, manager, agent, table };
}

async function submit(app: App, body: Record<string, unknown> = {}): Promise<Submitted> {
  const response = await callJson(app, "POST", "/api/feedback", {
    body: { message: "The 07:12 to Utrecht was cancelled without notice", ...body },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Submitted;
}

describe("triage", () => {
  let app: App;
  let admin: SignedInStaff;
  let manager: SignedInStaff;
  let agent: SignedInStaff;

  beforeAll(async () => {
    ({ app, admin, manager, agent } = await setUp());
  });

  const detail = async (id: string) => {
    const response = await callJson(app, "GET", `/api/feedback/${id}`, { as: admin, via: "token" });
    expect(response.status).toBe(200);
    return (await response.json()) as Detail;
  };
  const patch = (id: string, body: Record<string, unknown>, as = agent, via: "session" | "token" = "session") =>
    callJson(app, "PATCH", `/api/feedback/${id}`, { as, via, body });
  const merge = (id: string, intoId: string, as = agent) =>
    callJson(app, "POST", `/api/feedback/${id}/merge`, { as, body: { intoId } });
  const track = async (token: string) =>
    (await app.request(`/api/track/${token}`)).json() as Promise<{
      status: string;
      updates: { type: string; text?: string }[];
    }>;

  describe("changing an item", () => {
    it("applies changes made on the current version and records who changed what, from what, to what", async () => {
      const { id } = await submit(app);
      const response = await patch(id, {
        version: 1,
        status: "triaged",
        kind: "complaint",
        topic: " Timetable ",
        tags: ["delay", "delay", " refund "],
        assignee: manager.staff.id,
        note: "Called the customer back; refund offered",
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        id,
        version: 2,
        status: "triaged",
        kind: "complaint",
        topic: "Timetable",
        tags: ["delay", "refund"],
        assignee: manager.staff.id,
      });

      const item = await detail(id);
      expect(item).toMatchObject({ version: 2, status: "triaged", assignee: manager.staff.id });
      const changed = item.timeline.filter((e) => e.type === "changed");
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatchObject({ actor: agent.staff.id, version: 2, public: false, at: expect.any(String) });
      expect(changed[0]?.details?.changes).toEqual([
        { field: "status", from: "new", to: "triaged" },
        { field: "kind", from: "suggestion", to: "complaint" },
        { field: "topic", from: null, to: "Timetable" },
        { field: "tags", from: [], to: ["delay", "refund"] },
        { field: "assignee", from: null, to: manager.staff.id },
      ]);
      expect(item.timeline.filter((e) => e.type === "note")).toEqual([
        expect.objectContaining({
          actor: agent.staff.id,
          public: false,
          details: { text: "Called the customer back; refund offered" },
        }),
      ]);
    });

    it("keeps internal notes off the submitter's tracking page", async () => {
      const { id, trackingToken } = await submit(app);
      const note = `internal-${randomUUID()}`;
      expect((await patch(id, { version: 1, status: "triaged", note })).status).toBe(200);

      const view = await track(trackingToken);
      expect(view).toMatchObject({ status: "triaged", updates: [{ type: "received" }] });
      expect(view.updates).toHaveLength(1);
      expect(JSON.stringify(view)).not.toContain(note);
      expect(await (await app.request(`/track/${trackingToken}`)).text()).not.toContain(note);
    });

    it("answers 409 version_conflict to a stale version, saying what changed since, and changes nothing", async () => {
      const { id } = await submit(app);
      expect((await patch(id, { version: 1, status: "planned", note: "first" }, manager)).status).toBe(200);

      const stale = await patch(id, { version: 1, status: "closed" });
      expect(stale.status).toBe(409);
      const { error } = (await stale.json()) as ErrorBody;
      expect(error.code).toBe("version_conflict");
      expect(error.current).toMatchObject({ version: 2, status: "planned" });
      expect(error.changedSince?.map((e) => [e.type, e.actor, e.version])).toEqual([
        ["changed", manager.staff.id, 2],
        ["note", manager.staff.id, 2],
      ]);
      expect(await detail(id)).toMatchObject({ version: 2, status: "planned" });
    });

    it("lets exactly one of two concurrent writers of the same version win, and tells the other", async () => {
      const items = await Promise.all([submit(app), submit(app), submit(app)]);
      for (const { id } of items) {
        const answers = await Promise.all([
          patch(id, { version: 1, status: "planned", tags: ["by-agent"] }, agent),
          patch(id, { version: 1, status: "closed", tags: ["by-manager"] }, manager, "token"),
        ]);
        expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = answers[0]?.status === 200 ? 0 : 1;
        const [won, lost] = winner === 0 ? ["planned", "closed"] : ["closed", "planned"];
        const loser = (await answers[1 - winner]?.json()) as ErrorBody;
        expect(loser.error.code).toBe("version_conflict");
        expect(loser.error.current).toMatchObject({ version: 2, status: won });

        const item = await detail(id);
        expect(item).toMatchObject({ version: 2, status: won });
        const changed = item.timeline.filter((e) => e.type === "changed");
        expect(changed).toHaveLength(1);
        expect(JSON.stringify(changed)).not.toContain(lost);
      }
    });

    it("does not move the version when nothing changes", async () => {
      const { id } = await submit(app, { kind: "question" });
      const response = await patch(id, { version: 1, kind: "question", tags: [] });
      expect(response.status).toBe(200);
      expect(await detail(id)).toMatchObject({ version: 1 });
      expect((await detail(id)).timeline.map((e) => e.type)).toEqual(["received"]);
    });

    it("answers 422 to an assignee who is not active staff, a status only a merge can set, or no version", async () => {
      const { id } = await submit(app);
      const bad = [
        { version: 1, assignee: "01ARZ3NDEKTSV4RRFFQ69G5FAV" },
        { version: 1, status: "merged" },
        { status: "closed" },
        { version: 1, tags: [""] },
      ];
      for (const body of bad) expect({ body, status: (await patch(id, body)).status }).toEqual({ body, status: 422 });
      expect(await detail(id)).toMatchObject({ version: 1, status: "new" });
    });

    it("answers 404 to an unknown item", async () => {
      expect((await patch("01ARZ3NDEKTSV4RRFFQ69G5FAV", { version: 1, status: "closed" })).status).toBe(404);
    });
  });

  describe("merging", () => {
    it("marks the duplicate merged into the primary, records it on both timelines and moves the primary's version", async () => {
      const a = await submit(app);
      const b = await submit(app);
      expect((await patch(b.id, { version: 1, status: "planned" })).status).toBe(200);

      const response = await merge(a.id, b.id);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: a.id, status: "merged", mergedInto: b.id, version: 2 });

      const duplicate = await detail(a.id);
      expect(duplicate).toMatchObject({ status: "merged", mergedInto: b.id, version: 2 });
      expect(duplicate.timeline.find((e) => e.type === "merged_into")).toMatchObject({
        actor: agent.staff.id,
        details: { into: b.id, from: "new" },
      });
      const primary = await detail(b.id);
      expect(primary).toMatchObject({ status: "planned", version: 3, mergedItems: [a.id] });
      expect(primary.timeline.find((e) => e.type === "merged_from")).toMatchObject({
        actor: agent.staff.id,
        details: { from: a.id },
      });
    });

    it("shows the duplicate's submitter the primary item's status from then on", async () => {
      const a = await submit(app);
      const b = await submit(app);
      expect((await patch(b.id, { version: 1, status: "planned" })).status).toBe(200);
      expect((await merge(a.id, b.id)).status).toBe(200);

      const view = await track(a.trackingToken);
      expect(view.status).toBe("planned");
      expect(view.updates.map((u) => u.type)).toEqual(["received", "merged_into"]);

      // Ended by hand, an item whose customers asked to hear back says what came of it.
      expect((await patch(b.id, { version: 3, status: "done" })).status).toBe(422);
      expect((await patch(b.id, { version: 3, status: "done", outcome: "We fixed the gate" })).status).toBe(200);
      const after = await track(a.trackingToken);
      expect(after.status).toBe("done");
      expect(after.updates).toContainEqual(expect.objectContaining({ type: "done", text: "We fixed the gate" }));
    });

    it("answers 409 to merging into an item that is itself merged, or merging an item twice", async () => {
      const [a, b, c] = [await submit(app), await submit(app), await submit(app)];
      expect((await merge(a.id, b.id)).status).toBe(200);

      const intoMerged = await merge(c.id, a.id);
      expect(intoMerged.status).toBe(409);
      expect(await intoMerged.json()).toMatchObject({ error: { code: "conflict", mergedInto: b.id } });
      const twice = await merge(a.id, c.id);
      expect(twice.status).toBe(409);
      expect(await detail(c.id)).toMatchObject({ status: "new", version: 1 });
      expect(await detail(a.id)).toMatchObject({ mergedInto: b.id, version: 2 });
    });

    it("answers 422 to merging an item into itself, and 404 into an unknown item", async () => {
      const a = await submit(app);
      const self = await merge(a.id, a.id);
      expect(self.status).toBe(422);
      expect((await merge(a.id, "01ARZ3NDEKTSV4RRFFQ69G5FAV")).status).toBe(404);
      expect(await detail(a.id)).toMatchObject({ status: "new", version: 1 });
    });

    it("keeps the submitters of items merged earlier following the primary when their primary is merged in turn", async () => {
      const [a, b, c] = [await submit(app), await submit(app), await submit(app)];
      expect((await merge(c.id, a.id)).status).toBe(200);
      const second = await merge(a.id, b.id);
      // Refusing to merge an item that others were merged into would be as sound as following the chain.
      if (second.status === 409) return;
      expect(second.status).toBe(200);
      expect((await patch(b.id, { version: 2, status: "done", notify: false })).status).toBe(200);
      expect((await track(a.trackingToken)).status).toBe("done");
      expect((await track(c.trackingToken)).status).toBe("done");
    });

    it("treats ids in a body that are too long to be keys as unknown, never as a 500", async () => {
      const { id } = await submit(app);
      const long = "X".repeat(2100);
      expect((await merge(id, long)).status).toBe(404);
      expect((await patch(id, { version: 1, assignee: long })).status).toBe(422);
      const bulk = await callJson(app, "POST", "/api/feedback/bulk", {
        as: agent,
        body: { ids: [long], changes: { status: "closed" } },
      });
      expect(bulk.status).toBe(200);
      expect(await bulk.json()).toMatchObject({ results: [{ id: long, ok: false, error: { code: "not_found" } }] });
      expect(await detail(id)).toMatchObject({ status: "new", version: 1 });
    });

    it("answers 409 to a change of a merged item's fields", async () => {
      const [a, b] = [await submit(app), await submit(app)];
      expect((await merge(a.id, b.id)).status).toBe(200);
      const response = await patch(a.id, { version: 2, status: "closed" });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { mergedInto: b.id } });
    });
  });

  describe("bulk update", () => {
    it("sets the same fields on many items, each its own versioned change, and reports per item", async () => {
      const items = [await submit(app), await submit(app), await submit(app)];
      const [merged, primary] = [await submit(app), await submit(app)];
      expect((await merge(merged.id, primary.id)).status).toBe(200);
      const unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
      const ids = [...items.map((i) => i.id), unknown, merged.id, items[0]?.id];

      const response = await callJson(app, "POST", "/api/feedback/bulk", {
        as: manager,
        body: { ids, changes: { status: "triaged", tags: ["bulk"], assignee: agent.staff.id } },
      });
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: Record<string, unknown>[] };
      expect(results).toEqual([
        ...items.map((i) => ({ id: i.id, ok: true, version: 2 })),
        { id: unknown, ok: false, error: { code: "not_found", message: expect.any(String) } },
        { id: merged.id, ok: false, error: { code: "conflict", message: expect.any(String) } },
      ]);
      for (const { id } of items) {
        const item = await detail(id);
        expect(item).toMatchObject({ status: "triaged", tags: ["bulk"], assignee: agent.staff.id, version: 2 });
        expect(item.timeline.filter((e) => e.type === "changed")).toEqual([
          expect.objectContaining({ actor: manager.staff.id, version: 2 }),
        ]);
      }
    });

    it("answers 422 to an empty or oversized list and changes nothing", async () => {
      const { id } = await submit(app);
      const bodies = [
        { ids: [], changes: { status: "closed" } },
        { ids: Array.from({ length: 101 }, () => id), changes: { status: "closed" } },
        { ids: [id], changes: { status: "merged" } },
      ];
      for (const body of bodies) {
        const response = await callJson(app, "POST", "/api/feedback/bulk", { as: agent, body });
        expect(response.status).toBe(422);
      }
      expect(await detail(id)).toMatchObject({ status: "new", version: 1 });
    });
  });
});

describe("inbox", () => {
  let deps: Deps;
  let app: App;
  let admin: SignedInStaff;
  let agent: SignedInStaff;
  /** What was submitted, oldest first, with the fields the filters look at as they now stand. */
  const model: { id: string; status: string; kind: string; topic?: string; department?: string; assignee?: string }[] =
    [];

  beforeAll(async () => {
    ({ deps, app, admin, agent } = await setUp());
    const inputs: { kind: string; topic?: string; department?: string }[] = [
      { kind: "complaint", topic: "Mobile App", department: "Finance" },
      { kind: "suggestion", topic: "mobile app " },
      { kind: "complaint", topic: "Billing" },
      { kind: "question", topic: "MOBILE APP", department: "finance" },
      { kind: "compliment" },
      { kind: "complaint", topic: "Billing", department: "Finance" },
      { kind: "complaint" },
      { kind: "suggestion", department: "Operations" },
      { kind: "complaint", topic: "billing" },
      { kind: "suggestion" },
      { kind: "complaint", department: "Operations" },
      { kind: "question" },
    ];
    for (const input of inputs) {
      const { id } = await submit(app, { ...input, customerType: input.department ? "internal" : "external" });
      model.push({ id, status: "new", ...input });
    }
    const change = async (index: number, fields: Record<string, string>) => {
      const entry = model[index];
      if (!entry) throw new Error(`no item ${index}`);
      const response = await callJson(app, "PATCH", `/api/feedback/${entry.id}`, {
        as: admin,
        via: "token",
        body: { version: 1, ...fields },
      });
      expect(response.status).toBe(200);
      Object.assign(entry, fields);
    };
    await change(0, { status: "triaged", assignee: agent.staff.id });
    await change(3, { assignee: agent.staff.id });
    await change(5, { status: "closed" });
    await change(6, { status: "triaged" });
    await change(8, { status: "triaged", assignee: agent.staff.id });
  });

  const norm = (value: string | undefined) => value?.trim().toLowerCase();
  /** The ids the model says match, newest first. */
  const expected = (match: (item: (typeof model)[number]) => boolean) =>
    model
      .filter(match)
      .map((m) => m.id)
      .reverse();
  const list = async (query: string) => {
    const response = await callJson(app, "GET", `/api/feedback?${query}`, { as: agent, via: "token" });
    expect(response.status).toBe(200);
    return (await response.json()) as { items: Feedback[]; nextCursor: string | null };
  };
  /** Every page of a listing, following nextCursor. */
  const allPages = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error("the listing did not end");
  };

  it("lists everything newest first", async () => {
    expect((await list("limit=100")).items.map((i) => i.id)).toEqual(expected(() => true));
  });

  it.each([
    { filter: "status=new", match: (m: (typeof model)[number]) => m.status === "new" },
    { filter: "status=triaged", match: (m: (typeof model)[number]) => m.status === "triaged" },
    { filter: "status=closed", match: (m: (typeof model)[number]) => m.status === "closed" },
    { filter: "kind=complaint", match: (m: (typeof model)[number]) => m.kind === "complaint" },
    { filter: "kind=question", match: (m: (typeof model)[number]) => m.kind === "question" },
    { filter: "topic=mobile%20app", match: (m: (typeof model)[number]) => norm(m.topic) === "mobile app" },
    { filter: "topic=%20MOBILE%20App%20", match: (m: (typeof model)[number]) => norm(m.topic) === "mobile app" },
    { filter: "topic=BILLING", match: (m: (typeof model)[number]) => norm(m.topic) === "billing" },
    { filter: "department=FINANCE", match: (m: (typeof model)[number]) => norm(m.department) === "finance" },
    { filter: "department=operations", match: (m: (typeof model)[number]) => norm(m.department) === "operations" },
    { filter: "topic=nothing-like-this", match: () => false },
  ])("returns only the items matching $filter, newest first", async ({ filter, match }) => {
    const ids = expected(match);
    expect(ids.length > 0 || filter.includes("nothing")).toBe(true);
    expect((await list(`${filter}&limit=100`)).items.map((i) => i.id)).toEqual(ids);
  });

  it("filters by assignee", async () => {
    const ids = expected((m) => m.assignee === agent.staff.id);
    expect(ids).toHaveLength(3);
    expect((await list(`assignee=${agent.staff.id}`)).items.map((i) => i.id)).toEqual(ids);
  });

  it("combines filters", async () => {
    const cases = [
      {
        query: "kind=complaint&topic=billing",
        match: (m: (typeof model)[number]) => m.kind === "complaint" && norm(m.topic) === "billing",
      },
      {
        query: "status=new&kind=complaint",
        match: (m: (typeof model)[number]) => m.status === "new" && m.kind === "complaint",
      },
      {
        query: `assignee=${agent.staff.id}&status=triaged&topic=Mobile%20App`,
        match: (m: (typeof model)[number]) =>
          m.assignee === agent.staff.id && m.status === "triaged" && norm(m.topic) === "mobile app",
      },
    ];
    for (const { query, match } of cases) {
      expect({ query, ids: (await list(query)).items.map((i) => i.id) }).toEqual({ query, ids: expected(match) });
    }
  });

  it.each([
    { query: "limit=1", match: () => true },
    { query: "limit=5", match: () => true },
    { query: "limit=2&kind=complaint", match: (m: (typeof model)[number]) => m.kind === "complaint" },
    {
      query: "limit=2&status=new&kind=complaint",
      match: (m: (typeof model)[number]) => m.status === "new" && m.kind === "complaint",
    },
  ])("pages through $query returning every item exactly once", async ({ query, match }) => {
    const ids = await allPages(query);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected(match));
  });

  it("reads the inbox with Query on its indexes, never a Scan", async () => {
    const send = vi.spyOn(deps.db, "send");
    try {
      await list("limit=3");
      await list("status=new&kind=complaint&limit=2");
      await list(`assignee=${agent.staff.id}&topic=mobile%20app`);
      await list("department=finance");
      const commands = send.mock.calls.map(([command]) => command);
      expect(commands.some((c) => c instanceof ScanCommand)).toBe(false);
      const indexes = commands.flatMap((c) => (c instanceof QueryCommand ? [c.input.IndexName] : []));
      expect(indexes).toEqual(
        expect.arrayContaining([
          indexNames.lists,
          indexNames.feedbackByStatus,
          indexNames.feedbackByAssignee,
          indexNames.feedbackByDepartment,
        ]),
      );
    } finally {
      send.mockRestore();
    }
  });

  it("answers 400 to a cursor it did not make", async () => {
    for (const cursor of ["not a cursor!", "bm90IGpzb24", Buffer.from('{"PK":1}').toString("base64url")]) {
      const response = await callJson(app, "GET", `/api/feedback?cursor=${encodeURIComponent(cursor)}`, { as: agent });
      expect({ cursor, status: response.status }).toEqual({ cursor, status: 400 });
    }
  });

  it("answers 400, not 500, to a well-formed cursor that does not belong to the listing", async () => {
    const { nextCursor } = await list("limit=1");
    const cursors = [
      ["cursor of another filter", `status=new&cursor=${nextCursor}`],
      ["empty key", `cursor=${Buffer.from("{}").toString("base64url")}`],
      ["key of no index", `cursor=${Buffer.from('{"PK":"FEEDBACK#x"}').toString("base64url")}`],
    ];
    for (const [what, query] of cursors) {
      const response = await callJson(app, "GET", `/api/feedback?${query}`, { as: agent });
      expect({ what, status: response.status }).toEqual({ what, status: 400 });
    }
  });

  it("answers 422 to filters it does not know the values of", async () => {
    const queries = [
      "status=open",
      "kind=rant",
      "limit=0",
      "limit=101",
      "limit=ten",
      "limit=1.5",
      `topic=${"t".repeat(101)}`,
    ];
    for (const query of queries) {
      const response = await callJson(app, "GET", `/api/feedback?${query}`, { as: agent });
      expect({ query, status: response.status }).toEqual({ query, status: 422 });
    }
  });
});

describe("status counts", () => {
  let deps: Deps;
  let app: App;
  let agent: SignedInStaff;
  let streamArn: string;
  let endpoint: string;
  const delivered: DynamoDBStreamEvent[] = [];
  const checkpointDir = mkdtempSync(join(tmpdir(), "counts-"));
  /** Mail goes nowhere: these tests only count statuses. */
  const transport: MailTransport = { name: "discard", send: async (mail) => ({ messageId: `<${mail.id}@test>` }) };

  beforeAll(async () => {
    let table: { streamArn: string; endpoint: string };
    ({ deps, app, agent, table } = await setUp());
    ({ streamArn, endpoint } = table);
  });

  /** Runs the real stream handler over everything the table's stream holds, then stops. */
  async function drainStream(handler: ReturnType<typeof createStreamHandler>) {
    const poller = startStreamPoller({
      endpoint,
      streamArn,
      checkpointFile: join(checkpointDir, "checkpoint.json"),
      filter: (record) => matchesStreamFilters(record),
      idleMs: 50,
      retryDelayMs: 50,
      handler: async (event, context) => {
        delivered.push(structuredClone(event));
        return handler(event, context);
      },
    });
    try {
      await poller.idle();
    } finally {
      await poller.stop();
    }
  }

  /** The real numbers: every item, read page by page through the API, counted by status. */
  async function realCounts() {
    const counts = Object.fromEntries(feedbackStatuses.map((s) => [s, 0])) as Record<string, number>;
    let cursor: string | null = null;
    do {
      const response = await callJson(app, "GET", `/api/feedback?limit=100${cursor ? `&cursor=${cursor}` : ""}`, {
        as: agent,
      });
      const page = (await response.json()) as { items: Feedback[]; nextCursor: string | null };
      for (const item of page.items) counts[item.status] = (counts[item.status] ?? 0) + 1;
      cursor = page.nextCursor;
    } while (cursor);
    return counts;
  }

  const shownCounts = async () => {
    const response = await callJson(app, "GET", "/api/feedback/counts", { as: agent, via: "token" });
    expect(response.status).toBe(200);
    return response.json();
  };

  it("match the real numbers after the stream function has seen every change, and redelivery changes nothing", async () => {
    const handler = createStreamHandler(deps, transport);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await submit(app, { kind: i % 2 ? "complaint" : "suggestion" })).id);
    const patch = (id: string, body: Record<string, unknown>) =>
      callJson(app, "PATCH", `/api/feedback/${id}`, { as: agent, body });
    expect((await patch(ids[0] ?? "", { version: 1, status: "triaged" })).status).toBe(200);
    expect((await patch(ids[0] ?? "", { version: 2, status: "planned" })).status).toBe(200);
    expect((await patch(ids[1] ?? "", { version: 1, status: "closed" })).status).toBe(200);
    expect((await patch(ids[2] ?? "", { version: 1, tags: ["no status change"] })).status).toBe(200);
    const merged = await callJson(app, "POST", `/api/feedback/${ids[3]}/merge`, {
      as: agent,
      body: { intoId: ids[4] },
    });
    expect(merged.status).toBe(200);
    const bulk = await callJson(app, "POST", "/api/feedback/bulk", {
      as: agent,
      body: { ids: [ids[5], ids[6]], changes: { status: "done" } },
    });
    expect(bulk.status).toBe(200);

    // Nothing counted yet: the counts are the stream function's work, not the API's.
    expect(await shownCounts()).toEqual({ new: 0, triaged: 0, planned: 0, done: 0, closed: 0, merged: 0 });
    await drainStream(handler);
    const real = await realCounts();
    expect(real).toEqual({ new: 3, triaged: 0, planned: 1, done: 2, closed: 1, merged: 1 });
    expect(await shownCounts()).toEqual(real);

    // Lambda delivers at least once: the same events again must not count twice.
    const events = delivered.splice(0);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect((await handler(event, lambdaContext()))?.batchItemFailures).toEqual([]);
    }
    expect(await shownCounts()).toEqual(real);

    // Later changes are counted from where the stream left off.
    expect((await patch(ids[7] ?? "", { version: 1, status: "closed" })).status).toBe(200);
    await submit(app);
    await drainStream(handler);
    expect(await shownCounts()).toEqual({ ...real, closed: 2 });
    expect(await shownCounts()).toEqual(await realCounts());
  });
});
