import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, BrowserContextOptions, Frame, FrameLocator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { strings } from "../../functions/api/pages/strings";
import type { Locale } from "../../shared/i18n/locales";
import { mailStrings } from "../../shared/mail/templates/strings";
import { startStackAndBrowser, type WatchedContext, watchedContext } from "../helpers/browser";
import {
  countStoredFeedback,
  type LocalStackProcess,
  mailCountByRecipient,
  stopAllLocalStacks,
  waitForMail,
} from "../helpers/local-stack-process";

/**
 * The public pages in a real browser, against the real local stack: a person fills the form with
 * keyboard and mouse, in three languages, with and without JavaScript, directly and embedded on
 * another site. One stack and one browser for the file.
 */

let stack: LocalStackProcess;
let browser: Browser;
let hostSite: Server;
let hostUrl: string;
const contexts: WatchedContext[] = [];

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser());
  // A second origin (127.0.0.1 and another port, where the stack is localhost) that embeds the form.
  hostSite = createServer((req, res) => {
    const frames: Record<string, string> = {
      "/shop.html": `<iframe id="feedback" title="Feedback" src="${stack.url}/embed?lang=nl" width="600" height="1400"></iframe>`,
      "/framed-form.html": `<iframe id="form" title="Form" src="${stack.url}/" width="600" height="600"></iframe>`,
    };
    const frame = frames[req.url ?? ""];
    if (!frame) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1>${frame}</body></html>`);
  });
  await new Promise<void>((resolve) => hostSite.listen(0, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${(hostSite.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  await browser?.close();
  hostSite?.closeAllConnections();
  await new Promise<void>((resolve) => (hostSite ? hostSite.close(() => resolve()) : resolve()));
  await stopAllLocalStacks();
});

async function open(options: BrowserContextOptions = {}) {
  const watched = await watchedContext(browser, { locale: "en-US", ...options });
  contexts.push(watched);
  const page = await watched.newPage();
  return { ...watched, page };
}

/** No page error, no dialog, no console error but those `expected` (e.g. the browser's note of a 422 answer). */
function expectNoProblems(watched: WatchedContext, expected: RegExp[] = []) {
  const consoleErrors = watched.problems.consoleErrors.filter((e) => !expected.some((pattern) => pattern.test(e)));
  expect({ ...watched.problems, consoleErrors }).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
}

let counter = 0;
const address = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}@example.com`;

/** Proves the stream poller handled everything so far (its acknowledgement comes after all earlier ones). */
async function settle() {
  const to = address("sentinel");
  const res = await fetch(`${stack.url}/api/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "sentinel", email: to, consent: true }),
  });
  expect(res.status).toBe(201);
  await waitForMail(stack.outboxDir, 1, { to });
}

/** The basics every page must have: its language on `<html>`, one `h1`. */
async function expectPageBasics(page: Page | Frame, locale: Locale) {
  expect(await page.locator("html").getAttribute("lang")).toBe(locale);
  expect(await page.locator("h1").count()).toBe(1);
}

interface Person {
  message: string;
  kind?: "complaint" | "suggestion" | "compliment" | "question";
  nps?: number;
  name?: string;
  email?: string;
  consent?: boolean;
}

/** Fills the form as a person does: click into a field and type; click the radio buttons and the box. */
async function fillForm(page: Page | FrameLocator, locale: Locale, person: Person, keyboard: Page["keyboard"]) {
  const t = strings(locale);
  const type = async (label: string, text: string) => {
    await page.getByLabel(label, { exact: true }).click();
    await keyboard.type(text);
  };
  await type(t.message, person.message);
  if (person.kind) await page.getByLabel(t.kinds[person.kind], { exact: true }).click();
  if (person.nps !== undefined) await page.getByLabel(String(person.nps), { exact: true }).click();
  if (person.name) await type(t.name, person.name);
  if (person.email) await type(t.email, person.email);
  if (person.consent) await page.getByLabel(t.consent, { exact: true }).click();
}

/**
 * Clicks the submit button and waits for the answer to the post; when the form is the page's own
 * (not in a frame), also until the page it answered with has loaded.
 */
async function submitForm(page: Page, scope: Page | FrameLocator, locale: Locale) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/feedback" && r.request().method() === "POST"),
    scope === page ? page.waitForURL((url) => url.pathname === "/feedback") : undefined,
    scope.getByRole("button", { name: strings(locale).submit, exact: true }).click(),
  ]);
  return response;
}

/** The whole journey: form, thank-you page, tracking page, acknowledgement mail, all in `locale`. */
async function giveFeedback(page: Page, locale: Locale, formUrl: string) {
  const t = strings(locale);
  const email = address(`browser-${locale}`);
  const person: Person = {
    message: `Feedback in ${locale}: the checkout is slow — ${randomUUID()}`,
    kind: "complaint",
    nps: 6,
    name: `Tester ${locale}`,
    email,
    consent: true,
  };

  await page.goto(formUrl);
  await expectPageBasics(page, locale);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t.formTitle);
  await fillForm(page, locale, person, page.keyboard);
  const response = await submitForm(page, page, locale);
  expect(response.status()).toBe(200);

  await expectPageBasics(page, locale);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(t.thanksTitle);
  expect(await page.getByText(t.thanksEmail, { exact: true }).count()).toBe(1);
  const link = page.getByRole("link", { name: t.thanksLink, exact: true });
  const trackingUrl = (await link.getAttribute("href")) ?? "";
  expect(trackingUrl).toMatch(new RegExp(`^${stack.url}/track/[A-Za-z0-9_-]{43}$`));
  await Promise.all([page.waitForURL(trackingUrl), link.click()]);

  const pageLocale = (await page.locator("html").getAttribute("lang")) as Locale;
  const shown = strings(pageLocale);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(shown.trackTitle);
  expect(await page.locator(".status").textContent()).toBe(shown.statuses.new);
  expect(await page.locator("blockquote").textContent()).toBe(person.message);
  expect(await page.locator("main").textContent()).toContain(`${shown.score}: 6`);
  // Nobody's address or name on the tracking page.
  const text = (await page.locator("body").textContent()) ?? "";
  expect(text).not.toContain(email);
  expect(text).not.toContain(person.name);

  const [ack] = await waitForMail(stack.outboxDir, 1, { to: email });
  expect(ack?.mail.headers.get("content-language")).toBe(locale);
  expect(ack?.mail.subject).toBe(mailStrings[locale].acknowledgement.subject);
  // The mail carries a tracking link of its own, which opens the same item.
  const mailed = ack?.mail.text?.match(new RegExp(`${stack.url}/track/[A-Za-z0-9_-]{43}`))?.[0] ?? "";
  expect(mailed).not.toBe("");
  await page.goto(mailed);
  expect(await page.locator("blockquote").textContent()).toBe(person.message);
  await page.goto(trackingUrl);
  return { trackingUrl, pageLocale };
}

describe("the API reference in a browser", () => {
  it("navigates by tag to typed parameters and answers, loading nothing from elsewhere", async () => {
    const watched = await open({ javaScriptEnabled: false });
    const { page } = watched;
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));

    await page.goto(`${stack.url}/docs`);
    const tags = page.getByRole("navigation", { name: "Tags" });
    expect(await tags.getByRole("link", { name: "Goals", exact: true }).count()).toBe(1);
    await tags.getByRole("link", { name: "Feedback", exact: true }).click();
    await page.waitForURL(`${stack.url}/docs/feedback`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Feedback");

    // The inbox's parameters, typed from the schema that validates them.
    const inbox = page.locator("#listFeedback");
    const limit = inbox.getByRole("row").filter({ hasText: /^limit/ });
    expect(await limit.getByRole("cell").allTextContents()).toEqual([
      "limit",
      "query",
      "integer (1 to 100, default 50)",
      "no",
      "",
    ]);
    const status = inbox.getByRole("row").filter({ hasText: /^status/ });
    expect(await status.getByRole("cell").nth(2).textContent()).toContain('"triaged"');

    // A stale PATCH names the schema of its 409, which the schemas page shows.
    const update = page.locator("#updateFeedback");
    await update.getByRole("row").filter({ hasText: /^409/ }).getByRole("link", { name: "FeedbackConflict" }).click();
    await page.waitForURL(`${stack.url}/docs/schemas#FeedbackConflict`);
    expect(await page.locator("#FeedbackConflict").getByRole("heading").textContent()).toBe("FeedbackConflict");

    expect(requested.every((url) => url.startsWith(stack.url) || url.startsWith("data:"))).toBe(true);
    expectNoProblems(watched);
  });
});

