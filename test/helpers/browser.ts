import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import {
  type LocalStackProcess,
  linkInMail,
  outboxSnapshot,
  type StartOptions,
  startLocalStackProcess,
  waitForNewMail,
} from "./local-stack-process";

/**
 * Headless Chromium (the system's, driven by playwright-core) for end-to-end tests, and browser
 * contexts that record what must not happen on a page: uncaught errors, console errors, dialogs.
 */

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Starts the local stack and Chromium side by side, for a test file's `beforeAll`. When either
 * fails, the browser is closed before the error is thrown; a stack left running is stopped by
 * `stopAllLocalStacks` in the file's `afterAll`.
 */
export async function startStackAndBrowser(
  options: StartOptions = {},
): Promise<{ stack: LocalStackProcess; browser: Browser }> {
  const [started, launched] = await Promise.allSettled([startLocalStackProcess(options), launchBrowser()]);
  if (started.status === "fulfilled" && launched.status === "fulfilled") {
    return { stack: started.value, browser: launched.value };
  }
  if (launched.status === "fulfilled") await launched.value.close();
  throw started.status === "rejected" ? started.reason : (launched as PromiseRejectedResult).reason;
}

/** What went wrong on the pages of a context, in the order it happened. */
export interface PageProblems {
  /** Uncaught exceptions thrown by a page's script. */
  pageErrors: string[];
  /** `console.error` and the browser's own errors (CSP refusals, failed loads), with the page URL. */
  consoleErrors: string[];
  /** Every alert/confirm/prompt/beforeunload a page opened (each is dismissed). */
  dialogs: string[];
}

export interface WatchedContext {
  context: BrowserContext;
  problems: PageProblems;
  /** A new page in the context (its problems are recorded like every other page's). */
  newPage(): Promise<Page>;
  /** Empties the records, e.g. after an expected console error was checked. */
  clearProblems(): void;
  close(): Promise<void>;
}

/**
 * Console errors that say nothing about the page: Chromium asks every origin for `/favicon.ico` on
 * its own and reports the 404 as a console error.
 */
export const ignoredConsoleErrors = [/\/favicon\.ico: Failed to load resource/];

/**
 * A new context whose pages report their errors, console errors and dialogs into `problems`
 * (console errors matching `ignoreConsole`, by default {@link ignoredConsoleErrors}, are left out).
 */
export async function watchedContext(
  browser: Browser,
  options: BrowserContextOptions = {},
  ignoreConsole: RegExp[] = ignoredConsoleErrors,
): Promise<WatchedContext> {
  const context = await browser.newContext(options);
  const problems: PageProblems = { pageErrors: [], consoleErrors: [], dialogs: [] };
  const watch = (page: Page) => {
    page.on("pageerror", (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = `${message.location().url || page.url()}: ${message.text()}`;
      if (!ignoreConsole.some((pattern) => pattern.test(text))) problems.consoleErrors.push(text);
    });
    page.on("dialog", (dialog) => {
      problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
  };
  context.on("page", watch);
  return {
    context,
    problems,
    newPage: () => context.newPage(),
    clearProblems: () => {
      problems.pageErrors.length = 0;
      problems.consoleErrors.length = 0;
      problems.dialogs.length = 0;
    },
    close: () => context.close(),
  };
}

/**
 * Signs `email` in on `page` as a person does: the sign-in page, the address typed in, the mail
 * from the outbox, its link opened. Resolves with the link once the page is the signed-in console.
 */
export async function signInThroughMail(
  page: Page,
  stack: { url: string; outboxDir: string },
  email: string,
): Promise<string> {
  await page.goto(`${stack.url}/console/sign-in`);
  await page.getByLabel("Your work email", { exact: true }).fill(email);
  const seen = await outboxSnapshot(stack.outboxDir);
  const [asked] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/auth/magic-link"),
    page.getByRole("button", { name: "Email me a sign-in link", exact: true }).click(),
  ]);
  if (asked.status() !== 202) throw new Error(`asking for a sign-in link answered ${asked.status()}`);
  const { mail } = await waitForNewMail(stack.outboxDir, seen, {
    to: email,
    subject: "Your sign-in link",
    timeoutMs: 30_000,
  });
  const link = linkInMail(mail, `${stack.url}/auth/callback?token=`);
  await page.goto(link);
  await page.waitForURL(`${stack.url}/console`);
  await page.getByText(`Signed in as ${email}`).waitFor();
  return link;
}

/**
 * An API token made with a signed-in page's session (its cookie and CSRF token), as the
 * `Authorization` header value: tests set up data through the API and check it in the browser.
 */
export async function bearerOf(context: BrowserContext, page: Page, url: string, name: string): Promise<string> {
  const csrf = await page.locator("input[name=_csrf]").first().inputValue();
  const cookie = (await context.cookies(url)).find((c) => c.name === "fb_session");
  const made = await fetch(`${url}/api/tokens`, {
    method: "POST",
    headers: { cookie: `fb_session=${cookie?.value}`, "x-csrf-token": csrf, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (made.status !== 201) throw new Error(`making an API token answered ${made.status}`);
  return `Bearer ${((await made.json()) as { token: string }).token}`;
}

/** Clicks a submit button and waits for the page the post answered with (after any redirect); resolves with the post's answer. */
export async function submitAndWait(page: Page, button: string, path: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState("load");
  return response;
}

/** A JSON call to a local stack with an API token: its status and parsed body. */
export async function callWithToken(url: string, bearer: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: bearer, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
