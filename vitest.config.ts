import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Structured logs stay quiet in tests; a failing test shows what it needs.
    env: { POWERTOOLS_LOG_LEVEL: "SILENT" },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          exclude: ["test/integration/faults.test.ts"],
          globalSetup: ["test/helpers/global-dynamodb.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The fault tests fan out to a thousand customers on DynamoDB Local: they run in a group of
        // their own, not beside the other projects, so neither slows the other down.
        test: {
          name: "faults",
          include: ["test/integration/faults.test.ts"],
          globalSetup: ["test/helpers/global-dynamodb.ts"],
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Synthesis bundles both functions with esbuild in beforeAll: slow on a loaded 2-core machine.
        test: { name: "infra", include: ["test/infra/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 },
      },
    ],
  },
});
