import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearerOf,
  callWithToken,
  signInThroughMail,
  startStackAndBrowser,
  submitAndWait,
  type WatchedContext,
  watchedContext,
} from "../helpers/browser";
import {
  type LocalStackProcess,
  linkInMail,
  outboxSnapshot,
  readOutbox,
  stopAllLocalStacks,
  waitForNewMail,
} from "../helpers/local-stack-process";

/**
 * The whole answer, in a real browser against the real local stack: staff write an action's
 * texts per language on its page, are refused while a reader's language has no text and fall back
 * to the default language only when they say so; a Swedish customer reads Swedish from the mail to
 * the tracking page; an item ended by hand tells its customer what came of it; a personal reply
 * goes out once and shows its delivery on the timeline.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);
const SVEN = `sven-${run}@example.se`;
const EMMA = `emma-${run}@example.com`;

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let page: Page;
let bearer = "";
let actionId = "";
let goalId = "";
const items: Record<string, string> = {};

const api = (method: string, path: string, body?: unknown) => callWithToken(stack.url, bearer, method, path, body);

async function submit(message: string, email: string, locale: string) {
  const response = await fetch(`${stack.url}/api/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, email, consent: true, locale, kind: "complaint", topic: `queues-${run}` }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
  admin = await watchedContext(browser, { locale: "en-US" });
  page = await admin.newPage();
  await signInThroughMail(page, stack, ADMIN);
  bearer = await bearerOf(admin.context, page, stack.url, `answers e2e ${run}`);

  const goal = await api("POST", "/api/goals", { title: { en: "Shorter queues", sv: "Kortare köer" } });
  expect(goal.status).toBe(201);
  goalId = String(goal.json.id);
  const action = await api("POST", "/api/actions", { goalId, title: "More tills at rush hour" });
  expect(action.status).toBe(201);
  actionId = String(action.json.id);
  items.sven = await submit(`Köerna är för långa (${run})`, SVEN, "sv");
  items.emma = await submit(`The queues are too long (${run})`, EMMA, "en");
  const linked = await api("POST", `/api/actions/${actionId}/feedback`, { feedbackIds: [items.sven, items.emma] });
  expect(linked.status).toBe(200);
});

afterAll(async () => {
  await admin?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

describe("the whole answer, in a browser", () => {
  it("shows the audience by language, refuses a promise with no Swedish text, and sends it once written", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/actions/${actionId}`);
    await expect
      .poll(async () => (await page.locator(".audience").textContent())?.replace(/\s+/g, " "))
      .toContain("Its updates go to 2 customers: 1 read English, 1 read Svenska.");

    await page.locator("#edit-status").selectOption("planned");
    await page.locator("#edit-weWill_en").fill("We will open two more tills from four to six.");
    const refused = await submitAndWait(page, "Save changes", `/console/actions/${actionId}`);
    expect(refused.status()).toBe(422);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("sv (1 customer)");
    // What was typed is kept: the Swedish text is added, the title too, and the move goes through.
    expect(await page.locator("#edit-weWill_en").inputValue()).toBe("We will open two more tills from four to six.");
    const seen = await outboxSnapshot(stack.outboxDir);
    await page.locator("#edit-weWill_sv").fill("Vi öppnar två kassor till mellan fyra och sex.");
    await page.locator("#edit-title_sv").fill("Fler kassor i rusningstid");
    const saved = await submitAndWait(page, "Save changes", `/console/actions/${actionId}`);
    expect(saved.status()).toBe(303);
    expect(page.url()).toContain("saved=1");

    // Sven reads Swedish from start to finish: the mail, then the tracking page it links to.
    const { mail } = await waitForNewMail(stack.outboxDir, seen, { to: SVEN, timeoutMs: 30_000 });
    expect(mail.subject).toBe("Det här ska vi göra med dina synpunkter");
    expect(mail.text).toContain("Vi öppnar två kassor till mellan fyra och sex.");
    expect(mail.text).toContain("Kortare köer");
    expect(mail.text).not.toMatch(/We will|Shorter queues/);
    await page.goto(linkInMail(mail, `${stack.url}/track/`));
    const tracking = (await page.locator("main").textContent())?.replace(/\s+/g, " ") ?? "";
    expect(tracking).toContain("Vad vi ska göra");
    expect(tracking).toContain("Vi öppnar två kassor till mellan fyra och sex.");
    expect(tracking).toContain("Fler kassor i rusningstid");
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect(admin.problems.pageErrors).toEqual([]);
  });

  it("sends what was done in the default language to a Swedish reader only when staff choose to", async () => {
    await page.goto(`${stack.url}/console/actions/${actionId}`);
    await page.locator("#edit-status").selectOption("done");
    await page.locator("#edit-weDid_en").fill("Two more tills are open from four to six.");
    const refused = await submitAndWait(page, "Save changes", `/console/actions/${actionId}`);
    expect(refused.status()).toBe(422);
    const seen = await outboxSnapshot(stack.outboxDir);
    await page.getByLabel("Tell customers whose language has no text in the default language").check();
    const saved = await submitAndWait(page, "Save changes", `/console/actions/${actionId}`);
    expect(saved.status()).toBe(303);
    const { mail } = await waitForNewMail(stack.outboxDir, seen, { to: SVEN, timeoutMs: 30_000 });
    expect(mail.subject).toBe("Du sa, vi gjorde");
    expect(mail.text).toContain("Two more tills are open from four to six.");
  });

  it("ends an item by hand with an outcome, and tells its customer once", async () => {
    const id = await submit(`The card machine at till 3 is broken (${run})`, EMMA, "en");
    await page.goto(`${stack.url}/console/feedback/${id}`);
    await page.locator("#edit-status").selectOption("closed");
    const refused = await submitAndWait(page, "Save changes", `/console/feedback/${id}`);
    expect(refused.status()).toBe(422);
    const seen = await outboxSnapshot(stack.outboxDir);
    await page.getByLabel("What came of it (sent to the customer, once, in your words)").fill("We replaced it today.");
    const saved = await submitAndWait(page, "Save changes", `/console/feedback/${id}`);
    expect(saved.status()).toBe(303);
    const { mail } = await waitForNewMail(stack.outboxDir, seen, {
      to: EMMA,
      subject: "What came of your feedback",
      timeoutMs: 30_000,
    });
    expect(mail.text).toContain("We replaced it today.");
    expect(mail.text).toContain("The card machine at till 3 is broken");
    await page.reload();
    expect(await page.locator("main").textContent()).toContain("Ended the item by hand (Closed)");
  });

  it("sends a personal reply once and shows its delivery on the timeline", async () => {
    const seen = await outboxSnapshot(stack.outboxDir);
    await page.goto(`${stack.url}/console/feedback/${items.emma}`);
    await page.getByLabel("Your reply").fill("Thank you, Emma: we are on it.\nSee you at the till!");
    const sent = await submitAndWait(page, "Send reply", `/console/feedback/${items.emma}/replies`);
    expect(sent.status()).toBe(303);
    expect(page.url()).toContain("replied=1");
    const { mail } = await waitForNewMail(stack.outboxDir, seen, { to: EMMA, subject: "A reply to your feedback" });
    expect(mail.text).toContain("> See you at the till!");
    // The timeline shows the reply with where its message is, once the mark is written.
    const deadline = Date.now() + 20_000;
    for (;;) {
      await page.reload();
      const text = (await page.locator("main").textContent())?.replace(/\s+/g, " ") ?? "";
      if (text.includes("Replied to the customer (Sent)")) break;
      if (Date.now() > deadline) throw new Error(`the reply's delivery is not shown:\n${text}`);
      await sleep(300);
    }
    const replies = (await readOutbox(stack.outboxDir)).filter(
      (m) => m.to === EMMA && m.mail.subject === "A reply to your feedback",
    );
    expect(replies).toHaveLength(1);
  });
});
