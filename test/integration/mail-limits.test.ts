import type { AddressInfo } from "node:net";
import {
  LimitExceededException,
  MessageRejected,
  type SESv2Client,
  SendingPausedException,
  TooManyRequestsException,
} from "@aws-sdk/client-sesv2";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acknowledgementPurpose } from "../../shared/db/keys";
import { feedbackInputSchema } from "../../shared/entities/feedback";
import { submitFeedback } from "../../shared/feedback/intake";
import { createMailTransport, MailDeferredError, MailSendError } from "../../shared/mail/transport";
import type { OutgoingMail } from "../../shared/mail/types";
import { ACKNOWLEDGEMENT_GRACE_MS, acknowledgeOwed } from "../../shared/notifications/acknowledge";
import { MARK_RESERVE_MS, sendRateShards, takeSendSlot } from "../../shared/notifications/deliver";
import { deliverDue, SWEEP_RESERVE_MS } from "../../shared/notifications/sweep";
import { acknowledgeNew, pendingAcknowledgement } from "../helpers/items";
import { createTestTable } from "../helpers/table";
import { api, consenting, goalAndAction, link, move, submit, world } from "../helpers/updates-world";

vi.setConfig({ testTimeout: 180_000 });

const from = "Feedback <feedback@example.org>";
const DAY_MS = 86_400_000;

/** A real SMTP server that takes `perDay` messages and then refuses with 452 until the day is reset. */
function quotaServer(perDay: number) {
  const received: string[] = [];
  const state = { left: perDay, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (state.left <= 0) {
          state.refused += 1;
          callback(Object.assign(new Error("4.5.3 Daily sending quota exceeded"), { responseCode: 452 }));
          return;
        }
        state.left -= 1;
        received.push(Buffer.concat(chunks).toString());
        callback();
      });
    },
  });
  return {
    server,
    received,
    state,
    newDay: () => {
      state.left = perDay;
    },
  };
}

/** A transport that takes every message and records its id. */
function recording() {
  const sent: string[] = [];
  const transport = {
    name: "recording",
    send: async (mail: OutgoingMail) => {
      sent.push(mail.id);
      return { messageId: mail.id };
    },
  };
  return { sent, transport };
}

describe("the mail service's limits", () => {
  const smtp = quotaServer(10);
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve, reject) => {
      smtp.server.server.once("error", reject);
      smtp.server.listen(0, "127.0.0.1", () => resolve());
    });
    port = (smtp.server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it("finishes a fan-out bigger than a day's quota on later days, with nobody failed", async () => {
    const transport = createMailTransport({
      transport: "smtp",
      from,
      outboxDir: "",
      smtpUrl: `smtp://127.0.0.1:${port}`,
    });
    const w = await world(transport, { MAIL_MAX_ATTEMPTS: "2" });
    const { action } = await goalAndAction(w);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await submit(w, `Reader ${i} is broken`, consenting(`q${i}@example.com`)));
    await link(w, action.id, ids);
    await move(w, action, [{ status: "planned", weWill: "We will replace every reader" }]);
    await w.poller.idle();
    // 12 acknowledgements and 12 updates owed; the server takes 10 a day.
    expect(smtp.received).toHaveLength(10);
    expect(smtp.state.refused).toBeGreaterThan(0);
    for (let day = 1; day <= 3; day++) {
      smtp.newDay();
      w.clock.now += DAY_MS;
      await deliverDue(w.deps, transport);
      await w.poller.idle();
    }
    // Besides the manager's sign-in mail: one acknowledgement and one update each, every one once.
    const parsed = await Promise.all(smtp.received.map((raw) => simpleParser(raw)));
    const toCustomers = parsed.filter((m) =>
      /^q\d+@example\.com$/.test(m.to ? String((m.to as { text: string }).text) : ""),
    );
    expect(toCustomers).toHaveLength(24);
    expect(new Set(toCustomers.map((m) => m.messageId)).size).toBe(24);
    // With two attempts allowed, a refusal that spent attempts would have ended some messages failed.
    for (const id of ids) {
      const { messages } = await api<{ messages: { status: string; attempts: number }[] }>(
        w,
        "GET",
        `/api/feedback/${id}`,
      );
      expect(messages.map((m) => m.status)).toEqual(["sent", "sent"]);
      expect(messages.every((m) => m.attempts === 1)).toBe(true);
    }
  });

  it("leaves a message to the sweep when no send slot comes before its deadline", async () => {
    const table = await createTestTable({ MAIL_RATE_PER_SECOND: "1" });
    const frozen = new Date();
    table.deps.now = () => frozen;
    const { sent, transport } = recording();
    const first = await submitFeedback(
      table.deps,
      feedbackInputSchema.parse(consenting("slot1@example.com", { message: "one" })),
    );
    const second = await submitFeedback(
      table.deps,
      feedbackInputSchema.parse(consenting("slot2@example.com", { message: "two" })),
    );
    expect(await acknowledgeNew(table.deps, transport, first.id)).toBe("sent");
    // The clock stands still, so this second never gives a second slot: the wait must end by the deadline.
    const budget = { deadline: Date.now() + MARK_RESERVE_MS + 500 };
    expect(await acknowledgeNew(table.deps, transport, second.id, budget)).toBe("deferred");
    expect(sent).toEqual([acknowledgementPurpose(first.id)]);
    expect(await table.deps.notifications.find(acknowledgementPurpose(second.id))).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });

  it("claims nothing once a sweep's time runs low, and sends it in the next sweep", async () => {
    const table = await createTestTable();
    let clock = Date.now();
    table.deps.now = () => new Date(clock);
    const { sent, transport } = recording();
    const { id } = await submitFeedback(
      table.deps,
      feedbackInputSchema.parse(consenting("late@example.com", { message: "late" })),
    );
    await pendingAcknowledgement(table.deps, id); // written, then its sender was cut off
    clock += 10 * 60_000; // due for the sweep
    expect(await deliverDue(table.deps, transport, { deadline: Date.now() + SWEEP_RESERVE_MS - 1 })).toEqual({});
    expect(await table.deps.notifications.find(acknowledgementPurpose(id))).toMatchObject({ attempts: 0 });
    expect(await deliverDue(table.deps, transport, { deadline: Date.now() + 60_000 })).toEqual({ sent: 1 });
    expect(sent).toEqual([acknowledgementPurpose(id)]);
  });
});

