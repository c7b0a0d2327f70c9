import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import { languageDetector } from "hono/language";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import type { Deps } from "../../shared/deps";
import { databaseAnswers } from "../../shared/health";
import { locales } from "../../shared/i18n/locales";
import type { AppEnv } from "./env";
import { accessLog } from "./middleware/access-log";
import { guard } from "./middleware/auth";
import { limitBody } from "./middleware/body";
import { noStore } from "./middleware/cache";
import { errorResponse, methodNotAllowedResponse, notFound } from "./middleware/errors";
import { headContentLength } from "./middleware/head";
import { rateLimit } from "./middleware/rate-limit";
import { noIndex, robotsTxt } from "./middleware/robots";
import { securityHeaders } from "./middleware/security";
import { buildOpenApiDocument } from "./openapi/document";
import { DocsPage } from "./pages/docs";
import { assetRoutes } from "./routes/assets";
import { authRoutes } from "./routes/auth";
import { consoleRoutes } from "./routes/console";
import { consoleGoalsRoutes } from "./routes/console-goals";
import { consolePeopleRoutes } from "./routes/console-people";
import { feedbackApi } from "./routes/feedback";
import { goalsApi } from "./routes/goals-api";
import { observationsApi } from "./routes/observations-api";
import { pages } from "./routes/pages";
import { peopleApi } from "./routes/people-api";
import { privacyApi } from "./routes/privacy-api";
import { staffApi } from "./routes/staff-api";

/** Largest body intake accepts: a 5000-character message in any script fits many times over. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  /** How this host sees the client's address (API Gateway's source IP, or the socket's). */
  clientAddress: (c: Context) => string | undefined;
}

/** The HTTP app: the same on Lambda and on Node. It knows nothing of either. */
export function createApp(deps: Deps, options: AppOptions) {
  const intakeLimit = rateLimit({
    scope: "intake",
    limit: deps.config.intakeRateLimit,
    windowSeconds: 60,
    repository: deps.rateLimits,
    clientAddress: options.clientAddress,
    now: deps.now,
  });
  const signInLimit = rateLimit({
    scope: "magic-client",
    limit: 20,
    windowSeconds: 900,
    repository: deps.rateLimits,
    clientAddress: options.clientAddress,
    now: deps.now,
  });
  const subscribeLimit = rateLimit({
    scope: "subscribe-client",
    limit: 20,
    windowSeconds: 900,
    repository: deps.rateLimits,
    clientAddress: options.clientAddress,
    now: deps.now,
  });
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;
  const openApiDocument = () => {
    openApi ??= buildOpenApiDocument(deps.config.publicUrl);
    return openApi;
  };

  const compressAnswers = compress();
  const app = new Hono<AppEnv>();
  app
    .use(requestId())
    .use(accessLog())
    // HTML, JSON, CSS and JS go out gzip'd (or deflated) to clients that accept it, here and on
    // Lambda (whose adapter base64-encodes a compressed body for API Gateway). It leaves HEAD, 304s
    // and `Cache-Control: no-transform` alone, and streams what it compresses.
    // Answers to API writes (an intake's `201`) are a few hundred bytes: not worth compressing.
    .use((c, next) => (c.req.path.startsWith("/api/") && c.req.method !== "GET" ? next() : compressAnswers(c, next)))
    .use(headContentLength())
    .use(securityHeaders(deps.config.embedOrigins, deps.config.publicUrl.startsWith("https:")))
    .use(
      languageDetector({
        supportedLanguages: [...locales],
        fallbackLanguage: "en",
        order: ["querystring", "header"],
        lookupQueryString: "lang",
        caches: false,
      }),
    )
    .use("/api/*", limitBody(MAX_BODY_BYTES))
    .use("/feedback", limitBody(MAX_BODY_BYTES))
    .use("/you-said-we-did/*", limitBody(MAX_BODY_BYTES))
    .use("/auth/*", limitBody(MAX_BODY_BYTES))
    .use("/console/*", limitBody(MAX_BODY_BYTES))
    // What is signed in, or reached with a customer's own token, is nobody else's to keep.
    .use("/api/*", noStore())
    .use("/console", noStore())
    .use("/console/*", noStore())
    .use("/auth/*", noStore())
    .use("/track/*", noStore())
    .use(noIndex())
    // A known path asked with another method: 405 with `Allow`, in the error shape the path calls for.
    .use(methodNotAllowed({ app, onMethodNotAllowed: methodNotAllowedResponse }))
    .use(guard(deps))
    .post("/auth/magic-link", signInLimit)
    .post("/api/feedback", intakeLimit)
    .post("/feedback", intakeLimit)
    .post("/api/you-said-we-did/:actionId/subscribe", subscribeLimit)
    .post("/you-said-we-did/:actionId/subscribe", subscribeLimit)
    .get("/healthz", async (c) => {
      const ok = await databaseAnswers(deps);
      return c.json({ ok }, ok ? 200 : 503);
    })
    .get("/robots.txt", (c) => c.text(robotsTxt, 200, { "Cache-Control": "public, max-age=86400" }))
    .get("/openapi.json", (c) => c.json(openApiDocument()))
    .get("/docs", (c) => c.html(<DocsPage document={openApiDocument()} />))
    .route("/api", feedbackApi(deps))
    .route("/api", privacyApi(deps))
    .route("/api", staffApi(deps))
    .route("/api", goalsApi(deps))
    .route("/api", observationsApi(deps))
    .route("/api", peopleApi(deps))
    .route("/", authRoutes(deps))
    .route("/", consoleRoutes(deps))
    .route("/", consoleGoalsRoutes(deps))
    .route("/", consolePeopleRoutes(deps))
    .route("/", assetRoutes())
    .route("/", pages(deps));

  app.onError(errorResponse);
  app.notFound(notFound);
  return app;
}

export type App = ReturnType<typeof createApp>;
