import { describe, expect, it } from "vitest";
import type { Feedback } from "../../shared/entities/feedback";
import { isDone, loopFigures, loopState } from "../../shared/goals/loop";

let n = 0;
const item = (over: Partial<Feedback>): Feedback => ({
  id: `01JITEM${String(n++).padStart(19, "0")}`,
  status: "triaged",
  kind: "complaint",
  message: "m",
  consent: true,
  email: "a@example.com",
  emailHash: "hash-a",
  locale: "en",
  customerType: "external",
  channel: "web",
  tags: [],
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  version: 1,
  ...over,
});

describe("the loop figures", () => {
  it("count as done exactly the items whose status is done, as the goal page's list shows them", () => {
    const items = [
      item({ status: "done", doneAt: "2026-01-03T00:00:00.000Z" }),
      // Made done by hand before it kept a done-at: still done.
      item({ status: "done" }),
      // Done once, then reopened: not done, though it still carries its done-at.
      item({ status: "triaged", doneAt: "2026-01-02T00:00:00.000Z" }),
      item({ status: "closed" }),
    ];
    const figures = loopFigures(items);
    expect(figures.done).toBe(items.filter(isDone).length);
    expect(figures.done).toBe(2);
    expect(figures.medianDaysToOutcome).toBe(2);
  });

  it("count every way an item was told, and apart those whose submitter cannot be told", () => {
    const suppressed = new Set(["hash-gone"]);
    const items = [
      item({ outcomeToldAt: "2026-01-05T00:00:00.000Z" }),
      item({ outcomeToldAt: "2026-01-05T00:00:00.000Z", consent: false }),
      item({ status: "done", ending: { status: "done", at: "2026-01-04T00:00:00.000Z", version: 2, notify: false } }),
      item({ email: undefined, emailHash: undefined }),
      item({ erasedAt: "2026-01-06T00:00:00.000Z" }),
      item({ consent: false }),
      item({ emailHash: "hash-gone" }),
      item({}),
    ];
    expect(items.map((i) => loopState(i, suppressed))).toEqual([
      "told",
      "told",
      "toldNobody",
      "anonymous",
      "anonymous",
      "noConsent",
      "suppressed",
      "waiting",
    ]);
    const figures = loopFigures(items, suppressed);
    expect(figures).toMatchObject({
      linked: 8,
      told: 2,
      toldNobody: 1,
      cannotBeTold: { anonymous: 2, noConsent: 1, suppressed: 1 },
    });
    // Of the three who can be told (two told, one waiting), two were.
    expect(figures.toldShare).toBeCloseTo(2 / 3);
    expect(loopFigures([item({ consent: false })]).toldShare).toBeNull();
  });
});
