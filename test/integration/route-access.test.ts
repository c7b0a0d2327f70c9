import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import type { AppEnv } from "../../functions/api/env";
import { guard } from "../../functions/api/middleware/auth";
import { errorResponse } from "../../functions/api/middleware/errors";
import { routeAccess } from "../../functions/api/route-permissions";
import { allows } from "../../shared/auth/permissions";
import { roles } from "../../shared/entities/staff";
import { newId } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { type SignedInStaff, signedInStaff, signIn } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

// One table and one app for the whole file: every case below only reads, or is refused before it
// could change anything (bodies are empty, so allowed callers get a 4xx from validation).
const { deps } = await createTestTable();
// Sign-in throttling is tested elsewhere; here every request comes from its own address.
const app: App = createApp(deps, { clientAddress: () => randomUUID() });

/** Every route the app answers, as "METHOD /path", without the method-less middleware entries. */
const appRoutes = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
const tableRoutes = Object.keys(routeAccess);
const guardedRoutes = appRoutes.filter((route) => routeAccess[route] !== undefined && routeAccess[route] !== "public");

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const split = (route: string) => {
  const [method = "", path = ""] = route.split(" ");
  return { method, path };
};
const isConsole = (path: string) => path === "/console" || path.startsWith("/console/");

const people = {} as Record<(typeof roles)[number], SignedInStaff>;
let feedbackId = "";
/** Well-formed, never issued: a route that reads it answers 404, after the guard has let the caller in. */
const unknownId = newId();

/** The request path: a real feedback id where the route is about feedback, an unknown ULID elsewhere. */
const fill = (path: string) =>
  path.replace(/:(\w+)/g, (_, name: string) =>
    name === "id" && /\/feedback\/:id/.test(path) ? feedbackId : name === "token" ? "A".repeat(43) : unknownId,
  );

type Caller = { as?: SignedInStaff; via?: "session" | "token"; csrf?: boolean };

/** Calls a route with a minimal body: JSON `{}` for the API, a form with `_csrf` for console pages. */
function call(route: string, { as, via = "session", csrf = true }: Caller = {}) {
  const { method, path } = split(route);
  const headers: Record<string, string> = {};
  if (as && via === "token") headers.authorization = as.bearer;
  if (as && via === "session") headers.cookie = as.cookie;
  let body: string | undefined;
  if (UNSAFE.has(method)) {
    if (isConsole(path)) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = as && via === "session" && csrf ? new URLSearchParams({ _csrf: as.csrfToken }).toString() : "";
    } else {
      headers["content-type"] = "application/json";
      body = "{}";
      if (as && via === "session" && csrf) headers["x-csrf-token"] = as.csrfToken;
    }
  }
  return app.request(fill(path), { method, headers, body });
}

beforeAll(async () => {
  for (const role of roles) people[role] = await signedInStaff(app, deps, role);
  const submitted = await app.request("/api/feedback", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "The lift at platform 3 is broken again" }),
  });
  ({ id: feedbackId } = (await submitted.json()) as { id: string });
});

describe("the access table and the app agree", () => {
  it("finds the app's routes", () => {
    expect(appRoutes).toContain("GET /api/me");
    expect(appRoutes.length).toBeGreaterThan(20);
  });

  it("has an access rule for every route the app answers", () => {
    expect(appRoutes.filter((route) => !(route in routeAccess))).toEqual([]);
  });

  it("names no route the app does not answer", () => {
    expect(tableRoutes.filter((route) => !appRoutes.includes(route))).toEqual([]);
  });

  it("refuses everyone on a staff-area route that has no access rule", async () => {
    const unlisted = new Hono<AppEnv>().use(guard(deps)).get("/api/unlisted", (c) => c.text("reached"));
    unlisted.onError(errorResponse);
    const response = await unlisted.request("/api/unlisted", { headers: { authorization: people.admin.bearer } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

describe("anonymous callers", () => {
  it.each(guardedRoutes)("%s is refused without a session or token", async (route) => {
    const response = await call(route);
    const { method, path } = split(route);
    if (method === "GET" && isConsole(path)) {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/console/sign-in");
    } else {
      expect(response.status).toBe(401);
      if (!isConsole(path)) expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
  });
});

const roleCases = guardedRoutes.flatMap((route) => {
  const access = routeAccess[route];
  return roles.flatMap((role) =>
    (["session", "token"] as const).map((via) => {
      const allowed = access === "signed-in" || (access !== undefined && access !== "public" && allows(role, access));
      return { route, role, via, allowed, outcome: allowed ? "let in" : "refused with 403" };
    }),
  );
});

describe("signed-in callers, by role", () => {
  it.each(roleCases)("$route: $role via $via is $outcome", async ({ route, role, via, allowed }) => {
    // Logging out ends the session it is called with: use a session of its own.
    const who = route === "POST /auth/logout" && via === "session" ? await throwaway(people[role]) : people[role];
    const response = await call(route, { as: who, via });
    expect(response.status).toBeLessThan(500);
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect(response.status).toBe(403);
      if (!isConsole(split(route).path)) expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
  });
});

const unsafeRoutes = guardedRoutes.filter((route) => UNSAFE.has(split(route).method));

describe("cross-site requests", () => {
  it.each(unsafeRoutes)("%s refuses a session without its CSRF token", async (route) => {
    const response = await call(route, { as: people.admin, via: "session", csrf: false });
    expect(response.status).toBe(403);
    if (!isConsole(split(route).path)) expect(await response.json()).toMatchObject({ error: { code: "csrf_failed" } });
    // The session itself still works: the refusal ended nothing.
    expect((await app.request("/api/me", { headers: { cookie: people.admin.cookie } })).status).toBe(200);
  });
});

const idRoutes = guardedRoutes.filter((route) => route.includes("/:id") && !isConsole(split(route).path));

describe("malformed path parameters", () => {
  // DynamoDB refuses a partition key over 2048 bytes: such an id must be a 4xx, not a failed request.
  it.each(idRoutes)("%s answers an id too long to be a key with a 4xx", async (route) => {
    const { method, path } = split(route);
    const response = await app.request(path.replace(":id", "X".repeat(2100)), {
      method,
      headers: {
        authorization: people.admin.bearer,
        ...(UNSAFE.has(method) ? { "content-type": "application/json" } : {}),
      },
      body: UNSAFE.has(method) ? JSON.stringify({ version: 1, note: "n", intoId: feedbackId }) : undefined,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

/** A second session of the same person, for a case that ends its session. */
async function throwaway(person: SignedInStaff): Promise<SignedInStaff> {
  return { ...(await signIn(app, deps, person.staff.email)), bearer: person.bearer };
}
