import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { acknowledgementPurpose, keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { sha256 } from "../../shared/ids";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import { createApp } from "../helpers/app";
import { acknowledgeNew, allFeedbackIds } from "../helpers/items";
import { createTestTable } from "../helpers/table";

type Submitted = { id: string; status: string; trackingToken: string; trackingUrl: string };

let deps: Deps;
let app: ReturnType<typeof createApp>;

const submit = (body: unknown, headers: Record<string, string> = {}) =>
  app.request("/api/feedback", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const getItem = async (key: { PK: string; SK: string }) =>
  (await deps.db.send(new GetCommand({ TableName: deps.config.tableName, Key: key }))).Item;

beforeEach(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => "203.0.113.7" });
});

describe("intake", () => {
  it("stores the item in one write, holding its tracking token's hash and the acknowledgement it owes", async () => {
    const response = await submit({
      message: "The <b>app</b> is slow",
      email: "A@Example.com",
      consent: true,
      locale: "nl",
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Submitted;
    expect(body).toMatchObject({ status: "new", trackingUrl: `http://feedback.test/track/${body.trackingToken}` });
    expect(body.trackingToken).not.toContain(body.id);

    expect(await getItem(keys.feedback(body.id))).toMatchObject({
      message: "The <b>app</b> is slow",
      version: 1,
      trackingHash: sha256(body.trackingToken),
      acknowledgementOwed: true,
    });
    expect(JSON.stringify(await getItem(keys.feedback(body.id)))).not.toContain(body.trackingToken);
    expect(await deps.timeline.of(body.id)).toMatchObject([{ type: "received", actor: "customer", id: body.id }]);
    expect(await deps.tokens.findTracking(body.trackingToken)).toBe(body.id);
    // The stream sends the acknowledgement from the item's first record: nothing is written for it yet.
    expect(await deps.notifications.find(acknowledgementPurpose(body.id))).toBeUndefined();
    const mail = createOutboxTransport({
      from: "Feedback <f@example.org>",
      outboxDir: mkdtempSync(join(tmpdir(), "ack-")),
    });
    expect(await acknowledgeNew(deps, mail, body.id)).toBe("sent");
    expect(await deps.notifications.find(acknowledgementPurpose(body.id))).toMatchObject({
      status: "sent",
      recipient: { email: "A@Example.com", locale: "nl" },
      emailHash: sha256("a@example.com"),
    });
  });

  it("opens an item only with its own token, never with a forged one", async () => {
    const body = (await (await submit({ message: "mine", email: "a@example.com" })).json()) as Submitted;
    expect(await deps.tokens.findTracking(body.trackingToken)).toBe(body.id);
    const bytes = Buffer.from(body.trackingToken, "base64url");
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    expect(await deps.tokens.findTracking(bytes.toString("base64url"))).toBeUndefined();
    expect(await deps.tokens.findTracking(body.id)).toBeUndefined();
    expect(await deps.tokens.findTracking("x")).toBeUndefined();
  });

  it("owes no acknowledgement without consent or without an address", async () => {
    const withoutConsent = (await (await submit({ message: "m", email: "a@example.com" })).json()) as Submitted;
    const withoutEmail = (await (await submit({ message: "m", consent: true })).json()) as Submitted;
    expect(await deps.notifications.find(acknowledgementPurpose(withoutConsent.id))).toBeUndefined();
    expect(await deps.notifications.find(acknowledgementPurpose(withoutEmail.id))).toBeUndefined();
  });

  it("shows the submitter what they wrote, escaped, and nothing of who they are", async () => {
    const message = `<img src=x onerror=alert(1)> "quoted" \u202Eevil`;
    const body = (await (
      await submit({ message, email: "who@example.com", name: "Ann Secret", consent: true })
    ).json()) as Submitted;
    const view = await (await app.request(`/api/track/${body.trackingToken}`)).json();
    expect(view).toMatchObject({ status: "new", feedback: { message }, updates: [{ type: "received" }] });
    expect(JSON.stringify(view)).not.toMatch(/who@example.com|Ann Secret/);
    const page = await (await app.request(`/track/${body.trackingToken}`)).text();
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;");
    expect(page).not.toContain("<img src=x");
    expect(page).not.toMatch(/who@example.com|Ann Secret/);
    // Times are in the organisation's zone (TIME_ZONE, by default Amsterdam's) and name it.
    expect(page).toMatch(/<time datetime="[^"]+">[^<]*\d\d:\d\d[^<]*CES?T<\/time>/);
  });

  it("answers 404 for a well-formed token that was never issued", async () => {
    const response = await app.request(`/api/track/${"A".repeat(43)}`);
    expect(response.status).toBe(404);
  });

  it("stores nothing for any refused request", async () => {
    await submit({ message: "" });
    await submit({ message: "m", email: "bad" });
    await app.request("/api/feedback", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    await app.request("/feedback", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "message=&email=x",
    });
    expect(await allFeedbackIds(deps)).toEqual([]);
  });
});

describe("Idempotency-Key", () => {
  it("gives a retry with the same key and body the same answer and stores one item", async () => {
    const body = { message: "Retry me", email: "r@example.com", consent: true };
    const first = await submit(body, { "idempotency-key": "key-1" });
    const second = await submit(body, { "idempotency-key": "key-1" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    expect(await allFeedbackIds(deps)).toHaveLength(1);
  });

  it("stores one item when retries with the same key race each other", async () => {
    const body = { message: "Racing", email: "race@example.com", consent: true };
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(body, { "idempotency-key": "race" })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as Submitted).id)));
    expect(ids.size).toBe(1);
    expect(await allFeedbackIds(deps)).toHaveLength(1);
  });

  it("refuses the same key with a different body with 422 and stores nothing more", async () => {
    await submit({ message: "first" }, { "idempotency-key": "key-2" });
    const response = await submit({ message: "second" }, { "idempotency-key": "key-2" });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "idempotency_key_reused" } });
    expect(await allFeedbackIds(deps)).toHaveLength(1);
  });

  it("treats different keys as different submissions", async () => {
    await submit({ message: "same" }, { "idempotency-key": "a" });
    await submit({ message: "same" }, { "idempotency-key": "b" });
    expect(await allFeedbackIds(deps)).toHaveLength(2);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a client is over the limit, and counts per client", async () => {
    const limited = await createTestTable({ INTAKE_RATE_LIMIT: "3" });
    let address = "192.0.2.1";
    const limitedApp = createApp(limited.deps, { clientAddress: () => address });
    const send = () =>
      limitedApp.request("/api/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: "again" }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(await allFeedbackIds(limited.deps)).toHaveLength(3);
    address = "192.0.2.2";
    expect((await send()).status).toBe(201);
  });
});

describe("health", () => {
  it("answers 200 when the table answers", async () => {
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
