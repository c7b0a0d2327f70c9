import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../../infra/local/dynamodb";

/** Starts one in-memory DynamoDB Local on a free port for a test project; suites make their own tables. */
export default async function setup(project: TestProject) {
  const db = await startDynamoDbLocal();
  project.provide("dynamoEndpoint", db.endpoint);
  return async () => {
    await db.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
