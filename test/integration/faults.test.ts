import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { writeAll } from "../../bench/stats";
import { JOB_PAGE_SIZE } from "../../functions/pipeline/jobs";
import { sweep } from "../../functions/pipeline/sweep";
import { keys, laneJobId, updateJobId, updatePurpose } from "../../shared/db/keys";
import type { Feedback } from "../../shared/entities/feedback";
import { getFeedbackDetail } from "../../shared/feedback/triage";
import { newId } from "../../shared/ids";
import { deliverDue } from "../../shared/notifications/sweep";
import { FeedbackRepository } from "../../shared/repositories/feedback";
import { JOB_STALL_SECONDS } from "../../shared/repositories/jobs";
import { STREAM_PARALLELIZATION_FACTOR } from "../../shared/stream/mapping";
import { recordingTelemetry } from "../../shared/telemetry";
import { updatesProgress } from "../../shared/updates/fan-out";
import { injectFaults } from "../helpers/faults";
import { callJson } from "../helpers/staff";
import {
  api,
  consenting,
  goalAndAction,
  hashOf,
  link,
  move,
  recordingTransport,
  submit,
  updatesOf,
  type World,
  world,
} from "../helpers/updates-world";

/** The poller runs the stream's batches side by side, as the stack's mapping does. */
const sideBySide = { parallelizationFactor: STREAM_PARALLELIZATION_FACTOR };

// Fan-outs through the real poller on DynamoDB Local: give them time on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

/** How many times each update was handed to the transport, by address. */
const sendsPerAddress = (sent: { mail: { id: string; to: string } }[]) =>
  updatesOf(sent as never[]).reduce(
    (counts: Map<string, number>, { mail }: { mail: { to: string } }) =>
      counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1),
    new Map<string, number>(),
  );

