import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { type Config, loadConfig } from "../../shared/config";
import { createDocumentClient } from "../../shared/db/client";
import { ensureTable } from "../../shared/db/ensure-table";
import { createDeps, type Deps } from "../../shared/deps";
import { newId } from "../../shared/ids";

export interface TestTable {
  deps: Deps;
  config: Config;
  tableName: string;
  streamArn: string;
  endpoint: string;
  raw: DynamoDBClient;
}

/** A fresh table of the real definition in the test run's DynamoDB Local, and deps wired to it. */
export async function createTestTable(env: Record<string, string> = {}): Promise<TestTable> {
  const endpoint = inject("dynamoEndpoint");
  const tableName = `test-${newId().toLowerCase()}`;
  const raw = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const streamArn = await ensureTable(raw, tableName);
  const config = loadConfig({
    TABLE_NAME: tableName,
    PUBLIC_URL: "http://feedback.test",
    DYNAMODB_ENDPOINT: endpoint,
    INTAKE_RATE_LIMIT: "0",
    // The board counts on every view, so a test sees a link at once (board-counts.test.ts keeps them).
    BOARD_COUNT_SECONDS: "0",
    MAIL_RATE_PER_SECOND: "0",
    ...env,
  });
  const deps = createDeps(config, { db: createDocumentClient({ endpoint, region: "local" }) });
  return { deps, config, tableName, streamArn, endpoint, raw };
}
