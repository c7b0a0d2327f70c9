import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strings } from "../../functions/api/pages/strings";
import { mailStrings } from "../../shared/mail/templates/strings";
import {
  countStoredFeedback,
  databasePid,
  databaseProcesses,
  isAlive,
  type LocalStackProcess,
  mailCountByRecipient,
  mailFiles,
  rawHeader,
  readOutbox,
  startLocalStackProcess,
  stopAllLocalStacks,
  waitForMail,
  waitUntilGone,
} from "../helpers/local-stack-process";

/**
 * The product as a user runs it (`npm start`), driven over HTTP only: intake, the acknowledgement
 * in the local outbox, tracking, one-click unsubscribe, restarts and a crash. One stack for the
 * file; the restart and crash tests replace it with a new process on the same folders and port.
 */

interface Submitted {
  id: string;
  status: string;
  trackingToken: string;
  trackingUrl: string;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

let stack: LocalStackProcess;

beforeAll(async () => {
  stack = await startLocalStackProcess();
});

afterAll(async () => {
  await stopAllLocalStacks();
});

let counter = 0;
/** A fresh address per use, so counting mail per recipient is exact in the shared outbox. */
const address = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}@example.com`;

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

async function submit(body: Record<string, unknown>): Promise<Submitted> {
  const res = await postJson("/api/feedback", body);
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return JSON.parse(text) as Submitted;
}

/**
 * Proves the stream poller has handled everything written so far: a new consenting item's
 * acknowledgement can only be sent after the records before it in the stream.
 */
async function settle(on: LocalStackProcess = stack) {
  const to = address("sentinel");
  await submit({ message: "sentinel: is the poller idle?", email: to, consent: true });
  await waitForMail(on.outboxDir, 1, { to });
}

/** A plain HTTP request with exactly the given headers: no cookies, no Origin, nothing a browser adds. */
function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = "",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } });
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on("error", reject);
    });
    req.end(body);
  });
}

describe("the local stack over HTTP", () => {
  it("acknowledges a consenting submission with one mail that links an escaped tracking page", async () => {
    const email = address("ack");
    const message = `Het <b>werkt</b> & "goed" <script>alert(1)</script> ${randomUUID()}`;
    const res = await postJson("/api/feedback", {
      message,
      kind: "question",
      score: { type: "nps", value: 9 },
      email,
      name: "Ada <ada@evil.example>, Bcc: x@evil.example",
      consent: true,
      locale: "nl",
      topic: "Facturen",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = (await res.json()) as Submitted;
    expect(answer).toEqual({
      id: expect.stringMatching(ULID),
      status: "new",
      trackingToken: expect.stringMatching(TOKEN),
      trackingUrl: `${stack.url}/track/${answer.trackingToken}`,
    });
    expect(answer.trackingToken).not.toContain(answer.id);

    const [ack] = await waitForMail(stack.outboxDir, 1, { to: email });
    if (!ack) throw new Error("no acknowledgement");
    const { mail } = ack;
    const to = [mail.to ?? []].flat();
    expect(to.flatMap((t) => t.value).map((v) => v.address)).toEqual([email]);
    expect(mail.cc).toBeUndefined();
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.get("content-language")).toBe("nl");
    expect(mail.subject).toBe(mailStrings.nl.acknowledgement.subject);
    expect(rawHeader(mail, "List-Unsubscribe")).toMatch(new RegExp(`^<${stack.url}/unsubscribe/[A-Za-z0-9_-]{43}>$`));
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    // The mail carries a tracking link of its own (its link set), which opens the same item.
    const mailedUrl = mail.text?.match(new RegExp(`${stack.url}/track/[A-Za-z0-9_-]{43}`))?.[0] ?? "";
    expect(mailedUrl).not.toBe("");
    expect(mail.text).toContain(mailStrings.nl.acknowledgement.trackLead);
    // The HTML part quotes the message escaped, never as markup.
    expect(mail.html).not.toContain("<script>alert(1)</script>");
    expect(mail.html || "").toContain("&lt;script&gt;");
    expect(mail.html || "").toContain(`href="${mailedUrl}"`);
    const mailedPage = await (await fetch(mailedUrl)).text();
    expect(mailedPage).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

    // The tracking page: the message escaped, nobody's address or name on it.
    const page = await fetch(answer.trackingUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("Het &lt;b&gt;werkt&lt;/b&gt; &amp;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<b>werkt</b>");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain(email);
    expect(html).not.toContain("Ada");
    // Without a language asked for, the page is in the submitter's language.
    const nlPage = await rawRequest(answer.trackingUrl, "GET", {});
    expect(nlPage.body).toContain(`<html lang="nl"`);
    expect(nlPage.body).toContain(strings("nl").statuses.new);

    const api = await fetch(`${stack.url}/api/track/${answer.trackingToken}`);
    expect(api.status).toBe(200);
    const view = (await api.json()) as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual(["feedback", "status", "updates"]);
    expect(view).toEqual({
      feedback: {
        id: answer.id,
        message,
        kind: "question",
        score: { type: "nps", value: 9 },
        topic: "Facturen",
        locale: "nl",
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      },
      status: "new",
      updates: [{ type: "received", at: expect.any(String) }],
    });
    const json = JSON.stringify(view);
    expect(json).not.toContain(email);
    expect(json).not.toContain("Ada");
    expect(json).not.toMatch(/"(email|name|consent)"/);

    // Exactly one acknowledgement, also once everything written so far has been handled.
    await settle();
    expect((await mailCountByRecipient(stack.outboxDir)).get(email)).toBe(1);

    const unknown = await fetch(`${stack.url}/api/track/${"A".repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("honours the one-click unsubscribe: the address gets no further acknowledgement", async () => {
    const email = address("unsub");
    await submit({ message: "please mail me once", email, consent: true, locale: "sv" });
    const [ack] = await waitForMail(stack.outboxDir, 1, { to: email });
    if (!ack) throw new Error("no acknowledgement");
    const unsubscribeUrl = /^<(.+)>$/.exec(rawHeader(ack.mail, "List-Unsubscribe") ?? "")?.[1] ?? "";
    expect(unsubscribeUrl.startsWith(`${stack.url}/unsubscribe/`)).toBe(true);
    // The mail's own unsubscribe link (text part) is the same URL.
    expect(ack.mail.text).toContain(unsubscribeUrl);

    // RFC 8058: what a mail provider sends: a bare POST, no cookies, no Origin.
    const res = await rawRequest(
      unsubscribeUrl,
      "POST",
      { "content-type": "application/x-www-form-urlencoded" },
      "List-Unsubscribe=One-Click",
    );
    expect(res.status, res.body).toBe(200);
    // Doing it again is harmless.
    const again = await rawRequest(
      unsubscribeUrl,
      "POST",
      { "content-type": "application/x-www-form-urlencoded" },
      "List-Unsubscribe=One-Click",
    );
    expect(again.status).toBe(200);

    // The same person, written differently, consents again: suppressed all the same.
    const second = await submit({ message: "second time", email: email.toUpperCase(), consent: true });
    expect(second.status).toBe("new");
    await settle();
    expect((await mailCountByRecipient(stack.outboxDir)).get(email)).toBe(1);
    // The item itself was stored and can be followed.
    expect((await fetch(second.trackingUrl)).status).toBe(200);

    const unknown = await rawRequest(
      `${stack.url}/unsubscribe/${"B".repeat(43)}`,
      "POST",
      { "content-type": "application/x-www-form-urlencoded" },
      "List-Unsubscribe=One-Click",
    );
    expect(unknown.status).toBe(404);
  });

  it("answers /healthz, /openapi.json and /docs", async () => {
    const health = await fetch(`${stack.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const openapi = await fetch(`${stack.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    const document = (await openapi.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths["/api/feedback"] ?? {})).toContain("post");

    const docs = await fetch(`${stack.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await docs.text();
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain("/api/feedback");
    expect(html).toContain('href="/openapi.json"');
  });

  it("makes an Idempotency-Key retry give the same answer, one item and one mail", async () => {
    const before = await countStoredFeedback(stack);
    const email = address("idem");
    const body = { message: "sent twice over a flaky network", email, consent: true };
    const key = `retry-${randomUUID()}`;

    const first = await postJson("/api/feedback", body, { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    const firstAnswer = await first.json();
    const retry = await postJson("/api/feedback", body, { "Idempotency-Key": key });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(firstAnswer);

    // Two retries racing each other: still one answer.
    const raceKey = `race-${randomUUID()}`;
    const raceEmail = address("idem-race");
    const raceBody = { message: "sent twice at once", email: raceEmail, consent: true };
    const raced = await Promise.all(
      [1, 2].map(() => postJson("/api/feedback", raceBody, { "Idempotency-Key": raceKey })),
    );
    const racedText = await Promise.all(raced.map((r) => r.text()));
    expect(
      raced.map((r) => r.status),
      racedText.join("\n"),
    ).toEqual([201, 201]);
    expect(JSON.parse(racedText[0] ?? "")).toEqual(JSON.parse(racedText[1] ?? ""));

    // The key with another body is refused and stores nothing.
    const reused = await postJson("/api/feedback", { ...body, message: "something else" }, { "Idempotency-Key": key });
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");

    expect(await countStoredFeedback(stack)).toBe(before + 2);
    await waitForMail(stack.outboxDir, 1, { to: email });
    await waitForMail(stack.outboxDir, 1, { to: raceEmail });
    await settle();
    const counts = await mailCountByRecipient(stack.outboxDir);
    expect(counts.get(email)).toBe(1);
    expect(counts.get(raceEmail)).toBe(1);
  });

  it("keeps data over a Ctrl-C restart and sends no acknowledgement twice", async () => {
    const email = address("restart");
    const message = `written before the restart ${randomUUID()}`;
    const submitted = await submit({ message, email, consent: true });
    await waitForMail(stack.outboxDir, 1, { to: email });
    const { dataDir, outboxDir, port } = stack;
    const filesBefore = (await mailFiles(outboxDir)).length;
    const javaPid = databasePid(dataDir);
    if (javaPid === undefined) throw new Error("the stack wrote no dynamodb.pid");
    expect(isAlive(javaPid)).toBe(true);

    const exit = await stack.stop("SIGINT", 15_000);
    expect(exit, stack.output()).toEqual({ code: 0, signal: null });
    expect(isAlive(javaPid)).toBe(false);
    expect(databaseProcesses(dataDir)).toEqual([]);

    stack = await startLocalStackProcess({ dataDir, outboxDir, port });
    const page = await fetch(submitted.trackingUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(message);
    const api = await fetch(`${stack.url}/api/track/${submitted.trackingToken}`);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { feedback: { id: string } }).feedback.id).toBe(submitted.id);

    await settle();
    // Only the sentinel's mail is new: nothing before the restart was sent again.
    expect((await mailFiles(outboxDir)).length).toBe(filesBefore + 1);
    expect((await mailCountByRecipient(outboxDir)).get(email)).toBe(1);
  });

  it("resumes after a crash: every acknowledgement sent exactly once", async () => {
    const { dataDir, outboxDir, port } = stack;
    const emails: string[] = [];
    const answers: Submitted[] = [];
    const submitMany = async (count: number) => {
      const batch = Array.from({ length: count }, () => address("crash"));
      emails.push(...batch);
      const submitted = await Promise.all(
        batch.map((email, i) => submit({ message: `crash item ${i}`, email, consent: true, locale: "sv" })),
      );
      answers.push(...submitted);
      return batch;
    };
    /** SIGKILL, then a new host on the same folders, which must stop the orphaned DynamoDB Local. */
    const crashAndRestart = async () => {
      const javaPid = databasePid(dataDir);
      const exit = await stack.kill();
      expect(exit.signal).toBe("SIGKILL");
      // A send the dead host held is sent again once its claim runs out: a short claim, for the test.
      stack = await startLocalStackProcess({
        dataDir,
        outboxDir,
        port,
        env: { MAIL_CLAIM_SECONDS: "3", MAIL_SWEEP_SECONDS: "1" },
      });
      if (javaPid !== undefined) expect(await waitUntilGone(javaPid, 5_000)).toBe(true);
      expect(databaseProcesses(dataDir)).toEqual([databasePid(dataDir)]);
    };

    // Killed right after the 201s: most often before the poller has read the new records.
    await submitMany(5);
    await crashAndRestart();

    // Killed while the acknowledgements are being sent: as soon as the first of a batch is out.
    const batch = await submitMany(10);
    const deadline = Date.now() + 20_000;
    while (!(await readOutbox(outboxDir)).some((m) => batch.includes(m.to))) {
      if (Date.now() > deadline) throw new Error(`no acknowledgement of the batch was sent\n${stack.output()}`);
      await sleep(5);
    }
    await crashAndRestart();

    for (const email of emails) await waitForMail(outboxDir, 1, { to: email, timeoutMs: 30_000 });
    await settle();
    const counts = await mailCountByRecipient(outboxDir);
    expect(emails.map((email) => `${email}: ${counts.get(email) ?? 0}`)).toEqual(emails.map((email) => `${email}: 1`));
    for (const mail of (await readOutbox(outboxDir)).filter((m) => emails.includes(m.to))) {
      expect(mail.mail.headers.get("content-language")).toBe("sv");
    }
    for (const answer of answers) {
      const res = await fetch(`${stack.url}/api/track/${answer.trackingToken}`);
      expect(res.status).toBe(200);
    }
  });
});
