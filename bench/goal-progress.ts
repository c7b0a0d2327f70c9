import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ConsumedCapacity, CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createStreamHandler } from "../functions/stream/create-handler";
import { ensureLocalTable, startDynamoDbLocal } from "../infra/local/dynamodb";
import { startStreamPoller } from "../infra/local/stream-poller";
import { loadConfig } from "../shared/config";
import { createDocumentClient, type DocumentClient } from "../shared/db/client";
import { keys } from "../shared/db/keys";
import { createTableInput } from "../shared/db/table";
import { createDeps } from "../shared/deps";
import { type Feedback, feedbackInputSchema, feedbackKinds } from "../shared/entities/feedback";
import type { Metric } from "../shared/entities/goal";
import { type CounterAttribute, counterAttribute, counterNames } from "../shared/entities/metric";
import { submitFeedback } from "../shared/feedback/intake";
import { logger } from "../shared/logger";
import type { MailTransport } from "../shared/mail/types";
import { type Counted, contributionOf } from "../shared/metrics/contribution";
import { computeMetricDirect } from "../shared/metrics/direct";
import { goalProgress } from "../shared/metrics/progress";
import { MetricsRepository } from "../shared/repositories/metrics";
import { matchesStreamFilters } from "../shared/stream/filters";
import { median, random, runConcurrently, writeAll } from "./stats";

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** One goal's figures: its scope holds `items` feedback items. */
export interface GoalScopeFigure {
  topic: string;
  items: number;
  /** Median time of `goalProgress`. */
  ms: number;
  /** Counter items its one Query reads. */
  read: number;
  /** The goal's value, checked against `computeMetricDirect` over the generated items. */
  value: number | null;
  responses: number;
}

export interface GoalProgressTiming {
  metric: Metric;
  /** Days since the goal started (its series covers them, in weeks). */
  goalAgeDays: number;
  rounds: number;
  /** Counter items written to load every scope (and the scopes they share), and how long it took. */
  counterItems: number;
  loadSeconds: number;
  /** Smallest scope first, largest last. */
  scopes: GoalScopeFigure[];
  /** Time of the largest scope ÷ time of the smallest. */
  ratio: number;
}

/** What one client's commands consumed, as DynamoDB reported it, and what they asked to write. */
export interface CapacityUse {
  read: number;
  write: number;
  calls: number;
  /** Items the commands wrote (or checked): one per Put/Update/Delete, one per action of a transaction. */
  itemWrites: number;
  /** Of them, the actions of transactions (DynamoDB bills each as two writes). */
  transactionalWrites: number;
  /** By operation (e.g. `GetItem`), a stream effect's transactions by effect (`TransactWriteItems (metrics effect)`). */
  byOperation: Record<string, { calls: number; read: number; write: number; itemWrites: number }>;
}

export interface CapacityFigures {
  items: number;
  withAcknowledgement: number;
  /** Stream records the handler was given. */
  records: number;
  intake: CapacityUse;
  stream: CapacityUse;
}

const departments = ["IT", "Customer Service", "Sales", "Operations"] as const;

/** `count` items of one topic, created evenly (with jitter) over the year before `now`. */
function* countedItems(topic: string, count: number, now: number, seed: number): Generator<Counted> {
  const r = random(seed);
  for (let i = 0; i < count; i++) {
    const scored = r.next();
    yield {
      kind: r.pick(feedbackKinds),
      score:
        scored < 0.35
          ? { type: "nps", value: r.int(11) }
          : scored < 0.6
            ? { type: "csat", value: 1 + r.int(5) }
            : undefined,
      topic,
      department: r.next() < 0.3 ? r.pick(departments) : undefined,
      createdAt: new Date(now - YEAR_MS + ((i + r.next()) * YEAR_MS) / count).toISOString(),
    };
  }
}

/** Counts what a client's Queries read (ScannedCount). */
function countScanned(client: DocumentClient) {
  const seen = { scanned: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      seen.scanned += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return result;
    },
    { step: "initialize", name: "benchGoalScanned" },
  );
  return seen;
}

