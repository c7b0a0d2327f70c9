import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import { invitationPurpose } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import type { Staff } from "../../shared/entities/staff";
import { createApp } from "../helpers/app";
import { callJson, createStaff, followMagicLink, type SignedInStaff, signedInStaff, signIn } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let app: App;
let admin: SignedInStaff;
let agent: SignedInStaff;
let viewer: SignedInStaff;

// Sign-in throttling is tested in sign-in.test.ts; here every request comes from its own address,
// so the many sign-ins of this file share one table without being limited.
const build = (d: Deps) => createApp(d, { clientAddress: () => randomUUID() });

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = build(deps);
  admin = await signedInStaff(app, deps, "admin");
  agent = await signedInStaff(app, deps, "agent");
  viewer = await signedInStaff(app, deps, "viewer");
});

async function submitFeedback(message = "The ticket machine at the north exit eats coins") {
  const response = await callJson(app, "POST", "/api/feedback", { body: { message } });
  return (await response.json()) as { id: string; trackingToken: string };
}

const feedback = async (id: string) =>
  (await (await callJson(app, "GET", `/api/feedback/${id}`, { as: admin })).json()) as {
    status: string;
    version: number;
    mergedInto?: string;
  };

/** A form post as another site's page would send it: the browser attaches the cookie, nothing else. */
const crossSiteForm = (path: string, fields: Record<string, string>, cookie: string, csrfHeader?: string) =>
  app.request(path, {
    method: "POST",
    headers: {
      cookie,
      "content-type": "application/x-www-form-urlencoded",
      ...(csrfHeader === undefined ? {} : { "x-csrf-token": csrfHeader }),
    },
    body: new URLSearchParams(fields).toString(),
  });

