import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import { languageDetector } from "hono/language";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import type { Deps } from "../../shared/deps";
import { locales } from "../../shared/i18n/locales";
import type { AppEnv } from "./env";
import { accessLog } from "./middleware/access-log";
import { guard } from "./middleware/auth";
import { limitBody } from "./middleware/body";
import { noStore } from "./middleware/cache";
import { errorResponse, methodNotAllowedResponse, notFound } from "./middleware/errors";
import { headContentLength } from "./middleware/head";
import { formOnce } from "./middleware/once";
import { rateLimit } from "./middleware/rate-limit";
import { noIndex } from "./middleware/robots";
import { securityHeaders } from "./middleware/security";

/** Largest body intake accepts: a 5000-character message in any script fits many times over. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  /** How this host sees the client's address (API Gateway's source IP, or the socket's). */
  clientAddress: (c: Context) => string | undefined;
}

/** A limit of requests per client per window, counted in the table (0 turns it off). */
export const perClient = (deps: Deps, options: AppOptions, scope: string, limit: number, windowSeconds: number) =>
  rateLimit({
    scope,
    limit,
    windowSeconds,
    repository: deps.rateLimits,
    clientAddress: options.clientAddress,
    now: deps.now,
  });

/**
 * A web app with what every answer of either web function goes through: request id, access log,
 * compression, HEAD lengths, security headers, the reader's language, body limits, no-store and
 * noindex where they apply, 405 with `Allow`, and the guard that applies each route's permission
 * (`route-permissions.ts`). `mount` adds the routes; errors get the one error shape.
 */
export function webApp(deps: Deps, mount: (app: Hono<AppEnv>) => void) {
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
    // After the guard, which knows who is signed in: a console form sent twice is done once.
    .use("/console/*", formOnce(deps));
  mount(app);
  app.onError(errorResponse);
  app.notFound(notFound);
  return app;
}
