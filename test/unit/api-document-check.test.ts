import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { responseProblems } from "../helpers/api-document";

/** The check every integration and end-to-end answer passes through must refuse what the document does not say. */

const json = { "content-type": "application/json" };
const answer = (status: number, body: unknown, headers: Record<string, string> = json) => ({
  status,
  headers: new Headers(headers),
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const stale = { code: "version_conflict", message: "someone else changed this goal since you loaded it" };

describe("the check of answers against the API document", () => {
  it("accepts an answer as documented: a 409 with the details its schema names", () => {
    const current = {
      id: "01J0000000000000000000GOAL",
      title: { en: "Fewer complaints" },
      ambassadors: [],
      status: "active",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-02T00:00:00.000Z",
      version: 2,
    };
    expect(
      responseProblems("PATCH", "/api/goals/01J0000000000000000000GOAL", answer(409, { error: { ...stale, current } })),
    ).toEqual([]);
  });

  it("refuses an error with a field its schema does not name", () => {
    const problems = responseProblems(
      "PATCH",
      "/api/goals/01J",
      answer(409, { error: { ...stale, allowed: ["done"] } }),
    );
    expect(problems.join()).toMatch(/must NOT have additional properties/);
  });

  it("refuses an error code the document does not list", () => {
    const problems = responseProblems("GET", "/api/goals/01J", answer(404, { error: { code: "gone", message: "no" } }));
    expect(problems.join()).toMatch(/must be equal to one of the allowed values/);
  });

  it("refuses a status the operation does not list", () => {
    expect(
      responseProblems("GET", "/api/feedback/counts", answer(500, { error: { code: "internal_error", message: "x" } })),
    ).toEqual([expect.stringMatching(/answered 500, which GET \/api\/feedback\/counts does not list/)]);
  });

  it("refuses a 429 without Retry-After, and one whose Retry-After is not whole seconds", () => {
    const limited = { error: { code: "rate_limited", message: "too many requests, try again later" } };
    expect(responseProblems("POST", "/api/feedback", answer(429, limited)).join()).toMatch(
      /lacks the Retry-After header/,
    );
    const soon = answer(429, limited, { ...json, "retry-after": "soon" });
    expect(responseProblems("POST", "/api/feedback", soon).join()).toMatch(/header Retry-After: soon/);
    expect(responseProblems("POST", "/api/feedback", answer(429, limited, { ...json, "retry-after": "30" }))).toEqual(
      [],
    );
  });

  it("refuses a body of a media type the document does not declare", () => {
    expect(responseProblems("GET", "/track/abc", answer(200, {})).join()).toMatch(/declares text\/html/);
  });

  it("refuses a JSON success from an operation the document does not describe, and checks its errors' shape", () => {
    expect(responseProblems("GET", "/api/nothing", answer(200, {})).join()).toMatch(/does not describe it/);
    expect(
      responseProblems("GET", "/api/nothing", answer(404, { error: { code: "not_found", message: "no" } })),
    ).toEqual([]);
    expect(responseProblems("DELETE", "/api/goals", answer(405, { error: { message: "no" } })).join()).toMatch(/code/);
  });

  it("prefers a literal path to a template: /api/feedback/counts is not /api/feedback/{id}", () => {
    const counts = { new: 1, triaged: 0, planned: 0, done: 0, closed: 0, merged: 0 };
    expect(responseProblems("GET", "/api/feedback/counts", answer(200, counts))).toEqual([]);
    expect(responseProblems("GET", "/api/feedback/counts", answer(200, { ...counts, lost: 1 })).join()).toMatch(
      /additional properties/,
    );
  });
});

describe("the tests that drive the app", () => {
  it("make it through test/helpers/app.ts, so each answer they get is checked", () => {
    const root = resolve(import.meta.dirname, "..");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f) && f !== join("helpers", "app.ts"))
      .map((f) => join(root, f));
    const direct = files.filter((f) =>
      /import\s*\{[^}]*\bcreateApp\b[^}]*\}\s*from\s*"[./]+\/functions\/api\/app"/.test(readFileSync(f, "utf8")),
    );
    expect(direct.map((f) => relative(root, f))).toEqual([]);
  });
});
