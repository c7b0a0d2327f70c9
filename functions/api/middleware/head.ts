import type { MiddlewareHandler } from "hono";

/**
 * Gives a HEAD answer the Content-Length of the body its GET would send. Hono answers HEAD by
 * running the GET route and dropping the body, and a body made from a string carries no length
 * header of its own. HEAD is never compressed, so this is the length of the uncompressed body.
 */
export const headContentLength = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (c.req.method !== "HEAD" || !c.res.body || c.res.headers.has("Content-Length")) return;
  const length = (await c.res.clone().arrayBuffer()).byteLength;
  c.res.headers.set("Content-Length", String(length));
};
