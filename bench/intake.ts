import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { ensureLocalTable, startDynamoDbLocal } from "../infra/local/dynamodb";
import { freePort } from "../infra/local/ports";
import { loadConfig } from "../shared/config";
import { createDocumentClient } from "../shared/db/client";
import { createDeps } from "../shared/deps";
import { newId } from "../shared/ids";
import { runConcurrently } from "./stats";

export interface IntakeFigures {
  requests: number;
  concurrency: number;
  intakePerSecond: number;
  putItemPerSecond: number;
  ratio: number;
  transactPerSecond: number;
  transactRatio: number;
  itemsPerIntake: number;
}

/** Items one intake without an address writes: the feedback, its timeline entry, its tracking token. */
const ITEMS_PER_INTAKE = 3;

const body = (i: number) => ({
  message: `The ticket machine at platform ${i % 12} refused my card twice before it worked. Please look at it.`,
  kind: "complaint",
  score: { type: "nps", value: i % 11 },
  locale: (["en", "nl", "sv"] as const)[i % 3],
  topic: "ticket machines",
});

/**
 * Intake through the HTTP API (the api in its own Node process, on a socket, the full middleware
 * chain, the intake's one conditional write) against raw single PutItems of a comparable item, on the same in-memory DynamoDB
 * Local, with the same concurrency. Each side is warmed up first, then they alternate in rounds
 * so that drift of the machine affects both.
 */
export async function benchIntake(
  options: { requests?: number; concurrency?: number; rounds?: number } = {},
): Promise<IntakeFigures> {
  const requests = options.requests ?? 1500;
  const concurrency = options.concurrency ?? 16;
  const rounds = options.rounds ?? 3;
  const db = await startDynamoDbLocal();
  try {
    await ensureLocalTable(db.endpoint, "bench");
    const config = loadConfig({
      TABLE_NAME: "bench",
      PUBLIC_URL: "http://localhost",
      DYNAMODB_ENDPOINT: db.endpoint,
      INTAKE_RATE_LIMIT: "0",
    });
    const deps = createDeps(config, { db: createDocumentClient({ endpoint: db.endpoint, region: "local" }) });
    const port = await freePort();
    const server = await startApiServer(port, db.endpoint);
    const url = `http://127.0.0.1:${port}/api/feedback`;

    const viaApi = async (i: number) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body(i)),
      });
      if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    const rawItem = (i: number) => {
      const id = newId();
      return {
        PK: `RAW#${id}`,
        SK: "RAW",
        GSI1PK: "RAW",
        GSI1SK: id,
        id,
        ...body(i),
        createdAt: new Date().toISOString(),
      };
    };
    const viaPutItem = async (i: number) => {
      await deps.db.send(new PutCommand({ TableName: "bench", Item: rawItem(i) }));
    };
    const viaTransaction = async (i: number) => {
      const TransactItems = Array.from({ length: ITEMS_PER_INTAKE }, () => ({
        Put: { TableName: "bench", Item: rawItem(i), ConditionExpression: "attribute_not_exists(PK)" },
      }));
      await deps.db.send(new TransactWriteCommand({ TransactItems }));
    };

    await runConcurrently(300, concurrency, viaApi);
    await runConcurrently(300, concurrency, viaPutItem);
    await runConcurrently(300, concurrency, viaTransaction);
    let apiMs = 0;
    let putMs = 0;
    let transactMs = 0;
    for (let round = 0; round < rounds; round++) {
      apiMs += await runConcurrently(requests, concurrency, viaApi);
      putMs += await runConcurrently(requests, concurrency, viaPutItem);
      transactMs += await runConcurrently(requests, concurrency, viaTransaction);
    }
    server.kill("SIGTERM");
    const intakePerSecond = (requests * rounds * 1000) / apiMs;
    const putItemPerSecond = (requests * rounds * 1000) / putMs;
    const transactPerSecond = (requests * rounds * 1000) / transactMs;
    return {
      requests: requests * rounds,
      concurrency,
      intakePerSecond,
      putItemPerSecond,
      ratio: intakePerSecond / putItemPerSecond,
      transactPerSecond,
      transactRatio: intakePerSecond / transactPerSecond,
      itemsPerIntake: ITEMS_PER_INTAKE,
    };
  } finally {
    await db.stop();
  }
}

async function startApiServer(port: number, endpoint: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/fixtures/api-server.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      TABLE_NAME: "bench",
      PUBLIC_URL: "http://localhost",
      DYNAMODB_ENDPOINT: endpoint,
      INTAKE_RATE_LIMIT: "0",
      POWERTOOLS_LOG_LEVEL: "ERROR",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await once(child.stdout as NodeJS.ReadableStream, "data");
  return child;
}
