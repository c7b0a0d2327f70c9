import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";

// Deliveries run through the stream: give them time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import type { WebhookDelivery } from "../../shared/entities/webhook";
import { deliverDueWebhooks, recordWebhookEvent } from "../../shared/webhooks/deliver";
import { verifySignature } from "../../shared/webhooks/signature";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import {
  api,
  consenting,
  goalAndAction,
  link,
  move,
  recordingTransport,
  submit,
  type World,
  world,
} from "../helpers/updates-world";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real HTTP receiver on localhost: records each request and answers with the next status given (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const answers = [...statuses];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = answers.shift() ?? 200;
      response.end("ok");
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received };
}

/** A localhost URL nothing listens on: a server is started for a free port, then closed. */
async function deadUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/hooks`;
}

/** The receiver's side of the signature, written out as the README shows it (not the product's helper). */
function receiverAccepts(secret: string, header: string, body: string) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest("hex");
  const given = parts.v1 ?? "";
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

interface Hooks {
  w: World;
  admin: SignedInStaff;
}

async function hooksWorld(env: Record<string, string> = {}): Promise<Hooks> {
  const w = await world(recordingTransport().transport, {
    WEBHOOK_MAX_ATTEMPTS: "3",
    WEBHOOK_RETRY_SECONDS: "60",
    ...env,
  });
  return { w, admin: await signedInStaff(w.app, w.deps, "admin") };
}

const asAdmin = async <T = Record<string, unknown>>(h: Hooks, method: string, path: string, body?: unknown) => {
  const response = await callJson(h.w.app, method, path, { as: h.admin, via: "token", body });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
};

async function addWebhook(h: Hooks, input: Record<string, unknown>) {
  return asAdmin<{ webhook: { id: string; version: number }; secret: string }>(h, "POST", "/api/webhooks", input);
}

const deliveriesOf = async (h: Hooks, id: string) =>
  (await asAdmin<{ items: WebhookDelivery[] }>(h, "GET", `/api/webhooks/${id}/deliveries`)).items;

const later = (w: World, seconds: number) => {
  w.clock.now += seconds * 1000;
};

describe("outbound webhooks", () => {
  it("signs each delivery with the endpoint's secret, sends an event once, and carries no personal data", async () => {
    const h = await hooksWorld();
    const hook = await receiver();
    const { webhook, secret } = await addWebhook(h, { url: hook.url, events: ["feedback.created"] });
    expect(secret).toMatch(/^whsec_/);

    const id = await submit(h.w, "The ticket machine ate my card", consenting("ann@example.com", { name: "Ann" }));
    await h.w.poller.idle();

    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    const header = String(request?.headers["webhook-signature"]);
    expect(receiverAccepts(secret, header, request?.body ?? "")).toBe(true);
    expect(verifySignature(secret, header, request?.body ?? "")).toBe(true);
    expect(receiverAccepts("whsec_not-the-secret", header, request?.body ?? "")).toBe(false);
    expect(verifySignature(secret, header, `${request?.body} `)).toBe(false);
    const event = JSON.parse(request?.body ?? "{}");
    expect(event).toMatchObject({
      type: "feedback.created",
      data: { feedback: { id, kind: "complaint", topic: "ticket machines" } },
    });
    expect(request?.headers["webhook-id"]).toBe(event.id);
    for (const personal of ["ann@example.com", "Ann", "ate my card"]) expect(request?.body).not.toContain(personal);

    const [delivery] = await deliveriesOf(h, webhook.id);
    expect(delivery).toMatchObject({ id: event.id, status: "sent", attempts: 1, lastStatusCode: 200 });
    // The same event again (a redelivered stream record) writes no second delivery.
    expect(await recordWebhookEvent(h.w.deps, event)).toBe(0);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({});
    expect(hook.received).toHaveLength(1);
  });

  it("sends an endpoint added a moment after the stream function read the endpoints every later event", async () => {
    const h = await hooksWorld();
    await submit(h.w, "Before any endpoint");
    await h.w.poller.idle();
    const hook = await receiver();
    await addWebhook(h, { url: hook.url, events: ["feedback.created"] });

    const id = await submit(h.w, "Right after the endpoint");
    await h.w.poller.idle();
    expect(hook.received.map((request) => JSON.parse(request.body).data.feedback.id)).toEqual([id]);
  });

  it("retries after 500s with a doubling backoff, through the sweep, until the receiver takes it", async () => {
    const h = await hooksWorld();
    const hook = await receiver([500, 503]);
    const { webhook, secret } = await addWebhook(h, { url: hook.url, events: ["feedback.status_changed"] });
    const id = await submit(h.w, "Too slow");
    await h.w.poller.idle();
    expect(hook.received).toHaveLength(0);

    const item = await api<{ version: number }>(h.w, "GET", `/api/feedback/${id}`);
    await api(h.w, "PATCH", `/api/feedback/${id}`, { version: item.version, status: "triaged" });
    await h.w.poller.idle();
    expect(hook.received).toHaveLength(1);
    let [delivery] = await deliveriesOf(h, webhook.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(Date.parse(delivery?.nextAttemptAt ?? "") - h.w.clock.now).toBe(60_000);

    // Not due yet: the sweep leaves it.
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({});
    later(h.w, 60);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({ retrying: 1 });
    [delivery] = await deliveriesOf(h, webhook.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: 503 });
    expect(Date.parse(delivery?.nextAttemptAt ?? "") - h.w.clock.now).toBe(120_000);

    later(h.w, 120);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({ sent: 1 });
    [delivery] = await deliveriesOf(h, webhook.id);
    expect(delivery).toMatchObject({ status: "sent", attempts: 3, lastStatusCode: 200 });
    expect(delivery?.lastError).toBeUndefined();
    expect(hook.received).toHaveLength(3);
    // Every attempt is the same event, signed anew.
    const bodies = new Set(hook.received.map((r) => r.body));
    expect(bodies.size).toBe(1);
    for (const r of hook.received)
      expect(receiverAccepts(secret, String(r.headers["webhook-signature"]), r.body)).toBe(true);
    expect(JSON.parse(hook.received[0]?.body ?? "{}").data).toMatchObject({ from: "new", to: "triaged" });
  });

  it("retries while the receiver is down, ends failed after the last attempt, and is sent again by hand", async () => {
    const h = await hooksWorld();
    const { webhook } = await addWebhook(h, { url: await deadUrl(), events: ["feedback.created"] });
    await submit(h.w, "Nobody listens");
    await h.w.poller.idle();
    let [delivery] = await deliveriesOf(h, webhook.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery?.lastError).toContain("ECONNREFUSED");
    expect(delivery?.lastStatusCode).toBeUndefined();

    later(h.w, 60);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({ retrying: 1 });
    later(h.w, 120);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({ failed: 1 });
    [delivery] = await deliveriesOf(h, webhook.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3 });
    expect(delivery?.failedAt).toBeDefined();
    // Failed is final: no sweep tries it again.
    later(h.w, 3600);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({});

    // The receiver is back (at a new address); the admin sends the failed delivery again.
    const hook = await receiver();
    const current = await asAdmin<{ version: number }>(h, "GET", `/api/webhooks/${webhook.id}`);
    await asAdmin(h, "PATCH", `/api/webhooks/${webhook.id}`, { version: current.version, url: hook.url });
    const resent = await asAdmin<WebhookDelivery>(
      h,
      "POST",
      `/api/webhooks/${webhook.id}/deliveries/${delivery?.id}/resend`,
    );
    expect(resent).toMatchObject({ id: delivery?.id, status: "sent", attempts: 4, lastStatusCode: 200 });
    expect(resent.resends).toEqual([{ at: new Date(h.w.clock.now).toISOString(), by: h.admin.staff.id }]);
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(hook.received[0]?.body ?? "{}").id).toBe(delivery?.id);

    // The console page shows the delivery's state and who sent it again.
    const page = await h.w.app.request(`/console/webhooks/${webhook.id}`, { headers: { cookie: h.admin.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(delivery?.id);
    expect(html).toContain(`by ${h.admin.staff.email}`);
    expect(html).toContain("HTTP 200");

    // An unknown delivery is a 404.
    const unknown = await callJson(
      h.w.app,
      "POST",
      `/api/webhooks/${webhook.id}/deliveries/01J0000000000000000000000A/resend`,
      { as: h.admin, via: "token" },
    );
    expect(unknown.status).toBe(404);
  });

  it("speaks Slack's incoming-webhook format: one readable line per event", async () => {
    const h = await hooksWorld();
    const hook = await receiver();
    await addWebhook(h, { url: hook.url, events: ["action.status_changed", "update.sent"], format: "slack" });
    const { action } = await goalAndAction(h.w);
    await link(h.w, action.id, [await submit(h.w, "Readers broken <again>", consenting("bo@example.com"))]);
    await move(h.w, action, [{ status: "planned", weWill: "We will replace the readers" }]);
    await h.w.poller.idle();

    const texts = hook.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    for (const body of texts) expect(Object.keys(body)).toEqual(["text"]);
    const lines = texts.map((body) => String(body.text));
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(
      `Action \u201cReplace the card readers\u201d moved from proposed to planned. <http://feedback.test/console/actions/${action.id}|Open the action>`,
    );
    expect(lines).toContainEqual(
      `\u201cWe will\u201d update was sent to a customer (en) about the action \u201cReplace the card readers\u201d, covering 1 feedback item. <http://feedback.test/console/actions/${action.id}|Open the action>`,
    );
    for (const line of lines) expect(line).not.toContain("bo@example.com");
  });

  it("refuses endpoints it must not call, stores nothing for them, and is for admins only", async () => {
    const h = await hooksWorld();
    for (const url of [
      "ftp://example.org/hooks",
      "http://example.org/hooks",
      "https://10.0.0.8/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://[fd00::1]/hooks",
      "https://user:pass@example.org/hooks",
      "https://metadata.google.internal/",
      "not a url",
    ]) {
      const response = await callJson(h.w.app, "POST", "/api/webhooks", {
        as: h.admin,
        via: "token",
        body: { url, events: ["feedback.created"] },
      });
      expect(response.status, url).toBe(422);
      const { error } = (await response.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(error.code).toBe("validation_failed");
      expect(error.fields.url, url).toBeDefined();
    }
    const bad = await callJson(h.w.app, "POST", "/api/webhooks", {
      as: h.admin,
      via: "token",
      body: { url: "https://hooks.example.org/x", events: ["feedback.deleted"], format: "xml" },
    });
    expect(bad.status).toBe(422);
    expect((await asAdmin<{ items: unknown[] }>(h, "GET", "/api/webhooks")).items).toEqual([]);

    const { webhook } = await addWebhook(h, { url: "https://hooks.example.org/x", events: ["update.sent"] });
    const listed = await asAdmin<{ items: Record<string, unknown>[] }>(h, "GET", "/api/webhooks");
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).not.toHaveProperty("secret");
    const manager = await callJson(h.w.app, "GET", "/api/webhooks", { as: h.w.manager, via: "token" });
    expect(manager.status).toBe(403);
    const stale = await callJson(h.w.app, "PATCH", `/api/webhooks/${webhook.id}`, {
      as: h.admin,
      via: "token",
      body: { version: webhook.version + 1, active: false },
    });
    expect(stale.status).toBe(409);
    const removed = await callJson(h.w.app, "DELETE", `/api/webhooks/${webhook.id}`, { as: h.admin, via: "token" });
    expect(removed.status).toBe(204);
    expect((await asAdmin<{ items: unknown[] }>(h, "GET", "/api/webhooks")).items).toEqual([]);
  });

  it("sends nothing to an inactive endpoint, and ends a pending delivery failed once its endpoint is deleted", async () => {
    const h = await hooksWorld();
    const hook = await receiver([500]);
    const { webhook } = await addWebhook(h, { url: hook.url, events: ["feedback.created"] });
    const quiet = await addWebhook(h, { url: hook.url, events: ["feedback.created"], active: false });
    await submit(h.w, "First");
    await h.w.poller.idle();
    expect(hook.received).toHaveLength(1);
    expect(await deliveriesOf(h, quiet.webhook.id)).toEqual([]);

    const deleted = await callJson(h.w.app, "DELETE", `/api/webhooks/${webhook.id}`, { as: h.admin, via: "token" });
    expect(deleted.status).toBe(204);
    later(h.w, 60);
    expect(await deliverDueWebhooks(h.w.deps)).toEqual({ failed: 1 });
    expect(hook.received).toHaveLength(1);
  });

  it("is managed on the console: several events ticked, a refused URL kept in the form, a change saved", async () => {
    const h = await hooksWorld();
    const form = (values: [string, string][]) => ({
      method: "POST",
      headers: { cookie: h.admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["_csrf", h.admin.csrfToken], ...values]).toString(),
    });
    const refused = await h.w.app.request(
      "/console/webhooks",
      form([
        ["url", "http://hooks.example.org/<x>"],
        ["events", "feedback.created"],
      ]),
    );
    expect(refused.status).toBe(422);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain("Not added: url must use https");
    expect(refusedPage).toContain('value="http://hooks.example.org/&lt;x&gt;"');
    expect((await asAdmin<{ items: unknown[] }>(h, "GET", "/api/webhooks")).items).toEqual([]);

    const added = await h.w.app.request(
      "/console/webhooks",
      form([
        ["url", "https://hooks.example.org/team"],
        ["events", "feedback.created"],
        ["events", "update.sent"],
        ["format", "slack"],
        ["active", "on"],
      ]),
    );
    expect(added.status).toBe(201);
    const addedPage = await added.text();
    const secret = /id="new-secret" value="(whsec_[\w-]+)"/.exec(addedPage)?.[1];
    expect(secret).toBeDefined();
    const [webhook] = (
      await asAdmin<{ items: { id: string; events: string[]; format: string; active: boolean }[] }>(
        h,
        "GET",
        "/api/webhooks",
      )
    ).items;
    expect(webhook).toMatchObject({ events: ["feedback.created", "update.sent"], format: "slack", active: true });
    // Shown once: the list and the endpoint's page never show it again.
    const listPage = await (await h.w.app.request("/console/webhooks", { headers: { cookie: h.admin.cookie } })).text();
    expect(listPage).not.toContain(secret);

    const saved = await h.w.app.request(
      `/console/webhooks/${webhook?.id}`,
      form([
        ["version", "1"],
        ["url", "https://hooks.example.org/team"],
        ["events", "action.status_changed"],
        ["format", "json"],
      ]),
    );
    expect(saved.status).toBe(303);
    expect(await asAdmin(h, "GET", `/api/webhooks/${webhook?.id}`)).toMatchObject({
      events: ["action.status_changed"],
      format: "json",
      active: false,
      version: 2,
    });
    const page = await (
      await h.w.app.request(`/console/webhooks/${webhook?.id}`, { headers: { cookie: h.admin.cookie } })
    ).text();
    expect(page).not.toContain(secret);
    // The menu names the page for admins only.
    expect(page).toContain('href="/console/webhooks" aria-current="page"');
    const managerInbox = await (await h.w.app.request("/console", { headers: { cookie: h.w.manager.cookie } })).text();
    expect(managerInbox).not.toContain('href="/console/webhooks"');
  });

  it("counts an endpoint that does not answer in time, or redirects, as a failed attempt", async () => {
    const h = await hooksWorld({ WEBHOOK_TIMEOUT_SECONDS: "1" });
    const silent = createServer(() => {}); // takes the request and never answers
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const slow = await addWebhook(h, {
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      events: ["feedback.created"],
    });
    const redirecting = await receiver([302]);
    const moved = await addWebhook(h, { url: redirecting.url, events: ["feedback.created"] });
    await submit(h.w, "Anyone there?");
    await h.w.poller.idle();

    const [timedOut] = await deliveriesOf(h, slow.webhook.id);
    expect(timedOut).toMatchObject({ status: "pending", attempts: 1, lastError: "no answer before the timeout" });
    const [redirected] = await deliveriesOf(h, moved.webhook.id);
    expect(redirected).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 302 });
    expect(redirecting.received).toHaveLength(1);
    silent.closeAllConnections();
  });
});