describe("the feedback form in a browser", () => {
  it("works in English", async () => {
    const watched = await open();
    const { pageLocale } = await giveFeedback(watched.page, "en", `${stack.url}/`);
    expect(pageLocale).toBe("en");
    expectNoProblems(watched);
  });

  it("works in Swedish chosen with ?lang=sv, without JavaScript", async () => {
    // An English browser: the language comes from the link alone.
    const watched = await open({ javaScriptEnabled: false });
    const { page } = watched;
    const { pageLocale } = await giveFeedback(page, "sv", `${stack.url}/?lang=sv`);
    // The tracking page speaks the submitter's language, whatever the browser asks for ...
    expect(pageLocale).toBe("sv");
    // ... and its language switch still works.
    await Promise.all([
      page.waitForURL(/\?lang=en$/),
      page.getByRole("link", { name: strings("en").lang, exact: true }).click(),
    ]);
    await expectPageBasics(page, "en");
    expect(await page.locator(".status").textContent()).toBe(strings("en").statuses.new);
    expectNoProblems(watched);
  });

  it("works in Dutch for a browser that asks for nl-NL", async () => {
    const watched = await open({ locale: "nl-NL" });
    const { pageLocale } = await giveFeedback(watched.page, "nl", `${stack.url}/`);
    expect(pageLocale).toBe("nl");
    expectNoProblems(watched);
  });

  it("shows hostile text literally and runs none of it", async () => {
    const watched = await open();
    const { page } = watched;
    const message = `<script>alert(1)</script><img src=x onerror=alert(2)> \u202Eevil.exe\u202C ${randomUUID()}`;
    await page.goto(`${stack.url}/`);
    await fillForm(page, "en", { message, name: "<b>Mallory</b>" }, page.keyboard);
    const response = await submitForm(page, page, "en");
    expect(response.status()).toBe(200);
    const link = page.getByRole("link", { name: strings("en").thanksLink, exact: true });
    await Promise.all([page.waitForURL(/\/track\//), link.click()]);

    const quote = page.locator("blockquote");
    expect(await quote.textContent()).toBe(message);
    expect(await quote.locator("*").count()).toBe(0);
    expect(await page.locator("img, script").count()).toBe(0);
    expect(watched.problems.dialogs).toEqual([]);
    expectNoProblems(watched);
  });

  it("refuses a blank message in English, keeps the other answers and stores nothing", async () => {
    await checkValidation("en", `${stack.url}/`);
  });

  it("refuses a blank message in Swedish, in Swedish", async () => {
    // What the English page says, to prove the Swedish one does not say the same.
    const english = await fetch(`${stack.url}/feedback`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ message: " ", locale: "en" }),
    });
    expect(english.status).toBe(422);
    const englishError = /id="message-error">([^<]*)</.exec(await english.text())?.[1];
    expect(englishError).toBeTruthy();

    const fieldError = await checkValidation("sv", `${stack.url}/?lang=sv`);
    expect(fieldError, "the field error on the Swedish page is the English one").not.toBe(englishError);
  });

  it("can be embedded on another site, and only the embed can", async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto(`${hostUrl}/shop.html`);
    const frame = page.frameLocator("#feedback");
    const nl = strings("nl");
    await frame.getByRole("heading", { level: 1, name: nl.formTitle }).waitFor();
    const embedded = page.frames().find((f) => f.url().startsWith(`${stack.url}/embed`));
    if (!embedded) throw new Error(`no embed frame among ${page.frames().map((f) => f.url())}`);
    await expectPageBasics(embedded, "nl");
    // The embed is the bare form: no site header.
    expect(await frame.locator("header").count()).toBe(0);

    const email = address("embed");
    const message = `Embedded feedback ${randomUUID()}`;
    await fillForm(frame, "nl", { message, kind: "suggestion", nps: 10, email, consent: true }, page.keyboard);
    const response = await submitForm(page, frame, "nl");
    expect(response.status()).toBe(200);
    expect(new URL(response.url()).search).toBe("?embed=1");
    await frame.getByRole("heading", { level: 1, name: nl.thanksTitle }).waitFor();
    expect(page.url()).toBe(`${hostUrl}/shop.html`);

    // The tracking link leaves the frame: the whole window goes to the tracking page.
    const link = frame.getByRole("link", { name: nl.thanksLink, exact: true });
    expect(await link.getAttribute("target")).toBe("_top");
    await Promise.all([page.waitForURL(/\/track\//), link.click()]);
    expect(await page.locator("blockquote").textContent()).toBe(message);

    const [ack] = await waitForMail(stack.outboxDir, 1, { to: email });
    expect(ack?.mail.headers.get("content-language")).toBe("nl");
    expectNoProblems(watched);

    // The ordinary form refuses to be framed (frame-ancestors 'none'): the frame never shows it.
    watched.clearProblems();
    await page.goto(`${hostUrl}/framed-form.html`);
    const deadline = Date.now() + 10_000;
    while (!watched.problems.consoleErrors.some((e) => e.includes("frame-ancestors"))) {
      if (Date.now() > deadline) {
        throw new Error(`no frame-ancestors refusal was reported: ${JSON.stringify(watched.problems)}`);
      }
      await sleep(50);
    }
    await page.waitForLoadState("load");
    // Chromium puts its error page in the frame instead of the form (the frame's URL may still be
    // empty for a moment after the refusal is reported, so wait for it).
    await expect
      .poll(
        () =>
          page
            .frames()
            .find((f) => f !== page.mainFrame())
            ?.url() ?? "",
        { timeout: 10_000 },
      )
      .toMatch(/^chrome-error:/);
    const inFrame = page.frameLocator("#form");
    expect(await inFrame.locator("form, textarea, input").count()).toBe(0);
    expect(await inFrame.getByText(strings("en").formTitle).count()).toBe(0);
    expect(watched.problems.pageErrors).toEqual([]);
    expect(watched.problems.dialogs).toEqual([]);
  });

  it("labels every field and names the language", async () => {
    for (const locale of ["en", "nl", "sv"] as const) {
      const watched = await open();
      const { page } = watched;
      const t = strings(locale);
      await page.goto(`${stack.url}/?lang=${locale}`);
      await expectPageBasics(page, locale);

      // Every field a person can see (or a screen reader can reach) has a label that names it.
      const fields = page.locator("input:not([type=hidden]), textarea, select");
      const unlabelled = await fields.evaluateAll((elements) =>
        elements
          .filter((e) => {
            const labels = (e as HTMLInputElement).labels;
            return !labels || [...labels].every((l) => !l.textContent?.trim());
          })
          .map((e) => e.outerHTML),
      );
      expect(unlabelled).toEqual([]);

      // And the labels find them: each visible field by its own label, no field left over.
      const labels = [
        t.message,
        ...Object.values(t.kinds),
        ...Array.from({ length: 11 }, (_, n) => String(n)),
        t.topic,
        ...Object.values(t.customerTypes),
        t.department,
        t.praises,
        t.name,
        t.email,
        t.consent,
        t.creditName,
      ];
      const found = new Set<string>();
      for (const label of labels) {
        const field = page.getByLabel(label, { exact: true });
        expect(await field.count(), `fields labelled "${label}"`).toBe(1);
        expect(await field.isVisible(), `"${label}" is visible`).toBe(true);
        found.add(await field.evaluate((e) => `${e.getAttribute("name")}=${(e as HTMLInputElement).value}`));
      }
      const visible = await page
        .locator("input:visible, textarea:visible")
        .evaluateAll((elements) =>
          elements
            .filter((e) => !e.closest("[aria-hidden=true]"))
            .map((e) => `${e.getAttribute("name")}=${(e as HTMLInputElement).value}`),
        );
      expect([...found].sort()).toEqual(visible.sort());
      // The honeypot is out of sight and out of the accessibility tree.
      expect(await page.locator("#website").evaluate((e) => e.closest("[aria-hidden=true]") !== null)).toBe(true);
      expectNoProblems(watched);
    }
  });
});

/** Posts a form whose message is only spaces (which the browser's `required` lets through). */
async function checkValidation(locale: Locale, formUrl: string): Promise<string> {
  const t = strings(locale);
  const watched = await open();
  const { page } = watched;
  const email = address(`invalid-${locale}`);
  await page.goto(formUrl);
  const before = await countStoredFeedback(stack);

  // Truly empty: the browser itself keeps the form from being sent.
  await page.getByRole("button", { name: t.submit, exact: true }).click();
  expect(await page.locator("#message:invalid").count()).toBe(1);
  expect(new URL(page.url()).pathname).toBe("/");

  await fillForm(
    page,
    locale,
    { message: "   ", kind: "question", nps: 3, name: "Keep Me", email, consent: true },
    page.keyboard,
  );
  const response = await submitForm(page, page, locale);
  expect(response.status()).toBe(422);
  await expectPageBasics(page, locale);

  const summary = page.getByRole("alert");
  expect(await summary.count()).toBe(1);
  expect(await summary.locator("#summary-title").textContent()).toBe(t.errorSummary);
  const summaryLink = summary.getByRole("link");
  expect(await summaryLink.getAttribute("href")).toBe("#message");
  const fieldError = (await page.locator("#message-error").textContent()) ?? "";
  expect(fieldError).not.toBe("");
  expect(await summaryLink.textContent()).toBe(fieldError);
  const message = page.getByLabel(t.message, { exact: true });
  expect(await message.getAttribute("aria-invalid")).toBe("true");
  expect(await message.getAttribute("aria-describedby")).toContain("message-error");

  // Everything else the person gave is still there.
  expect(await page.getByLabel(t.name, { exact: true }).inputValue()).toBe("Keep Me");
  expect(await page.getByLabel(t.email, { exact: true }).inputValue()).toBe(email);
  expect(await page.getByLabel(t.consent, { exact: true }).isChecked()).toBe(true);
  expect(await page.getByLabel(t.kinds.question, { exact: true }).isChecked()).toBe(true);
  expect(await page.getByLabel("3", { exact: true }).isChecked()).toBe(true);

  // Nothing stored, nothing sent.
  expect(await countStoredFeedback(stack)).toBe(before);
  await settle();
  expect((await mailCountByRecipient(stack.outboxDir)).get(email)).toBeUndefined();
  expectNoProblems(watched, [/\/feedback: Failed to load resource: the server responded with a status of 422/]);
  return fieldError;
}
