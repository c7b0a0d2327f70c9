import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThroughMail, startStackAndBrowser, type WatchedContext, watchedContext } from "../helpers/browser";
import { type LocalStackProcess, stopAllLocalStacks } from "../helpers/local-stack-process";

/**
 * CSRF in a real browser against the real local stack: the console's own forms pass the origin
 * check, and a page of another origin on the same site (localhost on another port, so the
 * SameSite=Lax cookie does go along) is refused even when it knows the session's CSRF token.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let page: Page;
let attacker: Server;
let attackerUrl = "";
/** The page the attacker serves: a form that posts a new goal to the console, with whatever token it holds. */
let attackerPage = "";

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
  admin = await watchedContext(browser, { locale: "en-US" });
  page = await admin.newPage();
  await signInThroughMail(page, stack, ADMIN);
  attacker = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(attackerPage));
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", () => resolve()));
  const address = attacker.address();
  attackerUrl = `http://localhost:${typeof address === "object" && address ? address.port : 0}/`;
});

afterAll(async () => {
  attacker?.close();
  await admin?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

/** The goals' titles, read by the signed-in context itself (a read needs no CSRF check). */
async function goalTitles(): Promise<string[]> {
  const response = await admin.context.request.get(`${stack.url}/api/goals?limit=100`);
  return ((await response.json()) as { items: { title: { en?: string } }[] }).items.map((g) => g.title.en ?? "");
}

describe("CSRF in a browser", () => {
  it("accepts the console's own form, which names this site as its Origin", async () => {
    const title = `Own form (${run})`;
    await page.goto(`${stack.url}/console/goals`);
    await page.locator("#new-goal-title_en").fill(title);
    const [request, response] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/console/goals"),
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/console/goals"),
      page.getByRole("button", { name: "Create goal", exact: true }).click(),
    ]);
    expect(await request.headerValue("origin")).toBe(new URL(stack.url).origin);
    expect(response.status()).toBe(303);
    expect(await goalTitles()).toContain(title);
  });

  it("refuses a same-site page on another origin that posts with the right CSRF token", async () => {
    const me = (await (await admin.context.request.get(`${stack.url}/api/me`)).json()) as { csrfToken: string };
    const title = `Forged (${run})`;
    attackerPage = `<!doctype html><title>Win a prize</title>
      <form method="post" action="${stack.url}/console/goals">
        <input type="hidden" name="_csrf" value="${me.csrfToken}">
        <input type="hidden" name="title" value="${title}">
        <button type="submit">Claim</button>
      </form>`;
    const forged = await admin.newPage();
    await forged.goto(attackerUrl);
    const [request, response] = await Promise.all([
      forged.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/console/goals"),
      forged.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/console/goals"),
      forged.getByRole("button", { name: "Claim" }).click(),
    ]);
    // The session cookie did go along (same site), so only the origin check stands in the way.
    expect(await request.headerValue("cookie")).toContain("fb_session=");
    expect(await request.headerValue("origin")).toBe(new URL(attackerUrl).origin);
    expect(response.status()).toBe(403);
    expect(await goalTitles()).not.toContain(title);
    await forged.close();
  });
});
