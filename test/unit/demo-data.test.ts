import { describe, expect, it } from "vitest";
import { demoFeedback } from "../../infra/local/demo-data";
import { customerTypes, feedbackInputSchema, feedbackKinds } from "../../shared/entities/feedback";
import { locales } from "../../shared/i18n/locales";

const now = new Date("2025-06-15T12:00:00.000Z");
const windowMs = 120 * 24 * 60 * 60 * 1000;

describe("demoFeedback", () => {
  const items = demoFeedback({ now, seed: 7 });

  it("makes 300 items by default", () => {
    expect(items).toHaveLength(300);
    expect(demoFeedback({ now, count: 25 })).toHaveLength(25);
    expect(demoFeedback({ now, count: 0 })).toEqual([]);
  });

  it("makes only inputs the intake schema accepts unchanged", () => {
    for (const { input } of items) {
      expect(feedbackInputSchema.parse(input)).toEqual(input);
    }
  });

  it("gives the same data for the same seed and different data for another", () => {
    expect(demoFeedback({ now, seed: 7 })).toEqual(items);
    expect(demoFeedback({ now, seed: 8 })).not.toEqual(items);
  });

  it("covers every locale, kind and customer type", () => {
    expect(new Set(items.map((i) => i.input.locale))).toEqual(new Set(locales));
    expect(new Set(items.map((i) => i.input.kind))).toEqual(new Set(feedbackKinds));
    expect(new Set(items.map((i) => i.input.customerType))).toEqual(new Set(customerTypes));
  });

  it("uses only reserved example domains for email", () => {
    const withEmail = items.filter((i) => i.input.email !== undefined);
    expect(withEmail.length).toBeGreaterThan(0);
    for (const { input } of withEmail) {
      expect(input.email).toMatch(/^[a-z0-9.]+@example\.(com|org|net)$/);
      expect(input.name).toBeTruthy();
    }
    for (const { input } of items.filter((i) => i.input.email === undefined)) {
      expect(input.consent).toBe(false);
    }
  });

  it("dates every item within the 120 days before now, oldest first", () => {
    for (const { createdAt } of items) {
      expect(createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(createdAt.getTime()).toBeGreaterThan(now.getTime() - windowMs);
    }
    const times = items.map((i) => i.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("gives internal feedback a department and roughly follows the intended mix", () => {
    const many = demoFeedback({ now, seed: 1, count: 3000 });
    const share = (predicate: (input: (typeof many)[number]["input"]) => boolean) =>
      many.filter((i) => predicate(i.input)).length / many.length;
    for (const { input } of many) {
      expect(input.department !== undefined).toBe(input.customerType === "internal");
    }
    expect(share((i) => i.locale === "en")).toBeCloseTo(0.6, 1);
    expect(share((i) => i.customerType === "internal")).toBeCloseTo(0.2, 1);
    expect(share((i) => i.score !== undefined)).toBeCloseTo(0.5, 1);
    expect(share((i) => i.email !== undefined)).toBeCloseTo(0.4, 1);
    const complaints = many.filter((i) => i.input.kind === "complaint" && i.input.score?.type === "nps");
    const compliments = many.filter((i) => i.input.kind === "compliment" && i.input.score?.type === "nps");
    const mean = (list: typeof many) => list.reduce((sum, i) => sum + (i.input.score?.value ?? 0), 0) / list.length;
    expect(mean(complaints)).toBeLessThan(mean(compliments));
  });

  it.each(locales)("writes at least 40 distinct %s message templates", (locale) => {
    const messages = demoFeedback({ now, seed: 3, count: 5000 })
      .filter((i) => i.input.locale === locale)
      .map((i) => i.input.message);
    expect(new Set(messages).size).toBeGreaterThanOrEqual(40);
  });

  it("defaults now to the current time", () => {
    const before = Date.now();
    const fresh = demoFeedback({ count: 20 });
    const after = Date.now();
    for (const { createdAt } of fresh) {
      expect(createdAt.getTime()).toBeLessThanOrEqual(after);
      expect(createdAt.getTime()).toBeGreaterThan(before - windowMs);
    }
  });
});
