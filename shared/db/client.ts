import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The document client every repository uses; `endpoint` points it at DynamoDB Local, and `capture`
 * instruments the underlying client (X-Ray tracing on Lambda).
 */
export function createDocumentClient(
  options: { endpoint?: string; region?: string; capture?: (client: DynamoDBClient) => DynamoDBClient } = {},
) {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: options.region ?? process.env.AWS_REGION ?? "eu-west-1",
    // DynamoDB Local accepts any credentials; the service uses the function's role.
    ...(local ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  // The SDK's logger middleware builds a copy of every request and answer, sensitive fields masked,
  // for a logger that is never configured here (the SDK's default discards it): work on every call
  // for nothing. The app logs its own requests and errors.
  client.middlewareStack.remove("loggerMiddleware");
  return DynamoDBDocumentClient.from(options.capture ? options.capture(client) : client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export type DocumentClient = ReturnType<typeof createDocumentClient>;
