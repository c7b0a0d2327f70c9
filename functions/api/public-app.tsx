import type { Hono } from "hono";
import type { Deps } from "../../shared/deps";
import { NotFoundError } from "../../shared/errors";
import { databaseAnswers } from "../../shared/health";
import type { AppEnv } from "./env";
import { robotsTxt } from "./middleware/robots";
import { assetRoutes } from "./routes/assets";
import { feedbackApi } from "./routes/feedback";
import { pages } from "./routes/pages";
import { type AppOptions, perClient, webApp } from "./web";

/**
 * What the public reaches without signing in: the form and intake, tracking, the board and its
 * subscriptions, unsubscribe, the API document, health. This is all the public web function loads,
 * so a burst of intake starts fast; the API document is built (and its modules run) on its first
 * request only.
 */
export function mountPublic(app: Hono<AppEnv>, deps: Deps, options: AppOptions) {
  const intakeLimit = perClient(deps, options, "intake", deps.config.intakeRateLimit, 60);
  const subscribeLimit = perClient(deps, options, "subscribe-client", 20, 900);
  const reference = async () => {
    const [{ apiDocument }, docs] = await Promise.all([import("./openapi/served"), import("./pages/docs")]);
    return { document: apiDocument(deps.config.publicUrl), docs };
  };
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
    .get("/openapi.json", async (c) => c.json((await reference()).document))
    .get("/docs", async (c) => {
      const { document, docs } = await reference();
      return c.html(<docs.DocsPage document={document} />);
    })
    .get("/docs/:section", async (c) => {
      const { document, docs } = await reference();
      const section = c.req.param("section");
      if (section === "schemas") return c.html(<docs.DocsSchemasPage document={document} />);
      const tag = document.tags.find((t) => docs.tagSlug(t.name) === section);
      if (!tag) throw new NotFoundError("no such section of the API reference");
      return c.html(<docs.DocsTagPage document={document} tag={tag} />);
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
