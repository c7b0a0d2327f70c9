import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import type { Deps } from "../../shared/deps";
import type { Goal } from "../../shared/entities/goal";
import { newId, sha256 } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { callJson, createStaff, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

/**
 * Every staff list pages as the inbox does: `limit` 1 to 100 (default 50), an opaque cursor,
 * 422 for a bad limit and 400 for a cursor that is not one. The console pages page through them.
 */

let deps: Deps;
let app: App;
let admin: SignedInStaff;
let goals: Goal[];

/** More of each than the console's page of 50 holds. */
const MANY = 53;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  admin = await signedInStaff(app, deps, "admin");
  const at = new Date().toISOString();
  goals = Array.from({ length: MANY }, (_, i) => ({
    id: newId(),
    title: { en: `Goal ${String(i).padStart(2, "0")}` },
    ambassadors: [],
    status: "active" as const,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  for (const goal of goals) await deps.goals.create(goal);
  for (let i = 0; i < MANY; i++) {
    await createStaff(deps, "viewer", { email: `person-${String(i).padStart(2, "0")}@example.org` });
    await deps.auth.createApiToken({
      id: newId(),
      staffId: admin.staff.id,
      name: `token ${String(i).padStart(2, "0")}`,
      secretHash: sha256(randomUUID()),
      createdAt: at,
      createdBy: admin.staff.id,
    });
  }
  const [first, second] = goals as [Goal, Goal];
  for (let i = 0; i < 7; i++) {
    const created = await callJson(app, "POST", "/api/actions", {
      as: admin,
      via: "token",
      body: { goalId: i < 5 ? first.id : second.id, title: `Action ${i}` },
    });
    expect(created.status).toBe(201);
  }
});

const get = (path: string) => callJson(app, "GET", path, { as: admin, via: "token" });

type ListPage = { items: { id: string }[]; nextCursor: string | null };

/** Every item of a list, read `limit` at a time by following its cursors. */
async function readAll(path: string, limit: number) {
  const pages: ListPage[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const response = await get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as ListPage;
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return { pages, ids: pages.flatMap((p) => p.items.map((item) => item.id)) };
}

const lists = ["/api/staff", "/api/goals", "/api/actions", "/api/tokens"];

describe("the staff lists, a page at a time", () => {
  it.each(lists)("%s answers at most `limit` items, and its cursors walk the whole list once", async (path) => {
    const whole = (await (await get(`${path}?limit=100`)).json()) as ListPage;
    expect(whole.items.length).toBeGreaterThan(2);
    const { pages, ids } = await readAll(path, 2);
    for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(2);
    expect(pages[0]?.items).toHaveLength(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(whole.items.map((item) => item.id));
  });

  it.each(["/api/staff", "/api/goals", "/api/tokens"])("%s answers 50 items when no limit is given", async (path) => {
    const page = (await (await get(path)).json()) as ListPage;
    expect(page.items).toHaveLength(50);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("pages a goal's actions and the actions of one status", async () => {
    const [first] = goals as [Goal];
    const { pages, ids } = await readAll(`/api/actions?goalId=${first.id}`, 2);
    expect(ids).toHaveLength(5);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const proposed = await readAll("/api/actions?status=proposed", 3);
    expect(proposed.ids).toHaveLength(7);
    expect((await readAll("/api/actions?status=done", 3)).ids).toHaveLength(0);
  });

  it("pages another member's tokens for an admin", async () => {
    const response = await get(`/api/tokens?staffId=${admin.staff.id}&limit=5`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as ListPage).items).toHaveLength(5);
  });

  it.each(lists.flatMap((path) => ["-1", "0", "101", "abc", "1.5"].map((limit) => [path, limit] as const)))(
    "%s answers 422 for limit=%s, as the inbox does",
    async (path, limit) => {
      const response = await get(`${path}?limit=${limit}`);
      const inbox = await get(`/api/feedback?limit=${limit}`);
      expect([response.status, inbox.status]).toEqual([422, 422]);
      expect(await response.json()).toMatchObject({
        error: { code: "validation_failed", fields: { limit: expect.any(String) } },
      });
    },
  );

  it.each(lists)("%s answers a cursor that is not one as the inbox does (400)", async (path) => {
    for (const cursor of ["not-a-cursor", Buffer.from('{"PK":"x"}').toString("base64url")]) {
      const response = await get(`${path}?cursor=${cursor}`);
      const inbox = await get(`/api/feedback?cursor=${cursor}`);
      expect(response.status).toBe(inbox.status);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "malformed_request" } });
    }
  });

  it("answers 400, not a 5xx, for another list's cursor", async () => {
    const { nextCursor } = (await (await get("/api/staff?limit=1")).json()) as ListPage;
    const response = await get(`/api/tokens?cursor=${nextCursor}`);
    expect(response.status).toBe(400);
  });
});

/** The `rel="next"` link of a console page, if it has one. */
const nextLink = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll("&amp;", "&");

/** Every page of a console list from `path`, following its "Next page" links. */
async function consolePages(path: string): Promise<string[]> {
  const pages: string[] = [];
  for (let at: string | undefined = path; at && pages.length < 10; ) {
    const response = await app.request(at, { headers: { cookie: admin.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    pages.push(html);
    at = nextLink(html);
  }
  return pages;
}

describe("the console's lists, a page at a time", () => {
  // Each page shows a row (or a goal's summary) per item of the page; what marks it there:
  const markers: [string, (i: number) => string][] = [
    ["/console/staff", (i) => `>person-${String(i).padStart(2, "0")}@example.org<`],
    ["/console/goals", (i) => `id="goal-${goals[i]?.id}"`],
    ["/console/tokens", (i) => `>token ${String(i).padStart(2, "0")}<`],
  ];
  it.each(markers)("%s links the next page, and the pages show everything once", async (path, marker) => {
    const pages = await consolePages(path);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain("First page");
    for (let i = 0; i < MANY; i++) {
      expect(
        pages.filter((html) => html.includes(marker(i))),
        marker(i),
      ).toHaveLength(1);
    }
  });
});
