import type { Hono } from "hono";
import type { Deps } from "../../shared/deps";
import { NotFoundError } from "../../shared/errors";
import { databaseAnswers } from "../../shared/health";
import type { AppEnv } from "./env";
import { robotsTxt } from "./middleware/robots";
import { apiDocument } from "./openapi/served";
import { DocsPage, DocsSchemasPage, DocsTagPage, tagSlug } from "./pages/docs";
import { assetRoutes } from "./routes/assets";
import { feedbackApi } from "./routes/feedback";
import { pages } from "./routes/pages";
import { type AppOptions, perClient, webApp } from "./web";

/**
 * What the public reaches without signing in: the form and intake, tracking, the board and its
 * subscriptions, unsubscribe, the API document, health. This is all the public web function loads,
 * so a burst of intake starts fast; the API document is built on its first request only. Its modules
 * are imported statically: their lists are functions, so loading them does no work, and a dynamic
 * import would make the bundler wrap (and stop tree-shaking) nearly every module they reach.
 */
export function mountPublic(app: Hono<AppEnv>, deps: Deps, options: AppOptions) {
  const intakeLimit = perClient(deps, options, "intake", deps.config.intakeRateLimit, 60);
  const subscribeLimit = perClient(deps, options, "subscribe-client", 20, 900);
  const document = () => apiDocument(deps.config.publicUrl);
  app
    .post("/api/feedback", intakeLimit)
    .post("/feedback", intakeLimit)
    .post("/api/you-said-we-did/:actionId/subscribe", subscribeLimit)
    .post("/you-said-we-did/:actionId/subscribe", subscribeLimit)
    .get("/healthz", async (c) => {
      const ok = await databaseAnswers(deps);
      return c.json({ ok }, ok ? 200 : 503);
    })
    .get("/robots.txt", (c) => c.text(robotsTxt, 200, { "Cache-Control": "public, max-age=86400" }))
    .get("/openapi.json", (c) => c.json(document()))
    .get("/docs", (c) => c.html(<DocsPage document={document()} />))
    .get("/docs/:section", (c) => {
      const section = c.req.param("section");
      if (section === "schemas") return c.html(<DocsSchemasPage document={document()} />);
      const tag = document().tags.find((t) => tagSlug(t.name) === section);
      if (!tag) throw new NotFoundError("no such section of the API reference");
      return c.html(<DocsTagPage document={document()} tag={tag} />);
    })
    .route("/api", feedbackApi(deps))
    .route("/", pages(deps));
}

/** The public web function's app. */
export function createPublicApp(deps: Deps, options: AppOptions) {
  return webApp(deps, (app) => {
    mountPublic(app, deps, options);
    app.route("/", assetRoutes());
  });
}
