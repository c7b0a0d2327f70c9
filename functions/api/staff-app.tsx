import type { Hono } from "hono";
import type { Deps } from "../../shared/deps";
import type { AppEnv } from "./env";
import { assetRoutes } from "./routes/assets";
import { authRoutes } from "./routes/auth";
import { consoleRoutes } from "./routes/console";
import { consoleActionRoutes } from "./routes/console-actions";
import { consoleGoalsRoutes } from "./routes/console-goals";
import { consolePeopleRoutes } from "./routes/console-people";
import { consoleWebhooksRoutes } from "./routes/console-webhooks";
import { goalsApi } from "./routes/goals-api";
import { observationsApi } from "./routes/observations-api";
import { peopleApi } from "./routes/people-api";
import { privacyApi } from "./routes/privacy-api";
import { staffApi } from "./routes/staff-api";
import { webhooksApi } from "./routes/webhooks-api";
import { type AppOptions, perClient, webApp } from "./web";

/** What staff reach: sign-in, the console, and the staff API (each route's permission in `route-permissions.ts`). */
export function mountStaff(app: Hono<AppEnv>, deps: Deps, options: AppOptions) {
  app
    .post("/auth/magic-link", perClient(deps, options, "magic-client", 20, 900))
    .route("/api", privacyApi(deps))
    .route("/api", staffApi(deps))
    .route("/api", goalsApi(deps))
    .route("/api", observationsApi(deps))
    .route("/api", webhooksApi(deps))
    .route("/api", peopleApi(deps))
    .route("/", authRoutes(deps))
    .route("/", consoleRoutes(deps))
    .route("/", consoleGoalsRoutes(deps))
    .route("/", consoleActionRoutes(deps))
    .route("/", consoleWebhooksRoutes(deps))
    .route("/", consolePeopleRoutes(deps));
}

/** The staff web function's app. */
export function createStaffApp(deps: Deps, options: AppOptions) {
  return webApp(deps, (app) => {
    mountStaff(app, deps, options);
    app.route("/", assetRoutes());
  });
}
