import { randomUUID } from "node:crypto";
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
  stopAllLocalStacks,
  waitForMail,
  waitForNewMail,
} from "../helpers/local-stack-process";

/**
 * Recognition in a real browser against the real local stack: a colleague's compliment routed from
 * its item page to the person it names, kudos given through the recognition page's form (by an
 * admin, and by a viewer), the page's counts per person and department, and the customer's and
 * staff's words shown as text, never markup (a script that ran would open a dialog).
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);
const INES = `ines-${run}@example.org`;
const VIC = `vic-${run}@example.org`;
const hostileName = `Ines <img src=x onerror=alert(1)>`;

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let page: Page;
let bearer = "";
let inesId = "";
let complimentId = "";

const api = (method: string, path: string, body?: unknown) => callWithToken(stack.url, bearer, method, path, body);

const cellsOf = async (on: Page, table: string, rowText: string) =>
  (await on.locator(`${table} tbody tr`, { hasText: rowText }).locator("td").allTextContents()).map((t) => t.trim());

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
  admin = await watchedContext(browser, { locale: "en-US" });
  page = await admin.newPage();
  await signInThroughMail(page, stack, ADMIN);
  bearer = await bearerOf(admin.context, page, stack.url, `recognition e2e ${run}`);

  const ines = await api("POST", "/api/staff", {
    email: INES,
    name: hostileName,
    role: "agent",
    department: "Kitchen",
  });
  expect(ines.status, JSON.stringify(ines.json)).toBe(201);
  inesId = String(ines.json.id);
  expect((await api("POST", "/api/staff", { email: VIC, name: "Vic Viewer", role: "viewer" })).status).toBe(201);

  const response = await fetch(`${stack.url}/api/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      message: `Ines saved our launch <script>alert("x")</script> (${run})`,
      kind: "compliment",
      customerType: "internal",
      department: "Marketing",
      praises: INES.toUpperCase(),
    }),
  });
  expect(response.status).toBe(201);
  complimentId = String(((await response.json()) as { id: string }).id);
});

afterAll(async () => {
  await admin?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

describe("recognition in the console, in a browser", () => {
  it("routes a compliment from its item page to the colleague it names, who is mailed it once", async () => {
    await page.goto(`${stack.url}/console/feedback/${complimentId}`);
    await page.getByText(`The colleague named: ${INES.toUpperCase()}`).waitFor();
    // The name matched one staff member: selected in the form, staff decide.
    const selected = await page.locator("#route-staff option:checked").allTextContents();
    expect(selected).toEqual([`${hostileName} (${INES})`]);
    const answered = await submitAndWait(page, "Route the compliment", `/console/feedback/${complimentId}/route`);
    expect(answered.status()).toBe(303);
    await page.getByText("Compliment routed: 1 person is told by mail.").waitFor();
    // Ines's invitation is in the outbox too: the compliment is the mail with its own subject.
    const mail = await waitForNewMail(stack.outboxDir, new Set(), {
      to: INES,
      subject: "A compliment for you",
      timeoutMs: 30_000,
    });
    expect(mail?.mail.subject).toBe("A compliment for you");
    expect(mail?.mail.text).toContain("A colleague from Marketing sent us a compliment about you:");
    expect(mail?.mail.html).not.toContain("<script>");
    expect(admin.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
  });

  it("gives kudos through the recognition page, shows them as text, and counts them per person and department", async () => {
    await page.goto(`${stack.url}/console/recognition`);
    await page.getByLabel("Colleague", { exact: true }).selectOption(inesId);
    await page.getByLabel("Why", { exact: true }).fill("<b>Stayed</b> until the launch was out");
    const answered = await submitAndWait(page, "Give kudos", "/console/kudos");
    expect(answered.status()).toBe(303);
    await page.getByText("Kudos given: your colleague is told by mail.").waitFor();
    const kudos = page.locator("#kudos-list li").first();
    expect(await kudos.textContent()).toContain(`${ADMIN} → ${INES}: <b>Stayed</b> until the launch was out`);
    expect(await page.locator("#kudos-list b").count()).toBe(0);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    // Ines: one compliment, one kudos received; the admin: one kudos given; Kitchen as a department.
    expect(await cellsOf(page, "#recognition-people", INES)).toEqual(["Kitchen", "1", "1", "0"]);
    expect(await cellsOf(page, "#recognition-people", ADMIN)).toEqual(["—", "0", "0", "1"]);
    expect(await cellsOf(page, "#recognition-departments", "Kitchen")).toEqual(["1", "1", "0"]);
    // The invitation, the compliment and the kudos.
    await waitForMail(stack.outboxDir, 3, { to: INES, timeoutMs: 30_000 });

    // A refused kudos (no colleague chosen, the browser's own check bypassed) keeps what was typed.
    await page.locator("#kudos-to").evaluate((select) => select.removeAttribute("required"));
    await page.getByLabel("Why", { exact: true }).fill("Kept this");
    const refused = await submitAndWait(page, "Give kudos", "/console/kudos");
    expect(refused.status()).toBe(422);
    expect(await page.getByLabel("Why", { exact: true }).inputValue()).toBe("Kept this");
    // Chromium reports the 422 answer itself as a console error: that one, and nothing else.
    expect(admin.problems.consoleErrors).toEqual([expect.stringMatching(/\/console\/kudos: .*422/)]);
    admin.clearProblems();

    // A period before any of it shows nobody.
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill("2020-01-31");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.getByText("Nobody was recognised in this period.").waitFor();
    expect(admin.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
  });

  it("lets a viewer give kudos too", async () => {
    const viewer = await watchedContext(browser, { locale: "en-US" });
    try {
      const viewerPage = await viewer.newPage();
      await signInThroughMail(viewerPage, stack, VIC);
      await viewerPage.getByRole("link", { name: "Recognition", exact: true }).click();
      await viewerPage.getByLabel("Colleague", { exact: true }).selectOption(inesId);
      await viewerPage.getByLabel("Why", { exact: true }).fill("Thanks for the onboarding");
      expect((await submitAndWait(viewerPage, "Give kudos", "/console/kudos")).status()).toBe(303);
      expect(await cellsOf(viewerPage, "#recognition-people", VIC)).toEqual(["—", "0", "0", "1"]);
      await waitForMail(stack.outboxDir, 4, { to: INES, timeoutMs: 30_000 });

      // The viewer switches their weekly digest off, writes their mail in Swedish, and subscribes to alerts.
      await viewerPage.getByRole("link", { name: "My settings", exact: true }).click();
      await viewerPage.getByLabel("Off", { exact: true }).check();
      await viewerPage.getByLabel(/^Language of the mail you get/).selectOption("sv");
      await viewerPage.getByLabel(/^Alert me at once/).fill("Billing, mobile app");
      expect((await submitAndWait(viewerPage, "Save settings", "/console/settings")).status()).toBe(303);
      await viewerPage.getByText("Your settings are saved.").waitFor();
      expect(await viewerPage.getByLabel("Off", { exact: true }).isChecked()).toBe(true);
      const { json } = await api("GET", "/api/staff?limit=100");
      const vic = (json.items as { email: string; digest?: boolean; locale?: string; alerts?: unknown }[]).find(
        (s) => s.email === VIC,
      );
      expect(vic).toMatchObject({
        digest: false,
        locale: "sv",
        alerts: { topics: ["Billing", "mobile app"], departments: [] },
      });
      expect(viewer.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
    } finally {
      await viewer.close();
    }
  });
});