/**
 * Goal progress for goals whose scopes (one topic each) hold 1,000, 10,000 and 100,000 items, all
 * spread over the year before now, same metric and window, in one in-memory DynamoDB Local. The
 * counters are loaded directly: each generated item's contribution, from the stream effect's own
 * `contributionOf`, summed per counter item and written with BatchWriteItem (running the effect's
 * transaction 111,000 times would take many minutes to build the same items). The table has no
 * stream (see bench/inbox.ts: DynamoDB Local slows tables with streams by other tables' stream
 * history). Each goal's value is checked against `computeMetricDirect`, then the goals alternate
 * in rounds (the order rotating); times are medians.
 */
export async function benchGoalProgress(options: {
  endpoint: string;
  sizes?: number[];
  rounds?: number;
}): Promise<GoalProgressTiming> {
  const sizes = options.sizes ?? [1000, 10_000, 100_000];
  const rounds = options.rounds ?? 40;
  const table = "goal-progress";
  const raw = new DynamoDBClient({
    endpoint: options.endpoint,
    region: "local",
    credentials: { accessKeyId: "l", secretAccessKey: "l" },
  });
  const { StreamSpecification: _stream, ...input } = createTableInput(table);
  await raw.send(new CreateTableCommand(input));
  raw.destroy();
  const db = createDocumentClient({ endpoint: options.endpoint, region: "local" });
  const config = loadConfig({ TABLE_NAME: table, PUBLIC_URL: "http://localhost", DYNAMODB_ENDPOINT: options.endpoint });
  const deps = createDeps(config, { db });
  const now = new Date();
  const topics = sizes.map((size) => `scope of ${size}`);

  // Sum every item's contribution per counter item (a scope's day), keeping the items for the direct check.
  const counters = new Map<string, { scope: string; day: string; counts: Partial<Record<CounterAttribute, number>> }>();
  const generated = new Map<string, Feedback[]>();
  for (const [i, size] of sizes.entries()) {
    const topic = topics[i] as string;
    const items: Feedback[] = [];
    generated.set(topic, items);
    for (const item of countedItems(topic, size, now.getTime(), i + 1)) {
      items.push(asFeedback(item, items.length));
      for (const { scope, day, kind, deltas } of contributionOf(item)) {
        const id = `${scope}\n${day}`;
        const row = counters.get(id) ?? { scope, day, counts: {} };
        counters.set(id, row);
        for (const name of counterNames) {
          const attribute = counterAttribute(kind, name);
          row.counts[attribute] = (row.counts[attribute] ?? 0) + deltas[name];
        }
      }
    }
  }
  const items = [...counters.values()].map(({ scope, day, counts }) => ({
    ...keys.metricDay(scope, day),
    entityType: "MetricDay",
    scope,
    day,
    ...counts,
  }));
  const loadMs = await writeAll(db, table, items);

  const goalAgeDays = 90;
  const metric = (topic: string): Metric => ({
    kind: "nps",
    scope: { topic },
    baseline: 0,
    target: 30,
    windowDays: 90,
  });
  const startedAt = new Date(now.getTime() - goalAgeDays * DAY_MS).toISOString();
  const scanned = countScanned(db);
  const measure = async (topic: string) => {
    scanned.scanned = 0;
    const started = performance.now();
    const progress = await goalProgress(deps, metric(topic), startedAt, now);
    return { ms: performance.now() - started, progress, read: scanned.scanned };
  };

  const figures: GoalScopeFigure[] = [];
  for (const [i, topic] of topics.entries()) {
    const { progress, read } = await measure(topic);
    const direct = computeMetricDirect(
      generated.get(topic) ?? [],
      metric(topic),
      progress.windowStart,
      progress.windowEnd,
    );
    const same =
      direct.responses === progress.responses &&
      (direct.value === null
        ? progress.value === null
        : Math.abs((progress.value ?? Number.NaN) - direct.value) < 1e-9);
    if (!same)
      throw new Error(`${topic}: counters say ${JSON.stringify(progress)}, the items ${JSON.stringify(direct)}`);
    figures.push({
      topic,
      items: sizes[i] as number,
      ms: 0,
      read,
      value: progress.value,
      responses: progress.responses,
    });
  }
  for (let i = 0; i < 20; i++) for (const topic of topics) await measure(topic);
  const times = topics.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < topics.length; k++) {
      const which = (round + k) % topics.length;
      times[which]?.push((await measure(topics[which] as string)).ms);
    }
  }
  db.destroy();
  for (const [i, figure] of figures.entries()) figure.ms = median(times[i] ?? []);
  const first = figures[0] as GoalScopeFigure;
  const last = figures.at(-1) as GoalScopeFigure;
  return {
    metric: metric("…"),
    goalAgeDays,
    rounds,
    counterItems: items.length,
    loadSeconds: loadMs / 1000,
    scopes: figures,
    ratio: last.ms / first.ms,
  };
}

