import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { JOB_PAGE_SIZE } from "../functions/pipeline/jobs";
import { createStreamHandler } from "../functions/stream/create-handler";
import { ensureLocalTable, startDynamoDbLocal } from "../infra/local/dynamodb";
import { startStreamPoller } from "../infra/local/stream-poller";
import { createAction, updateAction } from "../shared/actions/service";
import type { Principal } from "../shared/auth/principal";
import { loadConfig } from "../shared/config";
import { createDocumentClient, type DocumentClient } from "../shared/db/client";
import { keys } from "../shared/db/keys";
import { createDeps } from "../shared/deps";
import { type Feedback, feedbackKinds } from "../shared/entities/feedback";
import { type CounterAttribute, counterAttribute, counterNames } from "../shared/entities/metric";
import { createGoal } from "../shared/goals/service";
import { newId, normaliseEmail, sha256 } from "../shared/ids";
import { logger } from "../shared/logger";
import { encodeMailId } from "../shared/mail/mime";
import { createOutboxTransport } from "../shared/mail/transports/outbox";
import type { MailTransport } from "../shared/mail/types";
import { contributionOf } from "../shared/metrics/contribution";
import { FeedbackRepository } from "../shared/repositories/feedback";
import { matchesStreamFilters } from "../shared/stream/filters";
import { STREAM_PARALLELIZATION_FACTOR } from "../shared/stream/mapping";
import { updatesProgress } from "../shared/updates/fan-out";
import { random, writeAll } from "./stats";
import { checkpointAtEnd } from "./stream";

const DAY_MS = 86_400_000;
const TOPIC = "ticket machines";
/** BatchWriteItem requests in flight for the seed and the baseline, as in the other benchmarks. */
const WRITE_CONCURRENCY = 8;
/** How long one wait for the stream to go idle may take before the run counts as stuck. */
const STUCK_MS = 15 * 60_000;

/** What one kind of DynamoDB call did during the measured fan-out. */
export interface OperationUse {
  calls: number;
  read: number;
  write: number;
  /** Items the calls wrote: one per Put/Update/Delete, one per action of a transaction or batch. */
  itemWrites: number;
  /** Summed round-trip time of the calls (concurrent calls overlap, so this can exceed the wall time). */
  ms: number;
}

/** Every call a client sent, as DynamoDB reported its capacity, by operation and the key's prefix. */
export interface CallUse extends OperationUse {
  transactionalWrites: number;
  byOperation: Record<string, OperationUse>;
}

export interface FanOutFigures {
  /** Feedback items linked to the action, each from its own customer with an address and consent. */
  customers: number;
  /** Seeding (items, links, counters), not measured. */
  seedItems: number;
  seedSeconds: number;
  /** From the `done` update to every update mail in the outbox and the stream read to its end. */
  fanOutMs: number;
  /** From the `done` update to the first and to the last update mail written to the outbox. */
  firstMailMs: number;
  lastMailMs: number;
  /** From the `done` update until a tenth, two tenths, ... of the mails were in the outbox. */
  tenthsMs: number[];
  /** The baseline: `customers` items of the seeded items' size written with BatchWriteItem, before and after. */
  baselineMs: [number, number];
  baselineConcurrency: number;
  /** Size of one seeded feedback item and of one baseline item (JSON bytes). */
  feedbackItemBytes: number;
  baselineItemBytes: number;
  /** Fan-out time ÷ the mean of the two baselines. */
  ratio: number;
  /** Stream records the handler was given during the fan-out, by entity type and event. */
  records: Record<string, number>;
  /** Linked items one page of a job handles. */
  pageSize: number;
  /** Links one lane of a job takes (JOB_LANE_SIZE). */
  laneSize: number;
  /** Batches of the stream the poller runs side by side (the stack's parallelization factor). */
  parallelizationFactor: number;
  /** Time spent inside the outbox transport's `send` (building MIME, writing the file), summed. */
  transportMs: number;
  /** Batches the poller had to redeliver because the handler failed (0 in a clean run). */
  pollerErrors: number;
  /** DynamoDB calls of the measured phase: the `done` update and the stream function. */
  calls: CallUse;
  /** What the baseline's BatchWriteItem calls reported. */
  baselineCalls: CallUse;
}

const emptyUse = (): OperationUse => ({ calls: 0, read: 0, write: 0, itemWrites: 0, ms: 0 });
const isRead = (operation: string) => /^(Get|BatchGet|Query|Scan|TransactGet)/.test(operation);

