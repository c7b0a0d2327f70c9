import { describe, expect, it } from "vitest";
import type { MailTransport } from "../../shared/mail/types";
import { deliverDue } from "../../shared/notifications/sweep";
import { recordingTelemetry } from "../../shared/telemetry";
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

/** Records the world's events from here on: the manager's sign-in mail, sent while it was made, is not counted. */
async function countFromNow(w: World) {
  await w.poller.idle();
  const telemetry = recordingTelemetry();
  w.deps.telemetry = telemetry;
  return telemetry;
}

describe("the loop's events, counted through the telemetry port", () => {
  it('counts feedback received, messages sent and the loop closed by a "you said, we did"', async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const telemetry = await countFromNow(w);
    const { action } = await goalAndAction(w);
    const ada = await submit(w, "The lift at the north entrance is out", consenting("ada@example.com"));
    const bert = await submit(w, "The lift is out again", consenting("bert@example.com"));
    // Without an address nothing is mailed, but the item is received all the same.
    await submit(w, "Lifts break too often");
    await link(w, action.id, [ada, bert]);
    await move(w, action, [{ status: "done", weDid: "We replaced the lift's doors" }]);
    await w.poller.idle();

    // Two acknowledgements and two "we did" updates.
    expect(updatesOf(rec.sent)).toHaveLength(2);
    expect(rec.sent.filter(({ mail }) => mail.to.endsWith("@example.com"))).toHaveLength(4);
    expect(telemetry.counts).toEqual({ feedbackReceived: 3, messageSent: 4, loopClosed: 2 });
  });

  it('counts a message to a suppressed address as suppressed, and a "we will" closes no loop', async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const telemetry = await countFromNow(w);
    await w.deps.suppressions.suppress(hashOf("gone@example.com"), "bounce", w.deps.now());
    const { action } = await goalAndAction(w);
    const gone = await submit(w, "The ticket machine ate my card", consenting("gone@example.com"));
    const cleo = await submit(w, "The ticket machine is slow", consenting("cleo@example.com"));
    await link(w, action.id, [gone, cleo]);
    await move(w, action, [{ status: "planned", weWill: "We will replace the machines" }]);
    await w.poller.idle();

    expect(rec.sent.map(({ mail }) => mail.to).filter((to) => to.endsWith("example.com"))).toEqual([
      "cleo@example.com",
      "cleo@example.com",
    ]);
    expect(telemetry.counts).toEqual({ feedbackReceived: 2, messageSent: 2, messageSuppressed: 2 });
  });

  it("counts each failed attempt, and the message that ends failed once", async () => {
    const rec = recordingTransport();
    let calls = 0;
    const refusingDana: MailTransport = {
      name: "refusing",
      async send(mail) {
        if (mail.to !== "dana@example.com") return rec.transport.send(mail);
        calls += 1;
        throw new Error("550 mailbox unavailable");
      },
    };
    const w = await world(refusingDana, { MAIL_MAX_ATTEMPTS: "2", MAIL_RETRY_SECONDS: "1" });
    const telemetry = await countFromNow(w);
    await submit(w, "Nobody answers the phone", consenting("dana@example.com"));
    await w.poller.idle();
    expect(telemetry.counts).toEqual({ feedbackReceived: 1, sendRetrying: 1 });

    // The sweep tries once more, when the retry is due: the last attempt.
    w.clock.now += 5_000;
    await deliverDue(w.deps, refusingDana);
    expect(telemetry.counts).toEqual({ feedbackReceived: 1, sendRetrying: 1, messageFailed: 1 });
    expect(calls).toBe(2);
  });

  it("does not count a replayed intake (same Idempotency-Key) as feedback received", async () => {
    const w = await world(recordingTransport().transport);
    const telemetry = await countFromNow(w);
    const body = JSON.stringify({ message: "Trains are late", kind: "complaint" });
    for (let i = 0; i < 2; i++) {
      const response = await w.app.request("/api/feedback", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "k-1" },
        body,
      });
      expect(response.status).toBe(201);
    }
    expect(telemetry.counts.feedbackReceived).toBe(1);
    await api(w, "GET", "/api/feedback");
  });
});
