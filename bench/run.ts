import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { type BundleFigures, benchBundle } from "./bundle";
import { benchCapacity, capacityResult, capacitySection } from "./capacity";
import { benchFanOut, type FanOutFigures, fanOutSection } from "./fan-out";
import { benchGoals, goalProgressSection } from "./goal-progress";
import { benchInbox, type InboxFigures, type InboxQueryFigure } from "./inbox";
import { benchIntake, type IntakeFigures } from "./intake";

// `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME...]` runs only those. Every
// figure is a ratio against a baseline measured in the same run, on the same machine, so the
// numbers mean something on a shared machine too. Each benchmark writes its figures to
// `.bench/results/NAME.json` and replaces its own section of BENCHMARKS.md; the others are kept.

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const count = (n: number) => n.toLocaleString("en");
/** DynamoDB calls per request and the items they read; both sizes when they differ. */
const reads = ({ calls, examined }: InboxQueryFigure) =>
  calls[0] === calls[1] && examined[0] === examined[1]
    ? `${calls[0]} (${examined[0]})`
    : `${calls[0]} (${examined[0]}) / ${calls[1]} (${examined[1]})`;

interface Benchmark<F> {
  announce: string;
  run: () => Promise<F>;
  /** The figures other tools read, as `.bench/results/NAME.json`. */
  result: (figures: F) => unknown;
  section: (figures: F) => string;
}

const intakeSection = (intake: IntakeFigures) => `## Intake throughput

${intake.requests} requests per side, ${intake.concurrency} in flight, against one in-memory DynamoDB Local.
The api runs in its own Node process and is called over HTTP; the baselines run in the benchmark's
process with the SDK. Each side was warmed up, then they alternated in rounds.

| what | per second | intake ÷ this |
| --- | ---: | ---: |
| \`POST /api/feedback\` (validation, one conditional \`PutItem\` of the item) | ${fixed(intake.intakePerSecond, 0)} | |
| raw \`PutItem\` of one comparable item | ${fixed(intake.putItemPerSecond, 0)} | **${fixed(intake.ratio)}** |
| raw \`TransactWriteItems\` of ${intake.itemsPerIntake} items (what intake wrote before) | ${fixed(intake.transactPerSecond, 0)} | ${fixed(intake.transactRatio)} |

Aim: at least 0.6 against \`PutItem\`.
`;

const bundleSection = (bundle: BundleFigures) => `## The web functions' Lambda bundles

Built with the stack's own esbuild settings (\`infra/bundling.ts\`: minified ESM for Node 24, the AWS
SDK bundled and tree-shaken from its ESM builds). Import time is the median over ${bundle.runs} fresh
Node processes per bundle, in turn.

| bundle | size | cold import | ÷ bare |
| --- | ---: | ---: | ---: |
${bundle.functions
  .map(
    (f) =>
      `| ${f.name} function (\`${f.entry}\`) | ${kb(f.bytes)} | ${fixed(f.importMs, 1)} ms | **${fixed(f.importRatio)}** |`,
  )
  .join("\n")}
| bare handler with only the DynamoDB document client | ${kb(bundle.bareBytes)} | ${fixed(bundle.bareImportMs, 1)} ms | 1.00 |

Aims: the public function's import at most 1.2 times the bare handler's, the staff function's at most 1.6.

Reference parts, timed in the same runs (\`bench/fixtures/\`):

| part | size | cold import | ÷ bare |
| --- | ---: | ---: | ---: |
${bundle.parts.map((p) => `| ${p.name} | ${kb(p.bytes)} | ${fixed(p.importMs, 1)} ms | ${fixed(p.importRatio)} |`).join("\n")}

Most of the Tracer's import alone is the second row, which the Tracer makes (to patch HTTP calls):
Node builds \`node:http\`'s ESM namespace by reading every export, and its \`WebSocket\`,
\`CloseEvent\` and \`MessageEvent\` getters load Node's bundled undici. The bare handler pays that
too (the SDK's HTTP handler imports \`node:http\`), so beside the SDK the Tracer adds only its own
code: the last row against the bare handler.
`;

const inboxSection = (inbox: InboxFigures) => `## Inbox

Two tables in one in-memory DynamoDB Local, one with ${count(inbox.smallItems)} feedback items and one with
${count(inbox.largeItems)}, each item as the repository stores it (all index attributes), ids spread over a
year, with a realistic mix of statuses, kinds, topics, departments and assignees, and the status counts
item they imply. Loading the larger table with \`BatchWriteItem\` (25 per request, ${inbox.loadConcurrency} in flight)
took ${fixed(inbox.loadSeconds, 0)} s (${fixed(inbox.loadPerSecond, 0)} items/s). The tables are made from the shared definition but
without a stream: DynamoDB Local makes every request on a table with a stream pay for the stream
records other tables wrote before it, which would slow the second table by the first one's history.
Requests go through the app in process (\`createApp(...).request\`, signed in with an API token).
After a warm-up the two tables alternate in ${inbox.rounds} rounds; times are medians.

| request | returned | DynamoDB calls (items read) | ${count(inbox.smallItems)} items | ${count(inbox.largeItems)} items | ${count(inbox.largeItems)} ÷ ${count(inbox.smallItems)} |
| --- | ---: | ---: | ---: | ---: | ---: |
${inbox.queries
  .map(
    (q, i) =>
      `| ${q.label}: \`${q.request}\` | ${q.returned} | ${reads(q)} | ${fixed(q.smallMs, 1)} ms | ${fixed(q.largeMs, 1)} ms | ${i === 0 ? `**${fixed(q.ratio)}**` : fixed(q.ratio)} |`,
  )
  .join("\n")}

