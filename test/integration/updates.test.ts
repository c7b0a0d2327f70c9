import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, it, vi } from "vitest";

// Updates run through the stream, a page at a time: give them time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { JOB_PAGE_SIZE } from "../../functions/pipeline/jobs";
import { createStreamHandler } from "../../functions/stream/create-handler";
import { lambdaContext } from "../../infra/local/stream-records";
import { updateJobId, updatePurpose } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { getFeedbackDetail } from "../../shared/feedback/triage";
import type { OutgoingMail } from "../../shared/mail/types";
import { deliverDue } from "../../shared/notifications/sweep";
import { STREAM_PARALLELIZATION_FACTOR } from "../../shared/stream/mapping";
import { updatesProgress } from "../../shared/updates/fan-out";
import { rawHeader, readOutbox } from "../helpers/local-stack-process";
import { callJson, signedInStaff } from "../helpers/staff";
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
  world,
} from "../helpers/updates-world";

/** The poller runs the stream's batches side by side, as the stack's mapping does. */
const sideBySide = { parallelizationFactor: STREAM_PARALLELIZATION_FACTOR };

/**
 * Makes the handler die between the transport's acceptance and the mark, for every `nth` update
 * (each update at most once, as a process that died and came back). Returns the purposes killed.
 */
function killBetweenSendAndMark(deps: Deps, nth: number): Set<string> {
  const markSent = deps.notifications.markSent.bind(deps.notifications);
  const killed = new Set<string>();
  let marks = 0;
  deps.notifications.markSent = async (purpose, sent, now) => {
    if (purpose.startsWith("update#") && !killed.has(purpose) && ++marks % nth === 0) {
      killed.add(purpose);
      throw new Error("killed between send and mark");
    }
    return markSent(purpose, sent, now);
  };
  return killed;
}

