import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInThroughMail, startStackAndBrowser, type WatchedContext, watchedContext } from "../helpers/browser";
import { type LocalStackProcess, linkInMail, stopAllLocalStacks, waitForMail } from "../helpers/local-stack-process";

/**
 * Clean HTTP from the real local server (`npm start`), to a real browser and to a plain HTTP client:
 * every page type renders in standards mode and comes gzip'd, HEAD carries Content-Length, static
 * assets revalidate with their ETag, and a wrong method gets 405. One stack and one browser.
 */

const ADMIN = "admin@example.org";
const CUSTOMER = "clean-http@example.com";

let stack: LocalStackProcess;
let browser: Browser;
let admin: WatchedContext;
let page: Page;
let trackingUrl: string;
let unsubscribeUrl: string;
let feedbackId: string;
let goalId: string;
let actionId: string;
let webhookId: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over a plain socket, with no decoding of its own (fetch would gunzip behind our back). */
function call(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  ({ stack, browser } = await startStackAndBrowser({ env: { ADMIN_EMAIL: ADMIN } }));

  // A customer's feedback: its tracking link, and the unsubscribe link of its acknowledgement.
  const submitted = await fetch(`${stack.url}/api/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "Pages should render in standards mode", email: CUSTOMER, consent: true }),
  });
  expect(submitted.status).toBe(201);
  ({ id: feedbackId, trackingUrl } = (await submitted.json()) as { id: string; trackingUrl: string });
  const [ack] = await waitForMail(stack.outboxDir, 1, { to: CUSTOMER, timeoutMs: 30_000 });
  unsubscribeUrl = linkInMail(ack?.mail ?? ({} as never), `${stack.url}/unsubscribe/`);

  // The admin signs in through the mailed link and makes a goal and an action, for their pages.
  admin = await watchedContext(browser, { locale: "en-US" });
  page = await admin.newPage();
  await signInThroughMail(page, stack, ADMIN);
  const csrf = await page.locator("input[name=_csrf]").first().inputValue();
  const cookie = (await admin.context.cookies(stack.url)).find((c) => c.name === "fb_session");
  const staffPost = async (path: string, body: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: "POST",
      headers: { cookie: `fb_session=${cookie?.value}`, "x-csrf-token": csrf, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string; webhook?: { id: string } };
  };
  const staffCall = async (path: string, body: unknown) => (await staffPost(path, body)).id;
  goalId = await staffCall("/api/goals", { title: "Standards mode everywhere" });
  actionId = await staffCall("/api/actions", { goalId, title: "Send the doctype" });
  const created = await staffPost("/api/webhooks", {
    url: "https://hooks.example.org/doctype",
    events: ["update.sent"],
  });
  webhookId = created.webhook?.id ?? "";
});

afterAll(async () => {
  await admin?.close().catch(() => {});
  await browser?.close();
  await stopAllLocalStacks();
});

describe("every page type in Chromium", () => {
  const pageTypes: [string, () => string, number][] = [
    ["the form", () => "/", 200],
    ["the embeddable form", () => "/embed?lang=nl", 200],
    ["the tracking page", () => trackingUrl, 200],
    ["the board", () => "/you-said-we-did", 200],
    ["the unsubscribe page", () => unsubscribeUrl, 200],
    ["the API reference", () => "/docs", 200],
    ["an error page", () => "/no-such-page", 404],
    ["the sign-in page", () => "/console/sign-in", 200],
    ["the inbox", () => "/console", 200],
    ["my goals", () => "/console/my-goals", 200],
    ["an item", () => `/console/feedback/${feedbackId}`, 200],
    ["the goals", () => "/console/goals", 200],
    ["a goal", () => `/console/goals/${goalId}`, 200],
    ["an action", () => `/console/actions/${actionId}`, 200],
    ["the staff", () => "/console/staff", 200],
    ["the API tokens", () => "/console/tokens", 200],
    ["the webhooks", () => "/console/webhooks", 200],
    ["a webhook", () => `/console/webhooks/${webhookId}`, 200],
    ["privacy", () => "/console/privacy", 200],
    ["recognition", () => "/console/recognition", 200],
    ["my settings", () => "/console/settings", 200],
  ];

  it.each(pageTypes)("renders %s in standards mode, gzip'd, with its stylesheet", async (_, url, status) => {
    const styles: { status: number; cacheControl?: string }[] = [];
    const onResponse = (r: Awaited<ReturnType<Page["waitForResponse"]>>) => {
      if (new URL(r.url()).pathname === "/assets/site.css")
        styles.push({ status: r.status(), cacheControl: r.headers()["cache-control"] });
    };
    page.on("response", onResponse);
    try {
      const target = url();
      const response = await page.goto(target.startsWith("http") ? target : `${stack.url}${target}`);
      expect(response?.status()).toBe(status);
      expect(response?.headers()["content-encoding"]).toBe("gzip");
      expect(await page.evaluate(() => document.compatMode)).toBe("CSS1Compat");
      expect(await page.evaluate(() => document.doctype?.name)).toBe("html");
      // The stylesheet applied (the body's font comes from it), whether fetched now or cached.
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain("system-ui");
      for (const style of styles) {
        expect(style.status).toBe(200);
        expect(style.cacheControl).toBe("public, max-age=31536000, immutable");
      }
    } finally {
      page.off("response", onResponse);
    }
    if (status === 404) {
      // Chromium reports the error page's own status as a console error: expected here, and only that.
      expect(admin.problems.consoleErrors).toEqual([expect.stringContaining("status of 404")]);
      admin.clearProblems();
    }
    expect(admin.problems).toEqual({ pageErrors: [], consoleErrors: [], dialogs: [] });
  });

  it("renders the thank-you page after a post in standards mode", async () => {
    await page.goto(`${stack.url}/`);
    await page.locator("textarea[name=message]").fill("The thank-you page too");
    await Promise.all([page.waitForURL(`${stack.url}/feedback`), page.locator("button[type=submit]").click()]);
    expect(await page.evaluate(() => document.compatMode)).toBe("CSS1Compat");
  });
});

describe("the local server's HTTP", () => {
  it("gzips a page for a client that asks, and sends it as it is to one that does not", async () => {
    // The schemas page of the API reference: large, and as repetitive as a page gets.
    const zipped = await call("GET", "/docs/schemas", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    const html = gunzipSync(zipped.body).toString("utf8");
    expect(html).toMatch(/^<!doctype html>/);
    const plain = await call("GET", "/docs/schemas");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(html);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
  });

  it("gzips JSON from the API", async () => {
    const zipped = await call("GET", "/openapi.json", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(zipped.body).toString("utf8"))).toMatchObject({ openapi: expect.any(String) });
  });

  it("answers HEAD with the Content-Length of the GET's body, and no body", async () => {
    for (const path of ["/", "/docs", "/robots.txt"]) {
      const get = await call("GET", path);
      const head = await call("HEAD", path, { "accept-encoding": "gzip" });
      expect(head.status).toBe(200);
      expect(head.headers["content-length"]).toBe(String(get.body.length));
      expect(head.body.length).toBe(0);
    }
  });

  it("revalidates the stylesheet with its ETag: 304 and no body", async () => {
    const html = (await call("GET", "/")).body.toString("utf8");
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(href).toMatch(/^\/assets\/site\.css\?v=/);
    const first = await call("GET", href, { "accept-encoding": "gzip" });
    expect(first.headers["content-encoding"]).toBe("gzip");
    const tag = String(first.headers.etag);
    const again = await call("GET", href, { "accept-encoding": "gzip", "if-none-match": tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("answers a wrong method with 405 and Allow, and serves robots.txt", async () => {
    const wrong = await call("DELETE", "/api/feedback");
    expect(wrong.status).toBe(405);
    expect(String(wrong.headers.allow).split(", ").sort()).toEqual(["GET", "HEAD", "POST"]);
    expect(JSON.parse(wrong.body.toString("utf8"))).toMatchObject({ error: { code: "method_not_allowed" } });
    const robots = await call("GET", "/robots.txt");
    expect(robots.status).toBe(200);
    expect(robots.body.toString("utf8")).toContain("Disallow: /console");
  });
});