/** A generated item as a stored feedback item, for `computeMetricDirect` (only what it reads matters). */
function asFeedback(item: Counted, i: number): Feedback {
  return {
    ...item,
    id: String(i),
    status: "new",
    message: "",
    consent: false,
    locale: "en",
    customerType: "external",
    channel: "bench",
    tags: [],
    updatedAt: item.createdAt,
    version: 1,
  };
}

/**
 * Adds `ReturnConsumedCapacity: "TOTAL"` to every command a client sends and sums what DynamoDB
 * reports (one entry per table; a list for transactions and batches).
 */
function meterCapacity(client: DocumentClient): CapacityUse {
  const use: CapacityUse = { read: 0, write: 0, calls: 0, itemWrites: 0, transactionalWrites: 0, byOperation: {} };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        ReturnConsumedCapacity?: string;
        TransactItems?: unknown[];
        RequestItems?: unknown;
      };
      input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      const operation = String(context.commandName ?? "unknown").replace(/Command$/, "");
      const label = `${operation}${effectOf(input.TransactItems)}`;
      const entry = use.byOperation[label] ?? { calls: 0, read: 0, write: 0, itemWrites: 0 };
      use.byOperation[label] = entry;
      entry.calls += 1;
      use.calls += 1;
      const writes = isRead(operation)
        ? 0
        : input.TransactItems
          ? input.TransactItems.length
          : input.RequestItems
            ? Object.values(input.RequestItems as Record<string, unknown[]>).flat().length
            : 1;
      entry.itemWrites += writes;
      use.itemWrites += writes;
      if (input.TransactItems) use.transactionalWrites += writes;
      for (const consumed of reported === undefined ? [] : [reported].flat()) {
        // TOTAL reports units as a whole and, where DynamoDB splits them, as read and write units.
        const split = consumed.ReadCapacityUnits !== undefined || consumed.WriteCapacityUnits !== undefined;
        const units = consumed.CapacityUnits ?? 0;
        const read = split ? (consumed.ReadCapacityUnits ?? 0) : isRead(operation) ? units : 0;
        const write = split ? (consumed.WriteCapacityUnits ?? 0) : isRead(operation) ? 0 : units;
        use.read += read;
        use.write += write;
        entry.read += read;
        entry.write += write;
      }
      return result;
    },
    { step: "initialize", name: "benchConsumedCapacity" },
  );
  return use;
}

/** A stream effect's transaction starts with its marker (`APPLIED#<effect>#...`): names the effect. */
function effectOf(actions: unknown[] | undefined): string {
  const first = actions?.[0] as { Put?: { Item?: { PK?: unknown } } } | undefined;
  const marker = /^APPLIED#([a-z]+)#/.exec(String(first?.Put?.Item?.PK ?? ""));
  return marker ? ` (${marker[1]} effect)` : "";
}

const isRead = (operation: string) => /^(Get|BatchGet|Query|Scan|TransactGet)/.test(operation);

/**
 * DynamoDB capacity units per submitted feedback item: `items` submitted through `submitFeedback`
 * (half with an address and consent, so an acknowledgement is owed), then the stream function run
 * over the table's stream by the local poller (status counts, metric counters, acknowledgements
 * sent through a transport that only accepts them). Intake and stream function each have their own
 * document client, metered separately.
 */
