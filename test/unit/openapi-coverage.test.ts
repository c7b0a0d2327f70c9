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
