import { type Context, Hono } from "hono";
import { etag } from "hono/etag";
import type { AppEnv } from "../env";
import { type AssetName, assetNames, readAsset } from "../static-assets";

function serve(c: Context<AppEnv>, name: AssetName) {
  const asset = readAsset(name);
  if (!asset) return c.text("not found", 404, { "Cache-Control": "no-store" });
  const current = c.req.query("v") === asset.hash;
  return c.body(asset.body, 200, {
    "Content-Type": asset.contentType,
    // The current version's URL never changes content; an unversioned (or stale) URL revalidates.
    "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=86400, must-revalidate",
    ETag: `"${asset.hash}"`,
    // Said here, not only by the compression middleware, so that a 304 carries it too.
    Vary: "Accept-Encoding",
    "X-Content-Type-Options": "nosniff",
  });
}

/**
 * `GET /assets/<name>` for each static asset, with its content hash as a strong ETag. Hono's etag
 * middleware answers a matching `If-None-Match` with 304; it compares weakly, so the `W/` that
 * compression puts before the tag still matches.
 */
export function assetRoutes() {
  const routes = new Hono<AppEnv>().use("/assets/*", etag());
  for (const name of assetNames) routes.get(`/assets/${name}`, (c) => serve(c, name));
  return routes;
}
