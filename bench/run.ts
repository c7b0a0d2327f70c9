import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchBundle } from "./bundle";
import { benchIntake } from "./intake";

// `npm run bench`: every figure is a ratio against a baseline measured in the same run, on the same
// machine, so the numbers mean something on a shared machine too. Results go to BENCHMARKS.md.

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);

console.log("Bundling and timing cold imports...");
const bundle = await benchBundle(".bench/bundles");
console.log(bundle);
console.log("Measuring intake throughput against raw PutItem and TransactWriteItems...");
const intake = await benchIntake();
console.log(intake);

const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, Node ${process.versions.node}).
Every figure is compared with a baseline measured in the same run. Numbers from a shared machine
move between runs; the ratios are what to compare.

## Intake throughput

${intake.requests} requests per side, ${intake.concurrency} in flight, against one in-memory DynamoDB Local.
The api runs in its own Node process and is called over HTTP; the baselines run in the benchmark's
process with the SDK. Each side was warmed up, then they alternated in rounds.

| what | per second | intake ÷ this |
| --- | ---: | ---: |
| \`POST /api/feedback\` (validation, intake transaction of ${intake.itemsPerIntake} items) | ${fixed(intake.intakePerSecond, 0)} | |
| raw \`PutItem\` of one comparable item | ${fixed(intake.putItemPerSecond, 0)} | **${fixed(intake.ratio)}** |
| raw \`TransactWriteItems\` of the same ${intake.itemsPerIntake} items | ${fixed(intake.transactPerSecond, 0)} | ${fixed(intake.transactRatio)} |

Aim: at least 0.7 against \`PutItem\`.

## The api Lambda bundle

Built with the stack's own esbuild settings (\`infra/bundling.ts\`: minified ESM for Node 24, the AWS
SDK bundled and tree-shaken from its ESM builds). Import time is the median over ${bundle.runs} fresh
Node processes per bundle, alternating.

| bundle | size | cold import |
| --- | ---: | ---: |
| api function (\`functions/api/handler.ts\`) | ${kb(bundle.apiBytes)} | ${fixed(bundle.apiImportMs, 1)} ms |
| bare handler with only the DynamoDB document client | ${kb(bundle.bareBytes)} | ${fixed(bundle.bareImportMs, 1)} ms |
| ratio | ${fixed(bundle.apiBytes / bundle.bareBytes)} | **${fixed(bundle.importRatio)}** |

Aims: under 400 KB minified; import ratio under 1.5.
`;

// What limits each figure, and what was tried, is kept by hand beside the benchmark.
writeFileSync("BENCHMARKS.md", `${report}\n${readFileSync("bench/notes.md", "utf8")}`);
console.log("Wrote BENCHMARKS.md");
