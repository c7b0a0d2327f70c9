import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { type StreamPoller, startStreamPoller } from "../../infra/local/stream-poller";
import { lambdaContext } from "../../infra/local/stream-records";
import { acknowledgementPurpose } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { feedbackInputSchema } from "../../shared/entities/feedback";
import { submitFeedback } from "../../shared/feedback/intake";
import { getFeedbackDetail } from "../../shared/feedback/triage";
import { normaliseEmail, sha256 } from "../../shared/ids";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import type { MailTransport } from "../../shared/mail/types";
import { deliverDue } from "../../shared/notifications/sweep";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { acknowledgeNew } from "../helpers/items";
import { createTestTable, type TestTable } from "../helpers/table";

/** The real outbox transport, counting the sends that reach it, optionally failing some. */
function countingOutbox(dir: string, failFirst = 0) {
  const outbox = createOutboxTransport({ from: "Feedback <feedback@example.org>", outboxDir: dir });
  const sent: string[] = [];
  let calls = 0;
  const transport: MailTransport = {
    name: "counting-outbox",
    async send(mail) {
      calls += 1;
      if (calls <= failFirst) throw new Error(`transport unavailable (call ${calls})`);
      sent.push(mail.id);
      return outbox.send(mail);
    },
  };
  return { transport, sent, calls: () => calls };
}

let table: TestTable;
let deps: Deps;
let outboxDir: string;
let poller: StreamPoller | undefined;
const delivered: DynamoDBStreamEvent[] = [];