describe("CSRF protection", () => {
  it("refuses a cross-site form post that carries the session cookie but no CSRF token, and changes nothing", async () => {
    const [a, b] = [await submitFeedback(), await submitFeedback()];
    const response = await crossSiteForm(`/api/feedback/${a.id}/merge`, { intoId: b.id }, admin.cookie);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "csrf_failed" } });
    expect(await feedback(a.id)).toMatchObject({ status: "new", version: 1 });
    expect(await feedback(b.id)).toMatchObject({ version: 1 });
  });

  it("refuses a form post whose _csrf field is not the session's token", async () => {
    const email = `csrf-${randomUUID()}@example.org`;
    const response = await crossSiteForm(
      "/api/staff",
      { email, role: "admin", _csrf: `${admin.csrfToken.slice(0, -1)}x` },
      admin.cookie,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "csrf_failed" } });
    expect(await deps.staff.findByEmail(email)).toBeUndefined();
  });

  it("refuses another session's CSRF token, in the header or in a JSON request", async () => {
    const { id } = await submitFeedback();
    const withOthers = await app.request(`/api/feedback/${id}`, {
      method: "PATCH",
      headers: { cookie: admin.cookie, "x-csrf-token": agent.csrfToken, "content-type": "application/json" },
      body: JSON.stringify({ version: 1, status: "closed" }),
    });
    const withNone = await app.request(`/api/feedback/${id}`, {
      method: "PATCH",
      headers: { cookie: admin.cookie, "content-type": "application/json" },
      body: JSON.stringify({ version: 1, status: "closed" }),
    });
    expect([withOthers.status, withNone.status]).toEqual([403, 403]);
    expect(await withNone.json()).toMatchObject({ error: { code: "csrf_failed" } });
    expect(await feedback(id)).toMatchObject({ status: "new", version: 1 });
  });

  it("refuses a cross-site logout: the session survives it", async () => {
    const response = await crossSiteForm("/auth/logout", {}, viewer.cookie);
    expect(response.status).toBe(403);
    expect((await app.request("/api/me", { headers: { cookie: viewer.cookie } })).status).toBe(200);
  });

  it("accepts the right token in the _csrf field of a form post", async () => {
    const session = await signIn(app, deps, agent.staff.email);
    const response = await crossSiteForm("/auth/logout", { _csrf: session.csrfToken }, session.cookie);
    expect(response.status).toBe(303);
    expect((await app.request("/api/me", { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it("asks no CSRF token of a request authenticated by API token", async () => {
    const { id } = await submitFeedback();
    const response = await app.request(`/api/feedback/${id}`, {
      method: "PATCH",
      headers: { authorization: agent.bearer, "content-type": "application/json" },
      body: JSON.stringify({ version: 1, status: "triaged" }),
    });
    expect(response.status).toBe(200);
    expect(await feedback(id)).toMatchObject({ status: "triaged", version: 2 });
  });

  it("tells API-token callers there is no CSRF token", async () => {
    const me = await callJson(app, "GET", "/api/me", { as: agent, via: "token" });
    expect(await me.json()).toMatchObject({ staff: { id: agent.staff.id, role: "agent" }, csrfToken: null });
  });
});

describe("sessions and tokens of changed staff", () => {
  it("stops a deactivated member's session and API tokens on their next request", async () => {
    const leaver = await signedInStaff(app, deps, "manager");
    expect((await callJson(app, "GET", "/api/feedback", { as: leaver })).status).toBe(200);
    expect((await callJson(app, "GET", "/api/feedback", { as: leaver, via: "token" })).status).toBe(200);

    const change = await callJson(app, "PATCH", `/api/staff/${leaver.staff.id}`, {
      as: admin,
      body: { active: false },
    });
    expect(change.status).toBe(200);
    expect(await change.json()).toMatchObject({ id: leaver.staff.id, active: false });

    expect((await callJson(app, "GET", "/api/feedback", { as: leaver })).status).toBe(401);
    expect((await callJson(app, "GET", "/api/feedback", { as: leaver, via: "token" })).status).toBe(401);
    expect((await callJson(app, "GET", "/api/me", { as: leaver })).status).toBe(401);
  });

  it("sends a deactivated member no sign-in link", async () => {
    const gone = await createStaff(deps, "agent", { active: false });
    await expect(signIn(app, deps, gone.email)).rejects.toThrow(/expected one new sign-in mail/);
  });

  it("applies a role change on the member's next request", async () => {
    const member = await signedInStaff(app, deps, "agent");
    const { id } = await submitFeedback();
    const asAgent = await callJson(app, "PATCH", `/api/feedback/${id}`, {
      as: member,
      body: { version: 1, status: "triaged" },
    });
    expect(asAgent.status).toBe(200);

    await callJson(app, "PATCH", `/api/staff/${member.staff.id}`, { as: admin, body: { role: "viewer" } });
    for (const via of ["session", "token"] as const) {
      const asViewer = await callJson(app, "PATCH", `/api/feedback/${id}`, {
        as: member,
        via,
        body: { version: 2, status: "closed" },
      });
      expect(asViewer.status).toBe(403);
    }
    const me = await callJson(app, "GET", "/api/me", { as: member });
    expect(await me.json()).toMatchObject({ staff: { role: "viewer" } });
    expect(await feedback(id)).toMatchObject({ status: "triaged", version: 2 });
  });
});

describe("what each role may do", () => {
  it("refuses an agent who invites or changes staff, but lets them list staff", async () => {
    const email = `by-agent-${randomUUID()}@example.org`;
    const invite = await callJson(app, "POST", "/api/staff", { as: agent, body: { email, role: "admin" } });
    const promote = await callJson(app, "PATCH", `/api/staff/${agent.staff.id}`, {
      as: agent,
      body: { role: "admin" },
    });
    expect([invite.status, promote.status]).toEqual([403, 403]);
    expect(await invite.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await deps.staff.findByEmail(email)).toBeUndefined();
    expect(await deps.staff.get(agent.staff.id)).toMatchObject({ role: "agent" });
    expect((await callJson(app, "GET", "/api/staff", { as: agent })).status).toBe(200);
  });

  it("refuses a viewer who changes, merges or bulk-updates feedback", async () => {
    const [a, b] = [await submitFeedback(), await submitFeedback()];
    const patch = await callJson(app, "PATCH", `/api/feedback/${a.id}`, {
      as: viewer,
      body: { version: 1, status: "closed" },
    });
    const merge = await callJson(app, "POST", `/api/feedback/${a.id}/merge`, { as: viewer, body: { intoId: b.id } });
    const bulk = await callJson(app, "POST", "/api/feedback/bulk", {
      as: viewer,
      via: "token",
      body: { ids: [a.id], changes: { status: "closed" } },
    });
    expect([patch.status, merge.status, bulk.status]).toEqual([403, 403, 403]);
    expect(await feedback(a.id)).toMatchObject({ status: "new", version: 1 });
  });

  it("lets a viewer read feedback and create an API token of their own", async () => {
    const { id } = await submitFeedback();
    expect((await callJson(app, "GET", `/api/feedback/${id}`, { as: viewer })).status).toBe(200);
    const created = await callJson(app, "POST", "/api/tokens", { as: viewer, body: { name: "reporting" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ apiToken: { staffId: viewer.staff.id, name: "reporting" } });
  });
});

describe("staff management", () => {
  it("refuses to demote or deactivate the last active admin", async () => {
    const { deps: lone } = await createTestTable();
    const loneApp = build(lone);
    const onlyAdmin = await signedInStaff(loneApp, lone, "admin");
    for (const change of [{ role: "manager" }, { active: false }]) {
      const response = await callJson(loneApp, "PATCH", `/api/staff/${onlyAdmin.staff.id}`, {
        as: onlyAdmin,
        body: change,
      });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: "conflict" } });
    }
    expect(await lone.staff.get(onlyAdmin.staff.id)).toMatchObject({ role: "admin", active: true });

    // With a second admin, the first may step down.
    const second = await createStaff(lone, "admin");
    const stepDown = await callJson(loneApp, "PATCH", `/api/staff/${onlyAdmin.staff.id}`, {
      as: onlyAdmin,
      body: { role: "manager" },
    });
    expect(stepDown.status).toBe(200);
    const demoteLast = await callJson(loneApp, "PATCH", `/api/staff/${second.id}`, {
      as: onlyAdmin,
      via: "token",
      body: { role: "viewer" },
    });
    expect(demoteLast.status).toBe(403); // no longer an admin, on the very next request
  });

  it("keeps an active admin when the last two admins step down at the same moment", async () => {
    const { deps: pair } = await createTestTable();
    const pairApp = build(pair);
    const [first, second] = [await signedInStaff(pairApp, pair, "admin"), await signedInStaff(pairApp, pair, "admin")];
    const answers = await Promise.all(
      [first, second].map((self) =>
        callJson(pairApp, "PATCH", `/api/staff/${self.staff.id}`, { as: self, via: "token", body: { active: false } }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const admins = (await pair.staff.list()).filter((s) => s.role === "admin" && s.active);
    expect(admins).toHaveLength(1);
  });

  it("answers 409 to an invitation for an address that is already staff, whatever its case", async () => {
    const response = await callJson(app, "POST", "/api/staff", {
      as: admin,
      body: { email: agent.staff.email.toUpperCase(), role: "viewer" },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "conflict" } });
    expect(await deps.staff.get(agent.staff.id)).toMatchObject({ role: "agent" });
  });

  it("mails an invitation to a new member, who can then sign in with the role given", async () => {
    const email = `invited-${randomUUID()}@example.org`;
    const response = await callJson(app, "POST", "/api/staff", {
      as: admin,
      body: { email, name: "Ines Invited", role: "manager" },
    });
    expect(response.status).toBe(201);
    const invited = (await response.json()) as Staff;
    expect(invited).toMatchObject({ email, role: "manager", active: true, invitedBy: admin.staff.id });

    const notification = await deps.notifications.find(invitationPurpose(invited.id));
    expect(notification).toMatchObject({
      kind: "invitation",
      status: "pending",
      recipient: { email, name: "Ines Invited" },
      content: { url: "http://feedback.test/console/sign-in", role: "manager" },
    });

    const session = await signIn(app, deps, email);
    expect(session.staff).toMatchObject({ id: invited.id, role: "manager" });
  });

  it("answers 422 to an invitation without a valid address or role", async () => {
    const badEmail = await callJson(app, "POST", "/api/staff", { as: admin, body: { email: "nope", role: "agent" } });
    const badRole = await callJson(app, "POST", "/api/staff", {
      as: admin,
      body: { email: `r-${randomUUID()}@example.org`, role: "owner" },
    });
    expect([badEmail.status, badRole.status]).toEqual([422, 422]);
  });

  it("answers 404 when changing someone who is not staff", async () => {
    const response = await callJson(app, "PATCH", "/api/staff/01ARZ3NDEKTSV4RRFFQ69G5FAV", {
      as: admin,
      body: { role: "viewer" },
    });
    expect(response.status).toBe(404);
  });
});

describe("sessions", () => {
  it("ends the session on logout: the cookie is cleared and signs nobody in afterwards", async () => {
    const session = await signIn(app, deps, viewer.staff.email);
    const response = await app.request("/auth/logout", {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/json" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/fb_session=;.*Max-Age=0/);
    expect((await app.request("/api/me", { headers: { cookie: session.cookie } })).status).toBe(401);
    // The person's other sessions go on.
    expect((await app.request("/api/me", { headers: { cookie: viewer.cookie } })).status).toBe(200);
  });

  it("refuses a session cookie that was never issued, and an Authorization header that is not a bearer token", async () => {
    const forged = await app.request("/api/me", { headers: { cookie: `fb_session=${"A".repeat(43)}` } });
    const basic = await app.request("/api/me", {
      headers: { cookie: admin.cookie, authorization: "Basic YWRtaW46YWRtaW4=" },
    });
    expect([forged.status, basic.status]).toEqual([401, 401]);
  });

  it("sets the session cookie HttpOnly, SameSite=Lax, on the whole site, and not Secure over plain HTTP", async () => {
    const member = await createStaff(deps, "viewer");
    const cookie = await callbackCookie(app, deps, member.email);
    expect(cookie).toMatch(/^fb_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it("sets the session cookie Secure when the site is served over HTTPS", async () => {
    const httpsDeps: Deps = { ...deps, config: { ...deps.config, publicUrl: "https://feedback.test" } };
    const httpsApp = build(httpsDeps);
    const member = await createStaff(httpsDeps, "viewer");
    const cookie = await callbackCookie(httpsApp, httpsDeps, member.email);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);

    const session = await signIn(httpsApp, httpsDeps, member.email);
    const logout = await httpsApp.request("/auth/logout", {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/json" },
    });
    expect(logout.headers.getSetCookie().join("\n")).toMatch(/fb_session=;.*Secure/);
  });
});

/** The whole Set-Cookie header of the session cookie that following a fresh magic link sets. */
async function callbackCookie(target: App, d: Deps, email: string): Promise<string> {
  const callback = await followMagicLink(target, d, email);
  expect(callback.status).toBe(303);
  return callback.headers.getSetCookie().find((header) => header.startsWith("fb_session=")) ?? "";
}
