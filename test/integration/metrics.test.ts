import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { startStreamPoller } from "../../infra/local/stream-poller";
import { lambdaContext } from "../../infra/local/stream-records";
import type { Principal } from "../../shared/auth/principal";
import type { Deps } from "../../shared/deps";
import { type Feedback, feedbackInputSchema, feedbackKinds } from "../../shared/entities/feedback";
import type { Metric } from "../../shared/entities/goal";
import { submitFeedback } from "../../shared/feedback/intake";
import { mergeFeedback, updateFeedback } from "../../shared/feedback/triage";
import type { MailTransport } from "../../shared/mail/types";
import { addDays } from "../../shared/metrics/days";
import { computeMetricDirect } from "../../shared/metrics/direct";
import { countFeedbackChange } from "../../shared/metrics/effect";
import { goalProgress } from "../../shared/metrics/progress";
import { MetricsRepository } from "../../shared/repositories/metrics";
import { matchesStreamFilters } from "../../shared/stream/filters";
import { createStaff } from "../helpers/staff";
import { createTestTable, type TestTable } from "../helpers/table";

const DAY_MS = 86_400_000;
const noMail: MailTransport = {
  name: "no-mail",
  send: async () => {
    throw new Error("these tests send no mail");
  },
};

/** Runs the real stream handler over everything in the table's stream, then delivers every event a second time. */
async function deliverTwice(table: TestTable) {
  const handler = createStreamHandler(table.deps, noMail);
  const delivered: DynamoDBStreamEvent[] = [];
  const failures: unknown[] = [];
  const poller = startStreamPoller({
    endpoint: table.endpoint,
    streamArn: table.streamArn,
    checkpointFile: join(mkdtempSync(join(tmpdir(), "metrics-")), "checkpoint.json"),
    filter: (record) => matchesStreamFilters(record),
    idleMs: 20,
    retryDelayMs: 20,
    onError: (error) => failures.push(error),
    handler: async (event, context) => {
      delivered.push(structuredClone(event));
      return handler(event, context);
    },
  });
  await poller.idle();
  await poller.stop();
  expect(failures).toEqual([]);
  for (const event of delivered) {
    expect((await handler(event, lambdaContext()))?.batchItemFailures).toEqual([]);
  }
  return delivered.flatMap((event) => event.Records).length;
}

/** Deps whose clock reads `at`: what `submitFeedback` stamps as the item's creation. */
const at = (deps: Deps, moment: Date): Deps => ({ ...deps, now: () => moment });

async function manager(deps: Deps): Promise<Principal> {
  return { staff: await createStaff(deps, "manager"), via: "session" };
}

