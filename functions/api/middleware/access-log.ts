import type { MiddlewareHandler } from "hono";
import { logger } from "../../../shared/logger";

/**
 * One structured log line per request, with its request id. It logs the matched route pattern
 * (`/track/:token`), never the path itself, so bearer tokens stay out of the logs.
 */
export const accessLog = (): MiddlewareHandler => async (c, next) => {
  const started = performance.now();
  await next();
  logger.info("request", {
    requestId: c.get("requestId"),
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    durationMs: Math.round(performance.now() - started),
  });
};
