import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { createApp } from "../functions/api/app";
import { startDynamoDbLocal } from "../infra/local/dynamodb";
import { createApiToken } from "../shared/auth/api-tokens";
import { loadConfig } from "../shared/config";
import { createDocumentClient, type DocumentClient } from "../shared/db/client";
import { keys } from "../shared/db/keys";
import { createTableInput } from "../shared/db/table";
import { createDeps } from "../shared/deps";
import { type Feedback, feedbackKinds, feedbackStatuses } from "../shared/entities/feedback";
import type { Staff } from "../shared/entities/staff";
import { newId, normaliseEmail, sha256 } from "../shared/ids";
import { logger } from "../shared/logger";
import { FeedbackRepository } from "../shared/repositories/feedback";
import { median, random, runConcurrently, writeBatch } from "./stats";

export interface InboxQueryFigure {
  /** What the inbox page asks for. */
  label: string;
  /** The request, as sent (the cursor shortened). */
  request: string;
  smallMs: number;
  largeMs: number;
  /** largeMs ÷ smallMs. */
  ratio: number;
  /** Items returned (for counts: statuses), the same in both tables (checked). */
  returned: number;
  /** DynamoDB calls per request, in the small and the large table (two are the guard's: token, staff member). */
  calls: [number, number];
  /** Items those calls examined (a Query's ScannedCount, 1 per GetItem that found one), small and large. */
  examined: [number, number];
}

export interface InboxFigures {
  smallItems: number;
  largeItems: number;
  rounds: number;
  /** Time to load the large table with BatchWriteItem, and its rate. */
  loadSeconds: number;
  loadPerSecond: number;
  loadConcurrency: number;
  queries: InboxQueryFigure[];
  /** The first page's ratio, large ÷ small. */
  headlineRatio: number;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
const BATCH = 25;
const STAFF_COUNT = 12;

const topics = [
  "punctuality",
  "mobile app",
  "ticket prices",
  "customer service",
  "website",
  "refunds",
  "cleanliness",
  "accessibility",
  "season tickets",
  "staff",
  "safety",
  "timetable",
] as const;
const topicWeights = [20, 16, 12, 10, 8, 7, 6, 5, 5, 4, 4, 3];
const departments = ["IT", "Customer Service", "Sales", "Finance", "Operations"] as const;
const kindWeights = [42, 28, 12, 18]; // complaint, suggestion, compliment, question
const channels = ["web", "widget", "email", "api"] as const;
const channelWeights = [50, 20, 20, 10];
const tagPool = ["follow-up", "vip", "press", "repeat", "urgent", "duplicate?", "escalated"] as const;
/** Recent feedback is mostly new or triaged; older feedback mostly done or closed. */
const recentStatusWeights = [45, 30, 10, 10, 5, 0]; // new, triaged, planned, done, closed, merged
const olderStatusWeights = [3, 15, 10, 38, 31, 3];
const messages = [
  "Line {n} was {m} minutes late again this morning, and I missed my connection at the central station.",
  "Since the last update the app crashes as soon as I open my tickets. I'm on Android {m}.",
  "The lift at platform {n} has been out of order for two weeks; there is no notice saying how long the repair will take.",
  "I applied for a refund for a cancelled journey {m} days ago and still haven't heard anything back from you.",
  "Could the journey planner show the platform number for connections? It would save a lot of running around.",
  "The driver on line {n} waited for me when I was running for the bus. Please thank him from me!",
  "Why does a monthly pass cost more when bought in the app than at the ticket machine at stop {n}?",
  "The buses on line {n} are filthy in the evening: sticky floors and rubbish under the seats.",
  "I waited {m} minutes on the phone and then got cut off. Nobody called me back.",
  "Is there a plan to run the night service on line {n} at weekends during the summer?",
];

/**
 * Draws `count` feedback items with ids spread evenly (with jitter) over the year before `now`, in
 * ascending order, with a realistic spread of statuses, kinds, topics, departments and assignees.
 * Ids come from `ulid(time)`, not `newId(time)`: newId's monotonic factory is shared by the whole
 * process and never goes back in time, so after anything else made an id "now" it would stamp
 * every older item with that same moment.
 */
function* feedbackItems(count: number, now: number, assignees: readonly string[], seed: number) {
  const r = random(seed);
  const start = now - YEAR_MS;
  let previousId: string | undefined;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(start + ((i + r.next()) * YEAR_MS) / count);
    const id = ulid(at);
    const recent = now - at < 30 * DAY_MS;
    let status = r.weighted(feedbackStatuses, recent ? recentStatusWeights : olderStatusWeights);
    if (status === "merged" && !previousId) status = "closed";
    const kind = r.weighted(feedbackKinds, kindWeights);
    const internal = r.next() < 0.15;
    const withEmail = r.next() < 0.55;
    const email = withEmail ? `traveller${r.int(40_000)}@example.org` : undefined;
    const assigned = status === "new" ? r.next() < 0.2 : r.next() < 0.8;
    const scored = r.next() < 0.6;
    const nps = r.next() < 0.5;
    const changes = status === "new" ? 0 : 1 + r.int(4);
    const updatedAt = Math.min(now, at + changes * r.int(5 * DAY_MS));
    const message = r
      .pick(messages)
      .replace("{n}", String(1 + r.int(40)))
      .replace("{m}", String(5 + r.int(40)));
    const feedback: Feedback = {
      id,
      status,
      kind,
      score: scored ? (nps ? { type: "nps", value: r.int(11) } : { type: "csat", value: 1 + r.int(5) }) : undefined,
      message,
      email,
      name: withEmail && r.next() < 0.5 ? `Traveller ${r.int(40_000)}` : undefined,
      consent: withEmail && r.next() < 0.7,
      locale: r.weighted(["en", "nl", "sv"] as const, [60, 25, 15]),
      customerType: internal ? "internal" : "external",
      department: internal ? r.pick(departments) : undefined,
      topic: r.next() < 0.9 ? r.weighted(topics, topicWeights) : undefined,
      channel: r.weighted(channels, channelWeights),
      tags: Array.from({ length: r.weighted([0, 1, 2], [70, 22, 8]) }, () => r.pick(tagPool)),
      assignee: assigned ? r.pick(assignees) : undefined,
      mergedInto: status === "merged" ? previousId : undefined,
      emailHash: email ? sha256(normaliseEmail(email)) : undefined,
      createdAt: new Date(at).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      version: 1 + changes,
    };
    previousId = id;
    yield feedback;
  }
}

