import { describe, expect, it, vi } from "vitest";

// The "we did" phase runs through the stream: give it time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { callJson, signedInStaff } from "../helpers/staff";
import { goalAndAction, link, move, recordingTransport, submit, world } from "../helpers/updates-world";

interface Board {
  items: { id: string; finders: { named: string[]; others: number } | null }[];
}

describe("finders credited", () => {
  it("credits whoever reported what a done action fixed, naming on the board only those who agreed", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { action } = await goalAndAction(w);
    const ada = await submit(w, "The card reader ate my card", {
      name: "Ada <i>Lovelace</i>",
      email: "ada@example.com",
      creditName: true,
    });
    const bo = await submit(w, "The reader is broken again", { name: "Bo", email: "bo@example.com", consent: true });
    const anonymous = await submit(w, "Broken reader at gate 3", { creditName: true });
    const eve = await submit(w, "Our team's reader fails too", {
      name: "Eve",
      creditName: true,
      customerType: "internal",
      department: "Facilities",
    });
    // A suggestion fixes nothing: its writer is not a finder.
    const idea = await submit(w, "Readers could beep", { kind: "suggestion", name: "Ida", creditName: true });
    // A question tagged as a defect is one.
    const tagged = await submit(w, "Is the reader supposed to blink red?", { kind: "question" });
    const detail = (await (
      await w.app.request(`/api/feedback/${tagged}`, { headers: { authorization: w.manager.bearer } })
    ).json()) as {
      version: number;
    };
    const tagging = await w.app.request(`/api/feedback/${tagged}`, {
      method: "PATCH",
      headers: { authorization: w.manager.bearer, "content-type": "application/json" },
      body: JSON.stringify({ version: detail.version, tags: ["Defect"] }),
    });
    expect(tagging.status).toBe(200);
    await link(w, action.id, [ada, bo, anonymous, eve, idea, tagged]);

    // Before it is done, nobody is credited.
    await move(w, action, [{ status: "planned", weWill: "We will replace the readers" }]);
    await w.poller.idle();
    expect(await w.deps.actions.finders(action.id)).toEqual([]);

    await move(w, action, [{ status: "done", weDid: "We replaced the readers" }]);
    await w.poller.idle();
    const credits = await w.deps.actions.finders(action.id);
    expect(credits.map((c) => c.feedbackId).sort()).toEqual([ada, bo, anonymous, eve, tagged].sort());
    expect(credits.find((c) => c.feedbackId === eve)?.customerType).toBe("internal");

    // The public board names those who agreed and gave a name; the others are a count.
    const board = (await (await w.app.request("/api/you-said-we-did")).json()) as Board;
    const entry = board.items.find((item) => item.id === action.id);
    expect(entry?.finders).toEqual({ named: ["Ada <i>Lovelace</i>", "Eve"], others: 3 });
    const page = await (await w.app.request("/you-said-we-did")).text();
    expect(page).toContain("Found by Ada &lt;i&gt;Lovelace&lt;/i&gt;, Eve, 3 more people");
    expect(page).not.toContain("Bo,");

    // The action page lists every finder for staff, with whether the board names them.
    const actionPage = await (
      await w.app.request(`/console/actions/${action.id}`, { headers: { cookie: w.manager.cookie } })
    ).text();
    expect(actionPage).toContain("5 people reported what this fixed; 2 agreed to be named on the public board");
    expect(actionPage).toContain("Ada &lt;i&gt;Lovelace&lt;/i&gt;");
    expect(actionPage).toContain("bo@example.com");
    expect(actionPage).not.toContain("Ida");

    // Erasing a named finder's data takes their name off the board; they are still counted.
    const admin = await signedInStaff(w.app, w.deps, "admin");
    const erased = await callJson(w.app, "POST", "/api/privacy/erase", {
      as: admin,
      via: "token",
      body: { email: "ada@example.com" },
    });
    expect(erased.status).toBe(200);
    const after = (await (await w.app.request("/api/you-said-we-did")).json()) as Board;
    expect(after.items.find((item) => item.id === action.id)?.finders).toEqual({ named: ["Eve"], others: 4 });
  });
});
