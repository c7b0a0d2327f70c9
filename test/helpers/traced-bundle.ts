import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** A segment document the X-Ray SDK sent to the daemon (a subsegment, in Lambda). */
export interface SentSegment {
  id: string;
  name: string;
  parent_id?: string;
  trace_id: string;
  namespace?: string;
  annotations?: Record<string, unknown>;
  aws?: Record<string, unknown>;
  http?: { response?: { status?: number } };
  error?: boolean;
  fault?: boolean;
  cause?: { exceptions?: { type?: string; message?: string }[] };
}

/** What a DynamoDB stand-in answers one request with: a status and a JSON body. */
export type DynamoAnswer = { status: number; body: Record<string, unknown> };

export interface TracedRun {
  /** The handler's answers, in order. */
  statusCodes: number[];
  /** The documents the stand-in X-Ray daemon received, in order of arrival. */
  segments: SentSegment[];
  /** The `X-Amz-Target` and `X-Amzn-Trace-Id` headers of the calls the DynamoDB stand-in received. */
  calls: { target: string; traceHeader: string }[];
}

export const traceRoot = "1-5759e988-bd862e3fe1be46a994272793";
/** The facade segment Lambda would create for the invocation, the handler's subsegment's parent. */
export const facadeSegmentId = "53995c3f42cd8ad8";

/**
 * Runs a function's built bundle (its `index.mjs`) in a fresh Node process set up as Lambda sets up
 * a traced function: `LAMBDA_TASK_ROOT`, `_X_AMZN_TRACE_ID` (sampled), an on-demand initialisation,
 * and the X-Ray daemon's address, here a UDP socket of this process standing in for the daemon. Its
 * DynamoDB is a real HTTP server answering each call with the next of `answers`. The handler is
 * invoked once per event, in turn; after the process exits, the run waits for the daemon to have
 * received `segmentCount` documents, or five seconds, and returns what arrived.
 */
export async function runTracedBundle(
  bundleDir: string,
  events: unknown[],
  answers: DynamoAnswer[],
  segmentCount: number,
): Promise<TracedRun> {
  const segments: SentSegment[] = [];
  const daemon = createSocket("udp4");
  let received: () => void = () => {};
  const enough = new Promise<void>((resolve) => {
    received = resolve;
  });
  daemon.on("message", (message) => {
    // A header line (`{"format":"json","version":1}`), then the document.
    const [, document] = message.toString("utf8").split("\n");
    if (document) segments.push(JSON.parse(document) as SentSegment);
    if (segments.length >= segmentCount) received();
  });
  await new Promise<void>((resolve) => daemon.bind(0, "127.0.0.1", resolve));

  const calls: TracedRun["calls"] = [];
  const dynamo = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      calls.push({ target: String(req.headers["x-amz-target"]), traceHeader: String(req.headers["x-amzn-trace-id"]) });
      const answer = answers[calls.length - 1] ?? { status: 200, body: {} };
      res.writeHead(answer.status, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => dynamo.listen(0, "127.0.0.1", resolve));

  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(bundleDir, "index.mjs")).href)});
    const events = ${JSON.stringify(events)};
    for (const [i, event] of events.entries()) {
      const context = { awsRequestId: "request-" + i, functionName: "web", getRemainingTimeInMillis: () => 10000 };
      console.log((await handler(event, context)).statusCode);
    }`;
  try {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: {
        PATH: process.env.PATH,
        TABLE_NAME: "traced-bundle",
        PUBLIC_URL: "https://feedback.example.com",
        DYNAMODB_ENDPOINT: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
        AWS_LAMBDA_FUNCTION_NAME: "web",
        AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
        LAMBDA_TASK_ROOT: bundleDir,
        _HANDLER: "index.handler",
        _X_AMZN_TRACE_ID: `Root=${traceRoot};Parent=${facadeSegmentId};Sampled=1`,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
        // Outside an invocation there is no segment: logged, not thrown, as Lambda's default.
        AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
        POWERTOOLS_SERVICE_NAME: "feedback-public",
        POWERTOOLS_LOG_LEVEL: "SILENT",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`the bundle failed (exit ${code}): ${stderr.slice(-2000)}`);
    // Datagrams sent just before the exit may still be on their way.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([enough, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
    return { statusCodes: stdout.trim().split("\n").map(Number), segments, calls };
  } finally {
    daemon.close();
    dynamo.close();
  }
}
