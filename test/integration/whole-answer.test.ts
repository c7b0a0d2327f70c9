import { simpleParser } from "mailparser";
import { describe, expect, it, vi } from "vitest";

// Updates run through the stream: give them time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { getFeedbackDetail } from "../../shared/feedback/triage";
import { callJson } from "../helpers/staff";
import {
  api,
  consenting,
  goalAndAction,
  link,
  move,
  recordingTransport,
  submit,
  updatesOf,
  type World,
  world,
} from "../helpers/updates-world";

const call = (w: World, method: string, path: string, body?: unknown) =>
  callJson(w.app, method, path, { as: w.manager, via: "token", body });

const textOf = async (raw: string) => (await simpleParser(raw)).text ?? "";

async function itemVersion(w: World, id: string) {
  return (await api<{ version: number }>(w, "GET", `/api/feedback/${id}`)).version;
}

describe("texts in the customer's language", () => {
  it("refuses a move that leaves a reader's language without text, names it, and falls back only when asked", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const goal = await api<{ id: string; title: unknown }>(w, "POST", "/api/goals", {
      title: { en: "Shorter queues", sv: "Kortare köer" },
      metric: { kind: "complaint_share", baseline: 60, target: 20, windowDays: 30 },
    });
    expect(goal.title).toEqual({ en: "Shorter queues", sv: "Kortare köer" });
    const action = await api<{ id: string; version: number; title: unknown }>(w, "POST", "/api/actions", {
      goalId: goal.id,
      title: "More tills at rush hour",
    });
    // A plain string is the default language's text; reads give the object form.
    expect(action.title).toEqual({ en: "More tills at rush hour" });
    const sv = await submit(w, "Köerna är för långa", consenting("sven@example.com", { locale: "sv" }));
    const nl = await submit(w, "De rijen zijn te lang", consenting("nora@example.com", { locale: "nl" }));
    const en = await submit(w, "The queues are too long", consenting("emma@example.com"));
    await link(w, action.id, [sv, nl, en]);

    const weWill = {
      en: "We will open two more tills from four to six",
      sv: "Vi öppnar två kassor till mellan fyra och sex",
    };
    const refused = await call(w, "PATCH", `/api/actions/${action.id}`, {
      version: action.version,
      status: "planned",
      weWill,
    });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; message: string; missing: unknown } };
    expect(body.error.code).toBe("missing_translation");
    expect(body.error.missing).toEqual([{ locale: "nl", customers: 1 }]);
    expect(body.error.message).toContain("nl");
    // Refused, it stored nothing: the action is as it was, and nobody is told.
    const unchanged = await api<{ version: number; status: string; weWill?: unknown }>(
      w,
      "GET",
      `/api/actions/${action.id}`,
    );
    expect(unchanged).toMatchObject({ version: action.version, status: "proposed" });
    expect(unchanged.weWill).toBeUndefined();

    await move(w, action, [{ status: "planned", weWill, fallback: true }]);
    await w.poller.idle();
    const sent = updatesOf(rec.sent);
    expect(sent).toHaveLength(3);
    const to = async (email: string) => textOf(sent.find(({ mail }) => mail.to === email)?.raw ?? "");
    const swedish = await to("sven@example.com");
    expect(swedish).toContain("Vi öppnar två kassor till mellan fyra och sex");
    expect(swedish).toContain("Kortare köer");
    expect(swedish).toContain("Det här ska vi göra åt det");
    expect(swedish).not.toContain("We will open");
    // No Dutch text was written: the Dutch customer reads the default language's, in a Dutch frame.
    const dutch = await to("nora@example.com");
    expect(dutch).toContain("We will open two more tills from four to six");
    expect(dutch).toContain("Dit gaan we eraan doen");
    // A promise claims no progress: where the measure stands against the target, not "down from".
    expect(swedish).toMatch(/vårt mål är 20/);
    expect(swedish).not.toMatch(/ned från|upp från/);

    // The tracking page and the board speak Swedish to a Swedish reader.
    const detail = await getFeedbackDetail(w.deps, sv);
    expect(detail.status).toBe("planned");
    const board = await api<{ items: { id: string; title: string; weWill: string; goal: { title: string } }[] }>(
      w,
      "GET",
      "/api/you-said-we-did?status=planned&lang=sv",
    );
    expect(board.items).toEqual([
      expect.objectContaining({
        id: action.id,
        weWill: weWill.sv,
        goal: expect.objectContaining({ title: "Kortare köer" }),
      }),
    ]);
    // The title has no Swedish text: the default language's stands in.
    expect(board.items[0]?.title).toBe("More tills at rush hour");
  });

  it("takes a string as the text of DEFAULT_LOCALE", async () => {
    const w = await world(recordingTransport().transport, { DEFAULT_LOCALE: "sv" });
    const { goal } = await goalAndAction(w);
    const read = await api<{ title: unknown }>(w, "GET", `/api/goals/${goal.id}`);
    expect(read.title).toEqual({ sv: "Fewer ticket machine complaints" });
    const bad = await call(w, "POST", "/api/goals", { title: { de: "Weniger" } });
    expect(bad.status).toBe(422);
    const empty = await call(w, "POST", "/api/goals", { title: {} });
    expect(empty.status).toBe(422);
  });
});