/** Runs the poller over the table's stream with `handler`, recording every event it delivers. */
function poll(handler: (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | undefined>) {
  poller = startStreamPoller({
    endpoint: table.endpoint,
    streamArn: table.streamArn,
    checkpointFile: join(outboxDir, "..", `checkpoint-${table.tableName}.json`),
    filter: (record) => matchesStreamFilters(record),
    idleMs: 50,
    retryDelayMs: 50,
    handler: async (event, context) => {
      delivered.push(structuredClone(event));
      return handler(event, context);
    },
  });
  return poller;
}

const consenting = (email: string, message = "The night bus never stops at Centraal") =>
  feedbackInputSchema.parse({ message, email, consent: true, locale: "en" });

beforeEach(async () => {
  table = await createTestTable();
  deps = table.deps;
  outboxDir = join(mkdtempSync(join(tmpdir(), "stream-")), "outbox");
  delivered.length = 0;
});

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe("stream handler", () => {
  it("sends the acknowledgement once and marks it sent, even when the same records are delivered again", async () => {
    const { transport, sent } = countingOutbox(outboxDir);
    const handler = createStreamHandler(deps, transport);
    const { id } = await submitFeedback(deps, consenting("once@example.com"));
    await poll(handler).idle();

    expect(sent).toEqual([acknowledgementPurpose(id)]);
    const notification = await deps.notifications.find(acknowledgementPurpose(id));
    expect(notification).toMatchObject({ status: "sent", attempts: 1 });
    expect(notification?.content).toBeUndefined();

    // Redeliver every batch the poller delivered, as Lambda may after a timeout or a retry.
    expect(delivered.length).toBeGreaterThan(0);
    for (const event of delivered.splice(0)) {
      const response = await handler(event, lambdaContext());
      expect(response?.batchItemFailures).toEqual([]);
    }
    expect(sent).toHaveLength(1);
    expect(readdirSync(outboxDir)).toHaveLength(1);
    const { timeline } = await getFeedbackDetail(deps, id);
    expect(timeline.filter((e) => e.type === "acknowledgement_sent")).toHaveLength(1);
  });

  it("retries a failed send after a doubling backoff, through the sweep, and delivers it once", async () => {
    const { transport, sent, calls } = countingOutbox(outboxDir, 2);
    let clock = Date.now();
    deps.now = () => new Date(clock);
    const { id } = await submitFeedback(deps, consenting("retry@example.com"));
    const purpose = acknowledgementPurpose(id);
    await poll(createStreamHandler(deps, transport)).idle();
    // The failure is recorded, not thrown: one unreachable address must not hold up the stream.
    expect(delivered.flatMap((e) => e.Records)).not.toHaveLength(0);
    expect(calls()).toBe(1);
    expect(await deps.notifications.find(purpose)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: expect.stringContaining("transport unavailable"),
      nextAttemptAt: new Date(clock + 60_000).toISOString(),
    });
    expect(await deliverDue(deps, transport)).toEqual({});
    clock += 60_000;
    expect(await deliverDue(deps, transport)).toEqual({ retrying: 1 });
    expect((await deps.notifications.find(purpose))?.nextAttemptAt).toBe(new Date(clock + 120_000).toISOString());
    clock += 119_000;
    expect(await deliverDue(deps, transport)).toEqual({});
    clock += 1_000;
    expect(await deliverDue(deps, transport)).toEqual({ sent: 1 });
    expect(sent).toEqual([purpose]);
    expect(await deps.notifications.find(purpose)).toMatchObject({ status: "sent", attempts: 3 });
    expect(await deliverDue(deps, transport)).toEqual({});
    expect(readdirSync(outboxDir)).toHaveLength(1);
  });

  it("ends a send failed after its attempts, and says so on the item's timeline", async () => {
    const failing = await createTestTable({ MAIL_MAX_ATTEMPTS: "2", MAIL_RETRY_SECONDS: "1" });
    table = failing;
    let clock = Date.now();
    failing.deps.now = () => new Date(clock);
    const { transport } = countingOutbox(outboxDir, 99);
    const { id } = await submitFeedback(failing.deps, consenting("never@example.com"));
    const purpose = acknowledgementPurpose(id);
    expect(await acknowledgeNew(failing.deps, transport, id)).toBe("retrying");
    clock += 1_000;
    expect(await deliverDue(failing.deps, transport)).toEqual({ failed: 1 });
    expect(await failing.deps.notifications.find(purpose)).toMatchObject({ status: "failed", attempts: 2 });
    // The failure shows on the item's timeline, from the notification itself.
    const { timeline } = await getFeedbackDetail(failing.deps, id);
    expect(timeline.find((e) => e.type === "message_failed")?.details).toMatchObject({
      kind: "acknowledgement",
      attempts: 2,
    });
    clock += 3_600_000;
    expect(await deliverDue(failing.deps, transport)).toEqual({});
  });

  it("sends nothing to a suppressed address and records why", async () => {
    const { transport, sent } = countingOutbox(outboxDir);
    await deps.suppressions.suppress(sha256(normaliseEmail("Gone@Example.com")), "unsubscribed", new Date());
    const { id } = await submitFeedback(deps, consenting("gone@example.com"));
    await poll(createStreamHandler(deps, transport)).idle();
    expect(sent).toEqual([]);
    expect(await deps.notifications.find(acknowledgementPurpose(id))).toMatchObject({ status: "suppressed" });
  });

  it("is only woken for pending notifications, sent updates, and feedback changes", async () => {
    const { transport } = countingOutbox(outboxDir);
    await submitFeedback(deps, feedbackInputSchema.parse({ message: "no address given" }));
    await submitFeedback(deps, consenting("one@example.com"));
    await poll(createStreamHandler(deps, transport)).idle();
    const records = delivered.flatMap((e) => e.Records);
    const types = records.map((r) => `${r.eventName} ${r.dynamodb?.NewImage?.entityType?.S}`);
    // The acknowledgement is sent from the item's own record; its notification is written claimed,
    // so its INSERT wakes nobody, and marking it sent wakes nobody either: the item's timeline shows
    // the send from the notification itself. Link sets, timeline entries and the status counts wake
    // nobody.
    expect(types.sort()).toEqual(["INSERT Feedback", "INSERT Feedback"]);
  });
});