/**
 * Fills a table with `count` feedback items (BatchWriteItem, 25 per request, `concurrency` in flight)
 * and the status counts item they imply, as the stream function would keep it. Returns elapsed ms.
 */
async function loadTable(
  db: DocumentClient,
  table: string,
  count: number,
  options: { assignees: readonly string[]; seed: number; now: number; concurrency: number },
) {
  const items = feedbackItems(count, options.now, options.assignees, options.seed);
  const counts: Record<string, number> = Object.fromEntries(feedbackStatuses.map((s) => [s, 0]));
  const batches = Math.ceil(count / BATCH);
  const step = Math.max(1, Math.round(batches / 10));
  let done = 0;
  const started = performance.now();
  // Items are drawn lazily, one batch at a time (JavaScript runs one worker at a time between awaits).
  const elapsed = await runConcurrently(batches, options.concurrency, async () => {
    const batch: Record<string, unknown>[] = [];
    while (batch.length < BATCH) {
      const next = items.next();
      if (next.done) break;
      counts[next.value.status] = (counts[next.value.status] ?? 0) + 1;
      batch.push(FeedbackRepository.feedbackItem(next.value));
    }
    if (batch.length === 0) return;
    await writeBatch(db, table, batch);
    done++;
    if (count >= 10_000 && (done % step === 0 || done === batches)) {
      const seconds = (performance.now() - started) / 1000;
      const written = Math.min(count, done * BATCH);
      console.log(
        `  ${table}: ${written.toLocaleString("en")} of ${count.toLocaleString("en")} items, ${seconds.toFixed(1)} s (${(written / seconds).toFixed(0)}/s)`,
      );
    }
  });
  await db.send(
    new PutCommand({ TableName: table, Item: { ...keys.statusCounts(), entityType: "StatusCounts", ...counts } }),
  );
  return elapsed;
}

