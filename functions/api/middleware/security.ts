import type { Context } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** The embeddable form and its post (`/feedback?embed=1`) may be framed; nothing else may. */
export const isEmbeddable = (c: Context) =>
  c.req.path === "/embed" || (c.req.path === "/feedback" && c.req.query("embed") === "1");

/**
 * Security headers for every answer: a strict CSP (no script at all, styles from our own origin),
 * `frame-ancestors` that lets only the embeddable form be framed, by `embedOrigins`, and HSTS when
 * the product is served over HTTPS.
 */
export const securityHeaders = (embedOrigins: string, https: boolean) =>
  secureHeaders({
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
    referrerPolicy: "no-referrer",
  });
