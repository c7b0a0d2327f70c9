import { gunzipSync } from "node:zlib";
import { handle, type LambdaEvent } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { assetHref } from "../../functions/api/static-assets";
import { createApp } from "../helpers/app";
import { unitDeps } from "../helpers/unit-deps";

// Every request here is answered before the database is touched (unitDeps points at a closed port).
const app = createApp(unitDeps(), { clientAddress: () => "198.51.100.1" });
const gzip = { "accept-encoding": "gzip, deflate, br" };

/** The pages that answer without the database: form, embed, docs, sign-in, and an error page. */
const pages = ["/", "/embed", "/docs", "/console/sign-in", "/no-such-page"];

describe("pages", () => {
  it.each(pages)("%s starts with the doctype, so browsers render it in standards mode", async (path) => {
    const response = await app.request(path);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toMatch(/^<!doctype html><html lang="\w\w">/);
  });

  it("link the stylesheet by its content hash", async () => {
    const href = assetHref("site.css");
    expect(href).toMatch(/^\/assets\/site\.css\?v=[\w-]{16}$/);
    expect(await (await app.request("/")).text()).toContain(`<link rel="stylesheet" href="${href}"/>`);
  });
});

describe("compression", () => {
  it.each([
    ["/docs", "text/html"],
    ["/openapi.json", "application/json"],
    [assetHref("site.css"), "text/css"],
    [assetHref("goal-chart.js"), "text/javascript"],
  ])("gzips %s (%s) for a client that accepts it, and it decodes", async (path, type) => {
    const plain = await app.request(path);
    const zipped = await app.request(path, { headers: gzip });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-type")).toContain(type);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/Accept-Encoding/);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const text = await plain.text();
    expect(gunzipSync(bytes).toString("utf8")).toBe(text);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text) / 2);
  });

  it("sends the body as it is to a client that does not accept gzip", async () => {
    const response = await app.request("/docs", { headers: { "accept-encoding": "identity" } });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(await response.text()).toMatch(/^<!doctype html>/);
  });

  it("reaches API Gateway through the Lambda adapter as base64 of the gzip'd body", async () => {
    const handler = handle(app);
    const event: LambdaEvent = {
      version: "2.0",
      routeKey: "$default",
      rawPath: "/docs",
      rawQueryString: "",
      headers: { host: "api.example.org", ...gzip },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: "123456789012",
        authentication: null,
        authorizer: {},
        apiId: "api",
        domainName: "api.example.org",
        domainPrefix: "api",
        http: { method: "GET", path: "/docs", protocol: "HTTP/1.1", sourceIp: "198.51.100.1", userAgent: "test" },
        requestId: "r1",
        routeKey: "$default",
        stage: "$default",
        time: "05/Dec/2026:22:00:00 +0000",
        timeEpoch: 1796508000000,
      },
    };
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
    expect("headers" in result && result.headers["content-encoding"]).toBe("gzip");
    expect(result.isBase64Encoded).toBe(true);
    const html = gunzipSync(Buffer.from(result.body, "base64")).toString("utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("API reference");
  });
});

describe("HEAD", () => {
  it.each(["/", "/docs", "/openapi.json", "/robots.txt", assetHref("site.css")])(
    "answers %s with the Content-Length of the body GET sends, and no body",
    async (path) => {
      const get = await app.request(path);
      const head = await app.request(path, { method: "HEAD", headers: gzip });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-length")).toBe(String((await get.arrayBuffer()).byteLength));
      expect(head.headers.get("content-encoding")).toBeNull();
      expect(await head.text()).toBe("");
    },
  );
});