describe("every way an item ends tells its customer", () => {
  it("asks for an outcome when an item is ended by hand, and tells the submitter once", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, { twice: true });
    const id = await submit(w, "The ticket machine ate my card", consenting("ada@example.com", { locale: "nl" }));
    const refused = await call(w, "PATCH", `/api/feedback/${id}`, {
      version: await itemVersion(w, id),
      status: "done",
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      "outcome",
    );
    expect(await itemVersion(w, id)).toBe(1);

    await api(w, "PATCH", `/api/feedback/${id}`, {
      version: 1,
      status: "done",
      outcome: "We found your card and sent it back by post.",
    });
    await w.poller.idle();
    const endings = rec.sent.filter(({ mail }) => mail.id.startsWith("ending#"));
    expect(endings).toHaveLength(1);
    const text = await textOf(endings[0]?.raw ?? "");
    expect(text).toContain("The ticket machine ate my card");
    expect(text).toContain("We found your card and sent it back by post.");
    expect(text).toContain("Dit is ermee gebeurd");
    const detail = await getFeedbackDetail(w.deps, id);
    expect(detail.outcomeToldAt).toBeDefined();
    expect(detail.timeline.map((e) => e.type)).toContain("ended");
    // The tracking page the mail links to says what came of it.
    const token = /\/track\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
    const tracked = await w.app.request(`/api/track/${token}`);
    expect(tracked.status).toBe(200);
    const view = (await tracked.json()) as { status: string; updates: { type: string; text?: string }[] };
    expect(view.status).toBe("done");
    expect(view.updates).toContainEqual(
      expect.objectContaining({ type: "done", text: "We found your card and sent it back by post." }),
    );
  });

  it("tells nobody when staff say so, and asks nothing of an item nobody can be told about", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const quiet = await submit(w, "Please stop the beeping", consenting("bob@example.com"));
    await api(w, "PATCH", `/api/feedback/${quiet}`, { version: 1, status: "closed", notify: false });
    const anonymous = await submit(w, "The beeping is loud");
    await api(w, "PATCH", `/api/feedback/${anonymous}`, { version: 1, status: "closed" });
    await w.poller.idle();
    expect(rec.sent.filter(({ mail }) => mail.id.startsWith("ending#"))).toHaveLength(0);
  });

  it("tells the customers of a promised action that was dropped, once, with the reason", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { goal, action } = await goalAndAction(w);
    const ids = [
      await submit(w, "Gate 2 is always jammed", consenting("cy@example.com")),
      await submit(w, "Gate 2 again", consenting("di@example.com", { locale: "sv" })),
    ];
    // Two who cannot be told: no consent, and anonymous.
    const untold = [
      await submit(w, "Gate 2 is slow", { email: "quiet@example.com" }),
      await submit(w, "Gate 2 squeaks"),
    ];
    await link(w, action.id, [...ids, ...untold]);
    await move(w, action, [{ status: "planned", weWill: { en: "We will replace gate 2", sv: "Vi byter grind 2" } }]);
    const refused = await call(w, "PATCH", `/api/actions/${action.id}`, { version: action.version, status: "dropped" });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      "dropReason",
    );
    const missing = await call(w, "PATCH", `/api/actions/${action.id}`, {
      version: action.version,
      status: "dropped",
      dropReason: "The station closes next year",
    });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("missing_translation");
    await move(w, action, [
      { status: "dropped", dropReason: { en: "The station closes next year", sv: "Stationen stängs nästa år" } },
    ]);
    await w.poller.idle();
    const dropped = updatesOf(rec.sent).filter(({ mail }) => mail.id.includes("#dropped#"));
    expect(dropped).toHaveLength(2);
    const swedish = await textOf(dropped.find(({ mail }) => mail.to === "di@example.com")?.raw ?? "");
    expect(swedish).toContain("Stationen stängs nästa år");
    // The items no longer follow a plan that will not happen.
    for (const id of ids) expect((await getFeedbackDetail(w.deps, id)).status).toBe("triaged");
    // Hearing that it will not happen, and why, is their outcome: the loop figures count them told,
    // and those who cannot be told apart.
    for (const id of ids) expect((await w.deps.feedback.get(id)).outcomeToldAt).toBeDefined();
    const progress = await api<{ loop: Record<string, unknown> }>(w, "GET", `/api/goals/${goal.id}/progress`);
    expect(progress.loop).toMatchObject({
      linked: 4,
      told: 2,
      toldShare: 1,
      cannotBeTold: { anonymous: 1, noConsent: 1, suppressed: 0 },
    });
  });
});

