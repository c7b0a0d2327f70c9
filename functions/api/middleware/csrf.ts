import type { Context } from "hono";
import { AppError } from "../../../shared/errors";

/** The one refusal of a state change that may not come from a page of this site (403 `csrf_failed`). */
const csrfFailed = (message = "this request did not come from a page of this site; reload and try again") =>
  new AppError(403, "csrf_failed", message);

/** A URL's origin (`https://host:port`), or undefined when it is not a URL with one. */
function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * The origins that count as this site: the request's own (scheme and host of the URL it was
 * sent to) and that of `publicUrl` (the product's public address, which a proxy or API Gateway
 * in front may hide from the request URL).
 */
const siteOrigins = (c: Context, publicUrl: string) =>
  new Set([originOf(c.req.url), originOf(publicUrl)].filter((o): o is string => o !== undefined));

/**
 * Refuses a cookie-authenticated state change that a browser says comes from another site: an
 * `Origin` that is not this site's (`null` included), a `Sec-Fetch-Site` other than same-origin
 * (or `none`, a person's own navigation), or a `Referer` on another origin. Each header that is
 * there must agree; a client that sends none of them (not a browser) is judged by its CSRF token alone.
 */
export function checkOrigin(c: Context, publicUrl: string) {
  const ours = siteOrigins(c, publicUrl);
  const origin = c.req.header("origin");
  if (origin !== undefined && !ours.has(origin.trim())) throw csrfFailed("this request comes from another site");
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    throw csrfFailed("this request comes from another site");
  }
  const referer = c.req.header("referer");
  if (referer !== undefined && !ours.has(originOf(referer) ?? "")) {
    throw csrfFailed("this request comes from another site");
  }
}

/** The session's CSRF token must come back in `X-CSRF-Token` or a `_csrf` form field. */
export async function checkCsrfToken(c: Context, expected: string | undefined) {
  let given = c.req.header("x-csrf-token");
  const type = c.req.header("content-type") ?? "";
  if (!given && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
    const form = await c.req.parseBody();
    given = typeof form._csrf === "string" ? form._csrf : undefined;
  }
  if (!expected || given !== expected) throw csrfFailed();
}
