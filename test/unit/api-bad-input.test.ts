import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../functions/api/app";
import { createApp } from "../helpers/app";
import { unitDeps } from "../helpers/unit-deps";

// Every request here must be refused before the database is touched: unitDeps points at a closed
// port, so reaching it would surface as a 500, which these tests forbid.
const app = createApp(unitDeps(), { clientAddress: () => "198.51.100.1" });

const post = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  app.request("/api/feedback", { method: "POST", headers, body });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body;
}

describe("POST /api/feedback with bad input", () => {
  it("answers 400 for malformed JSON", async () => {
    await expectError(await post("{ message: "), 400, "malformed_request");
  });

  it("answers 415 for a body that is not JSON", async () => {
    await expectError(await post("message=hi", { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expectError(await post("message=hi", {}), 415, "unsupported_media_type");
  });

  it("answers 413 for a body over the limit, before reading it", async () => {
    const big = JSON.stringify({ message: "x".repeat(MAX_BODY_BYTES) });
    await expectError(await post(big), 413, "payload_too_large");
  });

  it("answers 413 from a declared Content-Length over the limit without reading a byte of the body", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode("{}"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const response = await app.request("/api/feedback", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
      body,
      duplex: "half",
    } as RequestInit);
    await expectError(response, 413, "payload_too_large");
    expect(pulled).toBe(false);
  });

  it("answers 422 naming each invalid field", async () => {
    const body = await expectError(
      await post(JSON.stringify({ message: "", email: "nope", score: { type: "nps", value: 12 } })),
      422,
      "validation_failed",
    );
    expect(body).toMatchObject({
      error: {
        message: "message is required",
        fields: {
          message: "message is required",
          email: "email must be a valid address",
          "score.value": "an NPS score is 0 to 10",
        },
      },
    });
  });

  it.each([["null"], ["[]"], ['"text"'], ["42"]])(
    "answers 422 for a JSON body that is not an object: %s",
    async (json) => {
      await expectError(await post(json), 422, "validation_failed");
    },
  );

  it("answers 400 for a malformed Idempotency-Key", async () => {
    const response = await post(JSON.stringify({ message: "hi" }), {
      "content-type": "application/json",
      "idempotency-key": "x".repeat(256),
    });
    await expectError(response, 400, "malformed_request");
  });
});

describe("unknown paths and tokens", () => {
  it("answers JSON 404s under /api and page 404s elsewhere", async () => {
    await expectError(await app.request("/api/nothing"), 404, "not_found");
    await expectError(await app.request("/api/track/short"), 404, "not_found");
    const page = await app.request("/nothing");
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
  });
});

describe("the HTML form post with bad input", () => {
  it("shows the form again with the errors in the page's language and the values given, escaped", async () => {
    const response = await app.request("/feedback", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ message: "", email: '"><script>alert(1)</script>', locale: "nl" }).toString(),
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('lang="nl"');
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).not.toContain("email must be a valid address");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("thanks a bot that filled the honeypot and stores nothing", async () => {
    const response = await app.request("/feedback", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ message: "buy now", website: "http://spam.example" }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("/track/");
  });
});

describe("security headers", () => {
  it("forbids framing of the form page but allows the embeddable form", async () => {
    const page = await app.request("/");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const embed = await app.request("/embed");
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(await embed.text()).toContain('action="/feedback?embed=1"');
  });
});

describe("the OpenAPI document", () => {
  it("describes intake from the zod schema", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      openapi: string;
      components: { schemas: { FeedbackInput: { properties: Record<string, unknown>; required: string[] } } };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas.FeedbackInput.properties)).toEqual(
      expect.arrayContaining(["message", "kind", "score", "email", "consent", "locale", "customerType", "channel"]),
    );
    expect(doc.components.schemas.FeedbackInput.required).toEqual(["message"]);
    const docs = await app.request("/docs");
    expect(await docs.text()).toContain("POST /api/feedback");
  });
});
