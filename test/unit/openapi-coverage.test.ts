import { describe, expect, it } from "vitest";
import { honoPath } from "../../functions/api/openapi/operation";
import { routeAccess } from "../../functions/api/route-permissions";
import { errorCodes } from "../../shared/errors";
import { apiDocument as document } from "../helpers/api-document";
import { createApp } from "../helpers/app";
import { unitDeps } from "../helpers/unit-deps";

const app = createApp(unitDeps(), { clientAddress: () => "198.51.100.1" });

type Parameter = { name?: string; in?: string; $ref?: string };
type Response = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
};
type Operation = {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, Response>;
};
const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
const operations = Object.entries(paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    route: `${method.toUpperCase()} ${path}`,
    method,
    path,
    operation,
  })),
);
const byRoute = (route: string) => {
  const found = operations.find((o) => o.route === route);
  if (!found) throw new Error(`${route} is not in the document`);
  return found.operation;
};
const parameterNames = (operation: Operation) =>
  (operation.parameters ?? []).map((p) =>
    p.$ref
      ? (document.components.parameters as Record<string, { name: string }>)[p.$ref.split("/").pop() ?? ""]?.name
      : p.name,
  );

/** Routes that are not the API's: the staff console's pages, static assets, robots.txt. */
const notApi = (path: string) =>
  path === "/console" || path.startsWith("/console/") || path.startsWith("/assets/") || path === "/robots.txt";

/** Every route of the app, as OpenAPI writes it (`GET /api/feedback/{id}`). */
const appRoutes = [
  ...new Set(
    app.routes
      .filter((r) => r.method !== "ALL" && !notApi(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
  ),
];

describe("the OpenAPI document", () => {
  it.each(appRoutes)("describes %s", (route) => {
    expect(operations.map((o) => o.route)).toContain(route);
  });

  it("describes no operation the app does not have", () => {
    expect(operations.map((o) => o.route).filter((route) => !appRoutes.includes(route))).toEqual([]);
  });

  it("gives every operation a unique operationId and a tag the document declares", () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    const tags = document.tags.map((t) => t.name as string);
    for (const { route, operation } of operations)
      expect({ route, tags: operation.tags.filter((t) => !tags.includes(t)) }).toEqual({ route, tags: [] });
  });

  // Generated clients name their functions after these: a published one never changes.
  it.each([
    ["POST /api/feedback", "submitFeedback"],
    ["GET /api/track/{token}", "getTracking"],
    ["GET /api/you-said-we-did", "youSaidWeDid"],
    ["GET /healthz", "health"],
    ["GET /api/feedback/{id}", "getFeedback"],
    ["PATCH /api/feedback/{id}", "updateFeedback"],
    ["PATCH /api/actions/{id}", "updateAction"],
    ["POST /api/goals", "createGoal"],
  ])("keeps the published operationId of %s: %s", (route, id) => {
    expect(byRoute(route).operationId).toBe(id);
  });

  it.each(operations)("declares who may call $route as the guard enforces it", ({ method, path, operation }) => {
    const access = routeAccess[`${method.toUpperCase()} ${honoPath(path)}`];
    expect(access).toBeDefined();
    if (access === "public") expect(operation.security).toEqual([]);
    else expect(operation.security).toEqual([{ session: [] }, { apiToken: [] }]);
    if (access !== "public") expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["401", "403"]));
  });

  it.each(operations)("gives every body of $route a schema", ({ operation }) => {
    const media = [
      ...Object.values(operation.requestBody?.content ?? {}),
      ...Object.values(operation.responses).flatMap((r) => Object.values(r.content ?? {})),
    ];
    for (const m of media) expect(m.schema).toBeTypeOf("object");
  });

  it.each(operations)("gives $route a success or a redirect, and its 4XX answers", ({ route, operation }) => {
    const statuses = Object.keys(operation.responses);
    expect(statuses.some((s) => /^[23]/.test(s))).toBe(true);
    // These answer whatever they are asked (a page of their own, health, this document).
    const no4xx = ["GET /", "GET /embed", "GET /healthz", "GET /openapi.json", "GET /docs"];
    expect(statuses.some((s) => s.startsWith("4"))).toBe(!no4xx.includes(route));
  });

  it.each(operations.filter((o) => o.path.includes("{")))(
    "documents 404 for $route, which names a resource",
    ({ operation }) => {
      expect(Object.keys(operation.responses)).toContain("404");
    },
  );

  it.each(operations.filter((o) => o.operation.requestBody !== undefined))(
    "documents 413 and 415 for $route, which reads a body",
    ({ operation }) => {
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["413", "415"]));
    },
  );

  it.each(operations.filter((o) => o.method !== "get" && byRoute(o.route).security.length > 0))(
    "takes the X-CSRF-Token header on $route, a staff change of state",
    ({ operation }) => {
      expect(parameterNames(operation)).toContain("X-CSRF-Token");
    },
  );

  it("takes the Idempotency-Key header on the JSON intake", () => {
    expect(parameterNames(byRoute("POST /api/feedback"))).toContain("Idempotency-Key");
  });

  it.each(
    operations.flatMap((o) =>
      Object.entries(o.operation.responses)
        .filter(([s]) => s === "429" || s === "503")
        .map(([status, response]) => ({ route: o.route, status, response })),
    ),
  )("sends Retry-After with $route's $status", ({ route, status, response }) => {
    if (route === "GET /healthz" && status === "503") return;
    expect(Object.keys(response.headers ?? {})).toContain("Retry-After");
  });

  it("lists every error code the code has", () => {
    const error = document.components.schemas.Error as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(error.properties.error.properties.code.enum).toEqual([...errorCodes]);
  });
});

describe("the OpenAPI document's lists", () => {
  it.each([
    "/api/feedback",
    "/api/staff",
    "/api/goals",
    "/api/actions",
    "/api/tokens",
    "/api/you-said-we-did",
    "/api/webhooks",
    "/api/webhooks/{id}/deliveries",
  ])("documents the paging of GET %s: limit, cursor, a bad cursor and a bad limit", (path) => {
    const list = byRoute(`GET ${path}`);
    expect(parameterNames(list)).toEqual(expect.arrayContaining(["limit", "cursor"]));
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(["200", "400", "422"]));
  });

  it("types each query parameter from the schema that validates it", () => {
    const limit = byRoute("GET /api/feedback").parameters?.find((p) => p.name === "limit") as { schema: unknown };
    expect(limit.schema).toEqual({ type: "integer", minimum: 1, maximum: 100, default: 50 });
  });
});

describe("the API reference pages", () => {
  it.each([...document.tags.map((t) => t.name.toLowerCase()), "schemas"])("serves /docs/%s", async (section) => {
    const response = await app.request(`/docs/${section}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
  });

  it("shows every operation of a tag with its operationId, and answers 404 for no tag", async () => {
    const html = await (await app.request("/docs/goals")).text();
    for (const { operation } of operations.filter((o) => o.operation.tags.includes("Goals"))) {
      expect(html).toContain(`id="${operation.operationId}"`);
    }
    expect((await app.request("/docs/nothing")).status).toBe(404);
  });
});
