import { describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 120_000 });

import { signedInStaff } from "../helpers/staff";
import { recordingTransport, world } from "../helpers/updates-world";

/** The `_once` key of the first form on a page that posts to `action`. */
const onceOf = (page: string, action: string) => {
  const form = page.slice(page.indexOf(`action="${action}"`));
  return /name="_once" value="([^"]+)"/.exec(form)?.[1] ?? "";
};

describe("a console form sent twice is done once", () => {
  it("creates one goal for a double click, a reload that posts again, or two at once, and answers each with it", async () => {
    const w = await world(recordingTransport().transport);
    const { manager } = w;
    const page = async () => (await w.app.request("/console/goals", { headers: { cookie: manager.cookie } })).text();
    const post = (once: string, title: string, who = manager) =>
      w.app.request("/console/goals", {
        method: "POST",
        headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([
          ["_csrf", who.csrfToken],
          ["_once", once],
          ["title", title],
        ]).toString(),
      });
    const titles = async () =>
      ((await w.deps.goals.list()).map((g) => g.title) as unknown[]).map((t) => JSON.stringify(t)).sort();

    const first = onceOf(await page(), "/console/goals");
    expect(first).toMatch(/^[0-9A-Z]{26}$/);
    const [a, b] = [await post(first, "Shorter queues"), await post(first, "Shorter queues")];
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(b.headers.get("location")).toBe(a.headers.get("location"));

    // The same key with other fields (a browser that restored an old key) is a new request.
    const other = await post(first, "Fewer delays");
    expect(other.status).toBe(303);
    expect(other.headers.get("location")).not.toBe(a.headers.get("location"));
    expect((await titles()).length).toBe(2);

    // Two at once: the second waits for the first and goes where it went.
    const second = onceOf(await page(), "/console/goals");
    expect(second).not.toBe(first);
    const both = await Promise.all([post(second, "Cleaner trains"), post(second, "Cleaner trains")]);
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect(both[1]?.headers.get("location")).toBe(both[0]?.headers.get("location"));
    expect((await titles()).length).toBe(3);

    // A refused form gives its key back: corrected and sent again, it is done.
    const third = onceOf(await page(), "/console/goals");
    expect((await post(third, "")).status).toBe(422);
    expect((await post(third, "Quieter stations")).status).toBe(303);
    expect((await titles()).length).toBe(4);

    // One person's key is nothing to another's.
    const colleague = await signedInStaff(w.app, w.deps, "manager", { email: "mia@example.org" });
    expect((await post(third, "Quieter stations", colleague)).status).toBe(303);
    expect((await titles()).length).toBe(5);
  });
});
