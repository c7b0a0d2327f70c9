import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearerOf,
  callWithToken,
  signInThroughMail,
  startStackAndBrowser,
  type WatchedContext,
  watchedContext,
} from "../helpers/browser";
import {
  type LocalStackProcess,
  linkInMail,
  outboxSnapshot,
  rawHeader,
  stopAllLocalStacks,
  waitForNewMail,
} from "../helpers/local-stack-process";

/**
 * A visitor asks, on the board's roadmap, to be told when a promised action is done: a real
 * browser posts the board's form, the confirmation mail's link is followed, and when staff mark
 * the action done the visitor gets the "you said, we did" mail, in Dutch, once.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);
const VISITOR = `visitor-${run}@example.nl`;

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let visitor: WatchedContext;
let page: Page;
let bearer = "";
let action = { id: "", version: 0 };

const api = (method: string, path: string, body?: unknown) => callWithToken(stack.url, bearer, method, path, body);

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
  admin = await watchedContext(browser, { locale: "en-US" });
  const staffPage = await admin.newPage();
  await signInThroughMail(staffPage, stack, ADMIN);
  bearer = await bearerOf(admin.context, staffPage, stack.url, `subscribe e2e ${run}`);
  const goal = await api("POST", "/api/goals", { title: { en: "Quieter trams", nl: "Stillere trams" } });
  expect(goal.status).toBe(201);
  const created = await api("POST", "/api/actions", {
    goalId: goal.json.id,
    title: { en: `Rubber on the tram rails (${run})`, nl: `Rubber op de tramrails (${run})` },
  });
  expect(created.status).toBe(201);
  const planned = await api("PATCH", `/api/actions/${created.json.id}`, {
    version: created.json.version,
    status: "planned",
    weWill: { en: "We will lay rubber along the rails", nl: "We leggen rubber langs de rails" },
  });
  expect(planned.status).toBe(200);
  action = { id: String(planned.json.id), version: Number(planned.json.version) };
  visitor = await watchedContext(browser, { locale: "nl-NL" });
  page = await visitor.newPage();
});

afterAll(async () => {
  await admin?.close().catch(() => {});
  await visitor?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

describe("the public asks to be told, in a browser", () => {
  it("subscribes from the roadmap, confirms by mail, and hears when the action is done", async () => {
    await page.goto(`${stack.url}/you-said-we-did?lang=nl`);
    const form = page.getByRole("form", {
      name: `Laat het me weten als het klaar is: Rubber op de tramrails (${run})`,
    });
    await form.getByLabel("Uw e-mailadres").fill(VISITOR);
    const seen = await outboxSnapshot(stack.outboxDir);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/you-said-we-did/${action.id}`)),
      form.getByRole("button", { name: "Laat het me weten als het klaar is" }).click(),
    ]);
    expect(answer.status()).toBe(202);
    await page.getByRole("heading", { level: 1, name: "Kijk in uw e-mail" }).waitFor();

    const confirmation = await waitForNewMail(stack.outboxDir, seen, {
      to: VISITOR,
      subject: "Bevestig dat u van ons wilt horen",
      timeoutMs: 30_000,
    });
    expect(confirmation.mail.text).toContain(`Rubber op de tramrails (${run})`);
    await page.goto(linkInMail(confirmation.mail, `${stack.url}/subscribe/confirm/`));
    await page.getByRole("heading", { level: 1, name: "U hoort van ons" }).waitFor();
    // The promise under way is told at once.
    const will = await waitForNewMail(stack.outboxDir, seen, {
      to: VISITOR,
      subject: "Wat we gaan doen met uw feedback",
      timeoutMs: 30_000,
    });
    expect(will.mail.text).toContain("We leggen rubber langs de rails");

    const afterWill = await outboxSnapshot(stack.outboxDir);
    const done = await api("PATCH", `/api/actions/${action.id}`, {
      version: action.version,
      status: "done",
      weDid: { en: "Rubber now runs along every rail", nl: "Er ligt nu rubber langs elke rail" },
    });
    expect(done.status).toBe(200);
    const did = await waitForNewMail(stack.outboxDir, afterWill, {
      to: VISITOR,
      subject: "U zei, wij deden",
      timeoutMs: 30_000,
    });
    expect(did.mail.text).toContain("U vroeg ons u op de hoogte te houden");
    expect(did.mail.text).toContain("Er ligt nu rubber langs elke rail");
    expect(rawHeader(did.mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(visitor.problems.pageErrors).toEqual([]);
  });
});
