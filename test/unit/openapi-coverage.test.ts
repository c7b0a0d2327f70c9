import { describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { buildOpenApiDocument } from "../../functions/api/openapi/document";
import { unitDeps } from "../helpers/unit-deps";

const app = createApp(unitDeps(), { clientAddress: () => "198.51.100.1" });
const document = buildOpenApiDocument("http://feedback.test") as { paths: Record<string, Record<string, unknown>> };

/** Every JSON route of the app, as OpenAPI writes it: `GET /api/feedback/{id}`. */
const jsonRoutes = [
  ...new Set(
    app.routes
      .filter((r) => r.method !== "ALL" && (r.path.startsWith("/api/") || r.path.startsWith("/auth/")))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
  ),
];

describe("the OpenAPI document", () => {
  it.each(jsonRoutes)("describes %s", (route) => {
    const [method = "", path = ""] = route.split(" ");
    expect(document.paths[path]?.[method.toLowerCase()]).toBeDefined();
  });
});

type Operation = { parameters?: { name: string }[]; requestBody?: unknown; responses: Record<string, unknown> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(
    ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation as Operation] as const,
  ),
);

describe("the OpenAPI document's lists and bodies", () => {
  it.each([
    "/api/feedback",
    "/api/staff",
    "/api/goals",
    "/api/actions",
    "/api/tokens",
    "/api/webhooks",
    "/api/webhooks/{id}/deliveries",
  ])("documents the paging of GET %s: limit, cursor, a bad cursor and a bad limit", (path) => {
    const list = document.paths[path]?.get as Operation;
    expect(list.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["limit", "cursor"]));
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(["200", "400", "422"]));
  });

  it.each(operations.filter(([, operation]) => operation.requestBody !== undefined))(
    "documents 413 and 415 for %s, which reads a JSON body",
    (_, operation) => {
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["413", "415"]));
    },
  );
});