/** The partition key a command is about, for the breakdown: its prefix (`NOTIFICATION`, `APPLIED#status`). */
function subjectOf(input: Record<string, unknown>): string {
  type Keyed = { PK?: unknown };
  const first = (input.TransactItems as Record<string, { Item?: Keyed; Key?: Keyed }>[] | undefined)?.[0];
  const action = first ? Object.values(first)[0] : undefined;
  const batch = Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>)[0] as
    | { PutRequest?: { Item?: Keyed }; Keys?: Keyed[] }[]
    | { Keys?: Keyed[] }
    | undefined;
  const pk =
    (input.Key as Keyed | undefined)?.PK ??
    (input.Item as Keyed | undefined)?.PK ??
    (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[":pk"] ??
    action?.Item?.PK ??
    action?.Key?.PK ??
    (Array.isArray(batch) ? batch[0]?.PutRequest?.Item?.PK : batch?.Keys?.[0]?.PK);
  const parts = String(pk ?? "?").split("#");
  return parts[0] === "APPLIED" ? `APPLIED#${parts[1]}` : (parts[0] as string);
}

/**
 * Adds `ReturnConsumedCapacity: "TOTAL"` to every command a client sends, sums what DynamoDB
 * reports (as bench/goal-progress.ts does) and times each call; `reset` starts the count anew.
 */
function meterCalls(client: DocumentClient) {
  const fresh = (): CallUse => ({ ...emptyUse(), transactionalWrites: 0, byOperation: {} });
  let use = fresh();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown> & { TransactItems?: unknown[]; RequestItems?: unknown };
      input.ReturnConsumedCapacity = "TOTAL";
      const operation = String(context.commandName ?? "unknown").replace(/Command$/, "");
      const label = `${operation} ${subjectOf(input)}`;
      const started = performance.now();
      const result = await next(args);
      const ms = performance.now() - started;
      const reported = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      const entry = use.byOperation[label] ?? emptyUse();
      use.byOperation[label] = entry;
      const writes = isRead(operation)
        ? 0
        : input.TransactItems
          ? input.TransactItems.length
          : input.RequestItems
            ? Object.values(input.RequestItems as Record<string, unknown[]>).flat().length
            : 1;
      let read = 0;
      let write = 0;
      for (const consumed of reported === undefined ? [] : [reported].flat()) {
        // TOTAL reports units as a whole and, where DynamoDB splits them, as read and write units.
        const split = consumed.ReadCapacityUnits !== undefined || consumed.WriteCapacityUnits !== undefined;
        const units = consumed.CapacityUnits ?? 0;
        read += split ? (consumed.ReadCapacityUnits ?? 0) : isRead(operation) ? units : 0;
        write += split ? (consumed.WriteCapacityUnits ?? 0) : isRead(operation) ? 0 : units;
      }
      for (const target of [use, entry]) {
        target.calls += 1;
        target.itemWrites += writes;
        target.read += read;
        target.write += write;
        target.ms += ms;
      }
      if (input.TransactItems) use.transactionalWrites += writes;
      return result;
    },
    { step: "initialize", name: "benchFanOutCalls" },
  );
  return {
    use: () => use,
    reset: () => {
      use = fresh();
    },
  };
}

/** Rejects when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "You said, we did" at scale: one action linked to `customers` feedback items, each from its own
 * customer (an address, consent), moved to done. Measured: from the `done` update (its transaction
 * writes the updates job) until the stream function, run by the local poller over the table's
 * stream, has written every customer's notification page by page, sent each through the outbox
 * transport (an `.eml` file) and marked it sent, and the stream is read to its end. Baseline in the
 * same run: as many items of the feedback items' size written with raw BatchWriteItem (25 a
 * request), once before and once after. The items, links and the counters the stream function
 * would have built for them are seeded directly (not measured), and the poller starts after them.
 */
