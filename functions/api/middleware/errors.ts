import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { classifyFailure } from "../../../shared/db/failures";
import {
  AppError,
  MethodNotAllowedError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from "../../../shared/errors";
import { logger } from "../../../shared/logger";
import { ErrorPage } from "../pages/error";
import { pageLocale } from "../pages/locale";

/** Paths answered in JSON; every other path is a page and gets its errors as a page. */
export const isApiPath = (path: string) => path.startsWith("/api/") || path === "/healthz" || path === "/openapi.json";

/** Whether an error should be answered in JSON: API paths, and JSON requests to the others. */
const wantsJson = (c: Context) =>
  isApiPath(c.req.path) || (c.req.header("content-type") ?? "").toLowerCase().includes("json");

/**
 * The one place errors become answers: typed errors keep their status and message, in the JSON
 * error shape for the API and as a page for pages; a database refusal that may pass on its own is a
 * 503 with `Retry-After`; anything else is logged with the request id and
 * answered as a plain 500 that says nothing about the cause.
 */
export function errorResponse(error: unknown, c: Context): Response | Promise<Response> {
  const known = toAppError(error);
  if (!known) {
    logger.error("unhandled error", { requestId: c.get("requestId"), path: c.req.path, error: error as Error });
  }
  const status = (known?.status ?? 500) as ContentfulStatusCode;
  const code = known?.code ?? "internal_error";
  const message = known?.expose ? known.message : "something went wrong on our side";
  if (known instanceof RateLimitedError) c.header("Retry-After", String(known.retryAfterSeconds));
  if (known instanceof UnavailableError) c.header("Retry-After", "1");
  if (known instanceof MethodNotAllowedError) c.header("Allow", known.allowed.join(", "));
  // The console sends whoever is not signed in to the sign-in page.
  if (known instanceof UnauthorizedError && c.req.path.startsWith("/console") && c.req.method === "GET") {
    return c.redirect("/console/sign-in", 303);
  }
  if (wantsJson(c)) {
    const extra = { ...(known?.fields ? { fields: known.fields } : {}), ...(known?.details ?? {}) };
    return c.json({ error: { code, message, ...extra } }, status);
  }
  const inConsole = c.req.path === "/console" || c.req.path.startsWith("/console/");
  return c.html(ErrorPage({ locale: pageLocale(c), status, message, console: inConsole }), status);
}

/** Answers unknown routes with a 404 in the shape the path calls for. */
export const notFound = (c: Context) => errorResponse(new NotFoundError("no such page or resource"), c);

/** Answers a known path asked with a method it does not take: 405 with `Allow`, in the path's shape. */
export const methodNotAllowedResponse = (c: Context, allowed: string[]) =>
  errorResponse(new MethodNotAllowedError(allowed), c);

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  // The database refused for now (throttling, a conflicting transaction, a timeout) after the
  // client's own retries: nothing was decided, and the same request may succeed in a moment.
  if (classifyFailure(error) === "retry") {
    logger.warn("database refused for now", { error: error as Error });
    return new UnavailableError("the service is busy, try again in a moment");
  }
  // Hono's own middleware (e.g. a malformed request it cannot read) throws HTTPExceptions.
  if (error instanceof HTTPException && error.status < 500) {
    return new AppError(
      error.status,
      error.status === 404 ? "not_found" : "malformed_request",
      error.message || "bad request",
    );
  }
  return undefined;
}
