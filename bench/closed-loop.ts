import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../functions/api/app";
import { createStreamHandler } from "../functions/stream/create-handler";
import { ensureLocalTable } from "../infra/local/dynamodb";
import { startStreamPoller } from "../infra/local/stream-poller";
import { createApiToken } from "../shared/auth/api-tokens";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/db/client";
import { createDeps } from "../shared/deps";
import { newId } from "../shared/ids";
import { createOutboxTransport } from "../shared/mail/transports/outbox";
import { matchesStreamFilters } from "../shared/stream/filters";
import { type CapacityFigures, meterCapacity } from "./capacity-model";

/** The steps of one closed loop, in order, as `capacity.json` names them. */
export const closedLoopSteps = [
  "intake with acknowledgement",
  "goal link",
  "action link",
  "we will",
  "you said, we did",
] as const;

export interface ClosedLoopCapacity {
  /** Customers whose items share the goal and the action (the action's own writes are shared by them). */
  customers: number;
  /** Per customer, each step and what it was billed: the request and everything the stream did after it. */
  steps: { name: (typeof closedLoopSteps)[number]; figures: CapacityFigures }[];
  total: { writeUnits: number; readUnits: number };
  /** Messages the loop sent (acknowledgements and updates), as a check that it really closed. */
  messages: number;
}

const perCustomer = (figures: CapacityFigures, customers: number): CapacityFigures => {
  const divide = (record: Record<string, number>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v / customers]));
  return {
    writeUnits: figures.writeUnits / customers,
    indexWriteUnits: figures.indexWriteUnits / customers,
    transactionSurcharge: figures.transactionSurcharge / customers,
    readUnits: figures.readUnits / customers,
    commands: divide(figures.commands),
    writesByEntity: divide(figures.writesByEntity),
  };
};

/**
 * Runs closed loops through the real app and the real stream function on a fresh table in the
 * DynamoDB Local at `endpoint`, and prices every command by the service's billing rules: `customers`
 * each submit one item with an address and consent (and get the acknowledgement), staff link the
 * items to a goal and to an action, plan it with a "we will" text and finish it with a "we did"
 * text, and each customer is told both. Staff calls authenticate with an API token, as an
 * integration would. Figures are per customer.
 */
export async function measureClosedLoop(endpoint: string, customers = 1): Promise<ClosedLoopCapacity> {
  const tableName = `loop-${newId().toLowerCase()}`;
  const streamArn = await ensureLocalTable(endpoint, tableName);
  const config = loadConfig({
    TABLE_NAME: tableName,
    PUBLIC_URL: "http://localhost:3000",
    DYNAMODB_ENDPOINT: endpoint,
    INTAKE_RATE_LIMIT: "0",
  });
  const db = createDocumentClient({ endpoint, region: "local" });
  const probe = createDocumentClient({ endpoint, region: "local" });
  const deps = createDeps(config, { db });
  const meter = meterCapacity(db, probe, tableName);
  const outboxDir = mkdtempSync(join(tmpdir(), "closed-loop-"));
  let messages = 0;
  const outbox = createOutboxTransport({ from: "Feedback <feedback@example.org>", outboxDir });
  const transport = {
    name: outbox.name,
    send: async (mail: Parameters<typeof outbox.send>[0]) => {
      messages += 1;
      return outbox.send(mail);
    },
  };
  const poller = startStreamPoller({
    endpoint,
    streamArn,
    handler: createStreamHandler(deps, transport),
    checkpointFile: join(outboxDir, "checkpoint.json"),
    filter: (record) => matchesStreamFilters(record),
    idleMs: 20,
  });
  try {
    const app = createApp(deps, { clientAddress: () => "127.0.0.1" });
    const at = deps.now().toISOString();
    const staff = {
      id: newId(),
      email: "loop.manager@example.org",
      name: "Loop Manager",
      role: "manager" as const,
      active: true,
      createdAt: at,
      updatedAt: at,
    };
    await deps.staff.create(staff);
    const { token } = await createApiToken(deps, { staff, via: "token" }, { name: "closed loop" });
    const call = async <T>(method: string, path: string, body: unknown): Promise<T> => {
      const response = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.status >= 300)
        throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    };
    const goal = await call<{ id: string }>("POST", "/api/goals", {
      title: "Fewer complaints about the ticket machines",
      metric: { kind: "complaint_share", scope: { topic: "ticket machines" }, baseline: 12, target: 6, windowDays: 90 },
    });
    const action = await call<{ id: string; version: number }>("POST", "/api/actions", {
      goalId: goal.id,
      title: "Replace the card readers",
    });
    await poller.idle();

    meter.step("intake with acknowledgement");
    const ids: string[] = [];
    for (let i = 0; i < customers; i++) {
      const created = await call<{ id: string }>("POST", "/api/feedback", {
        message: "The ticket machine at platform 3 refused my card twice before it worked. Please look at it.",
        kind: "complaint",
        topic: "ticket machines",
        email: `traveller${i}@example.org`,
        name: `Traveller ${i}`,
        consent: true,
        locale: "nl",
        channel: "web",
      });
      ids.push(created.id);
    }
    await poller.idle();
    meter.step("goal link");
    await call("POST", `/api/goals/${goal.id}/feedback`, { feedbackIds: ids });
    await poller.idle();
    meter.step("action link");
    await call("POST", `/api/actions/${action.id}/feedback`, { feedbackIds: ids });
    await poller.idle();
    meter.step("we will");
    let version = action.version;
    ({ version } = await call<{ version: number }>("PATCH", `/api/actions/${action.id}`, {
      version,
      status: "planned",
      weWill: {
        en: "We will replace every card reader on the line by June.",
        nl: "We vervangen voor juni elke kaartlezer op de lijn.",
      },
    }));
    await poller.idle();
    meter.step("you said, we did");
    ({ version } = await call<{ version: number }>("PATCH", `/api/actions/${action.id}`, {
      version,
      status: "in_progress",
    }));
    await call("PATCH", `/api/actions/${action.id}`, {
      version,
      status: "done",
      weDid: {
        en: "We replaced all 40 card readers; the new ones take contactless cards too.",
        nl: "We hebben alle 40 kaartlezers vervangen; de nieuwe nemen ook contactloze kaarten aan.",
      },
    });
    await poller.idle();
    meter.step("after");

    const steps = meter
      .steps()
      .filter(([name]) => (closedLoopSteps as readonly string[]).includes(name))
      .map(([name, figures]) => ({
        name: name as (typeof closedLoopSteps)[number],
        figures: perCustomer(figures, customers),
      }));
    const sum = (pick: (f: CapacityFigures) => number) => steps.reduce((total, s) => total + pick(s.figures), 0);
    return {
      customers,
      steps,
      total: { writeUnits: sum((f) => f.writeUnits), readUnits: sum((f) => f.readUnits) },
      messages,
    };
  } finally {
    await poller.stop();
    db.destroy();
    probe.destroy();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}