describe("static assets", () => {
  it("serves the versioned stylesheet for a year, immutable, with an ETag", async () => {
    const response = await app.request(assetHref("site.css"));
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("etag")).toMatch(/^"[\w-]{16}"$/);
    expect(await response.text()).toContain(":root");
  });

  it("revalidates the unversioned URL", async () => {
    const response = await app.request("/assets/site.css");
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400, must-revalidate");
  });

  it("answers 304 to a matching If-None-Match, also with the weak tag a compressed answer carries", async () => {
    const zipped = await app.request(assetHref("site.css"), { headers: gzip });
    const tag = zipped.headers.get("etag") ?? "";
    expect(tag).toMatch(/^W\/"[\w-]{16}"$/);
    for (const ifNoneMatch of [tag, tag.slice(2), `"other", ${tag}`]) {
      const again = await app.request(assetHref("site.css"), { headers: { ...gzip, "if-none-match": ifNoneMatch } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(again.headers.get("vary")).toBe("Accept-Encoding");
      expect(again.headers.get("content-encoding")).toBeNull();
    }
    const changed = await app.request(assetHref("site.css"), { headers: { "if-none-match": '"stale"' } });
    expect(changed.status).toBe(200);
  });
});

describe("Vary: Accept-Language", () => {
  it.each(["/", "/embed", "/no-such-page"])("is said by %s, whose language comes from the header", async (path) => {
    const response = await app.request(path, { headers: { "accept-language": "nl" } });
    expect(response.headers.get("vary")).toMatch(/Accept-Language/);
    expect(await response.text()).toContain('<html lang="nl">');
  });

  it("is not said when ?lang= chose the language", async () => {
    const response = await app.request("/?lang=sv", { headers: { "accept-language": "nl" } });
    expect(response.headers.get("vary") ?? "").not.toMatch(/Accept-Language/);
  });

  it("sits beside Accept-Encoding on a compressed page", async () => {
    const response = await app.request("/", { headers: { ...gzip, "accept-language": "sv" } });
    expect(response.headers.get("vary")).toBe("Accept-Language, Accept-Encoding");
  });
});

describe("robots", () => {
  it("serves /robots.txt: the form and board open to crawlers, personal and staff paths closed", async () => {
    const response = await app.request("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const lines = (await response.text()).split("\n");
    expect(lines).toEqual(expect.arrayContaining(["User-agent: *", "Allow: /"]));
    for (const path of ["/console", "/track/", "/unsubscribe/", "/api/"]) expect(lines).toContain(`Disallow: ${path}`);
  });

  it.each(["/track/short", "/unsubscribe/short", "/console", "/console/sign-in", "/api/track/short"])(
    "tells search engines not to index %s",
    async (path) => {
      expect((await app.request(path)).headers.get("x-robots-tag")).toBe("noindex");
    },
  );

  it("leaves the form and the docs indexable", async () => {
    for (const path of ["/", "/docs"]) expect((await app.request(path)).headers.get("x-robots-tag")).toBeNull();
  });

  it("puts a robots meta tag on the sign-in page", async () => {
    expect(await (await app.request("/console/sign-in")).text()).toContain('<meta name="robots" content="noindex"/>');
  });
});

describe("a method a path does not take", () => {
  it("answers 405 with Allow in the API's error shape", async () => {
    const response = await app.request("/api/feedback", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "POST"]);
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: expect.stringContaining("GET") },
    });
  });

  it("answers 405 for paths with parameters and for pages, as a page", async () => {
    const item = await app.request("/api/feedback/01JX0000000000000000000000", { method: "PUT" });
    expect(item.status).toBe(405);
    expect(item.headers.get("allow")?.split(", ").sort()).toEqual(["GET", "HEAD", "PATCH"]);
    const page = await app.request("/docs", { method: "POST" });
    expect(page.status).toBe(405);
    expect(page.headers.get("allow")).toBe("GET, HEAD");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toMatch(/^<!doctype html>/);
  });

  it("answers HEAD on a path that only takes POST with 405", async () => {
    const response = await app.request("/feedback", { method: "HEAD" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("still answers 404 for a path nothing serves", async () => {
    expect((await app.request("/api/nothing", { method: "DELETE" })).status).toBe(404);
  });
});
