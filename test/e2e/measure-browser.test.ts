import { randomUUID } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callWithToken,
  signInThroughMail,
  startStackAndBrowser,
  submitAndWait,
  type WatchedContext,
  watchedContext,
} from "../helpers/browser";
import { type LocalStackProcess, stopAllLocalStacks } from "../helpers/local-stack-process";

/**
 * A goal measured outside the product, in a real browser against the real local stack: the console
 * opens on My goals (the signed-in admin owns the goal: its progress, its newest feedback and what
 * waits on them), and the goal's page records a value by its form and a year's figures by a CSV
 * file, refusing a file with bad rows as a whole and naming each of them.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);
const title = `Less sick leave (${run})`;
const message = `The rota leaves us short every Monday <b>${run}</b>`;
const today = new Date().toISOString().slice(0, 10);
const daysBefore = (days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const xss = "<img src=x onerror=alert(1)>";

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let page: Page;
let bearer = "";
let goalId = "";

const api = (method: string, path: string, body?: unknown) => callWithToken(stack.url, bearer, method, path, body);

const normalised = async (locator: Locator) => ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();

function expectNoProblems() {
  expect(admin.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
}

const observationCount = async () =>
  ((await api("GET", `/api/goals/${goalId}/observations?limit=100`)).json.items as unknown[]).length;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
  admin = await watchedContext(browser, { locale: "en-US" });
  page = await admin.newPage();
  await signInThroughMail(page, stack, ADMIN);
  const csrf = await page.locator("input[name=_csrf]").first().inputValue();
  const cookie = (await admin.context.cookies(stack.url)).find((c) => c.name === "fb_session");
  const made = await fetch(`${stack.url}/api/tokens`, {
    method: "POST",
    headers: { cookie: `fb_session=${cookie?.value}`, "x-csrf-token": csrf, "content-type": "application/json" },
    body: JSON.stringify({ name: `measure e2e ${run}` }),
  });
  expect(made.status).toBe(201);
  bearer = `Bearer ${((await made.json()) as { token: string }).token}`;
  const me = (await api("GET", "/api/me")).json as { staff: { id: string } };

  const created = await api("POST", "/api/goals", {
    title,
    owner: me.staff.id,
    metric: { kind: "measure", unit: "%", baseline: 6, target: 4, windowDays: 28 },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  goalId = String(created.json.id);

  // What waits on the owner: a linked item no action took up, and an action past its due date.
  const item = await fetch(`${stack.url}/api/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, kind: "complaint", customerType: "internal", department: "Depots" }),
  });
  const itemId = ((await item.json()) as { id: string }).id;
  expect((await api("POST", `/api/goals/${goalId}/feedback`, { feedbackIds: [itemId] })).status).toBe(200);
  const action = await api("POST", "/api/actions", {
    goalId,
    title: `Shift swaps in the app (${run})`,
    dueDate: daysBefore(3),
  });
  expect(action.status).toBe(201);
});

afterAll(async () => {
  await admin?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

describe("My goals, in a browser", () => {
  it("is what the console opens on: the goal, where it stands, and what waits on its owner", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console`);
    const section = page.locator("section.my-goals");
    expect(await normalised(section.locator("h2"))).toBe("My goals");
    const card = section.locator("article").filter({ hasText: title });
    expect(await card.getByRole("link", { name: title }).getAttribute("href")).toBe(`/console/goals/${goalId}`);
    expect(await normalised(card.locator(".meta"))).toMatch(/^You own this goal/);
    expect(await normalised(card.locator(".progress-label"))).toBe(
      "Measured value: nothing recorded in the last 28 days — the goal is from 6% to 4%",
    );
    const waiting = await card.locator("ul.waiting li").allTextContents();
    expect(waiting.map((w) => w.replace(/\s+/g, " ").trim())).toEqual([
      "1 item of linked feedback no action has taken up yet (0 new, 1 triaged)",
      `Overdue action: Shift swaps in the app (${run}) (Proposed, due ${daysBefore(3)})`,
    ]);
    // The inbox follows, as before.
    expect(await normalised(page.locator("h1"))).toBe("Inbox");
    expectNoProblems();
  });

  it("has a page of its own, first in the console's menu, with each goal's newest feedback", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals`);
    const menu = page.getByRole("navigation", { name: "Console" });
    expect(await menu.locator("a").first().textContent()).toBe("My goals");
    await menu.getByRole("link", { name: "My goals" }).click();
    await page.waitForURL(`${stack.url}/console/my-goals`);
    const card = page.locator("article.my-goal").filter({ hasText: title });
    const newest = card.locator("table.linked-feedback tbody tr");
    expect(await newest.count()).toBe(1);
    // The customer's words are text, never markup.
    expect(await newest.locator(".excerpt").textContent()).toBe(message);
    expect(await card.locator("table.linked-feedback b").count()).toBe(0);
    expectNoProblems();
  });
});

describe("a measured goal's page, in a browser", () => {
  it("records one value by its form", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    await page.getByLabel("Day", { exact: true }).fill(daysBefore(1));
    await page.getByLabel("Value (%)", { exact: true }).fill("5,4");
    await page.getByLabel("Note (optional)", { exact: true }).fill(xss);
    const answer = await submitAndWait(page, "Record", `/console/goals/${goalId}/observations`);
    expect(answer.status()).toBe(303);
    expect(await normalised(page.getByRole("status"))).toBe("Observation recorded.");
    const row = page.locator("table.observations tbody tr").first();
    expect(await row.locator("th, td").allTextContents()).toEqual([daysBefore(1), "5.4%", xss]);
    expect(await normalised(page.locator("#goal-progress-label"))).toBe(
      "Measured value 5.4% — 30% of the way from 6% to 4%",
    );
    expect(await observationCount()).toBe(1);
    expectNoProblems();
  });

  it("refuses a CSV file with bad rows as a whole, naming each row and its problem", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    const csv = `date,value\n${daysBefore(14)},5.8\n${daysBefore(7)},lots\n${daysBefore(7)},5.6\n31-12-2025,5\n`;
    await page.getByLabel("CSV file", { exact: true }).setInputFiles({
      name: "sick-leave.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    const answer = await submitAndWait(page, "Upload", `/console/goals/${goalId}/observations.csv`);
    expect(answer.status()).toBe(422);
    const alert = page.locator(".row-errors");
    expect(await alert.locator("li").allTextContents()).toEqual([
      "Row 3: the value is not a number",
      "Row 5: the date must be a date (yyyy-mm-dd)",
    ]);
    expect(await observationCount()).toBe(1);
    // The browser logs the 422 itself; nothing else went wrong.
    expect(admin.problems).toEqual({
      pageErrors: [],
      consoleErrors: [expect.stringContaining("status of 422")],
      dialogs: [],
    });
  });

  it("stores a good file and charts its weeks, from before the goal was set", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    const rows = Array.from({ length: 10 }, (_, i) => `${daysBefore(7 * (10 - i))},${(6 - i * 0.1).toFixed(1)}`);
    await page.getByLabel("CSV file", { exact: true }).setInputFiles({
      name: "sick-leave.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`date,value,note\n${rows.join("\n")}\n`),
    });
    const answer = await submitAndWait(page, "Upload", `/console/goals/${goalId}/observations.csv`);
    expect(answer.status()).toBe(303);
    expect(await normalised(page.getByRole("status"))).toBe("Stored 10 observations from the file.");
    expect(await observationCount()).toBe(11);

    await page.waitForFunction(() => {
      const chart = (window as unknown as { Chart?: { getChart(c: unknown): unknown } }).Chart;
      return Boolean(chart?.getChart(document.getElementById("goal-chart")));
    });
    const labels = await page.evaluate(() => {
      type ChartLike = { data: { labels: string[] } };
      const chart = (window as unknown as { Chart: { getChart(c: unknown): ChartLike } }).Chart.getChart(
        document.getElementById("goal-chart"),
      );
      return chart.data.labels;
    });
    expect(labels).toHaveLength(11);
    expect(labels[0]).toBe(daysBefore(70));
    expect(labels.at(-1)).toBe(today);
    const firstWeek = page.locator("table.weekly-values tbody tr").first();
    expect(await firstWeek.locator("th, td").allTextContents()).toEqual([daysBefore(70), "6%", "1"]);
    expectNoProblems();
  });
});
