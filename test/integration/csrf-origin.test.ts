import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import type { Deps } from "../../shared/deps";
import { createApp } from "../helpers/app";
import { type SignedInStaff, sessionHeaders, signedInStaff, signIn } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

/**
 * A cookie-authenticated state change must come from a page of this site, whatever CSRF token it
 * carries: the Origin, Sec-Fetch-Site and Referer a browser sends must not name another site.
 * `app.request("/path")` is a request to http://localhost; PUBLIC_URL is http://feedback.test.
 */

let deps: Deps;
let app: App;
let admin: SignedInStaff;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  admin = await signedInStaff(app, deps, "admin");
});

/** POST /api/goals with the admin's session and its right CSRF token, plus `headers`. */
const postGoal = (title: string, headers: Record<string, string>, url = "/api/goals") =>
  app.request(url, {
    method: "POST",
    headers: { ...sessionHeaders(admin), "content-type": "application/json", ...headers },
    body: JSON.stringify({ title }),
  });

/** The titles of every goal stored (read by API token: a read needs no CSRF check). */
async function storedTitles(): Promise<string[]> {
  const response = await app.request("/api/goals?limit=100", { headers: { authorization: admin.bearer } });
  return ((await response.json()) as { items: { title: { en: string } }[] }).items.map((g) => g.title.en);
}

describe("CSRF: where a state change comes from", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.test" }],
    ["Origin: null", { origin: "null" }],
    ["a same-site Origin on another port", { origin: "http://localhost:8080" }],
    ["Sec-Fetch-Site: cross-site and no Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site and no Origin", { "sec-fetch-site": "same-site" }],
    ["a foreign Referer and no Origin", { referer: "https://evil.test/steal.html" }],
    ["our Origin but a foreign Referer", { origin: "http://localhost", referer: "https://evil.test/" }],
  ])("refuses %s with 403 csrf_failed, though the token is right, and stores nothing", async (_, headers) => {
    const title = `refused ${randomUUID()}`;
    const response = await postGoal(title, headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "csrf_failed", message: expect.any(String) } });
    expect(await storedTitles()).not.toContain(title);
  });

  it.each([
    ["the request's own Origin", { origin: "http://localhost" }],
    ["the PUBLIC_URL's Origin (behind a proxy)", { origin: "http://feedback.test" }],
    ["Sec-Fetch-Site: same-origin with our Origin", { origin: "http://localhost", "sec-fetch-site": "same-origin" }],
    ["a Referer on this site and no Origin", { referer: "http://localhost/console/goals" }],
    ["no Origin, Sec-Fetch-Site or Referer (not a browser)", {}],
  ])("accepts %s with the right token", async (_, headers) => {
    const title = `accepted ${randomUUID()}`;
    expect((await postGoal(title, headers)).status).toBe(201);
    expect(await storedTitles()).toContain(title);
  });

  it("judges the origin by the URL the request was sent to", async () => {
    const url = "https://console.example.org:8443/api/goals";
    expect((await postGoal(`own ${randomUUID()}`, { origin: "https://console.example.org:8443" }, url)).status).toBe(
      201,
    );
    expect((await postGoal(`other ${randomUUID()}`, { origin: "https://console.example.org" }, url)).status).toBe(403);
  });

  it("still refuses our own Origin without the right CSRF token", async () => {
    const response = await app.request("/api/goals", {
      method: "POST",
      headers: { cookie: admin.cookie, origin: "http://localhost", "content-type": "application/json" },
      body: JSON.stringify({ title: "no token" }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "csrf_failed" } });
  });

  it("does not affect API-token calls", async () => {
    const title = `by token ${randomUUID()}`;
    const response = await app.request("/api/goals", {
      method: "POST",
      headers: {
        authorization: admin.bearer,
        origin: "https://evil.test",
        "sec-fetch-site": "cross-site",
        "content-type": "application/json",
      },
      body: JSON.stringify({ title }),
    });
    expect(response.status).toBe(201);
    expect(await storedTitles()).toContain(title);
  });

  it("lets a cross-site read through, but refuses a console form posted from another site", async () => {
    const read = await app.request("/api/goals", { headers: { cookie: admin.cookie, origin: "https://evil.test" } });
    expect(read.status).toBe(200);
    const title = `console ${randomUUID()}`;
    const form = await app.request("/console/goals", {
      method: "POST",
      headers: {
        cookie: admin.cookie,
        origin: "https://evil.test",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: admin.csrfToken, title }).toString(),
    });
    expect(form.status).toBe(403);
    expect(await storedTitles()).not.toContain(title);
  });

  it("refuses a foreign sign-out with the right token: the session survives", async () => {
    const session = await signIn(app, deps, admin.staff.email);
    const response = await app.request("/auth/logout", {
      method: "POST",
      headers: {
        cookie: session.cookie,
        "sec-fetch-site": "cross-site",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: session.csrfToken }).toString(),
    });
    expect(response.status).toBe(403);
    expect((await app.request("/api/me", { headers: { cookie: session.cookie } })).status).toBe(200);
  });
});
