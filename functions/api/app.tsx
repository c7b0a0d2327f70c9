import type { Deps } from "../../shared/deps";
import { mountPublic } from "./public-app";
import { assetRoutes } from "./routes/assets";
import { mountStaff } from "./staff-app";
import { type AppOptions, webApp } from "./web";

export { type AppOptions, MAX_BODY_BYTES } from "./web";

/**
 * Both web functions' routes in one app, as the local host serves them on one port (and tests
 * call them). On AWS each runs as its own function behind the one HTTP API: the public one
 * (`public-app.tsx`) and the staff one (`staff-app.tsx`); `web-routes.ts` says which paths go where.
 */
export function createApp(deps: Deps, options: AppOptions) {
  return webApp(deps, (app) => {
    mountPublic(app, deps, options);
    mountStaff(app, deps, options);
    app.route("/", assetRoutes());
  });
}

export type App = ReturnType<typeof createApp>;
