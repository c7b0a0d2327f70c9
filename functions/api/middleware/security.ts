import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** The embeddable form and its post (`/feedback?embed=1`) may be framed; nothing else may. */
export const isEmbeddable = (c: Context) =>
  c.req.path === "/embed" || (c.req.path === "/feedback" && c.req.query("embed") === "1");

/**
 * The console's goal pages load our own scripts (Chart.js and `/assets/goal-chart.js`, for the
 * chart): they alone get `script-src 'self'` (never inline script). Every other answer, public
 * pages and the rest of the console, keeps a CSP without any script source.
 */
export const runsOwnScripts = (c: Context) => c.req.path.startsWith("/console/goals/");

/**
 * Security headers for every answer: a strict CSP (no script at all, styles from our own origin),
 * `frame-ancestors` that lets only the embeddable form be framed, by `embedOrigins`, and HSTS when
 * the product is served over HTTPS.
 */
export const securityHeaders = (embedOrigins: string, https: boolean): MiddlewareHandler => {
  const headers = secureHeaders({
    // HSTS means nothing over plain HTTP (a laptop), and must not stick to localhost.
    strictTransportSecurity: https ? "max-age=63072000; includeSubDomains" : false,
    xFrameOptions: false,
    crossOriginResourcePolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: [(c) => (isEmbeddable(c) ? embedOrigins : "'none'")],
    },
    // Nothing to other sites (tracking tokens sit in URLs); our own origin to us, so that a form
    // post from our pages names its Origin (with no-referrer, browsers send `Origin: null`).
    referrerPolicy: "same-origin",
  });
  return async (c, next) => {
    await headers(c, next);
    const csp = c.res.headers.get("Content-Security-Policy");
    if (csp && runsOwnScripts(c)) c.res.headers.set("Content-Security-Policy", `${csp}; script-src 'self'`);
  };
};
