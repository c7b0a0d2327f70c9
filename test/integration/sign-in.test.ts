import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { keys, signInPurpose } from "../../shared/db/keys";
import { queryAll } from "../../shared/db/query";
import { indexNames } from "../../shared/db/table";
import type { Deps } from "../../shared/deps";
import { notificationContent } from "../../shared/entities/notification";
import { sha256 } from "../../shared/ids";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import { deliverDue } from "../../shared/notifications/sweep";
import { createApp } from "../helpers/app";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let app: ReturnType<typeof createApp>;
let clock = new Date("2026-11-23T09:00:00Z");

const askForLink = (email: string) =>
  app.request("/auth/magic-link", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });

/** The link of the newest pending sign-in mail: read from the outbox entry, as the mail would carry it. */
async function linkFromOutbox(): Promise<string> {
  const Items = await queryAll(deps.db, {
    TableName: deps.config.tableName,
    IndexName: indexNames.byEmail,
    KeyConditionExpression: "GSI7PK = :pk",
    ExpressionAttributeValues: { ":pk": keys.byEmail(sha256("admin@example.org"), "").GSI7PK },
  });
  const signIns = Items.filter((i) => i.kind === "sign_in").sort((a, b) =>
    String(a.createdAt).localeCompare(String(b.createdAt)),
  );
  const newest = signIns.at(-1);
  return notificationContent.sign_in.parse(newest?.content).url;
}

beforeEach(async () => {
  clock = new Date("2026-11-23T09:00:00Z");
  const table = await createTestTable({ ADMIN_EMAIL: "Admin@Example.org" });
  deps = { ...table.deps, now: () => clock };
  app = createApp(deps, { clientAddress: () => "203.0.113.9" });
});

describe("magic-link sign-in", () => {
  /** Sends what is due (the sign-in mail, once its stream sender's claim time has passed) to an outbox directory. */
  async function sendDue() {
    const outboxDir = mkdtempSync(join(tmpdir(), "sign-in-mail-"));
    clock = new Date(clock.getTime() + (deps.config.delivery.claimSeconds + 1) * 1000);
    const outcomes = await deliverDue(
      deps,
      createOutboxTransport({ from: "Feedback <feedback@example.org>", outboxDir }),
    );
    const mails = readdirSync(outboxDir).map((file) => readFileSync(join(outboxDir, file), "utf8"));
    return { outcomes, mails };
  }

  it("mails the link without any way to unsubscribe, in words that say anyone holding it can use it", async () => {
    // An unsubscribe from customer mail to the same address does not stop the staff member's sign-in.
    await deps.suppressions.suppress(sha256("admin@example.org"), "unsubscribed", clock);
    await askForLink("admin@example.org");
    const { outcomes, mails } = await sendDue();
    expect(outcomes).toEqual({ sent: 1 });
    const [mail] = mails;
    expect(mail).toBeDefined();
    expect(mail).not.toMatch(/^List-Unsubscribe/im);
    expect(mail?.toLowerCase().replace(/=\r?\n/g, "")).not.toContain("unsubscribe");
    expect(mail?.replace(/=\r?\n/g, "")).toContain("for anyone who has it");
  });

  it("does not mail the link to an address that bounced", async () => {
    await deps.suppressions.suppress(sha256("admin@example.org"), "bounce", clock);
    await askForLink("admin@example.org");
    const { outcomes, mails } = await sendDue();
    expect(outcomes).toEqual({ suppressed: 1 });
    expect(mails).toEqual([]);
  });

  it("answers 202 alike for staff and strangers, and mails a link only to staff", async () => {
    const stranger = await askForLink("nobody@example.com");
    const admin = await askForLink("admin@example.org");
    expect(stranger.status).toBe(202);
    expect(admin.status).toBe(202);
    expect(await stranger.json()).toEqual(await admin.json());
    const url = await linkFromOutbox();
    expect(url).toMatch(/^http:\/\/feedback\.test\/auth\/callback\?token=[A-Za-z0-9_-]{43}$/);
  });

  it("signs in once with the link, then refuses it", async () => {
    await askForLink("admin@example.org");
    const path = new URL(await linkFromOutbox()).pathname + new URL(await linkFromOutbox()).search;
    const first = await app.request(path);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/console");
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/fb_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await app.request("/api/me", { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ staff: { email: "Admin@Example.org", role: "admin" } });

    const again = await app.request(path);
    expect(again.status).toBe(400);
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a link after 10 minutes", async () => {
    await askForLink("admin@example.org");
    const url = new URL(await linkFromOutbox());
    clock = new Date(clock.getTime() + 10 * 60_000 + 1000);
    const late = await app.request(url.pathname + url.search);
    expect(late.status).toBe(400);
  });

  it("refuses a tampered link", async () => {
    await askForLink("admin@example.org");
    const url = new URL(await linkFromOutbox());
    const token = url.searchParams.get("token") ?? "";
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect((await app.request(`/auth/callback?token=${tampered}`)).status).toBe(400);
  });

  it("limits link requests per address, for any address alike", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await askForLink("nobody@example.com")).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it("ends the session server-side on logout", async () => {
    await askForLink("admin@example.org");
    const url = new URL(await linkFromOutbox());
    const cookie = (await app.request(url.pathname + url.search)).headers.get("set-cookie")?.split(";")[0] ?? "";
    const me = (await (await app.request("/api/me", { headers: { cookie } })).json()) as { csrfToken: string };
    const logout = await app.request("/auth/logout", {
      method: "POST",
      headers: { cookie, "x-csrf-token": me.csrfToken, "content-type": "application/json" },
    });
    expect(logout.status).toBe(204);
    expect((await app.request("/api/me", { headers: { cookie } })).status).toBe(401);
  });
});

it("keys sign-in mail by the link, so one link is mailed once", () => {
  expect(signInPurpose("abc")).toBe("signin#abc");
});
