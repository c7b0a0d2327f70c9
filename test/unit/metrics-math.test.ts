import { describe, expect, it } from "vitest";
import type { Feedback, Score } from "../../shared/entities/feedback";
import type { Metric } from "../../shared/entities/goal";
import { counterAttribute, counterNames, type MetricDay, metricDaySchema } from "../../shared/entities/metric";
import { counterChanges } from "../../shared/metrics/contribution";
import { computeMetricDirect } from "../../shared/metrics/direct";
import { metricFromDays, progressFraction } from "../../shared/metrics/progress";

let sequence = 0;
/** A stored feedback item with what the metrics look at; the rest is filler. */
function item(fields: Partial<Feedback> & { day?: string } = {}): Feedback {
  const { day = "2026-03-10", ...rest } = fields;
  sequence += 1;
  return {
    id: `01TEST${sequence}`,
    status: "new",
    kind: "suggestion",
    message: "m",
    consent: false,
    locale: "en",
    customerType: "external",
    channel: "api",
    tags: [],
    createdAt: `${day}T12:00:00.000Z`,
    updatedAt: `${day}T12:00:00.000Z`,
    version: 1,
    ...rest,
  };
}
const nps = (value: number): Score => ({ type: "nps", value });
const csat = (value: number): Score => ({ type: "csat", value });
const metric = (kind: Metric["kind"], scope?: Metric["scope"]): Metric => ({
  kind,
  scope,
  baseline: 0,
  target: 1,
  windowDays: 30,
});

/** The counter items (one a day) the stream function would keep for `items` in one scope partition. */
function daysOf(items: Feedback[], scope = "all"): MetricDay[] {
  const rows = new Map<string, MetricDay>();
  for (const change of items.flatMap((i) => counterChanges(undefined, i)).filter((c) => c.scope === scope)) {
    const row = rows.get(change.day) ?? metricDaySchema.parse({ scope, day: change.day });
    for (const name of counterNames) row[counterAttribute(change.kind, name)] += change.deltas[name];
    rows.set(change.day, row);
  }
  return [...rows.values()];
}

/** The value both ways: from the counters and straight from the items. */
function both(items: Feedback[], m: Metric, scope = "all") {
  const counted = metricFromDays(m.kind, m.scope, daysOf(items, scope));
  const direct = computeMetricDirect(items, m, "2026-01-01", "2026-12-31");
  expect(counted).toEqual(direct);
  return counted;
}

describe("metric values", () => {
  it("scores NPS as % promoters minus % detractors, passives counting only in the total", () => {
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0..6): 30% − 50% = −20.
    const items = [9, 10, 10, 7, 8, 0, 3, 6, 6, 1].map((v) => item({ score: nps(v) }));
    items.push(item({ score: csat(5) }), item());
    expect(both(items, metric("nps"))).toEqual({ value: -20, responses: 10 });
  });

  it("takes 9 as the lowest promoter score and 6 as the highest detractor score", () => {
    expect(both([item({ score: nps(9) })], metric("nps")).value).toBe(100);
    expect(both([item({ score: nps(6) })], metric("nps")).value).toBe(-100);
    expect(both([item({ score: nps(7) }), item({ score: nps(8) })], metric("nps")).value).toBe(0);
  });

  it("averages CSAT scores over CSAT responses only", () => {
    const items = [
      item({ score: csat(5) }),
      item({ score: csat(4) }),
      item({ score: csat(1) }),
      item({ score: nps(10) }),
    ];
    expect(both(items, metric("csat"))).toEqual({ value: 10 / 3, responses: 3 });
  });

  it("gives the complaint share of all feedback in the scope, whatever kind the scope names", () => {
    const items = [
      item({ kind: "complaint", topic: "Bus" }),
      item({ kind: "complaint", topic: "bus " }),
      item({ kind: "question", topic: "BUS" }),
      item({ kind: "compliment", topic: "bus" }),
      item({ kind: "complaint", topic: "train" }),
    ];
    expect(both(items, metric("complaint_share", { topic: "Bus" }), "topic=bus")).toEqual({ value: 50, responses: 4 });
    expect(both(items, metric("complaint_share", { topic: "bus", kind: "question" }), "topic=bus").value).toBe(50);
    expect(both(items, metric("complaint_share")).value).toBe(60);
  });

  it("counts the items of the scope, of its kind when it names one", () => {
    const items = [
      item({ kind: "complaint", department: "IT" }),
      item({ kind: "complaint", department: "it", topic: "app" }),
      item({ kind: "question", department: "IT" }),
      item({ kind: "complaint", department: "Sales" }),
    ];
    expect(both(items, metric("count", { department: "IT" }), "department=it")).toEqual({ value: 3, responses: 3 });
    expect(both(items, metric("count", { department: "IT", kind: "complaint" }), "department=it").value).toBe(2);
    expect(both(items, metric("count", { department: "IT", topic: "App" }), "topic=app|department=it").value).toBe(1);
  });

  it("has no value without responses, except a count, which is 0", () => {
    const items = [item({ kind: "complaint" })];
    expect(both(items, metric("nps"))).toEqual({ value: null, responses: 0 });
    expect(both(items, metric("csat"))).toEqual({ value: null, responses: 0 });
    expect(both([], metric("complaint_share"))).toEqual({ value: null, responses: 0 });
    expect(both([], metric("count"))).toEqual({ value: 0, responses: 0 });
  });
});

describe("progress", () => {
  it("is 0 at the baseline and 1 at the target", () => {
    expect(progressFraction(30, 30, 50)).toBe(0);
    expect(progressFraction(50, 30, 50)).toBe(1);
    expect(progressFraction(40, 30, 50)).toBe(0.5);
  });

  it("works when the target is below the baseline", () => {
    // Complaint share from 10% down to 5%: at 6% four fifths of the way are covered.
    expect(progressFraction(6, 10, 5)).toBeCloseTo(0.8, 12);
    expect(progressFraction(12, 10, 5)).toBeCloseTo(-0.4, 12);
    expect(progressFraction(4, 10, 5)).toBeCloseTo(1.2, 12);
  });

  it("is unknown without a value or when the target is the baseline", () => {
    expect(progressFraction(null, 10, 5)).toBeNull();
    expect(progressFraction(7, 5, 5)).toBeNull();
  });
});