describe("we will / you said, we did", () => {
  it("tells an item linked after a phase began even when the link's stream record is lost", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { action } = await goalAndAction(w);
    const first = await submit(w, "The readers at the gates are broken", consenting("first@example.com"));
    await link(w, action.id, [first]);
    await move(w, action, [{ status: "planned", weWill: "We will replace every reader" }]);
    const late = await submit(w, "The reader at gate 4 is broken too", consenting("late@example.com"));
    await w.poller.idle();
    // From here nothing reads the stream: the link's record is never handled.
    await w.poller.stop();
    await link(w, action.id, [late]);
    w.clock.now += (w.deps.config.delivery.claimSeconds + 1) * 1000;
    await deliverDue(w.deps, rec.transport);
    const toLate = updatesOf(rec.sent).filter(({ mail }) => mail.to === "late@example.com");
    expect(toLate).toHaveLength(1);
    expect(toLate[0]?.mail.id).toMatch(new RegExp(`^update#${action.id}#will#`));
  });

  it("tells once when an action skips steps: straight to in progress with a promise, straight to done", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { goal, action } = await goalAndAction(w);
    const ada = await submit(w, "The lift at the north entrance is out", consenting("ada@example.com"));
    await link(w, action.id, [ada]);
    await move(w, action, [{ status: "in_progress", weWill: "We will repair the lift this week" }]);
    await w.poller.idle();
    const toAda = updatesOf(rec.sent);
    expect(toAda).toHaveLength(1);
    expect(toAda[0]?.mail.id).toMatch(new RegExp(`^update#${action.id}#will#${hashOf("ada@example.com")}`));
    expect((await w.deps.feedback.get(ada)).status).toBe("planned");

    // Proposed straight to done: one "you said, we did", no "we will" before it.
    const other = await api<{ id: string; version: number }>(w, "POST", "/api/actions", {
      goalId: goal.id,
      title: "Clean the platform signs",
    });
    const bert = await submit(w, "The signs on platform 2 are unreadable", consenting("bert@example.com"));
    await link(w, other.id, [bert]);
    await move(w, other, [{ status: "done", weDid: "We cleaned every sign on platform 2" }]);
    await w.poller.idle();
    const toBert = updatesOf(rec.sent).filter(({ mail }) => mail.to === "bert@example.com");
    expect(toBert).toHaveLength(1);
    expect(toBert[0]?.mail.id).toMatch(new RegExp(`^update#${other.id}#did#`));
    const item = await w.deps.feedback.get(bert);
    expect(item.status).toBe("done");
    expect(item.outcomeToldAt).toBeDefined();

    // No move goes back.
    const back = await callJson(w.app, "PATCH", `/api/actions/${action.id}`, {
      as: w.manager,
      via: "token",
      body: { version: (await w.deps.actions.get(action.id))?.version, status: "planned" },
    });
    expect(back.status).toBe(409);
  });

  it("tells each consenting customer once per phase, covering all their linked items, merged ones too", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { action } = await goalAndAction(w);
    const anna1 = await submit(
      w,
      "The card reader at Centraal is broken",
      consenting("anna@example.com", { name: "Anna" }),
    );
    const anna2 = await submit(w, "Again the reader ate my card", consenting("ANNA@example.com"));
    const bo = await submit(w, "Kortläsaren fungerar inte", consenting("bo@example.se", { locale: "sv" }));
    const quiet = await submit(w, "Reader broken, do not write to me", { email: "quiet@example.com" });
    const gone = await submit(w, "Broken reader", consenting("gone@example.com"));
    const anonymous = await submit(w, "No address given");
    const merged = await submit(w, "De kaartlezer is kapot", consenting("cas@example.nl", { locale: "nl" }));
    await w.deps.suppressions.suppress(hashOf("gone@example.com"), "unsubscribed", w.deps.now());
    const mergeResponse = await callJson(w.app, "POST", `/api/feedback/${merged}/merge`, {
      as: w.manager,
      via: "token",
      body: { intoId: bo },
    });
    expect(mergeResponse.status).toBeLessThan(300);
    await link(w, action.id, [anna1, anna2, bo, quiet, gone, anonymous]);
    await w.poller.idle();

    // Planned without a weWill text tells nobody.
    await move(w, action, [{ status: "planned" }]);
    await w.poller.idle();
    expect(updatesOf(rec.sent)).toEqual([]);

    await move(w, action, [{ weWill: "We will replace every card reader by June" }]);
    await w.poller.idle();
    expect(updatesOf(rec.sent)).toEqual([]);
    const other = await api<{ id: string; version: number }>(w, "POST", "/api/actions", {
      goalId: (await api<{ goalId: string }>(w, "GET", `/api/actions/${action.id}`)).goalId,
      title: "Announce the new readers",
    });
    await link(w, other.id, [anna1, bo]);
    await move(w, other, [
      {
        status: "planned",
        weWill: {
          en: "We will put up posters about the new readers",
          nl: "We hangen posters op over de nieuwe lezers",
          sv: "Vi sätter upp affischer om de nya läsarna",
        },
      },
    ]);
    await w.poller.idle();
    const will = updatesOf(rec.sent);
    expect(will.map(({ mail }) => mail.to).sort()).toEqual(["anna@example.com", "bo@example.se", "cas@example.nl"]);
    for (const { mail } of will) expect(mail.id).toMatch(new RegExp(`^update#${other.id}#will#`));

    const annaWill = will.find(({ mail }) => mail.to === "anna@example.com");
    const parsed = await simpleParser(annaWill?.raw ?? "");
    expect(parsed.subject).toBe("What we are going to do about your feedback");
    expect(parsed.text).toContain("> The card reader at Centraal is broken");
    expect(parsed.text).toContain("We will put up posters about the new readers");
    expect(parsed.text).toContain("Fewer ticket machine complaints");
    expect(rawHeader(parsed, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(parsed, "List-Unsubscribe")).toMatch(/^<http:\/\/feedback\.test\/unsubscribe\/[\w-]+>$/);
    const svWill = await simpleParser(will.find(({ mail }) => mail.to === "bo@example.se")?.raw ?? "");
    expect(svWill.subject).toBe("Det här ska vi göra med dina synpunkter");
    expect(svWill.text).toContain("Vi sätter upp affischer om de nya läsarna");

    // Written in English only: told in English to everyone, as staff chose to.
    await move(w, action, [
      { status: "in_progress" },
      { status: "done", weDid: "We replaced all 40 card readers", fallback: true },
    ]);
    await w.poller.idle();
    const did = updatesOf(rec.sent).filter(({ mail }) => mail.id.startsWith(`update#${action.id}#did#`));
    // Anna typed her address in two ways; either is hers, and she gets one message.
    const to = ({ mail }: { mail: OutgoingMail }) => mail.to.toLowerCase();
    expect(did.map(to).sort()).toEqual(["anna@example.com", "bo@example.se", "cas@example.nl"]);
    const annaDid = await simpleParser(did.find((sent) => to(sent) === "anna@example.com")?.raw ?? "");
    expect(annaDid.subject).toBe("You said, we did");
    // One message covers both of Anna's items, each quoted with its own tracking link.
    expect(annaDid.text).toContain("> The card reader at Centraal is broken");
    expect(annaDid.text).toContain("> Again the reader ate my card");
    expect(annaDid.text?.match(/http:\/\/feedback\.test\/track\//g)).toHaveLength(2);
    expect(annaDid.text).toContain("We replaced all 40 card readers");
    // Every item here is a complaint: the share is 100%, up from the baseline of 90%.
    expect(annaDid.text).toContain("Where it stands now: complaint share 100%, up from 90%.");
    const nlDid = await simpleParser(did.find(({ mail }) => mail.to === "cas@example.nl")?.raw ?? "");
    expect(nlDid.subject).toBe("U zei, wij deden");
    expect(nlDid.text).toContain("> De kaartlezer is kapot");

    // The tracking links in the update work.
    const trackUrl = (annaDid.text ?? "").match(/http:\/\/feedback\.test(\/track\/[^\s]+)/)?.[1] ?? "";
    const tracked = await w.app.request(`/api${trackUrl}`);
    expect(tracked.status).toBe(200);

    // The outcome is recorded on the items it was told about, and the delivery on their timelines.
    // Anna's "we will" covered only her item linked to that action; Cas's item follows the one it was merged into.
    const phasesSent = { [anna1]: ["did", "will"], [anna2]: ["did"], [bo]: ["did", "will"], [merged]: ["did", "will"] };
    for (const [id, phases] of Object.entries(phasesSent)) {
      const item = await w.deps.feedback.get(id);
      expect(item.outcomeToldAt, id).toBeDefined();
      const sentEntries = (await getFeedbackDetail(w.deps, id)).timeline.filter((e) => e.type === "message_sent");
      expect(sentEntries.map((e) => e.details?.phase).sort(), id).toEqual(phases);
    }
    for (const id of [quiet, gone, anonymous]) expect((await w.deps.feedback.get(id)).outcomeToldAt).toBeUndefined();
    expect(await w.deps.notifications.find(updatePurpose(action.id, "did", hashOf("gone@example.com")))).toMatchObject({
      status: "suppressed",
    });
    expect(
      await w.deps.notifications.find(updatePurpose(action.id, "did", hashOf("quiet@example.com"))),
    ).toBeUndefined();

    // Every batch delivered again, as Lambda may: nothing more is sent.
    const before = rec.sent.length;
    for (const event of w.delivered.splice(0)) await createStreamHandler(w.deps, rec.transport)(event, lambdaContext());
    expect(rec.sent).toHaveLength(before);

    // Feedback linked after the action is done gets the "we did" update, once; a repeat link sends nothing.
    const late = await submit(w, "Is the reader fixed yet?", consenting("late@example.com"));
    const lateToo = await submit(w, "Still no reader at Zuid", consenting("late@example.com"));
    await link(w, action.id, [late]);
    await w.poller.idle();
    await link(w, action.id, [lateToo, late]);
    await w.poller.idle();
    const lateMail = updatesOf(rec.sent).filter(({ mail }) => mail.to === "late@example.com");
    expect(lateMail.map(({ mail }) => mail.id)).toEqual([updatePurpose(action.id, "did", hashOf("late@example.com"))]);
    expect([...rec.perPurpose().values()].every((count) => count === 1)).toBe(true);
  });

  it("fans out page by page to every customer of an action linked to many items", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { action } = await goalAndAction(w);
    const count = JOB_PAGE_SIZE + 17;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await submit(w, `Reader ${i} is broken`, consenting(`c${i}@example.com`)));
    await link(w, action.id, ids);
    await w.poller.idle();
    await move(w, action, [{ status: "planned", weWill: "We will replace them" }]);
    await w.poller.idle();
    const job = await w.deps.jobs.get(updateJobId(action.id, "will"));
    expect(job).toMatchObject({ status: "done", written: count });
    expect(await updatesProgress(w.deps, action.id)).toEqual([
      { phase: "will", done: true, customers: count, failed: 0 },
    ]);
    expect(new Set(updatesOf(rec.sent).map(({ mail }) => mail.to)).size).toBe(count);
    expect(updatesOf(rec.sent)).toHaveLength(count);
  });

  it("survives a transport that refuses every third send: exactly one message each, after retries", async () => {
    const rec = recordingTransport({ failEvery: 3 });
    const w = await world(rec.transport, { MAIL_RETRY_SECONDS: "1" }, sideBySide);
    const { action } = await goalAndAction(w);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await submit(w, `Item ${i}`, consenting(`f${i}@example.com`)));
    await link(w, action.id, ids);
    await move(w, action, [{ status: "planned" }, { status: "in_progress" }, { status: "done", weDid: "Fixed" }]);
    await w.poller.idle();
    for (let round = 0; round < 10; round++) {
      w.clock.now += 60_000;
      await deliverDue(w.deps, rec.transport);
    }
    const updates = updatesOf(rec.sent);
    expect(new Set(updates.map(({ mail }) => mail.to)).size).toBe(30);
    expect(updates).toHaveLength(30);
    expect(rec.calls()).toBeGreaterThan(30 + 10);
  });

  it("delivers the same batch twice at once without a second message (claims)", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, { twice: true, ...sideBySide });
    const { action } = await goalAndAction(w);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await submit(w, `Item ${i}`, consenting(`twice${i}@example.com`)));
    await link(w, action.id, ids);
    await move(w, action, [{ status: "planned", weWill: "We will" }]);
    await w.poller.idle();
    expect(updatesOf(rec.sent)).toHaveLength(12);
    expect([...rec.perPurpose().values()].every((count) => count === 1)).toBe(true);
  });

  it("counts the one window no mail API closes: killed after sending, before marking", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "killed-"));
    const smtpLike = recordingTransport();
    const w = await world(smtpLike.transport, {}, sideBySide);
    const { action } = await goalAndAction(w);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await submit(w, `Item ${i}`, consenting(`k${i}@example.com`)));
    await link(w, action.id, ids);
    const killedOnce = killBetweenSendAndMark(w.deps, 4);
    await move(w, action, [{ status: "planned", weWill: "We will" }]);
    await w.poller.idle();
    w.clock.now += (w.deps.config.delivery.claimSeconds + 1) * 1000;
    await deliverDue(w.deps, smtpLike.transport);
    const counts = updatesOf(smtpLike.sent).reduce(
      (m, { mail }) => m.set(mail.to, (m.get(mail.to) ?? 0) + 1),
      new Map<string, number>(),
    );
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    console.info(
      `send-then-crash window: ${killedOnce.size} kills after sending, ${duplicates} duplicate messages (SMTP/SES-like transport)`,
    );
    expect(counts.size).toBe(20);
    expect(killedOnce.size).toBeGreaterThan(0);
    // Each kill in the window costs at most one duplicate; nobody is missed.
    expect(duplicates).toBe(killedOnce.size);
    for (const id of ids) {
      const n = await w.deps.notifications.find(
        updatePurpose(action.id, "will", hashOf((await w.deps.feedback.get(id)).email ?? "")),
      );
      expect(n?.status).toBe("sent");
    }

    // The outbox transport recognises a repeated send by its stable id: no duplicate at all locally.
    const local = recordingTransport({ outboxDir });
    const w2 = await world(local.transport, {}, sideBySide);
    const second = await goalAndAction(w2);
    const ids2: string[] = [];
    for (let i = 0; i < 8; i++) ids2.push(await submit(w2, `Item ${i}`, consenting(`o${i}@example.com`)));
    await link(w2, second.action.id, ids2);
    const killed2 = killBetweenSendAndMark(w2.deps, 3);
    await move(w2, second.action, [{ status: "planned", weWill: "We will" }]);
    await w2.poller.idle();
    w2.clock.now += (w2.deps.config.delivery.claimSeconds + 1) * 1000;
    await deliverDue(w2.deps, local.transport);
    expect(killed2.size).toBeGreaterThan(0);
    const files = (await readOutbox(outboxDir)).filter(({ mail }) => mail.subject?.startsWith("What we"));
    expect(files.map(({ to }) => to).sort()).toEqual(ids2.map((_, i) => `o${i}@example.com`).sort());
  });

  it("never writes to an erased customer", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport, {}, sideBySide);
    const { action } = await goalAndAction(w);
    const erased = await submit(w, "Erase me later", consenting("erase@example.com"));
    const kept = await submit(w, "Keep me", consenting("keep@example.com"));
    await link(w, action.id, [erased, kept]);
    const admin = await signedInStaff(w.app, w.deps, "admin");
    const response = await callJson(w.app, "POST", "/api/privacy/erase", {
      as: admin,
      via: "token",
      body: { email: "erase@example.com" },
    });
    expect(response.status).toBeLessThan(300);
    await move(w, action, [
      { status: "planned", weWill: "We will" },
      { status: "in_progress" },
      { status: "done", weDid: "Done" },
    ]);
    await w.poller.idle();
    expect(updatesOf(rec.sent).filter(({ mail }) => mail.to === "erase@example.com")).toEqual([]);
    expect(updatesOf(rec.sent).map(({ mail }) => mail.to)).toEqual(["keep@example.com", "keep@example.com"]);
  });
});
