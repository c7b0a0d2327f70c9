import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Hono } from "hono";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../../functions/api/env";
import { errorResponse } from "../../functions/api/middleware/errors";
import { privacyApi } from "../../functions/api/routes/privacy-api";
import type { Principal } from "../../shared/auth/principal";
import { acknowledgementPurpose, keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { type FeedbackInput, feedbackInputSchema } from "../../shared/entities/feedback";
import { submitFeedback } from "../../shared/feedback/intake";
import { updateFeedback } from "../../shared/feedback/triage";
import { sha256 } from "../../shared/ids";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import { erasePersonalData, exportPersonalData } from "../../shared/privacy/service";
import { PrivacyRepository } from "../../shared/repositories/privacy";
import { acknowledgeNew, pendingAcknowledgement } from "../helpers/items";
import { createTestTable } from "../helpers/table";

const at = "2025-01-01T00:00:00.000Z";
const admin: Principal = {
  staff: { id: "staff-admin", email: "admin@example.org", role: "admin", active: true, createdAt: at, updatedAt: at },
  via: "token",
};

let deps: Deps;

const submit = async (input: Partial<FeedbackInput> & { message: string }) =>
  (await submitFeedback(deps, feedbackInputSchema.parse(input))).id;

/** Every item of the table, as stored: to prove personal data is gone from all of them. */
const everything = async () =>
  JSON.stringify((await deps.db.send(new ScanCommand({ TableName: deps.config.tableName }))).Items ?? []);

const stored = async (id: string) =>
  (await deps.db.send(new GetCommand({ TableName: deps.config.tableName, Key: keys.feedback(id) }))).Item;

/** The real outbox transport writing into a fresh directory, and the messages it wrote. */
const outbox = () => {
  const dir = mkdtempSync(join(tmpdir(), "privacy-outbox-"));
  const transport = createOutboxTransport({ from: "Feedback <feedback@example.org>", outboxDir: dir });
  return { transport, files: () => readdirSync(dir).filter((f) => f.endsWith(".eml")) };
};

beforeEach(async () => {
  ({ deps } = await createTestTable());
});

describe("privacy export", () => {
  it("finds exactly the items of the address, whatever its case and spacing, and never another's", async () => {
    const first = await submit({ message: "first", email: "Ann@Example.com", name: "Ann Secret", consent: true });
    const second = await submit({ message: "second", email: "ann@example.com" });
    await submit({ message: "bob's", email: "bob@example.com", name: "Bob", consent: true });
    await submit({ message: "anonymous" });
    await pendingAcknowledgement(deps, first);

    const data = await exportPersonalData(deps, "  ANN@example.COM ");

    expect(data.email).toBe("ann@example.com");
    expect(Date.parse(data.exportedAt)).not.toBeNaN();
    expect(data.feedback.map((f) => f.id)).toEqual([second, first]);
    expect(data.feedback[1]).toMatchObject({ message: "first", name: "Ann Secret", timeline: [{ type: "received" }] });
    expect(data.notifications).toMatchObject([
      { purpose: acknowledgementPurpose(first), status: "pending", recipient: { email: "Ann@Example.com" } },
    ]);
    expect(data.notifications[0]).not.toHaveProperty("content");
    expect(data.suppression).toEqual({ suppressed: false });
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/bob|anonymous|\/track\/|\/unsubscribe\//i);
  });

  it("says why an address is suppressed", async () => {
    await deps.suppressions.suppress(sha256("ann@example.com"), "unsubscribed", new Date(at));
    expect((await exportPersonalData(deps, "ann@example.com")).suppression).toEqual({
      suppressed: true,
      reason: "unsubscribed",
      suppressedAt: at,
    });
  });
});

describe("privacy erasure", () => {
  it("removes name and address from every item, replaces the messages and leaves others alone", async () => {
    const acknowledged = await submit({
      message: "Ann's long story",
      email: "Ann@Example.com",
      name: "Ann Secret",
      consent: true,
    });
    const quiet = await submit({ message: "quiet", email: "ann@example.com", name: "Ann Secret" });
    const bob = await submit({ message: "bob's", email: "bob@example.com", name: "Bob Other", consent: true });
    await pendingAcknowledgement(deps, acknowledged);
    await pendingAcknowledgement(deps, bob);

    expect(await erasePersonalData(deps, admin, "ann@EXAMPLE.com", { keepMessages: false })).toEqual({
      feedbackItems: 2,
      notifications: 1,
    });

    for (const id of [acknowledged, quiet]) {
      const item = await stored(id);
      expect(item).toMatchObject({ message: "[erased]", version: 2, erasedAt: expect.any(String) });
      for (const field of ["email", "name", "emailHash", "GSI7PK", "GSI7SK"]) expect(item).not.toHaveProperty(field);
      const timeline = await deps.timeline.of(id);
      expect(timeline.at(-1)).toMatchObject({
        type: "erased",
        actor: admin.staff.id,
        public: false,
        version: 2,
        details: { keepMessages: false },
      });
    }
    const notification = await deps.notifications.find(acknowledgementPurpose(acknowledged));
    expect(notification).toMatchObject({ status: "suppressed", recipient: { email: "", locale: "en" } });
    expect(notification?.recipient).not.toHaveProperty("name");
    expect(notification).not.toHaveProperty("content");
    expect(
      await new PrivacyRepository(deps.db, deps.config.tableName).unsubscribeTokensOf(sha256("ann@example.com")),
    ).toEqual([]);

    const table = await everything();
    expect(table).not.toMatch(/ann@example\.com|Ann Secret|Ann's long story/i);
    expect(await stored(bob)).toMatchObject({
      email: "bob@example.com",
      name: "Bob Other",
      message: "bob's",
      version: 1,
    });
    expect(await deps.notifications.find(acknowledgementPurpose(bob))).toMatchObject({
      status: "pending",
      recipient: { email: "bob@example.com", name: "Bob Other" },
      content: { message: "bob's" },
    });
    expect((await exportPersonalData(deps, "bob@example.com")).feedback).toHaveLength(1);
  });

  it("keeps the messages when asked to anonymise", async () => {
    const id = await submit({ message: "keep me", email: "ann@example.com", name: "Ann Secret" });
    await erasePersonalData(deps, admin, "ann@example.com", { keepMessages: true });
    const item = await stored(id);
    expect(item).toMatchObject({ message: "keep me", erasedAt: expect.any(String) });
    expect(item).not.toHaveProperty("email");
    expect(item).not.toHaveProperty("name");
    expect((await deps.timeline.of(id)).at(-1)).toMatchObject({
      type: "erased",
      details: { keepMessages: true },
    });
  });

  it("suppresses the address, so a later consenting submission from it is never acknowledged", async () => {
    const mail = outbox();
    await submit({ message: "before", email: "ann@example.com", consent: true });
    await erasePersonalData(deps, admin, "ann@example.com", { keepMessages: false });
    expect((await exportPersonalData(deps, "ann@example.com")).suppression).toMatchObject({
      suppressed: true,
      reason: "erased",
    });

    const later = await submit({ message: "after", email: "Ann@example.com", consent: true });
    expect(await acknowledgeNew(deps, mail.transport, later)).toBe("suppressed");
    expect(await deps.notifications.find(acknowledgementPurpose(later))).toMatchObject({ status: "suppressed" });
    expect(mail.files()).toEqual([]);

    // The same transport does deliver to an address that was not erased.
    const bob = await submit({ message: "bob's", email: "bob@example.com", consent: true });
    expect(await acknowledgeNew(deps, mail.transport, bob)).toBe("sent");
    expect(mail.files()).toHaveLength(1);
  });

  it("is harmless to repeat: a second erasure changes and counts nothing", async () => {
    const id = await submit({ message: "once", email: "ann@example.com", name: "Ann", consent: true });
    await erasePersonalData(deps, admin, "ann@example.com", { keepMessages: false });
    const after = await stored(id);

    expect(await erasePersonalData(deps, admin, "ann@example.com", { keepMessages: true })).toEqual({
      feedbackItems: 0,
      notifications: 0,
    });
    expect(await stored(id)).toEqual(after);
    expect((await deps.timeline.of(id)).filter((e) => e.type === "erased")).toHaveLength(1);
  });

  it("retries an item changed by someone else meanwhile, on its current version", async () => {
    const id = await submit({ message: "racing", email: "ann@example.com", name: "Ann" });
    const update = deps.feedback.update.bind(deps.feedback);
    const spy = vi.spyOn(deps.feedback, "update").mockImplementationOnce(async (next, expected, entries) => {
      await updateFeedback(deps, admin, id, { version: 1, topic: "Trains" });
      return update(next, expected, entries);
    });

    expect(await erasePersonalData(deps, admin, "ann@example.com", { keepMessages: false })).toEqual({
      feedbackItems: 1,
      notifications: 0,
    });
    // The erasure on version 1 (during which staff changed the item), then again on version 2.
    expect(spy.mock.calls.map(([, expected, entries]) => [expected, entries[0]?.type])).toEqual([
      [1, "erased"],
      [1, "changed"],
      [2, "erased"],
    ]);
    expect(await stored(id)).toMatchObject({ topic: "Trains", message: "[erased]", version: 3 });
    expect((await deps.timeline.of(id)).map((e) => e.type)).toEqual(["received", "changed", "erased"]);
  });
});

describe("privacy and CSV routes", () => {
  const app = () =>
    new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set("principal", admin);
        await next();
      })
      .route("/api", privacyApi(deps))
      .onError(errorResponse);
  const post = (path: string, body: unknown) =>
    app().request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("exports and erases through the API, refusing an invalid address", async () => {
    const id = await submit({ message: "via http", email: "ann@example.com", name: "Ann" });

    const exported = await post("/api/privacy/export", { email: "ANN@example.com" });
    expect(exported.status).toBe(200);
    expect(await exported.json()).toMatchObject({ email: "ann@example.com", feedback: [{ id }] });

    const invalid = await post("/api/privacy/erase", { email: "not an address" });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { fields: { email: "email must be a valid address" } } });
    expect(await stored(id)).toHaveProperty("email");

    const erased = await post("/api/privacy/erase", { email: "ann@example.com" });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ feedbackItems: 1, notifications: 0 });
    expect(await stored(id)).toMatchObject({ message: "[erased]" });
    expect((await deps.timeline.of(id)).at(-1)).toMatchObject({ details: { keepMessages: false } });
  });

  it("downloads every matching item as CSV across pages, newest first", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 101; i++) ids.push(await submit({ message: `complaint ${i}`, kind: "complaint" }));
    await submit({ message: "a question", kind: "question" });

    const response = await app().request("/api/feedback/export.csv?kind=complaint&limit=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="feedback-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n").slice(1, -1);
    expect(lines.map((line) => line.split(",")[0])).toEqual(ids.reverse());

    const bad = await app().request("/api/feedback/export.csv?status=lost");
    expect(bad.status).toBe(422);
  });
});
