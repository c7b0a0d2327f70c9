import type { MiddlewareHandler } from "hono";

/** What belongs to one person (a tracking or unsubscribe link) or to staff (console, sign-in, API). */
const privatePrefixes = ["/console", "/track/", "/unsubscribe/", "/api/", "/auth/"];

const isPrivate = (path: string) => privatePrefixes.some((prefix) => path.startsWith(prefix));

/**
 * `X-Robots-Tag: noindex` on every answer under the private paths: a search engine that reaches
 * one anyway, through a link someone shared, must not list it. Set after the handler, so error
 * answers carry it too.
 */
export const noIndex = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (isPrivate(c.req.path)) c.res.headers.set("X-Robots-Tag", "noindex");
};

/** `/robots.txt`: crawlers may read the form and the public board, and none of the private paths. */
export const robotsTxt = ["User-agent: *", "Allow: /", ...privatePrefixes.map((p) => `Disallow: ${p}`), ""].join("\n");
