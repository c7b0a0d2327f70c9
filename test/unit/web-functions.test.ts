import { describe, expect, it } from "vitest";
import { createPublicApp } from "../../functions/api/public-app";
import { createStaffApp } from "../../functions/api/staff-app";
import { goesToPublic, publicRouteKeys } from "../../functions/api/web-routes";
import { unitDeps } from "../helpers/unit-deps";

const options = { clientAddress: () => "198.51.100.1" };
/** The routes an app answers (not its middleware), as method and a concrete path. */
const routesOf = (app: { routes: { method: string; path: string }[] }) =>
  app.routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)/g, "x-$1") }))
    .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i);

describe("the two web functions behind one HTTP API", () => {
  const publicRoutes = routesOf(createPublicApp(unitDeps(), options));
  const staffRoutes = routesOf(createStaffApp(unitDeps(), options));

  it("sends every route of the public app to the public function", () => {
    expect(publicRoutes.length).toBeGreaterThan(15);
    for (const route of publicRoutes) {
      if (route.path.startsWith("/assets/") && route.path !== "/assets/site.css") continue;
      expect(goesToPublic(route.method, route.path), `${route.method} ${route.path}`).toBe(true);
    }
  });

  it("sends every route of the staff app to the staff function, the sign-in and console included", () => {
    expect(staffRoutes.some((r) => r.path === "/console/sign-in")).toBe(true);
    for (const route of staffRoutes) {
      if (route.path === "/assets/site.css") continue;
      expect(goesToPublic(route.method, route.path), `${route.method} ${route.path}`).toBe(false);
    }
  });

  it("names no public route that the public app does not serve", () => {
    for (const key of publicRouteKeys) {
      const [method = "", path = ""] = key.split(" ");
      const concrete = path.replace(/\{(\w+)\}/g, "x-$1");
      const served = publicRoutes.some((r) => r.path === concrete && (method === "ANY" || r.method === method));
      expect(served, key).toBe(true);
    }
  });

  it("keeps the console out of the public app", () => {
    expect(publicRoutes.filter((r) => r.path.startsWith("/console") || r.path.startsWith("/auth"))).toEqual([]);
  });
});
