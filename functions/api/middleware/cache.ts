import type { MiddlewareHandler } from "hono";

/**
 * Marks answers as one person's own (a session, a CSRF token, a customer's words): no cache, the
 * browser's or a shared one, may keep them. Set after the handler, so error answers carry it too.
 */
export const noStore = (): MiddlewareHandler => async (c, next) => {
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};
