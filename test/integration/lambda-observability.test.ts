import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { metrics, metricsTelemetry, observed } from "../../functions/observability";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { type StreamPoller, startStreamPoller } from "../../infra/local/stream-poller";
import { feedbackInputSchema } from "../../shared/entities/feedback";
import { submitFeedback } from "../../shared/feedback/intake";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { loopEvents, loopMetrics } from "../../shared/telemetry";
import { createTestTable } from "../helpers/table";

type Emf = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
};

/** Everything written to stdout from now until `stop()`, while still passing it through. */
function watchStdout() {
  const write = process.stdout.write;
  let text = "";
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  return {
    stop: () => {
      process.stdout.write = write;
    },
    /** The EMF documents among the lines: what CloudWatch turns into metrics. */
    emf: () =>
      text
        .split("\n")
        .filter((line) => line.startsWith("{") && line.includes('"_aws"'))
        .map((line) => JSON.parse(line) as Emf),
  };
}

let poller: StreamPoller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe("the stream function as on Lambda (traced, metrics published per invocation)", () => {
  it("publishes the sends of an invocation as one EMF document at its end, and nothing for an invocation without any", async () => {
    const table = await createTestTable();
    const deps = { ...table.deps, telemetry: metricsTelemetry(metrics) };
    const outboxDir = join(mkdtempSync(join(tmpdir(), "observed-")), "outbox");
    const transport = createOutboxTransport({ from: "Feedback <feedback@example.org>", outboxDir });
    const handler = createStreamHandler(deps, transport).use(observed());
    const invocations: number[] = [];
    const stdout = watchStdout();
    try {
      poller = startStreamPoller({
        endpoint: table.endpoint,
        streamArn: table.streamArn,
        checkpointFile: join(outboxDir, "..", "checkpoint.json"),
        filter: (record) => matchesStreamFilters(record),
        idleMs: 50,
        handler: async (event, context) => {
          invocations.push(event.Records.length);
          return handler(event, context);
        },
      });
      // With an address and consent: the stream acknowledges it. Without: nothing is sent.
      await submitFeedback(
        table.deps,
        feedbackInputSchema.parse({
          message: "The lift is out",
          email: "ada@example.com",
          consent: true,
          locale: "en",
        }),
      );
      await poller.idle();
      await submitFeedback(table.deps, feedbackInputSchema.parse({ message: "No address here", locale: "en" }));
      await poller.idle();
    } finally {
      stdout.stop();
    }
    expect(invocations.length).toBeGreaterThanOrEqual(2);
    const documents = stdout.emf();
    const sent = documents.filter((doc) => loopEvents.messageSent in doc);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.[loopEvents.messageSent]).toBe(1);
    expect(sent[0]?.service).toBe(loopMetrics.service);
    expect(sent[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe(loopMetrics.defaultNamespace);
    expect(sent[0]?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([["service"]]);
    // The invocations that sent nothing published nothing: one document in all.
    expect(documents).toHaveLength(1);
  });
});