export async function benchCapacity(options: { endpoint: string; items?: number }): Promise<CapacityFigures> {
  const count = options.items ?? 200;
  const table = "capacity";
  const streamArn = await ensureLocalTable(options.endpoint, table);
  const config = loadConfig({
    TABLE_NAME: table,
    PUBLIC_URL: "http://localhost",
    DYNAMODB_ENDPOINT: options.endpoint,
    INTAKE_RATE_LIMIT: "0",
  });
  const intakeDb = createDocumentClient({ endpoint: options.endpoint, region: "local" });
  const streamDb = createDocumentClient({ endpoint: options.endpoint, region: "local" });
  const intake = meterCapacity(intakeDb);
  const stream = meterCapacity(streamDb);
  const intakeDeps = createDeps(config, { db: intakeDb });
  const streamDeps = createDeps(config, { db: streamDb });
  const r = random(3);
  let withAcknowledgement = 0;
  await runConcurrently(count, 8, async (i) => {
    const acknowledged = i % 2 === 0;
    if (acknowledged) withAcknowledgement++;
    const scored = r.next();
    await submitFeedback(
      intakeDeps,
      feedbackInputSchema.parse({
        message: `The ticket machine at platform ${i % 12} refused my card twice before it worked.`,
        kind: r.pick(feedbackKinds),
        score:
          scored < 0.35
            ? { type: "nps", value: r.int(11) }
            : scored < 0.6
              ? { type: "csat", value: 1 + r.int(5) }
              : undefined,
        topic: r.next() < 0.9 ? r.pick(["ticket machines", "punctuality", "mobile app"]) : undefined,
        department: r.next() < 0.3 ? r.pick(departments) : undefined,
        ...(acknowledged ? { email: `traveller${i}@example.org`, name: `Traveller ${i}`, consent: true } : {}),
      }),
    );
  });

  const accepting: MailTransport = { name: "bench", send: async (mail) => ({ messageId: `<${mail.id}@bench>` }) };
  const handler = createStreamHandler(streamDeps, accepting);
  const dir = mkdtempSync(join(tmpdir(), "bench-capacity-"));
  let records = 0;
  const level = logger.getLevelName();
  logger.setLogLevel("ERROR");
  const poller = startStreamPoller({
    endpoint: options.endpoint,
    streamArn,
    checkpointFile: join(dir, "checkpoint.json"),
    filter: (record) => matchesStreamFilters(record),
    idleMs: 20,
    handler: async (event, context) => {
      records += event.Records.length;
      return handler(event, context);
    },
  });
  try {
    await poller.idle();
  } finally {
    await poller.stop();
    logger.setLogLevel(level);
    rmSync(dir, { recursive: true, force: true });
  }
  const figures = structuredClone({ items: count, withAcknowledgement, records, intake, stream });
  // Checked after the figures are taken: this read is the benchmark's, not the stream function's.
  const counts = await new MetricsRepository(streamDeps.db, streamDeps.config.tableName).statusCounts();
  if (counts.new !== count) throw new Error(`the stream function counted ${counts.new} new items, not ${count}`);
  intakeDb.destroy();
  streamDb.destroy();
  return figures;
}

