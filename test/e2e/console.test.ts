import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
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
  parseCsv,
  stopAllLocalStacks,
  waitForNewMail,
} from "../helpers/local-stack-process";

/**
 * The staff console in a real browser against the real local stack (`npm start`): sign-in by
 * mailed magic link, triage, notes, merging, a stale edit, inviting an agent, the CSV export and
 * signing out. One stack and one browser for the file; the admin's signed-in context is shared by
 * the tests after the first, which signs in and out on its own.
 */

const ADMIN = "admin@example.org";

interface Submitted {
  id: string;
  trackingToken: string;
  trackingUrl: string;
}

let stack: LocalStackProcess;
let browser: Browser;
const contexts: WatchedContext[] = [];
/** The admin, signed in once for the tests that need a session but not the sign-in itself. */
let admin: { watched: WatchedContext; link: string } | undefined;

const run = randomUUID().slice(0, 8);
const items = {
  first: { message: `The invoice PDF will not open on my phone (${run}-first)`, kind: "complaint" },
  hostile: {
    message: `=HYPERLINK("http://evil.example","<script>alert(1)</script>") <img src=x onerror=alert(2)> (${run}-second)`,
    kind: "question",
    name: "<b>Mallory</b>",
  },
  stale: { message: `Please add a dark mode (${run}-stale)`, kind: "suggestion" },
} as const;
const submitted = {} as Record<keyof typeof items, Submitted>;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
  for (const [key, body] of Object.entries(items)) {
    const res = await fetch(`${stack.url}/api/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, email: `${key}-${run}@example.com`, consent: true }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    submitted[key as keyof typeof items] = (await res.json()) as Submitted;
  }
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
});

afterAll(async () => {
  await admin?.watched.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

/** A new context (closed after the test), its problems recorded, with one page open. */
async function open() {
  const watched = await watchedContext(browser, { locale: "en-US" });
  contexts.push(watched);
  return { watched, page: await watched.newPage() };
}

/** The admin's signed-in context, made on first use (one magic link for all the tests that share it). */
async function adminContext() {
  if (!admin) {
    const watched = await watchedContext(browser, { locale: "en-US" });
    const page = await watched.newPage();
    const link = await signInThroughMail(page, stack, ADMIN);
    await page.close();
    admin = { watched, link };
  }
  // Each test answers for the problems of its own pages only.
  admin.watched.clearProblems();
  return admin.watched;
}

/** No page error, no dialog, no console error but those `expected` (the browser's note of a 4xx answer). */
function expectNoProblems(watched: WatchedContext, expected: RegExp[] = []) {
  const consoleErrors = watched.problems.consoleErrors.filter((e) => !expected.some((pattern) => pattern.test(e)));
  expect({ ...watched.problems, consoleErrors }).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
}

const normalised = async (locator: Locator) => ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();

/** A row of the item's own details list (a conflict notice has a list of its own, inside its section). */
const detail = (page: Page, name: string) =>
  page.locator("main > dl.details > div").filter({ has: page.locator("dt").getByText(name, { exact: true }) });

/** The cookie header of a context's session. */
async function sessionCookie(watched: WatchedContext) {
  const cookie = (await watched.context.cookies(stack.url)).find((c) => c.name === "fb_session");
  if (!cookie) throw new Error("no fb_session cookie in the context");
  return cookie;
}

describe("the staff console in a browser", () => {
  it("signs the admin in by mail, triages, notes and merges, and signs out for good", async () => {
    const { watched, page } = await open();
    const { first, hostile } = submitted;

    // Not signed in: the console sends the browser to the sign-in page.
    await page.goto(`${stack.url}/console`);
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Staff sign-in");

    // Type the address, send the form: the link arrives as mail.
    await page.getByLabel("Your work email", { exact: true }).click();
    await page.keyboard.type(ADMIN);
    const seen = await outboxSnapshot(stack.outboxDir);
    const answer = await submitAndWait(page, "Email me a sign-in link", "/auth/magic-link");
    expect(answer.status()).toBe(202);
    await page.getByRole("status").getByText("a sign-in link is on its way").waitFor();
    const { mail } = await waitForNewMail(stack.outboxDir, seen, { to: ADMIN, subject: "Your sign-in link" });
    const link = linkInMail(mail, `${stack.url}/auth/callback?token=`);

    await page.goto(link);
    expect(page.url()).toBe(`${stack.url}/console`);
    expect(await normalised(page.locator(".who span"))).toBe(`Signed in as ${ADMIN} (Admin)`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Inbox");

    // The inbox shows the first item; open it from its row.
    const row = page.locator("table.inbox tbody tr").filter({ hasText: `${run}-first` });
    expect(await row.count()).toBe(1);
    await Promise.all([page.waitForURL(`**/console/feedback/${first.id}`), row.getByRole("link").click()]);
    expect(await page.locator("blockquote.message").textContent()).toBe(items.first.message);

    // Triage it: status, topic, tags and an internal note in one save.
    const note = `Internal: customer is on the old app build (${run}-note)`;
    await page.getByLabel("Status", { exact: true }).selectOption("triaged");
    await page.getByLabel("Topic", { exact: true }).fill("Billing");
    await page.getByLabel("Tags", { exact: true }).fill("invoices, urgent");
    await page.getByLabel("Internal note (optional, never shown to the customer)").fill(note);
    const saved = await submitAndWait(page, "Save changes", `/console/feedback/${first.id}`);
    expect(saved.status()).toBe(303);
    expect(new URL(page.url()).search).toBe("?saved=1");
    expect(await normalised(page.getByRole("status"))).toBe("Saved.");

    expect(await normalised(detail(page, "Status").locator("dd"))).toBe("Triaged");
    expect(await normalised(detail(page, "Topic").locator("dd"))).toBe("Billing");
    expect(await normalised(detail(page, "Tags").locator("dd"))).toBe("invoices, urgent");
    // The form now starts from the saved values.
    expect(await page.getByLabel("Status", { exact: true }).inputValue()).toBe("triaged");
    expect(await page.getByLabel("Internal note (optional, never shown to the customer)").inputValue()).toBe("");

    // The timeline says who changed what from what to what, and holds the note.
    const timeline = page.locator("section[aria-labelledby=timeline-heading] ol.timeline > li");
    const changed = timeline.filter({ hasText: "Changed:" });
    expect(await changed.count()).toBe(1);
    expect(await changed.locator(".meta strong").textContent()).toBe(ADMIN);
    expect(await changed.locator("ul.changes li").evaluateAll((lis) => lis.map((li) => li.textContent))).toEqual([
      "Status: New → Triaged",
      "Topic: none → Billing",
      "Tags: none → invoices, urgent",
    ]);
    const noted = timeline.filter({ hasText: "Added a note:" });
    expect(await noted.count()).toBe(1);
    expect(await noted.locator(".meta strong").textContent()).toBe(ADMIN);
    expect(await noted.locator("blockquote.note").textContent()).toBe(note);
    expect(await noted.locator(".badge").count()).toBe(0);

    // The customer's tracking page shows the new status, never the note.
    const tracking = await fetch(first.trackingUrl);
    expect(tracking.status).toBe(200);
    const trackingHtml = await tracking.text();
    expect(trackingHtml).not.toContain(`${run}-note`);
    expect(trackingHtml).not.toContain("old app build");
    const trackingJson = await (await fetch(`${stack.url}/api/track/${first.trackingToken}`)).json();
    expect(trackingJson).toMatchObject({ status: "triaged" });
    expect(JSON.stringify(trackingJson)).not.toContain(`${run}-note`);
    await page.goto(first.trackingUrl);
    expect(await page.locator("body").textContent()).not.toContain(`${run}-note`);

    // Merge the second item into the first through the second's merge form.
    await page.goto(`${stack.url}/console/feedback/${hostile.id}`);
    await page.getByLabel("Merge into item (its id)", { exact: true }).fill(first.id);
    const merged = await submitAndWait(page, "Merge", `/console/feedback/${hostile.id}/merge`);
    expect(merged.status()).toBe(303);
    expect(new URL(page.url()).search).toBe("?merged=1");
    expect(await normalised(page.getByRole("status"))).toBe("Merged.");
    expect(await normalised(detail(page, "Status").locator("dd"))).toBe("Merged");
    const mergedInto = timeline.filter({ hasText: "Merged this item into" });
    expect(await normalised(mergedInto.locator("p").last())).toBe(`Merged this item into ${first.id}.`);
    expect(await mergedInto.locator(".meta strong").textContent()).toBe(ADMIN);
    expect(await mergedInto.getByRole("link", { name: first.id }).getAttribute("href")).toBe(
      `/console/feedback/${first.id}`,
    );
    // A merged item can only take a note: no merge form, no status field.
    expect(await page.getByLabel("Merge into item (its id)").count()).toBe(0);
    expect(await page.getByLabel("Status", { exact: true }).count()).toBe(0);

    await page.goto(`${stack.url}/console/feedback/${first.id}`);
    const mergedFrom = timeline.filter({ hasText: "into this item" });
    expect(await normalised(mergedFrom.locator("p").last())).toBe(`Merged ${hostile.id} into this item.`);
    expect(await mergedFrom.locator(".meta strong").textContent()).toBe(ADMIN);
    const duplicates = page.locator("section[aria-labelledby=merges-heading]");
    expect(await duplicates.getByRole("link").evaluateAll((as) => as.map((a) => a.textContent))).toEqual([hostile.id]);
    // The merge kept the first item's triage.
    expect(await normalised(detail(page, "Status").locator("dd"))).toBe("Triaged");

    // Sign out: the session ends on the server, not just in this browser.
    const cookie = await sessionCookie(watched);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const meBefore = await fetch(`${stack.url}/api/me`, { headers: { cookie: `fb_session=${cookie.value}` } });
    expect(meBefore.status).toBe(200);
    expect(JSON.stringify(await meBefore.json())).toContain(ADMIN);

    await Promise.all([
      page.waitForURL(`${stack.url}/console/sign-in`),
      page.getByRole("button", { name: "Sign out", exact: true }).click(),
    ]);
    expect((await watched.context.cookies(stack.url)).some((c) => c.name === "fb_session")).toBe(false);
    await page.goto(`${stack.url}/console`);
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    const meAfter = await fetch(`${stack.url}/api/me`, { headers: { cookie: `fb_session=${cookie.value}` } });
    expect(meAfter.status).toBe(401);
    expectNoProblems(watched);
  });

  it("answers a stale save with 409, keeps what was typed, and saves it on the second try", async () => {
    const watched = await adminContext();
    const { stale } = submitted;
    const url = `${stack.url}/console/feedback/${stale.id}`;
    const [pageA, pageB] = [await watched.newPage(), await watched.newPage()];
    try {
      await pageA.goto(url);
      await pageB.goto(url);
      expect(await pageB.getByLabel("Kind", { exact: true }).inputValue()).toBe("suggestion");

      // A triages the item (each page comes to the front before it is used, as a person's tab does:
      // a background tab's animation frames, which clicks wait for, are throttled).
      await pageA.bringToFront();
      await pageA.getByLabel("Status", { exact: true }).selectOption("triaged");
      const savedA = await submitAndWait(pageA, "Save changes", `/console/feedback/${stale.id}`);
      expect(savedA.status()).toBe(303);
      expect(await normalised(detail(pageA, "Status").locator("dd"))).toBe("Triaged");

      // B, still on the old version, changes the kind.
      await pageB.bringToFront();
      await pageB.getByLabel("Kind", { exact: true }).selectOption("complaint");
      const savedB = await submitAndWait(pageB, "Save changes", `/console/feedback/${stale.id}`);
      expect(savedB.status()).toBe(409);
      const conflict = pageB.locator("section.conflict");
      expect(await conflict.getAttribute("role")).toBe("alert");
      expect(await conflict.getByRole("heading", { level: 2 }).textContent()).toContain(
        "Someone else changed this item",
      );
      // What changed meanwhile: A's change, by whom, old → new.
      expect(await conflict.locator("ol.timeline .meta strong").allTextContents()).toEqual([ADMIN]);
      expect(await conflict.locator("ul.changes li").allTextContents()).toEqual(["Status: New → Triaged"]);
      expect(await normalised(conflict.locator("dl.details div").filter({ hasText: "Status" }).locator("dd"))).toBe(
        "Triaged",
      );
      // B's own change is still in the form; the rest shows the item as it is now.
      expect(await pageB.getByLabel("Kind", { exact: true }).inputValue()).toBe("complaint");
      expect(await pageB.getByLabel("Status", { exact: true }).inputValue()).toBe("triaged");
      expect(await normalised(detail(pageB, "Kind").locator("dd"))).toBe("Suggestion");

      // Saving again applies B's change on top of A's.
      const again = await submitAndWait(pageB, "Save changes", `/console/feedback/${stale.id}`);
      expect(again.status()).toBe(303);
      expect(new URL(pageB.url()).search).toBe("?saved=1");
      expect(await normalised(detail(pageB, "Status").locator("dd"))).toBe("Triaged");
      expect(await normalised(detail(pageB, "Kind").locator("dd"))).toBe("Complaint");
      const changes = pageB.locator("section[aria-labelledby=timeline-heading] ul.changes li");
      expect(await changes.allTextContents()).toEqual(["Status: New → Triaged", "Kind: Suggestion → Complaint"]);

      const cookie = await sessionCookie(watched);
      const api = await fetch(`${stack.url}/api/feedback/${stale.id}`, {
        headers: { cookie: `fb_session=${cookie.value}` },
      });
      expect(api.status).toBe(200);
      expect(await api.json()).toMatchObject({ status: "triaged", kind: "complaint", version: 3 });
      expectNoProblems(watched, [/status of 409/]);
    } finally {
      await Promise.all([pageA.close(), pageB.close()]);
    }
  });

  it("signs in once with a link: opened again, in another browser, it signs nobody in", async () => {
    await adminContext();
    const link = admin?.link ?? "";
    const { watched, page } = await open();
    const response = await page.goto(link);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toContain("This sign-in link is not valid");
    expect(await watched.context.cookies(stack.url)).toEqual([]);
    await page.goto(`${stack.url}/console`);
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    expectNoProblems(watched, [/status of 400/]);
  });

  it("lets the admin invite an agent, who signs in by mail and cannot manage staff or privacy", async () => {
    const watched = await adminContext();
    const page = await watched.newPage();
    const agent = `agent-${run}@example.org`;
    try {
      await page.goto(`${stack.url}/console/staff`);
      await page.getByLabel("Email", { exact: true }).fill(agent);
      await page.getByLabel("Name (optional)", { exact: true }).fill("Agent Smith");
      await page.getByLabel("Role", { exact: true }).selectOption("agent");
      const seen = await outboxSnapshot(stack.outboxDir);
      const invited = await submitAndWait(page, "Send invitation", "/console/staff");
      expect(invited.status()).toBe(303);
      expect(await normalised(page.getByRole("status"))).toBe("Invitation sent.");
      const row = page.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: agent, exact: true }) });
      expect(await row.locator("td").allTextContents()).toEqual(
        expect.arrayContaining(["Agent Smith", "Agent", "Yes", "Never"]),
      );

      const { mail } = await waitForNewMail(stack.outboxDir, seen, {
        to: agent,
        subject: "You have been invited to the feedback console",
      });
      expect(mail.text).toMatch(/invited to the feedback console as an? agent\./);
      expect(mail.text).toContain("as an agent.");
      const invitation = linkInMail(mail, `${stack.url}/console/sign-in`);
      expect(invitation).toBe(`${stack.url}/console/sign-in`);
    } finally {
      await page.close();
    }

    // The agent follows the invitation and signs in with a link of their own.
    const { watched: agentContext, page: agentPage } = await open();
    await signInThroughMail(agentPage, stack, agent);
    expect(await normalised(agentPage.locator(".who span"))).toBe(`Signed in as ${agent} (Agent)`);
    const nav = await agentPage.getByRole("navigation", { name: "Console" }).getByRole("link").allTextContents();
    expect(nav).toEqual(expect.arrayContaining(["Inbox", "API tokens"]));
    expect(nav).not.toContain("Privacy");
    const privacyPage = await agentPage.goto(`${stack.url}/console/privacy`);
    expect(privacyPage?.status()).toBe(403);
    expect(await agentPage.getByRole("heading", { level: 1 }).count()).toBe(1);

    // Nor can the agent invite anyone, even with a valid session and its CSRF token.
    await agentPage.goto(`${stack.url}/console`);
    const csrf = await agentPage.locator("input[name=_csrf]").first().inputValue();
    expect(csrf).not.toBe("");
    const cookie = await sessionCookie(agentContext);
    const post = await fetch(`${stack.url}/console/staff`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `fb_session=${cookie.value}` },
      body: new URLSearchParams({ _csrf: csrf, email: `sneaky-${run}@example.org`, role: "admin" }),
      redirect: "manual",
    });
    expect(post.status).toBe(403);

    // Every role may see who their colleagues are; only admins may invite or change anyone.
    expect(nav).toContain("Staff");
    const staffPage = await agentPage.goto(`${stack.url}/console/staff`);
    expect(staffPage?.status()).toBe(200);
    expect(await agentPage.getByRole("button", { name: "Send invitation" }).count()).toBe(0);
    expect(await agentPage.locator("form[action^='/console/staff']").count()).toBe(0);
    expectNoProblems(agentContext, [/status of 403/]);
    expectNoProblems(watched);
  });

  it("exports the inbox as a CSV download with formula cells defused", async () => {
    const watched = await adminContext();
    const page = await watched.newPage();
    try {
      await page.goto(`${stack.url}/console`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export CSV (all pages, these filters)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^feedback-\d{4}-\d\d-\d\d\.csv$/);
      const text = await readFile(await download.path(), "utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      const [header, ...rows] = parseCsv(text);
      expect(header?.slice(0, 4)).toEqual(["id", "createdAt", "status", "kind"]);
      const column = (name: string) => header?.indexOf(name) ?? -1;
      const byId = new Map(rows.map((r) => [r[column("id")], r]));
      for (const key of Object.keys(items) as (keyof typeof items)[]) {
        const row = byId.get(submitted[key].id);
        expect(row, `${key} is in the export`).toBeDefined();
      }
      const hostile = byId.get(submitted.hostile.id) ?? [];
      expect(hostile[column("message")]).toBe(`'${items.hostile.message}`);
      expect(hostile[column("status")]).toBe("merged");
      expect(hostile[column("name")]).toBe(items.hostile.name);
      expect(byId.get(submitted.first.id)?.[column("message")]).toBe(items.first.message);
      // No cell of the export starts a formula.
      expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
      expectNoProblems(watched);
    } finally {
      await page.close();
    }
  });
});