/**
 * The table from the shared definition, without its stream. DynamoDB Local (not DynamoDB) makes
 * every request on a table with a stream pay for the stream records that other tables wrote before
 * that table's first one: measured while writing this benchmark, a GetItem on an empty table took
 * about 15 ms after another table had loaded 30,000 items, against 2 ms without streams. With
 * streams, the table loaded later would be slowed by the other one's history, not its own. Reads
 * never touch the stream on DynamoDB, so leaving it out changes nothing the benchmark is about.
 */
async function createTable(raw: DynamoDBClient, name: string) {
  const { StreamSpecification: _stream, ...input } = createTableInput(name);
  await raw.send(new CreateTableCommand(input));
}

/** A signed-in agent for one table: a staff member and an API token, as `Authorization` header value. */
async function signIn(deps: ReturnType<typeof createDeps>): Promise<string> {
  const at = deps.now().toISOString();
  const staff: Staff = {
    id: newId(deps.now()),
    email: "bench.agent@example.org",
    name: "Bench Agent",
    role: "agent",
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  await deps.staff.create(staff);
  const { token } = await createApiToken(deps, { staff, via: "token" }, { name: "inbox benchmark" });
  return `Bearer ${token}`;
}

interface Side {
  name: string;
  items: number;
  app: ReturnType<typeof createApp>;
  authorization: string;
  /** The second page's request, with the cursor of this table's first page. */
  secondPage: string;
}

/** One thing the inbox page asks for, timed until its answer is read; returns how many items came back. */
interface Probe {
  label: string;
  request: string;
  run: (side: Side) => Promise<{ ms: number; returned: number }>;
}

/** One request through the app, timed until its body is read; fails on anything but 200. */
async function request(side: Side, path: string) {
  const started = performance.now();
  const response = await side.app.request(path, { headers: { authorization: side.authorization } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path} on ${side.name} answered ${response.status}: ${text}`);
  return { ms, body: JSON.parse(text) as { items?: unknown[]; nextCursor?: string | null } };
}

const page = (path: string) => async (side: Side) => {
  const { ms, body } = await request(side, path);
  return { ms, returned: body.items?.length ?? 0 };
};

/** Counts the DynamoDB calls a client makes and the items they examine (ScannedCount, or 1 per item got). */
function countReads(client: DocumentClient) {
  const reads = { calls: 0, examined: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as { ScannedCount?: number; Item?: unknown };
      reads.calls++;
      reads.examined += output.ScannedCount ?? (output.Item ? 1 : 0);
      return result;
    },
    { step: "initialize", name: "benchInboxReads" },
  );
  return reads;
}

/**
 * The inbox page's requests against a table of 1,000 feedback items and one of 100,000, in one
 * in-memory DynamoDB Local, through the real app (`createApp(...).request`, in process: the guard
 * authenticates an API token, then the route runs its Query). Both tables are warmed up, then the
 * requests alternate between them in rounds (which table goes first alternates too); figures are
 * medians. A raw `GetItem` through the SDK is timed the same way, as a control for the engine itself.
 */
export async function benchInbox(
  options: { smallItems?: number; largeItems?: number; rounds?: number; loadConcurrency?: number } = {},
): Promise<InboxFigures> {
  const smallItems = options.smallItems ?? 1000;
  const largeItems = options.largeItems ?? 100_000;
  const rounds = options.rounds ?? 50;
  const loadConcurrency = options.loadConcurrency ?? 8;
  const db = await startDynamoDbLocal();
  const level = logger.getLevelName();
  const client = createDocumentClient({ endpoint: db.endpoint, region: "local" });
  try {
    const raw = new DynamoDBClient({
      endpoint: db.endpoint,
      region: "local",
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
    });
    const now = Date.now();
    const assignees = Array.from({ length: STAFF_COUNT }, (_, i) => ulid(now - YEAR_MS - i * DAY_MS));

    // One structured access-log line per request would flood the output; errors still show.
    logger.setLogLevel("ERROR");
    const sides: Side[] = [];
    let loadMs = 0;
    for (const [name, items, seed] of [
      ["inbox-small", smallItems, 1],
      ["inbox-large", largeItems, 2],
    ] as const) {
      await createTable(raw, name);
      const ms = await loadTable(client, name, items, { assignees, seed, now, concurrency: loadConcurrency });
      console.log(`  loaded ${items.toLocaleString("en")} items into ${name} in ${(ms / 1000).toFixed(1)} s`);
      if (name === "inbox-large") loadMs = ms;
      const config = loadConfig({ TABLE_NAME: name, PUBLIC_URL: "http://localhost", DYNAMODB_ENDPOINT: db.endpoint });
      const deps = createDeps(config, { db: client });
      const side = {
        name,
        items,
        app: createApp(deps, { clientAddress: () => "127.0.0.1" }),
        authorization: await signIn(deps),
        secondPage: "",
      };
      const first = await request(side, "/api/feedback?limit=50");
      if (!first.body.nextCursor) throw new Error(`${name}: the first page has no cursor`);
      side.secondPage = `/api/feedback?limit=50&cursor=${encodeURIComponent(first.body.nextCursor)}`;
      sides.push(side);
    }
    raw.destroy();
    const [small, large] = sides as [Side, Side];

    const probes: Probe[] = [
      { label: "first page", request: "/api/feedback?limit=50", run: page("/api/feedback?limit=50") },
      {
        label: "status new",
        request: "/api/feedback?limit=50&status=new",
        run: page("/api/feedback?limit=50&status=new"),
      },
      {
        label: "status triaged, kind complaint (index plus filter)",
        request: "/api/feedback?limit=50&status=triaged&kind=complaint",
        run: page("/api/feedback?limit=50&status=triaged&kind=complaint"),
      },
      {
        label: "second page",
        request: "/api/feedback?limit=50&cursor=…",
        run: async (side) => page(side.secondPage)(side),
      },
      {
        label: "status counts",
        request: "/api/feedback/counts",
        run: async (side) => {
          const { ms, body } = await request(side, "/api/feedback/counts");
          return { ms, returned: Object.keys(body).length };
        },
      },
      {
        label: "control: raw GetItem of the counts item (SDK, no app)",
        request: "GetItem COUNTS#feedback-status",
        run: async (side) => {
          const started = performance.now();
          const { Item } = await client.send(new GetCommand({ TableName: side.name, Key: keys.statusCounts() }));
          return { ms: performance.now() - started, returned: Item ? 1 : 0 };
        },
      },
    ];

    // Warm up (JIT, connections, DynamoDB Local's caches), and record what each probe reads and returns.
    const reads = countReads(client);
    const seen = new Map<string, { returned: number; calls: number; examined: number }>();
    for (let i = 0; i < 20; i++) {
      for (const probe of probes) {
        for (const side of sides) {
          reads.calls = 0;
          reads.examined = 0;
          const { returned } = await probe.run(side);
          seen.set(`${side.name} ${probe.label}`, { returned, calls: reads.calls, examined: reads.examined });
        }
      }
    }
    for (const probe of probes) {
      const a = seen.get(`${small.name} ${probe.label}`)?.returned;
      const b = seen.get(`${large.name} ${probe.label}`)?.returned;
      if (a !== b) throw new Error(`"${probe.label}" returned ${a} items on ${small.name} but ${b} on ${large.name}`);
    }

    client.middlewareStack.remove("benchInboxReads");

    const times = new Map(
      sides.flatMap((side) => probes.map((probe) => [`${side.name} ${probe.label}`, [] as number[]])),
    );
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [small, large] : [large, small];
      for (const probe of probes) {
        for (const side of order) {
          const { ms } = await probe.run(side);
          times.get(`${side.name} ${probe.label}`)?.push(ms);
        }
      }
    }

    const figures = probes.map((probe): InboxQueryFigure => {
      const of = (side: Side) => seen.get(`${side.name} ${probe.label}`) ?? { returned: 0, calls: 0, examined: 0 };
      const smallMs = median(times.get(`${small.name} ${probe.label}`) ?? []);
      const largeMs = median(times.get(`${large.name} ${probe.label}`) ?? []);
      return {
        label: probe.label,
        request: probe.request,
        smallMs,
        largeMs,
        ratio: largeMs / smallMs,
        returned: of(small).returned,
        calls: [of(small).calls, of(large).calls],
        examined: [of(small).examined, of(large).examined],
      };
    });
    return {
      smallItems,
      largeItems,
      rounds,
      loadSeconds: loadMs / 1000,
      loadPerSecond: (largeItems * 1000) / loadMs,
      loadConcurrency,
      queries: figures,
      headlineRatio: (figures[0] as InboxQueryFigure).ratio,
    };
  } finally {
    logger.setLogLevel(level);
    client.destroy();
    await db.stop();
  }
}
