import { randomUUID } from "node:crypto";
import type { _Record, AttributeValue as SdkAttributeValue } from "@aws-sdk/client-dynamodb-streams";
import type { AttributeValue, Context, DynamoDBRecord, StreamRecord } from "aws-lambda";

/** The deployed function's timeout and memory (infra/constructs/stream-processor.ts), for the Context. */
const FUNCTION_TIMEOUT_MS = 60_000;
const FUNCTION_MEMORY_MB = "512";

/**
 * One record of the streams API as Lambda delivers it in a `DynamoDBStreamEvent`. The SDK hands back
 * binaries as `Uint8Array` and the creation time as a `Date`; Lambda's event is JSON, with base64
 * strings and epoch seconds, and the handler must see exactly what it would see on AWS.
 */
export function toLambdaRecord(record: _Record, eventSourceARN: string): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {};
  if (source.ApproximateCreationDateTime) {
    dynamodb.ApproximateCreationDateTime = Math.floor(source.ApproximateCreationDateTime.getTime() / 1000);
  }
  if (source.Keys) dynamodb.Keys = toLambdaImage(source.Keys);
  if (source.NewImage) dynamodb.NewImage = toLambdaImage(source.NewImage);
  if (source.OldImage) dynamodb.OldImage = toLambdaImage(source.OldImage);
  if (source.SequenceNumber !== undefined) dynamodb.SequenceNumber = source.SequenceNumber;
  if (source.SizeBytes !== undefined) dynamodb.SizeBytes = source.SizeBytes;
  if (source.StreamViewType) dynamodb.StreamViewType = source.StreamViewType;
  const lambda: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: record.awsRegion,
    dynamodb,
    eventSourceARN,
  };
  // Only deletions by TTL carry an identity (type "Service"); Lambda passes it through.
  if (record.userIdentity) lambda.userIdentity = { ...record.userIdentity };
  return lambda;
}

/** An item image (or key) with every attribute value in Lambda's JSON form. */
export function toLambdaImage(image: Record<string, SdkAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]));
}

/** One attribute value in Lambda's JSON form: binaries as base64, nested lists and maps converted too. */
export function toLambdaAttributeValue(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  // A type newer than this SDK knows: there is no sound JSON form to give the handler.
  throw new Error(`unsupported attribute value: ${JSON.stringify(value)}`);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

/** A Context like the one Lambda passes; a fresh request id per invocation, as on AWS. */
export function lambdaContext(): Context {
  const deadline = Date.now() + FUNCTION_TIMEOUT_MS;
  const requestId = randomUUID();
  const unsupported = () => {
    throw new Error("callback-style completion is not supported: return a promise");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "stream-local",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:stream-local",
    memoryLimitInMB: FUNCTION_MEMORY_MB,
    awsRequestId: requestId,
    logGroupName: "/aws/lambda/stream-local",
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll("-", "/")}/[$LATEST]${requestId.replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
