import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { siteCss } from "./pages/style";

/**
 * The public static assets: the pages' stylesheet, and the browser scripts of the console's goal
 * page, Chart.js (its UMD build, from node_modules) and our `functions/api/assets/goal-chart.js`,
 * which draws the goal's chart from the JSON the page embeds. None holds data, so all may be cached
 * long: pages link them with a `?v=<content hash>` (see {@link assetHref}), and a request with the
 * current hash is immutable.
 *
 * The scripts are read lazily, on the first request (or `assetHref` call), never when the module is
 * loaded: on AWS the api function is one esbuild bundle, where the source paths below (resolved
 * relative to this module and to node_modules) do not exist. There each file is looked for next to
 * the bundle as well, in `assets/` (the CDK construct copies both files there); a file found
 * nowhere is answered with a 404, and nothing else of the app is affected.
 */

export const assetNames = ["site.css", "chart.umd.min.js", "goal-chart.js"] as const;
export type AssetName = (typeof assetNames)[number];

export interface Asset {
  body: string;
  contentType: string;
  hash: string;
}

const javascript = "text/javascript; charset=utf-8";

/** Where a script file may be: the source layout (or node_modules) first, then `assets/` next to a bundle. */
function scriptPaths(name: Exclude<AssetName, "site.css">): string[] {
  // In the source tree this module sits beside `assets/`, as the bundle does in its output folder.
  const beside = fileURLToPath(new URL(`./assets/${name}`, import.meta.url));
  if (name === "goal-chart.js") return [beside];
  const paths: string[] = [];
  try {
    // chart.js's `exports` map does not list its dist files: resolve the package, then its dist folder.
    paths.push(join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js"));
  } catch {
    // Not resolvable (a bundle without node_modules): only the copy next to the bundle is left.
  }
  paths.push(beside);
  return paths;
}

function load(name: AssetName): Omit<Asset, "hash"> | null {
  if (name === "site.css") return { body: siteCss, contentType: "text/css; charset=utf-8" };
  const path = scriptPaths(name).find((p) => existsSync(p));
  return path ? { body: readFileSync(path, "utf8"), contentType: javascript } : null;
}

const loaded = new Map<AssetName, Asset | null>();

/** An asset's text, type and content hash, read once per process; null when it is nowhere to be found. */
export function readAsset(name: AssetName): Asset | null {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const found = load(name);
  const asset = found && { ...found, hash: createHash("sha256").update(found.body).digest("base64url").slice(0, 16) };
  loaded.set(name, asset);
  return asset;
}

/** The URL a page links an asset by: with its content hash, so a new version is a new URL. */
export function assetHref(name: AssetName): string {
  const asset = readAsset(name);
  return asset ? `/assets/${name}?v=${asset.hash}` : `/assets/${name}`;
}
