import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";

/**
 * The browser scripts of the console's goal page: Chart.js (its UMD build, from node_modules) and
 * our `functions/api/assets/goal-chart.js`, which draws the goal's chart from the JSON the page
 * embeds. Both are public (they hold no data) and may be cached long: the page links them with a
 * `?v=<content hash>` (see {@link assetHref}), and a request with the current hash is immutable.
 *
 * The files are read lazily, on the first request (or `assetHref` call), never when the module is
 * loaded: on AWS the api function is one esbuild bundle, where the paths below (resolved relative
 * to this module and to node_modules) do not exist. There each file is looked for next to the
 * bundle as well, in `assets/` (the CDK construct must copy both files there, e.g. with a
 * `commandHooks.afterBundling` that copies them into `<outputDir>/assets/`); a file found nowhere
 * is answered with a 404, and nothing else of the app is affected.
 */

export const assetNames = ["chart.umd.min.js", "goal-chart.js"] as const;
export type AssetName = (typeof assetNames)[number];

interface Asset {
  body: string;
  hash: string;
}

/** Where each file may be: the source layout (or node_modules) first, then `assets/` next to a bundle. */
function candidates(name: AssetName): string[] {
  const nextToBundle = fileURLToPath(new URL(`./assets/${name}`, import.meta.url));
  if (name === "goal-chart.js")
    return [fileURLToPath(new URL("../assets/goal-chart.js", import.meta.url)), nextToBundle];
  const paths: string[] = [];
  try {
    // chart.js's `exports` map does not list its dist files: resolve the package, then its dist folder.
    paths.push(join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js"));
  } catch {
    // Not resolvable (a bundle without node_modules): only the copy next to the bundle is left.
  }
  paths.push(nextToBundle);
  return paths;
}

const loaded = new Map<AssetName, Asset | null>();

/** A file's text and content hash, read once per process; null when it is nowhere to be found. */
export function readAsset(name: AssetName): Asset | null {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const path = candidates(name).find((p) => existsSync(p));
  const asset = path ? { body: readFileSync(path, "utf8"), hash: "" } : null;
  if (asset) asset.hash = createHash("sha256").update(asset.body).digest("base64url").slice(0, 16);
  loaded.set(name, asset);
  return asset;
}

/** The URL a page links a script by: with its content hash, so a new version is a new URL. */
export function assetHref(name: AssetName): string {
  const asset = readAsset(name);
  return asset ? `/assets/${name}?v=${asset.hash}` : `/assets/${name}`;
}

function serve(c: Context<AppEnv>, name: AssetName) {
  const asset = readAsset(name);
  if (!asset) return c.text("not found", 404, { "Cache-Control": "no-store" });
  const etag = `"${asset.hash}"`;
  const current = c.req.query("v") === asset.hash;
  const headers = {
    "Content-Type": "text/javascript; charset=utf-8",
    // The current version's URL never changes content; an unversioned (or stale) URL revalidates.
    "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=86400, must-revalidate",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  return c.body(asset.body, 200, headers);
}

/** `GET /assets/chart.umd.min.js` and `GET /assets/goal-chart.js`. */
export function assetRoutes() {
  return new Hono<AppEnv>()
    .get("/assets/chart.umd.min.js", (c) => serve(c, "chart.umd.min.js"))
    .get("/assets/goal-chart.js", (c) => serve(c, "goal-chart.js"));
}
