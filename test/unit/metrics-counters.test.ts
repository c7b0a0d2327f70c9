import { describe, expect, it } from "vitest";
import type { Feedback } from "../../shared/entities/feedback";
import { metricDayRange, scopeKeyOf, scopeKeysOf } from "../../shared/entities/metric-scope";
import { type Counted, counterChanges } from "../../shared/metrics/contribution";
import { addDays, daysBetween, utcDay } from "../../shared/metrics/days";
import { MAX_SERIES_WEEKS, seriesWeeks } from "../../shared/metrics/progress";

const counted = (fields: Partial<Counted> = {}): Counted => ({
  kind: "complaint",
  createdAt: "2026-03-10T23:59:59.999Z",
  ...fields,
});

describe("metric scope keys", () => {
  it("puts an item in every combination of the dimensions it has a value for", () => {
    expect(scopeKeysOf({})).toEqual(["all"]);
    expect(scopeKeysOf({ topic: "Bus" })).toEqual(["all", "topic=bus"]);
    expect(scopeKeysOf({ department: "IT" })).toEqual(["all", "department=it"]);
    expect(scopeKeysOf({ topic: " Mobile App ", department: "IT" })).toEqual([
      "all",
      "department=it",
      "topic=mobile app",
      "topic=mobile app|department=it",
    ]);
  });

  it("reads a scope from the partition the writer filled for it", () => {
    const written = scopeKeysOf({ topic: "Mobile App", department: "Customer Service" });
    for (const scope of [
      {},
      { topic: "mobile app " },
      { department: "customer service" },
      { topic: "MOBILE APP", department: "Customer Service" },
    ]) {
      expect(written).toContain(scopeKeyOf(scope));
    }
  });

  it("treats a blank value as none when writing, and as a partition nothing is written to when reading", () => {
    expect(scopeKeysOf({ topic: "  ", department: "" })).toEqual(["all"]);
    expect(scopeKeyOf({ topic: " " })).toBe("topic=");
  });

  it("does not let a topic pose as a topic and a department", () => {
    const tricky = scopeKeysOf({ topic: "a|department=b" });
    expect(tricky).not.toContain(scopeKeyOf({ topic: "a", department: "b" }));
    expect(tricky).toContain(scopeKeyOf({ topic: "a|department=b" }));
  });

  it("ranges over whole days, one item a day", () => {
    const range = metricDayRange("all", "2026-03-01", "2026-03-07");
    expect(range.PK).toBe("METRIC#all");
    for (const sk of ["DAY#2026-03-01", "DAY#2026-03-04", "DAY#2026-03-07"]) {
      expect(sk >= range.from && sk <= range.to).toBe(true);
    }
    for (const sk of ["DAY#2026-02-28", "DAY#2026-03-08"]) {
      expect(sk >= range.from && sk <= range.to).toBe(false);
    }
  });
});

describe("counter changes", () => {
  it("adds a new item to each of its scopes on its UTC creation day", () => {
    const changes = counterChanges(undefined, counted({ topic: "Bus", score: { type: "nps", value: 9 } }));
    expect(changes.map((c) => [c.scope, c.day, c.kind])).toEqual([
      ["all", "2026-03-10", "complaint"],
      ["topic=bus", "2026-03-10", "complaint"],
    ]);
    expect(changes[0]?.deltas).toEqual({
      count: 1,
      npsCount: 1,
      npsPromoters: 1,
      npsDetractors: 0,
      csatCount: 0,
      csatSum: 0,
    });
  });

  it("moves an item re-classified to another kind from the old kind's counters to the new one's", () => {
    const before = counted({ topic: "Bus", score: { type: "csat", value: 4 } });
    const changes = counterChanges(before, { ...before, kind: "question" });
    expect(changes.map((c) => [c.scope, c.kind, c.deltas.count, c.deltas.csatSum])).toEqual([
      ["all", "complaint", -1, -4],
      ["topic=bus", "complaint", -1, -4],
      ["all", "question", 1, 4],
      ["topic=bus", "question", 1, 4],
    ]);
  });

  it("leaves the scopes a topic change does not touch alone", () => {
    const before = counted({ topic: "Bus", department: "IT" });
    const changes = counterChanges(before, { ...before, topic: "Train" });
    expect(changes.map((c) => `${c.scope} ${c.deltas.count}`).sort()).toEqual([
      "topic=bus -1",
      "topic=bus|department=it -1",
      "topic=train 1",
      "topic=train|department=it 1",
    ]);
  });

  it("changes nothing for edits the metrics do not look at", () => {
    const before = counted({ topic: "Bus", score: { type: "nps", value: 3 } }) as Feedback;
    expect(
      counterChanges(before, { ...before, status: "done", tags: ["x"], erasedAt: "2026-04-01" } as Feedback),
    ).toEqual([]);
    expect(counterChanges(before, { ...before, topic: " BUS" })).toEqual([]);
  });
});

describe("series weeks", () => {
  it("starts a week every 7 days from the goal's start day, the last one ending today", () => {
    expect(seriesWeeks("2026-03-02", "2026-03-02")).toEqual([{ start: "2026-03-02", end: "2026-03-02" }]);
    expect(seriesWeeks("2026-03-02", "2026-03-08")).toEqual([{ start: "2026-03-02", end: "2026-03-08" }]);
    expect(seriesWeeks("2026-03-02", "2026-03-09")).toEqual([
      { start: "2026-03-02", end: "2026-03-08" },
      { start: "2026-03-09", end: "2026-03-09" },
    ]);
    expect(seriesWeeks("2026-02-23", "2026-03-10").map((w) => w.start)).toEqual([
      "2026-02-23",
      "2026-03-02",
      "2026-03-09",
    ]);
  });

  it("has no weeks before the goal starts", () => {
    expect(seriesWeeks("2026-03-10", "2026-03-09")).toEqual([]);
  });

  it("keeps the last 52 weeks of a goal older than a year", () => {
    const weeks = seriesWeeks("2024-01-01", "2026-03-10");
    expect(weeks).toHaveLength(MAX_SERIES_WEEKS);
    expect(weeks.at(-1)?.end).toBe("2026-03-10");
    expect(daysBetween("2024-01-01", weeks[0]?.start ?? "") % 7).toBe(0);
    expect(daysBetween(weeks[0]?.start ?? "", "2026-03-10")).toBeLessThan(MAX_SERIES_WEEKS * 7);
  });

  it("counts days in UTC, across month, year and leap-day boundaries", () => {
    expect(utcDay("2026-03-10T23:59:59.999Z")).toBe("2026-03-10");
    expect(utcDay("2026-03-11T00:30:00+01:00")).toBe("2026-03-10");
    expect(addDays("2028-02-27", 2)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-03-01", "2026-02-22")).toBe(-7);
  });
});
