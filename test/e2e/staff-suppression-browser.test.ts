import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearerOf,
  signInThroughMail,
  startStackAndBrowser,
  type WatchedContext,
  watchedContext,
} from "../helpers/browser";
import {
  type LocalStackProcess,
  linkInMail,
  outboxSnapshot,
  stopAllLocalStacks,
  waitForNewMail,
} from "../helpers/local-stack-process";

/**
 * A staff member who also gave feedback unsubscribes through the link in its acknowledgement: the
 * unsubscribe page says their sign-in mail is not affected, it is not, and the staff page shows
 * the suppression and why; the admin lifts it there and the page lists who lifted what. All in a
 * real browser against the real local stack.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);
const AGENT = `agent-${run}@example.org`;

let stack: LocalStackProcess;
let browser: Browser;
const contexts: WatchedContext[] = [];

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await browser?.close();
  await stopAllLocalStacks();
});

async function open() {
  const watched = await watchedContext(browser, { locale: "en-US" });
  contexts.push(watched);
  return { watched, page: await watched.newPage() };
}

const words = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

describe("a staff address that unsubscribed from customer mail", () => {
  it("still signs in; the staff page shows the suppression, and the admin lifts it, audited", async () => {
    const admin = await open();
    await signInThroughMail(admin.page, stack, ADMIN);
    const bearer = await bearerOf(admin.watched.context, admin.page, stack.url, `suppression ${run}`);
    const invited = await fetch(`${stack.url}/api/staff`, {
      method: "POST",
      headers: { authorization: bearer, "content-type": "application/json" },
      body: JSON.stringify({ email: AGENT, role: "agent" }),
    });
    expect(invited.status).toBe(201);

    // The agent gives feedback with their work address, and unsubscribes from its acknowledgement.
    const seen = await outboxSnapshot(stack.outboxDir);
    const given = await fetch(`${stack.url}/api/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: `The canteen closes too early (${run})`, email: AGENT, consent: true }),
    });
    expect(given.status).toBe(201);
    const { mail } = await waitForNewMail(stack.outboxDir, seen, { to: AGENT, subject: /Thank you/ });
    const agent = await open();
    await agent.page.goto(linkInMail(mail, `${stack.url}/unsubscribe/`));
    const confirm = words(await agent.page.locator("main").textContent());
    expect(confirm).toContain("You got this link in an email about feedback you gave us.");
    expect(confirm).toContain("If you work here: the emails you use to sign in are not affected.");
    await agent.page.getByRole("button", { name: "Unsubscribe", exact: true }).click();
    await agent.page.getByRole("heading", { name: "You are unsubscribed" }).waitFor();

    // Sign-in mail still reaches them.
    await signInThroughMail(agent.page, stack, AGENT);

    // The staff page says so, and the admin lifts the suppression.
    await admin.page.goto(`${stack.url}/console/staff`);
    const row = admin.page.locator("tr").filter({ has: admin.page.getByRole("rowheader", { name: AGENT }) });
    expect(words(await row.locator(".suppression p").textContent())).toMatch(
      /^Suppressed: unsubscribed \(from a link in customer mail\), since \d{4}-\d\d-\d\d \d\d:\d\d CES?T\. Sign-in links still arrive; customer mail does not\.$/,
    );
    await Promise.all([
      admin.page.waitForURL(/lifted=1/),
      row.getByRole("button", { name: `Lift suppression of ${AGENT}` }).click(),
    ]);
    expect(words(await admin.page.getByRole("status").textContent())).toBe(
      "Suppression lifted: mail reaches the address again.",
    );
    // The "Mail" column: the row's cells follow the header's (the address is the row's header).
    const headers = (
      await admin.page.locator("table thead th").first().locator("xpath=..").locator("th").allTextContents()
    ).map(words);
    expect(
      words(
        await row
          .locator("td")
          .nth(headers.indexOf("Mail") - 1)
          .textContent(),
      ),
    ).toBe("Delivered");
    const audit = admin.page.locator("section[aria-labelledby=lifts-heading] tbody tr");
    expect(await audit.count()).toBe(1);
    const cells = (await audit.first().locator("td").allTextContents()).map(words);
    expect(cells[1]).toBe(ADMIN);
    expect(cells[2]).toBe(AGENT);
    expect(cells[4]).toMatch(/^unsubscribed \(from a link in customer mail\), since /);

    // The agent, no admin, sees no control to lift anything.
    await agent.page.goto(`${stack.url}/console/staff`);
    expect(await agent.page.getByRole("button", { name: /Lift suppression/ }).count()).toBe(0);
    for (const context of [admin, agent]) {
      expect(context.watched.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
    }
  });
});