/** Both measurements against one in-memory DynamoDB Local. */
export async function benchGoals(): Promise<{ timing: GoalProgressTiming; capacity: CapacityFigures }> {
  const db = await startDynamoDbLocal();
  try {
    const timing = await benchGoalProgress({ endpoint: db.endpoint });
    const capacity = await benchCapacity({ endpoint: db.endpoint });
    return { timing, capacity };
  } finally {
    await db.stop();
  }
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const count = (n: number) => n.toLocaleString("en");

/** The "Goal progress" section of BENCHMARKS.md. */
export function goalProgressSection({ timing, capacity }: { timing: GoalProgressTiming; capacity: CapacityFigures }) {
  const first = timing.scopes[0] as GoalScopeFigure;
  const last = timing.scopes.at(-1) as GoalScopeFigure;
  const perItem = (n: number) => fixed(n / capacity.items);
  const row = (what: string, use: { calls: number; read: number; write: number; itemWrites: number }) =>
    `| ${what} | ${perItem(use.calls)} | ${perItem(use.itemWrites)} | ${perItem(use.write)} | ${perItem(use.read)} |`;
  const effects = Object.entries(capacity.stream.byOperation)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, use]) =>
      row(`↳ ${operation === "TransactWriteItems" ? "TransactWriteItems (acknowledgement sent)" : operation}`, use),
    );
  return `## Goal progress

A goal's progress reads the metric counters the stream function keeps (one item per scope and UTC
day, holding the counters of every kind of feedback), never the feedback itself. Here: goals with the same metric (NPS, a
${timing.metric.windowDays}-day window, started ${timing.goalAgeDays} days ago, so a series of weekly values too) on topics that hold
${timing.scopes.map((s) => count(s.items)).join(", ")} items spread over the last year, in one in-memory DynamoDB Local.
The ${count(timing.counterItems)} counter items were loaded directly (${fixed(timing.loadSeconds, 0)} s): each generated item's contribution,
computed by the stream effect's own \`contributionOf\`, summed per counter item and written with
\`BatchWriteItem\`; running the effect's transaction per item would take many minutes to build the
same items. Each goal's value was checked against \`computeMetricDirect\` over the generated items.
After a warm-up the goals alternate in ${timing.rounds} rounds; times are medians of \`goalProgress\`.

| items in the goal's scope | counter items read (one Query) | value (responses) | time | ÷ ${count(first.items)} items |
| --- | ---: | ---: | ---: | ---: |
${timing.scopes
  .map(
    (s, i) =>
      `| ${count(s.items)} | ${s.read} | ${s.value === null ? "–" : fixed(s.value, 1)} (${count(s.responses)}) | ${fixed(s.ms, 1)} ms | ${i === timing.scopes.length - 1 ? `**${fixed(s.ms / first.ms)}**` : fixed(s.ms / first.ms)} |`,
  )
  .join("\n")}

Aim: under 1.5 times as slow with ${count(last.items)} items as with ${count(first.items)}.

What a goal reads is bounded by its days, not its items: at most one counter item per day, whatever
the mix of kinds (here ${timing.goalAgeDays + 1}), of which the Query's projection fetches only the counters the
metric needs. The difference left is how full those items are: with ${count(first.items)} items a year a day has
a few items, so its counter item holds the counters of only some kinds; with more, of all four. DynamoDB
Local's time per Query grows with the size of the items it reads. A goal older than a year reads at most 52 weeks of days.

### DynamoDB capacity per submitted item

${capacity.items} items submitted through \`submitFeedback\` (${capacity.withAcknowledgement} with an address and consent, so an
acknowledgement is owed), then the stream function run over the table's stream by the local poller
(${capacity.records} records: status counts, metric counters, acknowledgements sent through a transport
that accepts everything). Every command carried \`ReturnConsumedCapacity: "TOTAL"\` (an SDK middleware
on the document client), and the reported units were summed; intake and stream function each had
their own client. Per submitted item:

| what | calls | items written | write units (reported) | read units (reported) |
| --- | ---: | ---: | ---: | ---: |
${row("intake (`submitFeedback`)", capacity.intake)}
${row("stream function, all effects", capacity.stream)}
${effects.join("\n")}
${row("**total**", {
  calls: capacity.intake.calls + capacity.stream.calls,
  itemWrites: capacity.intake.itemWrites + capacity.stream.itemWrites,
  write: capacity.intake.write + capacity.stream.write,
  read: capacity.intake.read + capacity.stream.read,
})}

"Items written" counts the items each command writes, a transaction's actions one by one${
    capacity.intake.transactionalWrites + capacity.stream.transactionalWrites ===
    capacity.intake.itemWrites + capacity.stream.itemWrites
      ? " (every write here is transactional)"
      : ""
  }: a figure of the requests, not of the engine. DynamoDB bills each transactional write of an
item under 1 KB as 2 write units, plus 1 per index entry it changes, so the service would charge at
least twice that column. DynamoDB Local's transaction figures do not follow that rule (measured: a
transaction of two \`Put\`s reports 2 units, a marker and four counter \`Update\`s also 2), which is
why its write units for the metrics effect come out below its item count.
`;
}
