import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
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
 * The console's goal pages in a real browser against the real local stack: a goal measured by the
 * complaint share of a topic, its chart drawn by Chart.js from the page's data (under the console's
 * CSP, with no page error and no CSP refusal), linking feedback through the goal's form, and an
 * action moving across the board through its own page. One stack, one browser, one signed-in admin.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);
const topic = `billing-${run}`;
const COMPLAINTS = 8;
const OTHERS = 12;

interface Progress {
  metric: {
    value: number | null;
    responses: number;
    baseline: number;
    target: number;
    series: { weekStart: string; value: number | null; responses: number }[];
  } | null;
}

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let page: Page;
let bearer = "";
let goalId = "";
const feedbackIds: string[] = [];

const api = (method: string, path: string, body?: unknown) => callWithToken(stack.url, bearer, method, path, body);

const normalised = async (locator: Locator) => ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();

/** No page error, no dialog, no console error (a CSP refusal is one). */
function expectNoProblems() {
  expect(admin.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
}

const column = (status: string) => page.locator(`section.board-column[data-status="${status}"]`);

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));

  // Twenty items about one topic, through the public API: 8 complaints, 12 of the other kinds.
  const kinds = ["suggestion", "question", "compliment"];
  for (let i = 0; i < COMPLAINTS + OTHERS; i++) {
    const kind = i < COMPLAINTS ? "complaint" : kinds[i % kinds.length];
    const response = await fetch(`${stack.url}/api/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: `About billing, number ${i} (${run})`, kind, topic }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    feedbackIds.push(((await response.json()) as { id: string }).id);
  }

  // The admin signs in through the mailed link; an API token (made with the session) sets the goal up.
  admin = await watchedContext(browser, { locale: "en-US" });
  page = await admin.newPage();
  await signInThroughMail(page, stack, ADMIN);
  const csrf = await page.locator("input[name=_csrf]").first().inputValue();
  const cookie = (await admin.context.cookies(stack.url)).find((c) => c.name === "fb_session");
  const made = await fetch(`${stack.url}/api/tokens`, {
    method: "POST",
    headers: { cookie: `fb_session=${cookie?.value}`, "x-csrf-token": csrf, "content-type": "application/json" },
    body: JSON.stringify({ name: `goals e2e ${run}` }),
  });
  expect(made.status).toBe(201);
  bearer = `Bearer ${((await made.json()) as { token: string }).token}`;

  const created = await api("POST", "/api/goals", {
    title: `Fewer billing complaints (${run})`,
    metric: { kind: "complaint_share", scope: { topic }, baseline: 60, target: 20, windowDays: 30 },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  goalId = (created.json as { id: string }).id;

  // The stream function counts the items into the metric's day counters: wait until all 20 are in.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { json } = await api("GET", `/api/goals/${goalId}/progress`);
    if ((json as unknown as Progress).metric?.responses === COMPLAINTS + OTHERS) break;
    if (Date.now() > deadline) throw new Error(`the metric did not count the items: ${JSON.stringify(json)}`);
    await sleep(200);
  }
});

afterAll(async () => {
  await admin?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

describe("goals in the console, in a browser", () => {
  it("draws the goal's chart with Chart.js from the weekly values, against baseline and target", async () => {
    admin.clearProblems();
    const response = await page.goto(`${stack.url}/console/goals/${goalId}`);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");

    await page.waitForFunction(() => {
      const chart = (window as unknown as { Chart?: { getChart(c: unknown): unknown } }).Chart;
      return Boolean(chart?.getChart(document.getElementById("goal-chart")));
    });
    const drawn = await page.evaluate(() => {
      type ChartLike = { data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } };
      const chart = (window as unknown as { Chart: { getChart(c: unknown): ChartLike } }).Chart.getChart(
        document.getElementById("goal-chart"),
      );
      const canvas = document.getElementById("goal-chart") as HTMLCanvasElement;
      return {
        labels: chart.data.labels,
        datasets: chart.data.datasets.map((d) => ({
          label: d.label,
          data: d.data,
          pointRadius: (d as { pointRadius?: number }).pointRadius,
          borderDash: (d as { borderDash?: number[] }).borderDash,
        })),
        size: { width: canvas.width, height: canvas.height },
      };
    });

    const { json } = await api("GET", `/api/goals/${goalId}/progress`);
    const metric = (json as unknown as Progress).metric;
    expect(metric).not.toBeNull();
    const series = metric?.series ?? [];
    expect(series.length).toBeGreaterThan(0);
    // Real data: this week holds the 20 items, 8 of them complaints.
    expect(series.at(-1)).toMatchObject({ value: 40, responses: 20 });
    expect(drawn.labels).toEqual(series.map((w) => w.weekStart));
    expect(drawn.datasets).toHaveLength(3);
    expect(drawn.datasets[0]?.data).toEqual(series.map((w) => w.value));
    expect(drawn.datasets[1]?.label).toMatch(/^Baseline/);
    expect(drawn.datasets[1]?.data).toEqual(series.map(() => 60));
    expect(drawn.datasets[2]?.label).toMatch(/^Target/);
    expect(drawn.datasets[2]?.data).toEqual(series.map(() => 20));
    // The weeks cover the whole 30-day window, so the chart starts weeks before the goal was set
    // (today), and baseline and target are dashed lines, not dots.
    const goal = (await api("GET", `/api/goals/${goalId}`)).json as { createdAt: string };
    expect(series.length).toBeGreaterThanOrEqual(5);
    expect((series[0]?.weekStart ?? "") < goal.createdAt.slice(0, 10)).toBe(true);
    expect(drawn.labels[0]).toBe(series[0]?.weekStart);
    for (const level of drawn.datasets.slice(1)) {
      expect(level.pointRadius).toBe(0);
      expect(level.borderDash).toEqual([6, 4]);
    }
    expect(drawn.size.width).toBeGreaterThan(0);
    expect(drawn.size.height).toBeGreaterThan(0);

    // The page says it all without script too: the progress sentence and the weekly table.
    expect(await normalised(page.locator("#goal-progress-label"))).toBe(
      "Complaint share 40.0% — 50% of the way from 60% to 20%",
    );
    const lastRow = page.locator("table.weekly-values tbody tr").last();
    expect(await lastRow.locator("th, td").allTextContents()).toEqual([`${series.at(-1)?.weekStart}`, "40.0%", "20"]);
    expectNoProblems();
  });

  it("shows the goal in the hierarchy with its progress, without any script", async () => {
    admin.clearProblems();
    const response = await page.goto(`${stack.url}/console/goals`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).not.toMatch(/script-src/);
    const summary = page.locator("article.goal-summary").filter({ hasText: `(${run})` });
    expect(await normalised(summary.locator(".progress-label"))).toBe(
      "Complaint share 40.0% — 50% of the way from 60% to 20%",
    );
    expect(await summary.locator("progress").getAttribute("value")).toBe("50");
    expect(await page.locator("script").count()).toBe(0);
    expectNoProblems();
  });

  it("links two feedback items through the goal's form and lists them", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    const [first, second] = feedbackIds as [string, string];
    // Ids still work, beside the list to choose from.
    await page.getByLabel("Or give their ids", { exact: true }).fill(`${first}\n${second}`);
    const linked = await submitAndWait(page, "Link feedback", `/console/goals/${goalId}/feedback`);
    expect(linked.status()).toBe(303);
    expect(await normalised(page.getByRole("status"))).toBe("Linked 2 items.");
    const table = page.locator("table.linked-feedback");
    const hrefs = await table.locator("tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.sort()).toEqual([`/console/feedback/${first}`, `/console/feedback/${second}`].sort());
    expect(await normalised(page.locator("#feedback-heading"))).toBe("Linked feedback (2)");
    // Linking made the new items triaged.
    expect(await table.locator("tbody .status").allTextContents()).toEqual(["Triaged", "Triaged"]);
    expectNoProblems();
  });

  it("links a selected item from the inbox, and filters the inbox by the goal", async () => {
    admin.clearProblems();
    const third = feedbackIds[2] as string;
    await page.goto(`${stack.url}/console?topic=${encodeURIComponent(topic)}`);
    await page.locator(`#select-${third}`).check();
    await page.getByLabel("Goal", { exact: true }).last().selectOption(goalId);
    const answer = await submitAndWait(page, "Link to goal", "/console/bulk/link-goal");
    expect(answer.status()).toBe(303);
    expect(new URL(page.url()).searchParams.get("topic")).toBe(topic);
    expect(await normalised(page.getByRole("status"))).toBe("Changed 1 item.");

    await page.getByLabel("Goal", { exact: true }).first().selectOption(goalId);
    await Promise.all([page.waitForURL(/goalId=/), page.getByRole("button", { name: "Filter", exact: true }).click()]);
    const rows = page.locator("table.inbox tbody tr");
    expect(await rows.count()).toBe(3);
    const ids = await rows
      .locator("input[name=ids]")
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(ids.sort()).toEqual(feedbackIds.slice(0, 3).sort());
    expectNoProblems();
  });

  it("links items chosen from the inbox's filtered list on the goal page, and on the item page a goal from a list", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    await page.locator("#pick-kind").selectOption("complaint");
    await page.locator("#pick-topic").fill(topic);
    await Promise.all([
      page.waitForURL(/pickKind=complaint/),
      page.getByRole("button", { name: "Show items", exact: true }).click(),
    ]);
    // The complaints of the topic not linked yet: the first three are.
    const offered = await page
      .locator("input[name=picked]")
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(offered.sort()).toEqual(feedbackIds.slice(3, COMPLAINTS).sort());
    const [fourth, fifth] = [feedbackIds[3], feedbackIds[4]] as [string, string];
    await page.locator(`#pick-${fourth}`).check();
    await page.locator(`#pick-${fifth}`).check();
    const linked = await submitAndWait(page, "Link feedback", `/console/goals/${goalId}/feedback`);
    expect(linked.status()).toBe(303);
    expect(await normalised(page.getByRole("status"))).toBe("Linked 2 items.");
    expect(await normalised(page.locator("#feedback-heading"))).toBe("Linked feedback (5)");

    // From an item's page: filter the goals by a word of the title, choose, link.
    const sixth = feedbackIds[5] as string;
    await page.goto(`${stack.url}/console/feedback/${sixth}`);
    await page.getByLabel("Filter goals and actions by title").fill("BILLING");
    await Promise.all([
      page.waitForURL(/pick=BILLING/),
      page.getByRole("button", { name: "Filter", exact: true }).click(),
    ]);
    const goals = await page.locator("#link-goal option").allTextContents();
    expect(goals).toEqual([`Fewer billing complaints (${run}) (active)`]);
    const answer = await submitAndWait(page, "Link to this goal", `/console/feedback/${sixth}/goal`);
    expect(answer.status()).toBe(303);
    expect(await normalised(page.getByRole("status"))).toBe("Linked.");
    expect(await normalised(page.locator("#loop-heading + p"))).toBe(
      `Serves goal \u201cFewer billing complaints (${run})\u201d (active).`,
    );
    expectNoProblems();
  });

  it("answers a stale goal edit with 409, keeps what was typed, and saves it on the second try", async () => {
    admin.clearProblems();
    const url = `${stack.url}/console/goals/${goalId}`;
    const [pageA, pageB] = [await admin.newPage(), await admin.newPage()];
    try {
      await pageA.goto(url);
      await pageB.goto(url);
      await pageA.locator("#edit-goal-target").fill("25");
      expect((await submitAndWait(pageA, "Save changes", `/console/goals/${goalId}`)).status()).toBe(303);
      expect(await normalised(pageA.getByRole("status"))).toBe("Saved.");

      // B still shows version 1: its save is refused, its change kept, A's change shown.
      await pageB.locator("#edit-goal-dueDate").fill("2030-06-30");
      const stale = await submitAndWait(pageB, "Save changes", `/console/goals/${goalId}`);
      expect(stale.status()).toBe(409);
      expect(await normalised(pageB.locator("#conflict-heading"))).toBe(
        "Someone else changed this goal since you opened it",
      );
      expect(await pageB.locator("#edit-goal-dueDate").inputValue()).toBe("2030-06-30");
      expect(await pageB.locator("#edit-goal-target").inputValue()).toBe("25");
      // The re-rendered page still draws its chart (its CSP allows our scripts there too).
      await pageB.waitForFunction(() =>
        Boolean(
          (window as unknown as { Chart?: { getChart(c: unknown): unknown } }).Chart?.getChart(
            document.getElementById("goal-chart"),
          ),
        ),
      );
      expect((await submitAndWait(pageB, "Save changes", `/console/goals/${goalId}`)).status()).toBe(303);
      const { json } = await api("GET", `/api/goals/${goalId}`);
      expect(json).toMatchObject({ dueDate: "2030-06-30", metric: { baseline: 60, target: 25 }, version: 3 });
      const consoleErrors = admin.problems.consoleErrors.filter((e) => !/status of 409/.test(e));
      expect({ ...admin.problems, consoleErrors }).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
    } finally {
      await Promise.all([pageA.close(), pageB.close()]);
    }
    // Back to the target the other tests expect.
    expect(
      (
        await api("PATCH", `/api/goals/${goalId}`, {
          version: 3,
          metric: { kind: "complaint_share", scope: { topic }, baseline: 60, target: 20, windowDays: 30 },
        })
      ).status,
    ).toBe(200);
  });

  it("adds an action to the board as proposed, and moves it to planned on the action's page", async () => {
    admin.clearProblems();
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    const title = `Explain the invoice lines (${run})`;
    await page.locator("#action-title").fill(title);
    await page.locator("#action-owner").fill("Billing team");
    const added = await submitAndWait(page, "Add action", `/console/goals/${goalId}/actions`);
    expect(added.status()).toBe(303);
    // "Add action" opens the new action.
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/actions\/[0-9A-Z]{26}$/);
    expect(await normalised(page.getByRole("status"))).toBe("Action added.");
    const actionPath = new URL(page.url()).pathname;
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await page.goto(`${stack.url}/console/goals/${goalId}`);
    expect(await column("proposed").getByRole("link", { name: title }).count()).toBe(1);
    expect(await column("planned").getByRole("link", { name: title }).count()).toBe(0);
    await page.goto(`${stack.url}${actionPath}`);
    const choices = await page
      .locator("#edit-status option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // Forward moves may skip steps.
    expect(choices).toEqual(["proposed", "planned", "in_progress", "done", "dropped"]);
    await page.locator("#edit-status").selectOption("planned");
    await page.locator("#edit-weWill_en").fill("Rewrite the invoice");
    const saved = await submitAndWait(page, "Save changes", actionPath);
    expect(saved.status()).toBe(303);
    expect(await normalised(page.getByRole("status"))).toBe("Saved.");
    expect(
      await page.locator("#edit-status option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(["planned", "in_progress", "done", "dropped"]);
    const changed = page.locator("ol.timeline > li").filter({ hasText: "Changed:" });
    expect(await changed.locator("ul.changes li").first().textContent()).toBe("Status: Proposed → Planned");

    // Back on the goal, the board shows the action under "planned".
    await Promise.all([
      page.waitForURL(`**/console/goals/${goalId}#actions`),
      page.getByRole("link", { name: "Back to the goal" }).click(),
    ]);
    expect(await column("planned").getByRole("link", { name: title }).count()).toBe(1);
    expect(await column("proposed").getByRole("link", { name: title }).count()).toBe(0);
    expectNoProblems();

    // Done without a "we did" text is refused, and the page says why.
    await page.goto(`${stack.url}${actionPath}`);
    await page.locator("#edit-status").selectOption("in_progress");
    expect((await submitAndWait(page, "Save changes", actionPath)).status()).toBe(303);
    await page.locator("#edit-status").selectOption("done");
    const refused = await submitAndWait(page, "Save changes", actionPath);
    expect(refused.status()).toBe(422);
    expect(await normalised(page.getByRole("alert"))).toBe(
      "Not saved: to mark the action done, write what was done in “We did”.",
    );
    expect(await page.locator("#edit-status").inputValue()).toBe("done");
    const consoleErrors = admin.problems.consoleErrors.filter((e) => !/status of 422/.test(e));
    expect({ ...admin.problems, consoleErrors }).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
  });
});
