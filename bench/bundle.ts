import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { lambdaBundling } from "../infra/bundling";
import { median } from "./stats";

export interface BundleFigures {
  apiBytes: number;
  bareBytes: number;
  apiImportMs: number;
  bareImportMs: number;
  importRatio: number;
  runs: number;
}

async function bundle(entry: string, outfile: string): Promise<number> {
  await build({
    ...lambdaBundling,
    banner: { js: lambdaBundling.banner },
    mainFields: [...lambdaBundling.mainFields],
    entryPoints: [entry],
    bundle: true,
    outfile,
    logLevel: "error",
  });
  return statSync(outfile).size;
}

/** Wall time of a fresh Node process that imports the bundle (and nothing else), in ms. */
function importTime(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(resolve(file)).href)}); console.log(performance.now() - t);`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, TABLE_NAME: "bench", PUBLIC_URL: "https://feedback.example.org", AWS_REGION: "eu-west-1" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/**
 * Builds the api function's bundle exactly as the stack does and a bare DynamoDB handler with the
 * same settings, then times importing each in fresh Node processes, alternating, `runs` times.
 */
export async function benchBundle(workDir: string, runs = 21): Promise<BundleFigures> {
  mkdirSync(workDir, { recursive: true });
  const api = join(workDir, "api.mjs");
  const bare = join(workDir, "bare.mjs");
  writeFileSync(join(workDir, "package.json"), '{ "type": "module" }');
  const apiBytes = await bundle("functions/api/handler.ts", api);
  const bareBytes = await bundle("bench/fixtures/bare-handler.ts", bare);
  importTime(api);
  importTime(bare);
  const apiTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    apiTimes.push(importTime(api));
    bareTimes.push(importTime(bare));
  }
  const apiImportMs = median(apiTimes);
  const bareImportMs = median(bareTimes);
  return { apiBytes, bareBytes, apiImportMs, bareImportMs, importRatio: apiImportMs / bareImportMs, runs };
}
