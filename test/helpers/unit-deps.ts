import { loadConfig } from "../../shared/config";
import { createDeps, type Deps } from "../../shared/deps";

/**
 * Deps for routes that answer before touching the database (validation, pages). The endpoint is a
 * closed port, so a test that reaches the database fails loudly instead of passing by accident.
 */
export function unitDeps(env: Record<string, string> = {}): Deps {
  return createDeps(
    loadConfig({
      TABLE_NAME: "unit",
      PUBLIC_URL: "http://feedback.test",
      DYNAMODB_ENDPOINT: "http://127.0.0.1:9",
      INTAKE_RATE_LIMIT: "0",
      BOARD_COUNT_SECONDS: "0",
      ...env,
    }),
  );
}
