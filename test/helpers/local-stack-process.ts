import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { freePort } from "../../infra/local/ports";
import { feedbackListKey, feedbackPartitions } from "../../shared/db/keys";
import { checkAnswersFrom } from "./check-fetch";

/**
 * The real local stack (`npm start`: DynamoDB Local, the app on Node, the stream poller) run as a
 * child process the way a user runs it, on a free port and in temporary folders, for end-to-end
 * tests. Every process started here is registered, so {@link stopAllLocalStacks} can stop it (and
 * its DynamoDB Local Java child) in an `afterAll`/`afterEach` even when a test failed half-way.
 */

export const repoRoot = resolve(import.meta.dirname, "../..");

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LocalStackProcess {
  /** The base URL the stack serves and puts in links (`PUBLIC_URL`). */
  url: string;
  port: number;
  dataDir: string;
  outboxDir: string;
  /** The host process (node). */
  pid: number;
  /** DynamoDB Local's endpoint, as the stack printed it. */
  dynamoEndpoint: string;
  /** Resolves when the host process has exited. */
  exited: Promise<ExitInfo>;
  /** Sends `signal` and waits for the exit; after `timeoutMs` the host is killed and this rejects. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitInfo>;
  /** SIGKILL of the host only, as a crash: its DynamoDB Local child is left running. */
  kill(): Promise<ExitInfo>;
  /** Everything the host printed so far (stdout and stderr, interleaved). */
  output(): string;
}

export interface StartOptions {
  /** Defaults to `<new temp folder>/db`. */
  dataDir?: string;
  /** Defaults to `<new temp folder>/outbox`. */
  outboxDir?: string;
  /** Defaults to a free port. */
  port?: number;
  /** Extra environment (e.g. `INTAKE_RATE_LIMIT`); wins over the defaults. */
  env?: Record<string, string>;
  /** Extra arguments for `infra/local/start.ts` (e.g. `--demo`). */
  args?: string[];
  /** How long to wait for "is running" (default 90 s). */
  timeoutMs?: number;
}

/** Product settings a developer's shell may have set; a test stack starts without them unless given. */
const productSettings = [
  "HOST",
  "PUBLIC_URL",
  "TABLE_NAME",
  "MAIL_TRANSPORT",
  "MAIL_FROM",
  "MAIL_REPLY_TO",
  "SMTP_URL",
  "SES_CONFIGURATION_SET",
  "ADMIN_EMAIL",
  "EMBED_ORIGINS",
  "DYNAMODB_PORT",
  "DYNAMODB_ENDPOINT",
  "MAIL_RATE_PER_SECOND",
  "MAIL_MAX_ATTEMPTS",
  "MAIL_RETRY_SECONDS",
  "MAIL_SWEEP_SECONDS",
];

interface Registered {
  child: ChildProcess;
  dataDir: string;
}

const running = new Set<Registered>();
const dataDirs = new Set<string>();
const tempRoots = new Set<string>();
const parsedMail = new Map<string, ParsedMail>();

/** Starts `infra/local/start.ts` and resolves once it prints that it is running. */
export async function startLocalStackProcess(options: StartOptions = {}): Promise<LocalStackProcess> {
  let root: string | undefined;
  if (!options.dataDir || !options.outboxDir) {
    root = await mkdtemp(join(tmpdir(), "feedback-e2e-"));
    tempRoots.add(root);
  }
  const dataDir = resolve(options.dataDir ?? join(root ?? "", "db"));
  const outboxDir = resolve(options.outboxDir ?? join(root ?? "", "outbox"));
  await mkdir(outboxDir, { recursive: true });
  const port = options.port ?? (await freePort());

  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of productSettings) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    DATA_DIR: dataDir,
    OUTBOX_DIR: outboxDir,
    POWERTOOLS_LOG_LEVEL: "WARN",
    INTAKE_RATE_LIMIT: "0",
    BOARD_COUNT_SECONDS: "0",
    ...options.env,
  });

  const child = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts", ...(options.args ?? [])], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const entry: Registered = { child, dataDir };
  running.add(entry);
  dataDirs.add(dataDir);

  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 500_000) output = output.slice(-400_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<ExitInfo>((done) => {
    child.once("exit", (code, signal) => {
      running.delete(entry);
      done({ code, signal });
    });
  });
  const spawnFailed = new Promise<never>((_, reject) => child.once("error", reject));
  spawnFailed.catch(() => {});

  const timeoutMs = options.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  let exitedEarly: ExitInfo | undefined;
  void exited.then((info) => {
    exitedEarly = info;
  });
  try {
    // "is running" starts the stack's banner; the lines after it (the database endpoint) come in the same write.
    while (!output.includes("is running") || !databaseEndpointIn(output)) {
      if (exitedEarly) {
        throw new Error(`the local stack exited (${describeExit(exitedEarly)}) before it was running`);
      }
      if (Date.now() > deadline) throw new Error(`the local stack did not print "is running" in ${timeoutMs} ms`);
      await Promise.race([sleep(50), spawnFailed]);
    }
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    killDatabase(dataDir);
    throw new Error(`${(error as Error).message}\n--- output ---\n${output}`, { cause: error });
  }
  const dynamoEndpoint = databaseEndpointIn(output) ?? "";

  const stop = async (signal: NodeJS.Signals = "SIGINT", stopTimeoutMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill(signal);
    const info = await Promise.race([exited, sleep(stopTimeoutMs).then(() => undefined)]);
    if (info) return info;
    child.kill("SIGKILL");
    await exited;
    killDatabase(dataDir);
    throw new Error(`the local stack did not exit within ${stopTimeoutMs} ms of ${signal}\n--- output ---\n${output}`);
  };

  const url = `http://localhost:${port}`;
  // Every answer the tests fetch from this stack is checked against the API document.
  checkAnswersFrom(url);
  return {
    url,
    port,
    dataDir,
    outboxDir,
    pid: child.pid ?? -1,
    dynamoEndpoint,
    exited,
    stop,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
    output: () => output,
  };
}