describe("a personal reply", () => {
  it("is sent once to a consenting submitter and shows on the timeline with its delivery state", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, { twice: true });
    const id = await submit(w, "Can I get a refund for the broken ticket?", consenting("eve@example.com"));
    const bad = await call(w, "POST", `/api/feedback/${id}/replies`, { message: "" });
    expect(bad.status).toBe(422);
    const created = await call(w, "POST", `/api/feedback/${id}/replies`, {
      message: "Yes: send us the ticket number\nand we refund it the same day.",
    });
    expect(created.status).toBe(201);
    const reply = (await created.json()) as { id: string; status: string };
    expect(reply.status).toBe("pending");
    await w.poller.idle();
    const replies = rec.sent.filter(({ mail }) => mail.id.startsWith("reply#"));
    expect(replies).toHaveLength(1);
    const text = await textOf(replies[0]?.raw ?? "");
    expect(text).toContain("Can I get a refund for the broken ticket?");
    expect(text).toContain("> and we refund it the same day.");
    const entry = (await getFeedbackDetail(w.deps, id)).timeline.find((e) => e.type === "replied");
    expect(entry?.details).toMatchObject({ delivery: "sent", text: expect.stringContaining("ticket number") });
  });

  it("is sent once however often it is sent with the same Idempotency-Key, or the same console form", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const id = await submit(w, "Where is my refund?", consenting("ida@example.com"));
    const reply = (message: string, key?: string) =>
      callJson(w.app, "POST", `/api/feedback/${id}/replies`, {
        as: w.manager,
        via: "token",
        body: { message },
        headers: key === undefined ? {} : { "idempotency-key": key },
      });
    const message = "It is on its way: expect it within five days.";
    // A retry racing the first, and one after it: one reply, and each answered with it (or asked to retry).
    const answers = [...(await Promise.all([reply(message, "retry-1"), reply(message, "retry-1")]))];
    answers.push(await reply(message, "retry-1"));
    const created = answers.filter((a) => a.status === 201);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(created.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(await Promise.all(created.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);

    const reused = await reply("Another text", "retry-1");
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
    expect((await reply(message, "not a key")).status).toBe(400);

    // The console's form carries its own key: posted twice (a double click), it sends one reply.
    const itemPage = await (
      await w.app.request(`/console/feedback/${id}`, { headers: { cookie: w.manager.cookie } })
    ).text();
    const replyKey = /name="replyKey" value="([^"]+)"/.exec(itemPage)?.[1];
    expect(replyKey).toMatch(/^[0-9A-Z]{26}$/);
    const post = () =>
      w.app.request(`/console/feedback/${id}/replies`, {
        method: "POST",
        headers: { cookie: w.manager.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([
          ["_csrf", w.manager.csrfToken],
          ["message", "And a voucher for the trouble."],
          ["replyKey", replyKey ?? ""],
        ]).toString(),
      });
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(303);

    await w.poller.idle();
    const sent = rec.sent.filter(({ mail }) => mail.id.startsWith("reply#"));
    expect(sent).toHaveLength(2);
    const replied = (await getFeedbackDetail(w.deps, id)).timeline.filter((e) => e.type === "replied");
    expect(replied.map((e) => e.details?.text).sort()).toEqual(["And a voucher for the trouble.", message]);
  });

  it("is refused with cannot_reply when nobody can receive it, and stores nothing", async () => {
    const w = await world(recordingTransport().transport);
    const anonymous = await submit(w, "No address here");
    const noConsent = await submit(w, "Address, no consent", { email: "fay@example.com" });
    for (const id of [anonymous, noConsent]) {
      const refused = await call(w, "POST", `/api/feedback/${id}/replies`, { message: "Thanks!" });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("cannot_reply");
      expect((await getFeedbackDetail(w.deps, id)).timeline.some((e) => e.type === "replied")).toBe(false);
    }
    const unknown = await call(w, "POST", "/api/feedback/01JUNKNOWN0000000000000000/replies", { message: "Hi" });
    expect(unknown.status).toBe(404);
  });
});

describe("the public board is also a roadmap", () => {
  it("lists promised actions with ?status=planned, and done ones with their id and title", async () => {
    const w = await world(recordingTransport().transport);
    const { action } = await goalAndAction(w);
    await link(w, action.id, [await submit(w, "Gate 5 is broken", consenting("gus@example.com"))]);
    await move(w, action, [{ status: "planned", weWill: "We will fix gate 5", youSaid: "Gate 5 is broken" }]);
    const roadmap = await api<{ items: Record<string, unknown>[] }>(w, "GET", "/api/you-said-we-did?status=planned");
    expect(roadmap.items).toEqual([
      expect.objectContaining({
        id: action.id,
        title: "Replace the card readers",
        youSaid: "Gate 5 is broken",
        weWill: "We will fix gate 5",
        customers: 1,
      }),
    ]);
    expect((await api<{ items: unknown[] }>(w, "GET", "/api/you-said-we-did")).items).toEqual([]);
    await move(w, action, [{ status: "done", weDid: "We fixed gate 5" }]);
    expect((await api<{ items: unknown[] }>(w, "GET", "/api/you-said-we-did?status=planned")).items).toEqual([]);
    const done = await api<{ items: Record<string, unknown>[] }>(w, "GET", "/api/you-said-we-did");
    expect(done.items).toEqual([
      expect.objectContaining({ id: action.id, title: "Replace the card readers", weDid: "We fixed gate 5" }),
    ]);
    const bad = await w.app.request("/api/you-said-we-did?status=dropped");
    expect(bad.status).toBe(422);
  });
});