describe("metric counters", () => {
  it("adds an item once, however often its change is delivered", async () => {
    const table = await createTestTable();
    const { deps } = table;
    const input = feedbackInputSchema.parse({
      message: "late",
      kind: "complaint",
      topic: "Bus",
      score: { type: "nps", value: 3 },
    });
    const { id } = await submitFeedback(at(deps, new Date("2026-03-10T08:00:00Z")), input);
    const item = await deps.feedback.get(id);

    expect(await countFeedbackChange(deps, undefined, item)).toBe(true);
    expect(await countFeedbackChange(deps, undefined, item)).toBe(false);
    const rows = await new MetricsRepository(deps.db, table.tableName).days("topic=bus", "2026-03-10", "2026-03-10");
    expect(rows).toEqual([
      expect.objectContaining({
        day: "2026-03-10",
        complaint_count: 1,
        complaint_npsCount: 1,
        complaint_npsDetractors: 1,
        question_count: 0,
      }),
    ]);
  });

  it("gives the window's value and a value per week, reaching back before the goal's start", async () => {
    const table = await createTestTable();
    const { deps } = table;
    const submit = (day: string, kind: Feedback["kind"], topic = "Bus") =>
      submitFeedback(at(deps, new Date(`${day}T23:30:00Z`)), feedbackInputSchema.parse({ message: "m", kind, topic }));
    await submit("2026-02-22", "complaint"); // before the goal: in the window, and in the week before it
    await submit("2026-03-01", "complaint"); // the first week's last day
    await submit("2026-03-02", "question"); // the second week's first day
    await submit("2026-03-02", "complaint", "Train"); // another scope
    await submit("2026-03-09", "complaint");
    await submit("2026-03-10", "question");
    await submit("2026-03-11", "complaint"); // after "now"
    await deliverTwice(table);

    const metric: Metric = {
      kind: "complaint_share",
      scope: { topic: "bus" },
      baseline: 80,
      target: 40,
      windowDays: 17,
    };
    const progress = await goalProgress(deps, metric, "2026-02-23T15:00:00Z", new Date("2026-03-10T12:00:00Z"));
    expect(progress).toEqual({
      value: 60,
      responses: 5,
      baseline: 80,
      target: 40,
      progress: 0.5,
      progressClamped: 0.5,
      windowDays: 17,
      windowStart: "2026-02-22",
      windowEnd: "2026-03-10",
      // In step with the goal's start day, from the week that holds the window's first day: the
      // week before the goal existed shows what the feedback said then.
      series: [
        { weekStart: "2026-02-16", value: 100, responses: 1 },
        { weekStart: "2026-02-23", value: 100, responses: 1 },
        { weekStart: "2026-03-02", value: 0, responses: 1 },
        { weekStart: "2026-03-09", value: 50, responses: 2 },
      ],
    });
    const empty = await goalProgress(
      deps,
      { ...metric, scope: { topic: "Plane" } },
      "2026-03-10T00:00:00Z",
      new Date("2026-03-10T12:00:00Z"),
    );
    expect(empty).toMatchObject({ value: null, responses: 0, progress: null, progressClamped: null });
    // A goal set today still shows its whole window, week by week, even with no feedback in it.
    expect(empty.series).toEqual([
      { weekStart: "2026-02-17", value: null, responses: 0 },
      { weekStart: "2026-02-24", value: null, responses: 0 },
      { weekStart: "2026-03-03", value: null, responses: 0 },
      { weekStart: "2026-03-10", value: null, responses: 0 },
    ]);
    // Feedback in the scope from before the window: the series reaches back to its week too.
    await submit("2026-01-05", "complaint", "Tram");
    await deliverTwice(table);
    const older = await goalProgress(
      deps,
      { ...metric, scope: { topic: "Tram" } },
      "2026-03-10T00:00:00Z",
      new Date("2026-03-10T12:00:00Z"),
    );
    expect(older.series[0]).toEqual({ weekStart: "2025-12-30", value: 100, responses: 1 });
    expect(older.value).toBeNull();
  });

  it("agrees with the value computed from the stored items, after re-classifications and double delivery", async () => {
    const topics = ["Bus", " bus", "TRAIN", "Mobile App"];
    const departments = ["IT", "it ", "Sales"];
    const itemArb = fc.record({
      kind: fc.constantFrom(...feedbackKinds),
      score: fc.option(
        fc.oneof(
          fc.record({ type: fc.constant("nps" as const), value: fc.integer({ min: 0, max: 10 }) }),
          fc.record({ type: fc.constant("csat" as const), value: fc.integer({ min: 1, max: 5 }) }),
        ),
        { nil: undefined },
      ),
      topic: fc.option(fc.constantFrom(...topics), { nil: undefined }),
      department: fc.option(fc.constantFrom(...departments), { nil: undefined }),
      /** How long before "now" it was created: within the last 60 days. */
      ageMs: fc.integer({ min: 0, max: 60 * DAY_MS - 1 }),
      reclassify: fc.option(
        fc.record(
          { kind: fc.constantFrom(...feedbackKinds), topic: fc.constantFrom<string | null>(...topics, null) },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
    });
    const metricArb = fc.record({
      kind: fc.constantFrom("nps", "csat", "complaint_share", "count") as fc.Arbitrary<Metric["kind"]>,
      scope: fc.option(
        fc.record(
          {
            kind: fc.constantFrom(...feedbackKinds),
            topic: fc.constantFrom("bus", "Train", "mobile app", "plane"),
            department: fc.constantFrom("IT", "sales"),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      baseline: fc.constant(0),
      target: fc.constant(100),
      windowDays: fc.integer({ min: 1, max: 70 }),
      startedDaysAgo: fc.integer({ min: 0, max: 80 }),
    });

    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { minLength: 1, maxLength: 20 }),
        fc.array(metricArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (drawn, metrics, mergeTwo) => {
          const table = await createTestTable();
          try {
            const { deps } = table;
            const now = new Date();
            const actor = await manager(deps);
            const ids: string[] = [];
            for (const d of drawn) {
              const input = feedbackInputSchema.parse({
                message: "drawn",
                kind: d.kind,
                score: d.score,
                topic: d.topic,
                department: d.department,
              });
              const { id } = await submitFeedback(at(deps, new Date(now.getTime() - d.ageMs)), input);
              ids.push(id);
              if (d.reclassify) await updateFeedback(deps, actor, id, { version: 1, ...d.reclassify });
            }
            // A merged item is still feedback that was given: it keeps counting.
            if (mergeTwo && ids.length >= 2) await mergeFeedback(deps, actor, ids[0] as string, ids[1] as string);
            await deliverTwice(table);

            const stored = await Promise.all(ids.map((id) => deps.feedback.get(id)));
            for (const { startedDaysAgo, ...metric } of metrics) {
              const startedAt = new Date(now.getTime() - startedDaysAgo * DAY_MS).toISOString();
              const progress = await goalProgress(deps, metric, startedAt, now);
              const direct = computeMetricDirect(stored, metric, progress.windowStart, progress.windowEnd);
              expectSame(progress, direct, metric);
              for (const week of progress.series) {
                // Nothing was created after "now": the last week's days to come add nothing.
                const end = addDays(week.weekStart, 6);
                expectSame(week, computeMetricDirect(stored, metric, week.weekStart, end), {
                  metric,
                  week: week.weekStart,
                });
              }
            }
          } finally {
            await table.raw.send(new DeleteTableCommand({ TableName: table.tableName }));
            table.raw.destroy();
          }
        },
      ),
      // Each run is a fresh table and a double delivery: eight draws (new ones every run of the
      // suite) keep the suite within its time on a two-core machine.
      { numRuns: 8 },
    );
  }, 180_000);
});

function expectSame(
  counted: { value: number | null; responses: number },
  direct: { value: number | null; responses: number },
  context: unknown,
) {
  const what = JSON.stringify(context);
  expect(counted.responses, what).toBe(direct.responses);
  if (direct.value === null) expect(counted.value, what).toBeNull();
  else expect(Math.abs((counted.value ?? Number.NaN) - direct.value), what).toBeLessThanOrEqual(1e-9);
}
