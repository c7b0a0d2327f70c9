import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import type { Deps } from "../../shared/deps";
import { createApp } from "../helpers/app";
import { callJson, createStaff, followMagicLink, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

/** Answers that belong to one person (a session, a CSRF token, a customer's own words) are never cached. */

let deps: Deps;
let app: App;
let admin: SignedInStaff;
let tracking: { id: string; trackingToken: string };

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  admin = await signedInStaff(app, deps, "admin");
  const submitted = await callJson(app, "POST", "/api/feedback", {
    body: { message: "My own words about the night bus", email: "rider@example.com", consent: true },
  });
  tracking = (await submitted.json()) as typeof tracking;
});

const cacheControl = (response: Response) => response.headers.get("cache-control");

describe("Cache-Control: no-store", () => {
  it("is on the sign-in callback that sets the session cookie", async () => {
    const staff = await createStaff(deps, "viewer");
    const callback = await followMagicLink(app, deps, staff.email);
    expect(callback.status).toBe(303);
    expect(callback.headers.getSetCookie().length).toBeGreaterThan(0);
    expect(cacheControl(callback)).toBe("no-store");
  });

  it("is on /api/me, which carries the CSRF token, by session and by API token", async () => {
    for (const via of ["session", "token"] as const) {
      const me = await callJson(app, "GET", "/api/me", { as: admin, via });
      expect(me.status).toBe(200);
      expect(cacheControl(me)).toBe("no-store");
    }
  });

  it.each([
    ["GET", "/api/feedback"],
    ["GET", "/api/feedback/counts"],
    ["GET", "/api/staff"],
    ["GET", "/api/tokens"],
    ["GET", "/api/goals"],
    ["GET", "/api/actions"],
    ["GET", "/api/loop"],
  ])("is on every staff JSON answer: %s %s", async (method, path) => {
    const response = await callJson(app, method, path, { as: admin });
    expect(response.status).toBe(200);
    expect(cacheControl(response)).toBe("no-store");
  });

  it("is on a staff item, a change's answer and a refusal", async () => {
    const item = await callJson(app, "GET", `/api/feedback/${tracking.id}`, { as: admin });
    const created = await callJson(app, "POST", "/api/goals", { as: admin, body: { title: "Night buses on time" } });
    const refused = await callJson(app, "GET", "/api/staff");
    expect([item.status, created.status, refused.status]).toEqual([200, 201, 401]);
    for (const response of [item, created, refused]) expect(cacheControl(response)).toBe("no-store");
  });

  it("is on the tracking page and the tracking JSON, which hold the customer's own words", async () => {
    const json = await app.request(`/api/track/${tracking.trackingToken}`);
    const page = await app.request(`/track/${tracking.trackingToken}`);
    expect([json.status, page.status]).toEqual([200, 200]);
    expect(await page.text()).toContain("My own words about the night bus");
    expect(cacheControl(json)).toBe("no-store");
    expect(cacheControl(page)).toBe("no-store");
  });

  it("is on the console's pages", async () => {
    const inbox = await app.request("/console", { headers: { cookie: admin.cookie } });
    const goals = await app.request("/console/goals", { headers: { cookie: admin.cookie } });
    expect([inbox.status, goals.status]).toEqual([200, 200]);
    expect(cacheControl(inbox)).toBe("no-store");
    expect(cacheControl(goals)).toBe("no-store");
  });
});