Aim: the first page under 1.5 times as slow with ${count(inbox.largeItems)} items as with ${count(inbox.smallItems)}.

Every list request reads one index, newest first: one Query on each of its shards (and on the
unsharded key older items carry), side by side, each with \`Limit\` set to what the page still lacks,
merged by id, and the items behind the newest of those entries read by key. So DynamoDB reads at most
a page of index entries per shard and round trip from the newest entry (or the cursor) on, however
many lie behind it. The cost follows the page size and how many entries a filter
throws away, not the number of items stored. A filter that its index does not serve (kind on the
status index) makes the repository read on, asking each time only for what is missing so the page
cannot overshoot; that is several round trips, about as many at either size. The counts are one item
kept by the stream function: one \`GetItem\`. Two of the calls in every request are the guard's (the
API token and its staff member). The control row, a raw \`GetItem\` through the SDK without the app,
shows how far the two tables differ for the engine itself; a few per cent either way is the noise of
a shared machine.
`;

const benchmarks = {
  bundle: {
    announce: "Bundling and timing cold imports...",
    run: () => benchBundle(".bench/bundles"),
    result: (b) => ({
      functions: [
        ...b.functions.map((f) => ({ name: f.name, bytes: f.bytes, importRatio: Number(f.importRatio.toFixed(2)) })),
        { name: "bare", bytes: b.bareBytes, importRatio: 1 },
      ],
      parts: b.parts.map((p) => ({ name: p.name, bytes: p.bytes, importRatio: Number(p.importRatio.toFixed(2)) })),
    }),
    section: bundleSection,
  } satisfies Benchmark<BundleFigures>,
  intake: {
    announce: "Measuring intake throughput against raw PutItem and TransactWriteItems...",
    run: () => benchIntake(),
    result: (i) => ({
      ratioToPutItem: Number(i.ratio.toFixed(2)),
      ratioToTransaction: Number(i.transactRatio.toFixed(2)),
    }),
    section: intakeSection,
  } satisfies Benchmark<IntakeFigures>,
  inbox: {
    announce: "Loading 1,000 and 100,000 feedback items and timing the inbox's requests on both...",
    run: () => benchInbox(),
    result: (i) => ({
      queries: i.queries.map((q) => ({ label: q.label, request: q.request, ratio: Number(q.ratio.toFixed(2)) })),
    }),
    section: inboxSection,
  } satisfies Benchmark<InboxFigures>,
  goals: {
    announce: "Timing goal progress on scopes of 1,000 to 100,000 items, and capacity units per submitted item...",
    run: () => benchGoals(),
    result: (g) => ({ ratio: Number(g.timing.ratio.toFixed(2)) }),
    section: goalProgressSection,
  } satisfies Benchmark<Awaited<ReturnType<typeof benchGoals>>>,
  capacity: {
    announce: "Pricing closed loops by DynamoDB's billing rules...",
    run: () => benchCapacity(),
    result: capacityResult,
    section: capacitySection,
  } satisfies Benchmark<Awaited<ReturnType<typeof benchCapacity>>>,
  "fan-out": {
    announce: `Telling ${count(Number(process.env.BENCH_FANOUT_ITEMS ?? 10_000))} customers "you said, we did" (BENCH_FANOUT_ITEMS) against raw BatchWriteItem...`,
    run: () => benchFanOut(),
    result: (f) => ({ customers: f.customers, ratio: Number(f.ratio.toFixed(2)) }),
    section: fanOutSection,
  } satisfies Benchmark<FanOutFigures>,
};
type Name = keyof typeof benchmarks;

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}
const names = (asked.length > 0 ? asked : Object.keys(benchmarks)) as Name[];

const marker = (name: string) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`] as const;
let report = readFileSync("BENCHMARKS.md", "utf8");
mkdirSync(".bench/results", { recursive: true });
for (const name of names) {
  const bench = benchmarks[name] as Benchmark<unknown>;
  console.log(bench.announce);
  const figures = await bench.run();
  console.log(JSON.stringify(figures, null, 2));
  writeFileSync(`.bench/results/${name}.json`, `${JSON.stringify(bench.result(figures), null, 2)}\n`);
  const [open, close] = marker(name);
  const section = `${open}\n<!-- written by npm run bench on ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, Node ${process.versions.node}) -->\n\n${bench.section(figures).trim()}\n\n${close}`;
  const at = report.indexOf(open);
  const notes = report.indexOf("## Reading these figures");
  report =
    at >= 0
      ? `${report.slice(0, at)}${section}${report.slice(report.indexOf(close) + close.length)}`
      : `${report.slice(0, notes)}${section}\n\n${report.slice(notes)}`;
  writeFileSync("BENCHMARKS.md", report);
  console.log(`Wrote .bench/results/${name}.json and its section of BENCHMARKS.md`);
}
