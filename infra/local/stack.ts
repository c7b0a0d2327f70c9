import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createApp } from "../../functions/api/app";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { loadConfig } from "../../shared/config";
import { createDeps, type Deps } from "../../shared/deps";
import { createMailTransport } from "../../shared/mail/transport";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { STREAM_PARALLELIZATION_FACTOR } from "../../shared/stream/mapping";
import { ensureLocalTable, startDynamoDbLocal } from "./dynamodb";
import { listen } from "./http-server";
import type { LocalSettings } from "./local-config";
import { startStreamPoller } from "./stream-poller";
import { startSweeper } from "./sweeper";

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  deps: Deps;
  /** Resolves when every stream record written so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole product on one machine: DynamoDB Local (data under DATA_DIR), the table from the shared
 * definition, the Hono app on Node, and the stream poller calling the stream function's handler.
 */
export async function startLocalStack(settings: LocalSettings): Promise<LocalStack> {
  stopLeftoverDatabase(settings.dataDir);
  const db = await startDynamoDbLocal({ dbPath: settings.dataDir, port: settings.dynamoPort });
  writeFileSync(pidFile(settings.dataDir), String(db.process.pid));
  try {
    const config = loadConfig({ ...settings.appEnv, DYNAMODB_ENDPOINT: db.endpoint });
    const streamArn = await ensureLocalTable(db.endpoint, config.tableName);
    const deps = createDeps(config);
    const transport = createMailTransport(config.mail);
    const poller = startStreamPoller({
      endpoint: db.endpoint,
      streamArn,
      handler: createStreamHandler(deps, transport),
      checkpointFile: join(settings.dataDir, "stream-checkpoint.json"),
      filter: (record) => matchesStreamFilters(record),
      parallelizationFactor: STREAM_PARALLELIZATION_FACTOR,
    });
    const sweeper = startSweeper(deps, transport, settings.sweepSeconds);
    const app = createApp(deps, { clientAddress: (c) => getConnInfo(c).remote.address });
    const server = await listen(app.fetch, settings.host, settings.port);
    return {
      url: config.publicUrl,
      dynamoEndpoint: db.endpoint,
      deps,
      idle: () => poller.idle(),
      stop: async () => {
        await new Promise<void>((done) => server.close(() => done()));
        await sweeper.stop();
        await poller.stop();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

const pidFile = (dataDir: string) => join(dataDir, "dynamodb.pid");

/** A host killed without a chance to clean up leaves its Java child running on the data: stop it. */
function stopLeftoverDatabase(dataDir: string) {
  const file = pidFile(dataDir);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (command.includes("DynamoDBLocal")) process.kill(pid, "SIGKILL");
  } catch {
    // Not running any more (or not on Linux): nothing to stop.
  }
}