const databaseEndpointIn = (output: string) => /DynamoDB Local at (http:\/\/[^\s)]+)\)/.exec(output)?.[1];

const describeExit = (info: ExitInfo) => (info.signal ? `signal ${info.signal}` : `code ${info.code}`);

/** The pid DynamoDB Local was started with on this data folder, from the stack's pid file. */
export function databasePid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, "dynamodb.pid"), "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process runs (a zombie, dead but not reaped, does not count). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which is in parentheses and may hold spaces): the state comes first.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    if (existsSync("/proc/self")) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** The DynamoDB Local processes working on `dataDir`: the pid file's, and any other found in /proc. */
export function databaseProcesses(dataDir: string): number[] {
  const found = new Set<number>();
  const fromFile = databasePid(dataDir);
  if (fromFile !== undefined && isDynamoDbLocal(fromFile)) found.add(fromFile);
  try {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        const at = args.indexOf("-dbPath");
        if (args.some((a) => a.includes("DynamoDBLocal")) && at >= 0 && args[at + 1] === dataDir) found.add(pid);
      } catch {
        // Gone meanwhile, or not ours to read.
      }
    }
  } catch {
    // No /proc (not Linux): the pid file is all there is.
  }
  return [...found].filter(isAlive);
}

function isDynamoDbLocal(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("DynamoDBLocal");
  } catch {
    return false;
  }
}

/** SIGKILLs whatever DynamoDB Local still runs on `dataDir` (left behind by a host that was killed). */
export function killDatabase(dataDir: string): number[] {
  const pids = databaseProcesses(dataDir);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return pids;
}

/** Waits until `pid` no longer runs; false after `timeoutMs`. */
export async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Kills every stack process still running (SIGKILL: cleanup must be quick and sure), then every
 * DynamoDB Local left on their data folders, and removes the temporary folders this module made.
 */
export async function stopAllLocalStacks(options: { removeTempDirs?: boolean } = {}): Promise<void> {
  const hosts = [...running];
  for (const { child } of hosts) child.kill("SIGKILL");
  await Promise.all(
    hosts.map(({ child }) =>
      child.exitCode !== null || child.signalCode !== null
        ? undefined
        : new Promise<void>((done) => child.once("exit", () => done())),
    ),
  );
  const killed = [...dataDirs].flatMap((dir) => killDatabase(dir));
  await Promise.all(killed.map((pid) => waitUntilGone(pid, 5_000)));
  if (options.removeTempDirs ?? true) {
    for (const root of tempRoots) await rm(root, { recursive: true, force: true });
    tempRoots.clear();
    dataDirs.clear();
    parsedMail.clear();
  }
}

// Last resort if the test process ends without its hooks running: nothing may outlive it.
process.once("exit", () => {
  for (const { child, dataDir } of running) {
    child.kill("SIGKILL");
    killDatabase(dataDir);
  }
  for (const dir of dataDirs) killDatabase(dir);
});

// ---------------------------------------------------------------------------------------------
// The outbox

export interface OutboxMail {
  file: string;
  mail: ParsedMail;
  /** The (single) recipient's address, lower case. */
  to: string;
}

