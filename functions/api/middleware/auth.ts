import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { matchedRoutes } from "hono/route";
import { allows } from "../../../shared/auth/permissions";
import { authenticateApiToken, authenticateSession } from "../../../shared/auth/sign-in";
import type { Deps } from "../../../shared/deps";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../../shared/errors";
import type { AppEnv } from "../env";
import { isStaffArea, routeAccess } from "../route-permissions";
import { checkCsrfToken, checkOrigin } from "./csrf";

/** The session cookie's name. */
export const SESSION_COOKIE = "fb_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The method and path pattern of the route that will answer this request: the first
 * method-specific route that matches, as Hono runs them in the order they were registered.
 */
function routeOf(c: Context): string | undefined {
  const route = matchedRoutes(c).find((r) => r.method !== "ALL");
  return route ? `${route.method} ${route.path}` : undefined;
}

/**
 * Finds who is calling (session cookie or `Authorization: Bearer` API token), then applies the
 * route's access rule from `routeAccess`: anonymous callers get 401, callers whose role lacks the
 * permission 403, and staff-area routes missing from the table are refused outright. A request
 * authenticated by cookie that changes state must come from a page of this site (its Origin,
 * Sec-Fetch-Site and Referer) and carry the session's CSRF token.
 */
export const guard =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const route = routeOf(c);
    const access = route ? routeAccess[route] : undefined;
    if (access === "public") return next();
    if (access === undefined) {
      if (!route || !isStaffArea(c.req.path)) return next();
      throw new ForbiddenError(`no one may use ${route} yet: it has no access rule`);
    }
    const principal = await authenticate(deps, c);
    if (!principal) throw new UnauthorizedError();
    c.set("principal", principal);
    if (access !== "signed-in" && !allows(principal.staff.role, access)) throw new ForbiddenError();
    if (principal.via === "session" && !SAFE_METHODS.has(c.req.method)) {
      checkOrigin(c, deps.config.publicUrl);
      await checkCsrfToken(c, principal.csrfToken);
    }
    return next();
  };

async function authenticate(deps: Deps, c: Context) {
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const [scheme, token] = authorization.split(" ");
    return scheme?.toLowerCase() === "bearer" && token ? authenticateApiToken(deps, token) : undefined;
  }
  const session = getCookie(c, SESSION_COOKIE);
  return session ? authenticateSession(deps, session) : undefined;
}

/** The signed-in principal of a guarded route (the guard has put it there). */
export function principalOf(c: Context<AppEnv>) {
  const principal = c.get("principal");
  if (!principal) throw new NotFoundError();
  return principal;
}