export async function benchFanOut(options: { customers?: number } = {}): Promise<FanOutFigures> {
  const customers = options.customers ?? Number(process.env.BENCH_FANOUT_ITEMS ?? 10_000);
  if (!Number.isInteger(customers) || customers < 1) throw new Error("BENCH_FANOUT_ITEMS must be a whole number ≥ 1");
  const table = "fan-out";
  const dir = mkdtempSync(join(tmpdir(), "bench-fan-out-"));
  const outboxDir = join(dir, "outbox");
  mkdirSync(outboxDir);
  const db = await startDynamoDbLocal();
  const level = logger.getLevelName();
  try {
    const streamArn = await ensureLocalTable(db.endpoint, table);
    const config = loadConfig({
      TABLE_NAME: table,
      PUBLIC_URL: "http://localhost",
      DYNAMODB_ENDPOINT: db.endpoint,
      OUTBOX_DIR: outboxDir,
      // No sending limit: the figure is the platform's work, not the SES quota (14/s by default).
      MAIL_RATE_PER_SECOND: "0",
    });
    const seedDb = createDocumentClient({ endpoint: db.endpoint, region: "local" });
    const measuredDb = createDocumentClient({ endpoint: db.endpoint, region: "local" });
    const baselineDb = createDocumentClient({ endpoint: db.endpoint, region: "local" });
    const measured = meterCalls(measuredDb);
    const baselineMeter = meterCalls(baselineDb);
    const seedDeps = createDeps(config, { db: seedDb });
    const deps = createDeps(config, { db: measuredDb });

    // A manager, a goal with a metric, and its action, through the use cases staff use.
    const at = new Date().toISOString();
    const manager = {
      id: newId(),
      email: "manager@example.org",
      name: "Bench Manager",
      role: "manager" as const,
      active: true,
      createdAt: at,
      updatedAt: at,
    };
    await seedDeps.staff.create(manager);
    const actor: Principal = { staff: manager, via: "token" };
    const goal = await createGoal(seedDeps, {
      title: "Fewer ticket machine complaints",
      metric: { kind: "complaint_share", scope: { topic: TOPIC }, baseline: 60, target: 30, windowDays: 90 },
    });
    let action = await createAction(seedDeps, actor, { goalId: goal.id, title: "Replace the card readers" });

    // The linked items as linking them and the action's planned and in_progress changes leave
    // them: the goal taken over, status planned. Each customer has their own address.
    const seedStarted = performance.now();
    const r = random(7);
    const now = Date.now();
    const feedback: Feedback[] = [];
    for (let i = 0; i < customers; i++) {
      const created = new Date(now - 60 * DAY_MS + ((i + r.next()) * 60 * DAY_MS) / customers);
      const email = `traveller${i}@example.org`;
      const scored = r.next();
      feedback.push({
        id: newId(created),
        status: "planned",
        kind: r.next() < 0.7 ? "complaint" : r.pick(feedbackKinds),
        score:
          scored < 0.35
            ? { type: "nps", value: r.int(11) }
            : scored < 0.6
              ? { type: "csat", value: 1 + r.int(5) }
              : undefined,
        message: `The ticket machine at platform ${i % 12} refused my card twice before it worked. Please look at it.`,
        email,
        name: `Traveller ${i}`,
        consent: true,
        locale: (["en", "nl", "sv"] as const)[i % 3] as Feedback["locale"],
        customerType: "external",
        topic: TOPIC,
        channel: "web",
        tags: [],
        goalId: goal.id,
        emailHash: sha256(normaliseEmail(email)),
        createdAt: created.toISOString(),
        updatedAt: at,
        version: 3,
      });
    }
    const items: Record<string, unknown>[] = [];
    for (const item of feedback) {
      items.push(FeedbackRepository.feedbackItem(item));
      const link = { actionId: action.id, feedbackId: item.id, at };
      items.push({ ...keys.actionLink(action.id, item.id), entityType: "ActionLink", ...link });
      items.push({ ...keys.feedbackActionLink(item.id, action.id), entityType: "FeedbackActionLink", ...link });
    }
    // The status counts and metric counters the stream function keeps, as it would have left them.
    const counters = new Map<
      string,
      { scope: string; day: string; counts: Partial<Record<CounterAttribute, number>> }
    >();
    for (const item of feedback) {
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
    for (const { scope, day, counts } of counters.values()) {
      items.push({ ...keys.metricDay(scope, day), entityType: "MetricDay", scope, day, ...counts });
    }
    items.push({ ...keys.statusCounts(), entityType: "StatusCounts", planned: customers });
    await writeAll(seedDb, table, items);
    // planned without a weWill text tells nobody; only the done phase sends mail.
    action = await updateAction(seedDeps, actor, action.id, { version: action.version, status: "planned" });
    action = await updateAction(seedDeps, actor, action.id, { version: action.version, status: "in_progress" });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // The baseline: items of the feedback items' size, every index attribute kept but moved to a
    // partition of its own (as many index writes, nothing the product reads).
    const baselineItem = (i: number, round: number) => {
      const source = FeedbackRepository.feedbackItem(feedback[i % customers] as Feedback) as Record<string, unknown>;
      const item: Record<string, unknown> = { ...source, PK: `RAW#${round}#${i}`, SK: "RAW", entityType: "Raw" };
      for (const [name, value] of Object.entries(source)) {
        if (/^GSI\d+PK$/.test(name)) item[name] = `RAW#${value}`;
      }
      return item;
    };
    const baseline = async (round: number) => {
      const batch = Array.from({ length: customers }, (_, i) => baselineItem(i, round));
      baselineMeter.reset();
      return writeAll(baselineDb, table, batch);
    };
    await writeAll(
      baselineDb,
      table,
      Array.from({ length: Math.min(customers, 500) }, (_, i) => baselineItem(i, 0)),
    );
    const before = await baseline(1);

    // The poller starts at the stream's end: the seed's records were accounted for above.
    const checkpointFile = join(dir, "checkpoint.json");
    await checkpointAtEnd(db.endpoint, streamArn, checkpointFile);
    const outbox = createOutboxTransport({ from: config.mail.from, outboxDir });
    const mailTimes: number[] = [];
    const tenth = Math.max(1, Math.round(customers / 10));
    let started = 0;
    let transportMs = 0;
    const timedOutbox: MailTransport = {
      name: outbox.name,
      async send(mail) {
        const sending = performance.now();
        const sent = await outbox.send(mail);
        const done = performance.now();
        transportMs += done - sending;
        if (mail.id.startsWith("update#")) {
          mailTimes.push(done);
          if (mailTimes.length % tenth === 0 && mailTimes.length < customers) {
            console.log(
              `  ${count(mailTimes.length)} of ${count(customers)} mails sent after ${seconds(done - started)}`,
            );
          }
        }
        return sent;
      },
    };
    const handler = createStreamHandler(deps, timedOutbox);
    const records: Record<string, number> = {};
    let pollerErrors = 0;
    // The logger middleware puts the level back to the initial one on every warm invocation
    // (Powertools' refreshSampleRateCalculation), so setLogLevel alone lasts one batch: held for the run.
    const refreshSampleRate = logger.refreshSampleRateCalculation;
    logger.refreshSampleRateCalculation = () => {};
    logger.setLogLevel("ERROR");
    const poller = startStreamPoller({
      endpoint: db.endpoint,
      streamArn,
      checkpointFile,
      filter: (record) => matchesStreamFilters(record),
      parallelizationFactor: STREAM_PARALLELIZATION_FACTOR,
      idleMs: 20,
      onError: (error) => {
        pollerErrors += 1;
        console.error("fan-out bench, stream poller:", error);
      },
      handler: async (event, context) => {
        for (const record of event.Records) {
          const type = (record.dynamodb?.NewImage?.entityType as { S?: string } | undefined)?.S ?? "?";
          const name = `${type} ${record.eventName}`;
          records[name] = (records[name] ?? 0) + 1;
        }
        return handler(event, context);
      },
    });
    const didPrefix = encodeMailId(`update#${action.id}#did#`);
    const updateFiles = () => readdirSync(outboxDir, { withFileTypes: true }).filter((f) => f.name.endsWith(".eml"));
    let fanOutMs: number;
    try {
      await within(poller.idle(), STUCK_MS, "the stream before the done update");
      if (Object.keys(records).length > 0)
        throw new Error(`the poller replayed seed records: ${JSON.stringify(records)}`);
      measured.reset();

      started = performance.now();
      await updateAction(deps, actor, action.id, {
        version: action.version,
        status: "done",
        // Written in every language its customers read: nobody waits for a translation.
        weDid: {
          en: "We replaced the card readers of every ticket machine on the line.",
          nl: "We hebben de kaartlezers van elke kaartautomaat op de lijn vervangen.",
          sv: "Vi har bytt kortläsarna i varje biljettautomat på linjen.",
        },
      });
      const handled = () => Object.values(records).reduce((a, b) => a + b, 0);
      for (let sent = 0, seen = 0; ; ) {
        await within(poller.idle(), STUCK_MS, `the fan-out (${sent} of ${customers} mails so far)`);
        const inOutbox = updateFiles().filter((f) => f.name.startsWith(didPrefix)).length;
        if (inOutbox >= customers) break;
        if (inOutbox === sent && handled() === seen) {
          throw new Error(`the stream is idle with ${inOutbox} of ${customers} update mails in the outbox`);
        }
        sent = inOutbox;
        seen = handled();
      }
      fanOutMs = performance.now() - started;
    } finally {
      await poller.stop();
      logger.refreshSampleRateCalculation = refreshSampleRate;
      logger.setLogLevel(level);
    }
    const figures = {
      calls: structuredClone(measured.use()),
      records: { ...records },
    };

    // Correctness, checked after the clock stopped: one mail per customer, each to its customer.
    const files = updateFiles();
    const did = files.filter((f) => f.name.startsWith(didPrefix));
    if (did.length !== customers || files.length !== customers) {
      throw new Error(`${did.length} update mails (${files.length} files) for ${customers} customers`);
    }
    const recipients = new Map<string, number>();
    for (const file of did) {
      const head = readFileSync(join(outboxDir, file.name), "utf8").slice(0, 4000);
      const to = /^To: (?:.*<)?([^\s<>]+@[^\s<>]+)>?\s*$/m.exec(head)?.[1];
      if (!to) throw new Error(`${file.name} names no recipient`);
      recipients.set(to, (recipients.get(to) ?? 0) + 1);
    }
    const expected = new Set(feedback.map((item) => item.email));
    const twice = [...recipients].filter(([, n]) => n > 1);
    if (twice.length > 0) throw new Error(`${twice.length} customers got more than one mail, e.g. ${twice[0]?.[0]}`);
    if (recipients.size !== customers || [...recipients.keys()].some((to) => !expected.has(to))) {
      throw new Error(`the mails went to ${recipients.size} addresses, not the ${customers} customers`);
    }
    // The phase's job and its lanes, together.
    const progress = (await updatesProgress(seedDeps, action.id)).find((p) => p.phase === "did");
    if (!progress?.done || progress.customers !== customers || progress.failed > 0) {
      throw new Error(`the updates job ended ${JSON.stringify(progress)}`);
    }
    const after = await baseline(2);
    const baselineCalls = structuredClone(baselineMeter.use());

    seedDb.destroy();
    measuredDb.destroy();
    baselineDb.destroy();
    const mean = (before + after) / 2;
    return {
      customers,
      seedItems: items.length,
      seedSeconds,
      fanOutMs,
      firstMailMs: (mailTimes[0] as number) - started,
      lastMailMs: (mailTimes.at(-1) as number) - started,
      tenthsMs: Array.from(
        { length: 10 },
        (_, k) => (mailTimes[Math.ceil(((k + 1) * customers) / 10) - 1] as number) - started,
      ),
      baselineMs: [before, after],
      baselineConcurrency: WRITE_CONCURRENCY,
      feedbackItemBytes: Buffer.byteLength(JSON.stringify(FeedbackRepository.feedbackItem(feedback[0] as Feedback))),
      baselineItemBytes: Buffer.byteLength(JSON.stringify(baselineItem(0, 1))),
      ratio: fanOutMs / mean,
      records: figures.records,
      pageSize: JOB_PAGE_SIZE,
      laneSize: config.delivery.laneSize,
      parallelizationFactor: STREAM_PARALLELIZATION_FACTOR,
      transportMs,
      pollerErrors,
      calls: figures.calls,
      baselineCalls,
    };
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);
const count = (n: number) => n.toLocaleString("en");
const seconds = (ms: number) => `${fixed(ms / 1000, 1)} s`;

/** How the sending rate moved from the second tenth of the mails to the last (the first includes the start). */
function rates(f: FanOutFigures) {
  const tenth = f.customers / 10;
  const rate = (k: number) => (tenth * 1000) / ((f.tenthsMs[k] ?? 0) - (f.tenthsMs[k - 1] ?? 0));
  const [early, late] = [rate(1), rate(9)];
  const trend =
    late < early * 0.8 ? "it slows as the table and its stream grow" : late > early * 1.2 ? "it speeds up" : "it holds";
  return `Mails went out at ${fixed(early, 1)} a second over the second tenth of them and ${fixed(late, 1)} over the last: ${trend}.`;
}

/** The "You said, we did" section of BENCHMARKS.md. */
export function fanOutSection(f: FanOutFigures) {
  const n = f.customers;
  const per = (value: number) => fixed(value / n);
  const baselineMean = (f.baselineMs[0] + f.baselineMs[1]) / 2;
  const row = (what: string, use: OperationUse) =>
    `| ${what} | ${per(use.calls)} | ${per(use.itemWrites)} | ${per(use.write)} | ${per(use.read)} | ${fixed(use.ms / 1000, 0)} s |`;
  const operations = Object.entries(f.calls.byOperation)
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(([operation, use]) => row(`↳ \`${operation}\``, use));
  const records = Object.entries(f.records)
    .sort(([, a], [, b]) => b - a)
    .map(([what, k]) => `${count(k)} \`${what}\``)
    .join(", ");
  return `## "You said, we did" fan-out

One action linked to ${count(n)} feedback items, each from its own customer (an address, consent),
in a fresh in-memory DynamoDB Local. The items, both sides of each link and the status counts and
metric counters the stream function would have kept for them were written directly
(${count(f.seedItems)} items, ${fixed(f.seedSeconds, 0)} s, not measured), as linking and the action's planned and in_progress
changes leave them; the action went proposed → planned (without a \`weWill\` text, which tells
nobody) → in_progress through \`updateAction\`, and the stream poller was started at the stream's
end. Measured: from \`updateAction\` moving the action to done (with its \`weDid\` text) until every
customer's "you said, we did" mail was in the outbox transport's directory and the stream function,
run by the local poller (batches of up to 100, up to ${f.parallelizationFactor} of them side by side as the stack's
parallelization factor, spread by partition key), had read the stream to its end. That covers the
action's job and its lanes (one per ${count(f.laneSize)} links, each its own chain of stream records;
${f.pageSize} linked items a page, each page a stream record), which on each page writes one
notification per customer already claimed and delivers it (gathering the customer's linked items,
tracking and unsubscribe tokens, the \`.eml\` file, marking it sent), then moves the items to done
(the page's timeline entries in batches of 25, each item with a conditional write that also sets
its told-at) and credits the finders; then the stream records that follow: the status counts of
each item's change, and each sent mail's change. The stream function handles different items'
records of a batch side by side (16 at a time), each item's in order.
\`MAIL_RATE_PER_SECOND=0\`: no sending limit.
Baseline: ${count(n)} items of the feedback items' size (${f.baselineItemBytes} bytes as JSON, every index attribute) written
with raw \`BatchWriteItem\`, 25 a request, ${f.baselineConcurrency} in flight, once before the fan-out and once after.

| what | time | ÷ baseline |
| --- | ---: | ---: |
| done → ${count(n)} mails sent and the stream idle | ${seconds(f.fanOutMs)} | **${fixed(f.ratio, 1)}** |
| done → first mail / last mail in the outbox | ${seconds(f.firstMailMs)} / ${seconds(f.lastMailMs)} | |
| baseline: ${count(n)} items with \`BatchWriteItem\` (before / after) | ${seconds(f.baselineMs[0])} / ${seconds(f.baselineMs[1])} | 1 |

${rates(f)} That is ${fixed((n * 1000) / f.fanOutMs, 0)} customers told a second, against ${fixed((n * 1000) / baselineMean, 0)} items a second written by the baseline.
Each mail was checked: ${count(n)} files, one per customer, each to its customer's address, and the job
recorded ${count(n)} notifications written. Stream records handled: ${records}${f.pollerErrors > 0 ? `; ${f.pollerErrors} batches redelivered after an error` : ""}.

### DynamoDB calls and capacity per customer told

Every command of the \`done\` update and the stream function carried \`ReturnConsumedCapacity:
"TOTAL"\` (an SDK middleware on their document client); calls are grouped by operation and the
prefix of the key they name. Time is the calls' summed round trips (records of different items are
handled 16 at a time, so it exceeds the wall time); DynamoDB Local's reported units are shown as
reported, and \`capacity\` gives what the service would bill. The outbox transport spent
${seconds(f.transportMs)} in all building and writing the mails.

| what | calls | items written | write units (reported) | read units (reported) | time |
| --- | ---: | ---: | ---: | ---: | ---: |
${row("**all**", f.calls)}
${operations.join("\n")}
${row("baseline `BatchWriteItem`, per item", f.baselineCalls)}

${fixed(f.calls.transactionalWrites / n)} of the ${fixed(f.calls.itemWrites / n)} items written per customer are actions of transactions, which DynamoDB
bills at twice the units of a plain write. DynamoDB Local does not count them that way throughout:
measured while writing this benchmark, a transaction of two small \`Put\`s reports 2 units where the
service bills 4, while a transaction of one \`Put\` of a feedback item reports 14, twice its \`PutItem\`.
The write units of the transaction rows are DynamoDB Local's account, low where a transaction holds
several small items (the status effect: 2 units for its marker and the counts item), so the total
is a floor for the service's bill.
`;
}