/** Whether a write is the mark of a send (the notification's change to "sent"). */
const isMark = (input: Record<string, unknown>) =>
  (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[":sent"] === "sent";

/**
 * Consenting feedback items written straight to the table, linked to the action, as linking them
 * and the action's move to planned leave them (the status the action's change gives them is
 * theirs already, so the action's sync writes only its timeline entries).
 */
async function seedLinked(w: World, actionId: string, goalId: string, count: number): Promise<Feedback[]> {
  const at = w.deps.now().toISOString();
  const items: Feedback[] = Array.from({ length: count }, (_, i) => {
    const email = `many${i}@example.com`;
    return {
      id: newId(new Date(w.clock.now - (count - i) * 1000)),
      status: "planned",
      kind: "complaint",
      message: `Ticket machine ${i} refused my card`,
      email,
      consent: true,
      locale: "en",
      customerType: "external",
      topic: "ticket machines",
      channel: "web",
      tags: [],
      goalId,
      emailHash: hashOf(email),
      createdAt: at,
      updatedAt: at,
      version: 2,
    };
  });
  const rows = items.flatMap((item) => {
    const linked = { actionId, feedbackId: item.id, at };
    return [
      FeedbackRepository.feedbackItem(item),
      { ...keys.actionLink(actionId, item.id), entityType: "ActionLink", ...linked },
      { ...keys.feedbackActionLink(item.id, actionId), entityType: "FeedbackActionLink", ...linked },
    ];
  });
  await writeAll(w.deps.db, w.deps.config.tableName, rows);
  return items;
}

/**
 * `count` items linked to the action, written straight to the table while the poller rests (as
 * linking them left them), of which the one at `poisonAt` cannot be read: its stored form is broken.
 */
async function seedWithPoison(w: World, actionId: string, goalId: string, count: number, poisonAt: number) {
  await w.poller.stop();
  const items = await seedLinked(w, actionId, goalId, count);
  const poison = items[poisonAt] as Feedback;
  await w.deps.db.send(
    new PutCommand({
      TableName: w.deps.config.tableName,
      Item: { ...FeedbackRepository.feedbackItem(poison), locale: "xx", consent: "yes" },
    }),
  );
  await w.pollFromEnd();
  return { items, poison };
}

/** Every customer of a seeded fan-out but the poison item's got exactly one message; that one got none. */
function expectAllButPoisonToldOnce(sent: Parameters<typeof sendsPerAddress>[0], customers: number, poison: Feedback) {
  const counts = sendsPerAddress(sent);
  expect(counts.size).toBe(customers - 1);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(counts.has(poison.email ?? "")).toBe(false);
}

describe("the loop under the service's faults", () => {
  it("never sends twice when the mark after a send meets conflicts, throttling or a lost answer", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { action } = await goalAndAction(w);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await submit(w, `Reader ${i} is broken`, consenting(`m${i}@example.com`)));
    await link(w, action.id, ids);
    await w.poller.idle();
    // Every mark of the first nine updates fails once or twice: conflicts, throttling, and a
    // timeout whose write had landed.
    const faults = injectFaults(w.deps.db, [
      { command: "UpdateItemCommand", match: isMark, fault: "conflict", times: 6 },
      { command: "UpdateItemCommand", match: isMark, fault: "throttle", times: 6 },
      { command: "UpdateItemCommand", match: isMark, fault: "timeout-after-write", times: 3 },
    ]);
    // The action's sync job rewrites the same feedback items at the same time as the marks.
    await move(w, action, [{ status: "planned", weWill: "We will replace them" }]);
    await w.poller.idle();
    expect(faults.raised).toEqual([6, 6, 3]);
    faults.remove();
    // Long after every claim ran out, the sweep finds nothing to send again.
    w.clock.now += (w.deps.config.delivery.claimSeconds + 60) * 1000;
    await deliverDue(w.deps, rec.transport);
    const counts = sendsPerAddress(rec.sent);
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) {
      const item = await w.deps.feedback.get(id);
      const purpose = updatePurpose(action.id, "will", hashOf(item.email ?? ""));
      expect(await w.deps.notifications.find(purpose)).toMatchObject({ status: "sent", attempts: 1 });
      const sentEntries = (await getFeedbackDetail(w.deps, id)).timeline.filter((e) => e.type === "message_sent");
      expect(sentEntries).toHaveLength(1);
      expect(item.status).toBe("planned");
    }
  });

  it("tells everyone else once past a poison item and a job record that ran out of retries", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, { maxRetries: 2, ...sideBySide });
    const { goal, action } = await goalAndAction(w);
    const customers = 1000;
    const { poison } = await seedWithPoison(w, action.id, goal.id, customers, 537);
    // The job's second page fails every time its own stream record runs it, past the retries.
    const jobId = updateJobId(action.id, "will");
    const faults = injectFaults(w.deps.db, [
      {
        command: "QueryCommand",
        match: (input) =>
          input.ExclusiveStartKey !== undefined &&
          input.Limit === JOB_PAGE_SIZE &&
          (input.ExpressionAttributeValues as Record<string, unknown>)[":pk"] === keys.action(action.id).PK,
        fault: "throttle",
      },
    ]);
    await move(w, action, [{ status: "planned", weWill: "We will replace every card reader by June" }]);
    await w.poller.idle();
    expect(faults.raised[0]).toBeGreaterThanOrEqual(3);
    faults.remove();
    const discarded = w.discarded.map((r) => r.dynamodb?.NewImage?.entityType?.S);
    expect(discarded).toEqual(["Job"]);
    expect((await w.deps.jobs.get(jobId))?.status).toBe("pending");
    const toldBeforeSweep = sendsPerAddress(rec.sent).size;
    expect(toldBeforeSweep).toBeLessThan(customers - 1);

    // Nothing drives the job any more but the sweep, once the job counts as stalled.
    w.clock.now += (JOB_STALL_SECONDS + 1) * 1000;
    const telemetry = recordingTelemetry();
    w.deps.telemetry = telemetry;
    const swept = await sweep(w.deps, rec.transport, Date.now() + 120_000);
    expect(swept.jobs).toEqual({ resumed: 1, finished: 1 });
    // The stalled job and the item it went on past show in the loop's metrics.
    expect(telemetry.counts.jobStalled).toBe(1);
    expect(telemetry.counts.jobItemGivenUp).toBeGreaterThanOrEqual(1);
    await w.poller.idle();
    await deliverDue(w.deps, rec.transport);
    await w.poller.idle();

    expectAllButPoisonToldOnce(rec.sent, customers, poison);
    // The poison item ends visibly failed: on the job (the action page's figures) and on its
    // timeline, once for the update and once for the action's change it could not follow.
    expect(await updatesProgress(w.deps, action.id)).toEqual([
      { phase: "will", done: true, customers: customers - 1, failed: 1 },
    ]);
    const timeline = await w.deps.timeline.of(poison.id);
    const failures = timeline.filter((e) => e.type === "message_failed").map((e) => e.details);
    expect(failures.map((d) => d?.stage).sort()).toEqual(["action_sync", "updates"]);
    expect(failures.every((d) => d?.actionId === action.id)).toBe(true);
    const page = await w.app.request(`/console/actions/${action.id}`, { headers: { cookie: w.manager.cookie } });
    expect(await page.text()).toContain("1 item could not be handled");
  });

  it("splits a large fan-out into lanes, and tells everyone once past a poison item and a lane that ran out of retries", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, { JOB_LANE_SIZE: "50" }, { maxRetries: 2, ...sideBySide });
    const { goal, action } = await goalAndAction(w);
    const customers = 250;
    const { items, poison } = await seedWithPoison(w, action.id, goal.id, customers, 220);
    // 250 links in lanes of at least 50: five parts of 50, the job itself runs the first.
    const linkKeys = items.map((item) => keys.actionLink(action.id, item.id).SK).sort();
    const bounds = [50, 100, 150, 200].map((i) => linkKeys[i] as string);
    // The third lane's pages fail every time its own stream records run them, past the retries.
    const faults = injectFaults(w.deps.db, [
      {
        command: "QueryCommand",
        match: (input) => (input.ExpressionAttributeValues as Record<string, unknown>)[":from"] === bounds[1],
        fault: "throttle",
      },
    ]);
    await move(w, action, [{ status: "planned", weWill: "We will replace every card reader by June" }]);
    await w.poller.idle();
    expect(faults.raised[0]).toBeGreaterThanOrEqual(3);
    faults.remove();
    expect(w.discarded.map((r) => r.dynamodb?.NewImage?.entityType?.S)).toEqual(["Job"]);
    const jobId = updateJobId(action.id, "will");
    const job = await w.deps.jobs.get(jobId);
    expect(job).toMatchObject({ status: "done", lanes: bounds });
    const lanes = await Promise.all(bounds.map((_, i) => w.deps.jobs.get(laneJobId(jobId, i + 1))));
    expect(lanes.map((lane) => lane?.range)).toEqual(bounds.map((from, i) => ({ from, to: bounds[i + 1] })));
    expect(lanes.map((lane) => lane?.status)).toEqual(["done", "pending", "done", "done"]);
    expect(await updatesProgress(w.deps, action.id)).toEqual([
      { phase: "will", done: false, customers: customers - 50 - 1, failed: 1 },
    ]);

    w.clock.now += (JOB_STALL_SECONDS + 1) * 1000;
    const swept = await sweep(w.deps, rec.transport, Date.now() + 120_000);
    expect(swept.jobs).toEqual({ resumed: 1, finished: 1 });
    await w.poller.idle();
    await deliverDue(w.deps, rec.transport);
    await w.poller.idle();

    expectAllButPoisonToldOnce(rec.sent, customers, poison);
    expect(await updatesProgress(w.deps, action.id)).toEqual([
      { phase: "will", done: true, customers: customers - 1, failed: 1 },
    ]);
    // Every linked item followed the action, whichever lane it was in.
    const followed = await w.deps.feedback.getManyReadable(items.map((item) => item.id));
    expect(followed.items.filter((item) => item.status !== "planned")).toEqual([]);
  });

  it("tells a link made while the action changes phase, whichever commits first", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { goal } = await goalAndAction(w);
    const trials = 6;
    const expected: string[] = [];
    for (let t = 0; t < trials; t++) {
      const action = await api<{ id: string; version: number }>(w, "POST", "/api/actions", {
        goalId: goal.id,
        title: `Action ${t}`,
      });
      const first = await submit(w, `First ${t}`, consenting(`first${t}@example.com`));
      await link(w, action.id, [first]);
      const late = await submit(w, `Joining ${t}`, consenting(`joining${t}@example.com`));
      // The link and the phase change are sent together, each trial with the other one ahead by a little.
      const lead = (t % 4) * 3;
      await Promise.all([
        new Promise((r) => setTimeout(r, t % 2 === 0 ? lead : 0)).then(() => link(w, action.id, [late])),
        new Promise((r) => setTimeout(r, t % 2 === 1 ? lead : 0)).then(() =>
          move(w, action, [{ status: "planned", weWill: `We will fix ${t}` }]),
        ),
      ]);
      expected.push(`first${t}@example.com`, `joining${t}@example.com`);
    }
    await w.poller.idle();
    const counts = sendsPerAddress(rec.sent);
    expect([...counts.keys()].sort()).toEqual(expected.sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("answers a refusal the service may lift with 503 and Retry-After, a lost race with 409, and changes nothing", async () => {
    const w = await world(recordingTransport().transport, {}, sideBySide);
    const { goal } = await goalAndAction(w);
    const before = await api<{ title: string; version: number }>(w, "GET", `/api/goals/${goal.id}`);
    const patch = { version: before.version, title: "Renamed while the table refuses" };
    const isGoalWrite = (input: Record<string, unknown>) => JSON.stringify(input).includes(`GOAL#${goal.id}`);

    for (const fault of ["cancelled-by-throttle", "throttle", "internal"] as const) {
      const faults = injectFaults(w.deps.db, [{ command: "TransactWriteItemsCommand", match: isGoalWrite, fault }]);
      const refused = await callJson(w.app, "PATCH", `/api/goals/${goal.id}`, {
        as: w.manager,
        via: "token",
        body: patch,
      });
      faults.remove();
      expect(faults.raised[0], fault).toBeGreaterThan(0);
      expect(refused.status, fault).toBe(503);
      expect(refused.headers.get("retry-after"), fault).toBe("1");
      expect(((await refused.json()) as { error: { code: string } }).error.code, fault).toBe("unavailable");
    }

    const faults = injectFaults(w.deps.db, [
      { command: "TransactWriteItemsCommand", match: isGoalWrite, fault: "cancelled-by-conflict" },
    ]);
    const raced = await callJson(w.app, "PATCH", `/api/goals/${goal.id}`, { as: w.manager, via: "token", body: patch });
    faults.remove();
    expect(raced.status).toBe(409);
    expect(((await raced.json()) as { error: { code: string } }).error.code).toBe("version_conflict");

    const after = await api<{ title: string; version: number }>(w, "GET", `/api/goals/${goal.id}`);
    expect(after).toEqual(before);
  });
});