/** The `.eml` files in the outbox (a transport's hidden temporary files excluded), sorted. */
export async function mailFiles(outboxDir: string): Promise<string[]> {
  try {
    const names = await readdir(outboxDir);
    return names.filter((name) => name.endsWith(".eml") && !name.startsWith(".")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The first address of a parsed address header, lower case. */
export function firstAddress(header: AddressObject | AddressObject[] | undefined): string {
  const first = [header ?? []].flat()[0]?.value[0]?.address;
  return (first ?? "").toLowerCase();
}

/** Every message in the outbox, parsed (files are written whole, once, so parses are cached). */
export async function readOutbox(outboxDir: string): Promise<OutboxMail[]> {
  const result: OutboxMail[] = [];
  for (const name of await mailFiles(outboxDir)) {
    const file = join(outboxDir, name);
    let mail = parsedMail.get(file);
    if (!mail) {
      mail = await simpleParser(await readFile(file));
      parsedMail.set(file, mail);
    }
    result.push({ file, mail, to: firstAddress(mail.to) });
  }
  return result;
}

/**
 * Polls the outbox every 100 ms until it holds at least `count` messages (to `to`, when given) and
 * returns those messages; throws with what is there after `timeoutMs`.
 */
export async function waitForMail(
  outboxDir: string,
  count: number,
  options: { to?: string; timeoutMs?: number } = {},
): Promise<OutboxMail[]> {
  const to = options.to?.toLowerCase();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await readOutbox(outboxDir);
    const matching = to === undefined ? all : all.filter((m) => m.to === to);
    if (matching.length >= count) return matching;
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} message(s)${to ? ` to ${to}` : ""} in ${outboxDir} within ${timeoutMs} ms, found ${matching.length}; ` +
          `outbox: ${all.map((m) => `${m.to} (${m.file.split("/").pop()})`).join(", ") || "empty"}`,
      );
    }
    await sleep(100);
  }
}

/** How many messages went to each address. */
export async function mailCountByRecipient(outboxDir: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { to } of await readOutbox(outboxDir)) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

/** A raw header line of a parsed message (`List-Unsubscribe: <...>`), unfolded, or undefined. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  if (line === undefined) return undefined;
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\r?\n[ \t]+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// The database, read directly (only to prove what a request did or did not store)

/** How many feedback items the stack's table holds (Query on every shard of the inbox index, which every item is on). */
export async function countStoredFeedback(stack: { dynamoEndpoint: string }, tableName = "feedback"): Promise<number> {
  const client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    let total = 0;
    for (const partition of feedbackPartitions(feedbackListKey)) {
      let start: QueryCommand["input"]["ExclusiveStartKey"];
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: "GSI1",
            KeyConditionExpression: "GSI1PK = :pk",
            ExpressionAttributeValues: { ":pk": { S: partition } },
            Select: "COUNT",
            ExclusiveStartKey: start,
          }),
        );
        total += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
    }
    return total;
  } finally {
    client.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Mail caused by an action, the links it carries, CSV answers

/** The names of the messages in the outbox now: pass them to {@link waitForNewMail} before acting. */
export async function outboxSnapshot(outboxDir: string): Promise<Set<string>> {
  return new Set(await mailFiles(outboxDir));
}

/**
 * Polls the outbox until a message that is not in `seen` (an {@link outboxSnapshot}) arrives for
 * `to`, with a subject matching `subject` when given, and returns it; throws with what is there
 * after `timeoutMs`.
 */
export async function waitForNewMail(
  outboxDir: string,
  seen: ReadonlySet<string>,
  options: { to: string; subject?: string | RegExp; timeoutMs?: number },
): Promise<OutboxMail> {
  const to = options.to.toLowerCase();
  const { subject } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const all = await readOutbox(outboxDir);
    const found = all.find(
      ({ file, mail, to: recipient }) =>
        !seen.has(file.slice(outboxDir.length + 1)) &&
        recipient === to &&
        (subject === undefined ||
          (typeof subject === "string" ? mail.subject === subject : subject.test(mail.subject ?? ""))),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `no new message to ${to}${subject ? ` with subject ${String(subject)}` : ""} in ${outboxDir}; outbox: ` +
          (all.map((m) => `${m.to} "${m.mail.subject}"`).join(", ") || "empty"),
      );
    }
    await sleep(100);
  }
}

/** The first URL in a message's text part that starts with `prefix`; throws when there is none. */
export function linkInMail(mail: ParsedMail, prefix: string): string {
  const links = (mail.text ?? "").match(/https?:\/\/[^\s<>"]+/g) ?? [];
  const link = links.find((l) => l.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in the text part:\n${mail.text}`);
  return link;
}

/** The rows of an RFC 4180 CSV text (a leading UTF-8 BOM dropped; CRLF or LF between records). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || (char === "\r" && source[i + 1] === "\n")) {
      if (char === "\r") i++;
      rows.push([...row, cell]);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}
