import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, expect } from "vitest";
import { checkpointAtEnd } from "../../bench/stream";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { type StreamPoller, startStreamPoller } from "../../infra/local/stream-poller";
import type { Deps } from "../../shared/deps";
import { normaliseEmail, sha256 } from "../../shared/ids";
import { buildMimeMessage } from "../../shared/mail/mime";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import type { MailTransport, OutgoingMail } from "../../shared/mail/types";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { createApp } from "./app";
import { callJson, type SignedInStaff, signedInStaff } from "./staff";
import { createTestTable, type TestTable } from "./table";

/**
 * A world for the loop's updates: a fresh table, the API, a manager, and the stream function
 * running over the table's stream through the real poller, with a clock the test moves.
 */

export const hashOf = (email: string) => sha256(normaliseEmail(email));

/** A transport that records every message it is handed (parsed as sent), optionally failing some. */
export function recordingTransport(options: { failEvery?: number; outboxDir?: string } = {}) {
  const sent: { mail: OutgoingMail; raw: string }[] = [];
  const outbox = options.outboxDir
    ? createOutboxTransport({ from: "Feedback <f@example.org>", outboxDir: options.outboxDir })
    : undefined;
  let calls = 0;
  const transport: MailTransport = {
    name: "recording",
    async send(mail) {
      calls += 1;
      if (options.failEvery && calls % options.failEvery === 0) throw new Error(`transport refused call ${calls}`);
      const built = await buildMimeMessage(mail, { from: "Feedback <f@example.org>" });
      sent.push({ mail, raw: built.raw.toString() });
      if (outbox) return outbox.send(mail);
      return { messageId: built.messageId };
    },
  };
  const perPurpose = () => {
    const counts = new Map<string, number>();
    for (const { mail } of sent) counts.set(mail.id, (counts.get(mail.id) ?? 0) + 1);
    return counts;
  };
  return { transport, sent, perPurpose, calls: () => calls };
}

export interface World {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  manager: SignedInStaff;
  poller: StreamPoller;
  delivered: DynamoDBStreamEvent[];
  /** Records the poller gave up after their retries (Lambda's on-failure destination). */
  discarded: DynamoDBRecord[];
  clock: { now: number };
  table: TestTable;
  /** Starts the poller anew after what the stream holds now (records written directly as a seed are skipped). */
  pollFromEnd(): Promise<void>;
}

const pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

/** A fresh table, the API, a manager, and the stream function running over the table's stream. */
export async function world(
  transport: MailTransport,
  env: Record<string, string> = {},
  options: {
    twice?: boolean;
    maxRetries?: number;
    /**
     * Batches the poller runs side by side (default 1, one after another). The stack runs the
     * stream's parallelization factor (10); the fault and updates suites run it too.
     */
    parallelizationFactor?: number;
  } = {},
): Promise<World> {
  const table = await createTestTable(env);
  const deps = table.deps;
  const clock = { now: Date.now() };
  deps.now = () => new Date(clock.now);
  const app = createApp(deps, { clientAddress: () => "203.0.113.9" });
  const manager = await signedInStaff(app, deps, "manager");
  const delivered: DynamoDBStreamEvent[] = [];
  const discarded: DynamoDBRecord[] = [];
  const handler = createStreamHandler(deps, transport);
  const poll = (checkpointFile: string) =>
    startStreamPoller({
      endpoint: table.endpoint,
      streamArn: table.streamArn,
      checkpointFile,
      handler: async (event, context) => {
        delivered.push(structuredClone(event));
        if (!options.twice) return handler(event, context);
        // The same batch handed to two invocations at once, as a retried Lambda may overlap the first.
        const [first] = await Promise.all([handler(event, context), handler(structuredClone(event), context)]);
        return first;
      },
      filter: (record) => matchesStreamFilters(record),
      parallelizationFactor: options.parallelizationFactor ?? 1,
      idleMs: 50,
      retryDelayMs: 50,
      maxRetries: options.maxRetries,
      onDiscard: (record) => discarded.push(record),
      onError: () => {},
    });
  const w: World = {
    deps,
    app,
    manager,
    poller: poll(join(mkdtempSync(join(tmpdir(), "updates-")), "checkpoint.json")),
    delivered,
    discarded,
    clock,
    table,
    async pollFromEnd() {
      await w.poller.stop();
      const file = join(mkdtempSync(join(tmpdir(), "updates-")), "checkpoint.json");
      await checkpointAtEnd(table.endpoint, table.streamArn, file);
      w.poller = poll(file);
      pollers.push(w.poller);
    },
  };
  pollers.push(w.poller);
  return w;
}

export const api = async <T = Record<string, unknown>>(w: World, method: string, path: string, body?: unknown) => {
  const response = await callJson(w.app, method, path, { as: w.manager, via: "token", body });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
};

export async function submit(w: World, message: string, extra: Record<string, unknown> = {}) {
  const response = await w.app.request("/api/feedback", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, kind: "complaint", topic: "ticket machines", ...extra }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export async function goalAndAction(w: World) {
  const goal = await api<{ id: string }>(w, "POST", "/api/goals", {
    title: "Fewer ticket machine complaints",
    metric: { kind: "complaint_share", baseline: 90, target: 40, windowDays: 30 },
  });
  const action = await api<{ id: string; version: number }>(w, "POST", "/api/actions", {
    goalId: goal.id,
    title: "Replace the card readers",
  });
  return { goal, action };
}

export async function link(w: World, actionId: string, feedbackIds: string[]) {
  for (let i = 0; i < feedbackIds.length; i += 100) {
    await api(w, "POST", `/api/actions/${actionId}/feedback`, { feedbackIds: feedbackIds.slice(i, i + 100) });
  }
}

/** Moves an action through statuses (with the given texts), returning its last version. */
export async function move(w: World, action: { id: string; version: number }, steps: Record<string, unknown>[]) {
  let version = action.version;
  for (const step of steps) {
    version = (await api<{ version: number }>(w, "PATCH", `/api/actions/${action.id}`, { version, ...step })).version;
  }
  action.version = version;
}

export const consenting = (email: string, extra: Record<string, unknown> = {}) => ({ email, consent: true, ...extra });
export const updatesOf = <T extends { mail: OutgoingMail }>(sent: T[]) =>
  sent.filter(({ mail }) => mail.id.startsWith("update#"));
