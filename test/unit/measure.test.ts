import { describe, expect, it } from "vitest";
import { formatValue, metricDescription, progressLabel } from "../../functions/api/pages/console/goals-common";
import { observationInputFrom } from "../../functions/api/pages/console/goals-values";
import { goalInputSchema } from "../../shared/entities/goal";
import type { GoalProgress } from "../../shared/entities/metric";
import { csvRows } from "../../shared/goals/csv-rows";
import { composeUpdate } from "../../shared/mail/templates/update";
import { seriesWeeks } from "../../shared/metrics/scale";

describe("a CSV file's rows", () => {
  it("reads quoted cells, doubled quotes, CRLF and a byte order mark", () => {
    expect(
      csvRows('\uFEFFdate,value,note\r\n2026-03-02,4.8,"rota, north"\r\n2026-03-09,4.7,"said ""ok"""\r\n'),
    ).toEqual({
      separator: ",",
      rows: [
        ["date", "value", "note"],
        ["2026-03-02", "4.8", "rota, north"],
        ["2026-03-09", "4.7", 'said "ok"'],
      ],
    });
  });

  it("keeps a blank line as a row, so rows stay numbered as lines, and reads a last line without a break", () => {
    expect(csvRows("a,1\n\nb,2").rows).toEqual([["a", "1"], [""], ["b", "2"]]);
  });

  it("takes semicolons as the separator when the first line has them and no comma", () => {
    expect(csvRows("datum;waarde\n2026-03-02;4,8\n")).toEqual({
      separator: ";",
      rows: [
        ["datum", "waarde"],
        ["2026-03-02", "4,8"],
      ],
    });
  });

  it("keeps a line break inside quotes in its cell", () => {
    expect(csvRows('2026-03-02,4,"two\nlines"\n').rows).toEqual([["2026-03-02", "4", "two\nlines"]]);
  });
});

describe("a measure's weeks", () => {
  it("reach back from the goal's start, in step with it, to the week of the first observation", () => {
    expect(seriesWeeks("2026-03-16", "2026-03-20", "2026-03-03").map((w) => w.start)).toEqual([
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
    ]);
    // An observation on the start day or after it changes nothing.
    expect(seriesWeeks("2026-03-16", "2026-03-20", "2026-03-17")).toEqual(seriesWeeks("2026-03-16", "2026-03-20"));
  });

  it("are at most the last 52", () => {
    const weeks = seriesWeeks("2026-03-16", "2026-03-20", "2020-01-01");
    expect(weeks).toHaveLength(52);
    expect(weeks.at(-1)).toEqual({ start: "2026-03-16", end: "2026-03-20" });
  });
});

describe("a measure as a goal's metric", () => {
  it("takes a unit and no scope; a kind the product does not know is named", () => {
    const ok = goalInputSchema.safeParse({
      title: "Vacancies filled sooner",
      metric: { kind: "measure", unit: "days", baseline: 60, target: 40, windowDays: 90 },
    });
    expect(ok.success && ok.data.metric).toEqual({
      kind: "measure",
      unit: "days",
      baseline: 60,
      target: 40,
      windowDays: 90,
    });
    const bad = goalInputSchema.safeParse({
      title: "x",
      metric: { kind: "sick_leave", baseline: 1, target: 0, windowDays: 7 },
    });
    expect(bad.error?.issues[0]?.message).toBe("metric.kind must be nps, csat, complaint_share, count or measure");
    const twoLines = goalInputSchema.safeParse({
      title: "x",
      metric: { kind: "measure", unit: "days\nBcc: x", baseline: 1, target: 0, windowDays: 7 },
    });
    expect(twoLines.error?.issues[0]?.message).toBe("metric.unit must be one line of text");
  });

  it("is put into words on the console's pages, in its unit", () => {
    const metric = { kind: "measure" as const, unit: "days", baseline: 60, target: 40, windowDays: 90 };
    expect(metricDescription(metric)).toBe(
      "Measured outside this product, in days: the latest value recorded in the last 90 days",
    );
    expect(formatValue("measure", 45.5, "days")).toBe("45.5 days");
    expect(formatValue("measure", 4.25, "%")).toBe("4.25%");
    const at = (value: number | null): GoalProgress => ({
      value,
      responses: value === null ? 0 : 1,
      baseline: 60,
      target: 40,
      progress: value === null ? null : (value - 60) / -20,
      progressClamped: null,
      windowDays: 90,
      windowStart: "2026-01-01",
      windowEnd: "2026-03-31",
      series: [],
    });
    expect(progressLabel("measure", at(45), "days")).toBe(
      "Measured value 45 days — 75% of the way from 60 days to 40 days",
    );
    expect(progressLabel("measure", at(null), "days")).toBe(
      "Measured value: nothing recorded in the last 90 days — the goal is from 60 days to 40 days",
    );
  });

  it("reads a value typed with a decimal comma, and passes anything else on to be refused", () => {
    expect(observationInputFrom({ at: "2026-03-02", value: "4,8", note: " " })).toEqual({
      at: "2026-03-02",
      value: 4.8,
    });
    expect(observationInputFrom({ at: "2026-03-02", value: "four" })).toEqual({ at: "2026-03-02", value: "four" });
  });

  it.each([
    ["en", "measured value 4.9%, down from 6%"],
    ["nl", "gemeten waarde 4,9%, gedaald van 6%"],
    ["sv", "uppmätt värde 4,9%, ned från 6%"],
  ] as const)("says where it stands in a %s update", (locale, line) => {
    const mail = composeUpdate({
      locale,
      phase: "did",
      text: "We moved the rota",
      items: [{ message: "Too few drivers on Mondays", trackingUrl: "http://feedback.test/track/x" }],
      more: 0,
      goal: { title: "Less sick leave", metric: { kind: "measure", unit: "%", value: 4.9, baseline: 6, target: 4 } },
      unsubscribeUrl: "http://feedback.test/unsubscribe/x",
    });
    expect(mail.text).toContain(line);
  });
});