describe("the shared sending rate", () => {
  it("is one counter up to 400 a second and spread over counters that add up to the rate above", () => {
    expect(sendRateShards(14)).toEqual([{ client: "all", limit: 14 }]);
    for (const rate of [400, 401, 500, 1_000, 5_000, 14_001]) {
      const shards = sendRateShards(rate);
      expect(shards.reduce((sum, shard) => sum + shard.limit, 0)).toBe(rate);
      expect(Math.max(...shards.map((shard) => shard.limit))).toBeLessThanOrEqual(400);
      expect(new Set(shards.map((shard) => shard.client)).size).toBe(shards.length);
    }
  });

  it("gives exactly the rate's slots in one second over its counters, and none more", async () => {
    const { deps } = await createTestTable({ MAIL_RATE_PER_SECOND: "900" });
    const second = new Date("2026-03-02T10:00:00.250Z");
    const at = { ...deps, now: () => second };
    // Senders spread over the three counters at random; once two of them are full a try can
    // miss the last one's free slots, so whoever is refused tries again in the same second.
    let taken = 0;
    for (let i = 0; i < 900; i++) {
      let slot = false;
      for (let tries = 0; tries < 50 && !slot; tries++) slot = await takeSendSlot(at, 0);
      if (slot) taken += 1;
    }
    expect(taken).toBe(900);
    for (let tries = 0; tries < 20; tries++) expect(await takeSendSlot(at, 0)).toBe(false);
  });
});

describe("refusals for now", () => {
  const mail = {
    id: "ack#01J",
    to: "a@example.org",
    locale: "en",
    subject: "s",
    text: "t",
    html: "<p>t</p>",
    unsubscribeUrl: "https://x.example/u",
  } as OutgoingMail;
  const meta = { $metadata: {} };
  const sesFailing = (error: Error) =>
    createMailTransport(
      { transport: "ses", from, outboxDir: "" },
      { sesClient: { send: async () => Promise.reject(error) } as unknown as SESv2Client },
    );

  it("tells SES's rate, quota and pause apart from a rejected message", async () => {
    const cases: [Error, { retryAfterSeconds: number; appliesToAll: boolean } | undefined][] = [
      [
        new TooManyRequestsException({ message: "Maximum sending rate exceeded.", ...meta }),
        { retryAfterSeconds: 2, appliesToAll: false },
      ],
      [
        new LimitExceededException({ message: "Daily message quota exceeded.", ...meta }),
        { retryAfterSeconds: 3600, appliesToAll: true },
      ],
      [
        new SendingPausedException({ message: "Sending is paused for this account.", ...meta }),
        { retryAfterSeconds: 3600, appliesToAll: true },
      ],
      [new MessageRejected({ message: "Email address is not verified.", ...meta }), undefined],
    ];
    for (const [error, expected] of cases) {
      const failure = await sesFailing(error)
        .send(mail)
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MailSendError);
      if (expected) {
        expect(failure).toBeInstanceOf(MailDeferredError);
        expect(failure).toMatchObject(expected);
      } else {
        expect(failure).not.toBeInstanceOf(MailDeferredError);
      }
    }
  });
});

describe("acknowledgements the stream never sent", () => {
  it("are sent by the sweep after the grace period, once, and never for an item acknowledged already", async () => {
    const table = await createTestTable();
    let clock = Date.now();
    table.deps.now = () => new Date(clock);
    const { sent, transport } = recording();
    const submitAt = async (email: string) =>
      (await submitFeedback(table.deps, feedbackInputSchema.parse(consenting(email, { message: email })))).id;
    const lost = await submitAt("lost@example.com");
    const told = await submitAt("told@example.com");
    await submitFeedback(table.deps, feedbackInputSchema.parse({ message: "no address" }));
    expect(await acknowledgeNew(table.deps, transport, told)).toBe("sent");
    const budget = () => ({ deadline: Date.now() + 60_000, reserveMs: SWEEP_RESERVE_MS });

    // Within the grace period the item's own stream record may still come: the sweep waits.
    clock += ACKNOWLEDGEMENT_GRACE_MS - 60_000;
    expect(await acknowledgeOwed(table.deps, transport, budget())).toEqual({});
    clock += 2 * 60_000;
    const late = await submitAt("late@example.com");
    expect(await acknowledgeOwed(table.deps, transport, budget())).toEqual({ sent: 1 });
    expect(sent).toEqual([acknowledgementPurpose(told), acknowledgementPurpose(lost)]);
    // Checked items are not read again; the late one is taken once its grace has passed.
    expect(await acknowledgeOwed(table.deps, transport, budget())).toEqual({});
    clock += ACKNOWLEDGEMENT_GRACE_MS + 1_000;
    expect(await acknowledgeOwed(table.deps, transport, budget())).toEqual({ sent: 1 });
    expect(await acknowledgeOwed(table.deps, transport, budget())).toEqual({});
    expect(sent).toEqual([acknowledgementPurpose(told), acknowledgementPurpose(lost), acknowledgementPurpose(late)]);
  });
});
