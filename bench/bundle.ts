import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { lambdaBundling } from "../infra/bundling";
import { median } from "./stats";

/** One web function's bundle: its size, its cold import, and that import against the bare handler's. */
export interface WebBundle {
  name: "public" | "staff";
  entry: string;
  bytes: number;
  importMs: number;
  importRatio: number;
}

/** A reference bundle timed beside them, to show what a part costs: its size, cold import and ratio to bare. */
export interface PartBundle {
  name: string;
  entry: string;
  bytes: number;
  importMs: number;
  importRatio: number;
}

export interface BundleFigures {
  functions: WebBundle[];
  parts: PartBundle[];
  bareBytes: number;
  bareImportMs: number;
  runs: number;
}

/** The web functions, as the stack builds them. */
const webFunctions = [
  { name: "public", entry: "functions/api/public-handler.ts" },
  { name: "staff", entry: "functions/api/staff-handler.ts" },
] as const;

/** Reference parts: what the Tracer costs alone and beside the SDK, and what an ESM import of node:http costs. */
const parts = [
  { name: "the Powertools Tracer alone", entry: "bench/fixtures/tracer-only.ts" },
  { name: "an ESM import of `node:http` alone", entry: "bench/fixtures/node-http.ts" },
  { name: "the bare handler with the Tracer capturing its client", entry: "bench/fixtures/bare-traced.ts" },
] as const;

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
 * Builds each web function's bundle exactly as the stack does and a bare DynamoDB handler with the
 * same settings, then times importing each in fresh Node processes, in turn, `runs` times.
 */
export async function benchBundle(workDir: string, runs = 21): Promise<BundleFigures> {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, "package.json"), '{ "type": "module" }');
  const bare = join(workDir, "bare.mjs");
  const bareBytes = await bundle("bench/fixtures/bare-handler.ts", bare);
  const built = [];
  for (const fn of webFunctions) {
    const file = join(workDir, `${fn.name}.mjs`);
    built.push({ ...fn, file, bytes: await bundle(fn.entry, file), times: [] as number[] });
  }
  const builtParts = [];
  for (const [i, part] of parts.entries()) {
    const file = join(workDir, `part-${i}.mjs`);
    builtParts.push({ ...part, file, bytes: await bundle(part.entry, file), times: [] as number[] });
  }
  for (const file of [bare, ...built.map((b) => b.file), ...builtParts.map((b) => b.file)]) importTime(file);
  const bareTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareTimes.push(importTime(bare));
    for (const b of built) b.times.push(importTime(b.file));
    for (const b of builtParts) b.times.push(importTime(b.file));
  }
  const bareImportMs = median(bareTimes);
  const timed = <T extends { file: string; times: number[] }>({ file: _, times, ...figures }: T) => {
    const importMs = median(times);
    return { ...figures, importMs, importRatio: importMs / bareImportMs };
  };
  return { functions: built.map(timed), parts: builtParts.map(timed), bareBytes, bareImportMs, runs };
}
