import { describe, expect, it } from "vitest";
import type { Notification, NotificationKind } from "../../shared/entities/notification";
import { locales } from "../../shared/i18n/locales";
import { composeNotification } from "../../shared/notifications/compose";

const hostile = 'Great <script>alert("x")</script> & more';

const contents: Partial<Record<NotificationKind, Record<string, unknown>>> = {
  compliment: {
    message: hostile,
    from: "colleague",
    department: "Sales <b>",
    recognitionUrl: "https://f.test/console/recognition",
  },
  kudos: { from: "Bo <i>", reason: hostile, recognitionUrl: "https://f.test/console/recognition" },
  alert: {
    message: hostile,
    kind: "suggestion",
    score: { type: "nps", value: 2 },
    topic: "Billing <u>",
    itemUrl: "https://f.test/console/feedback/01J",
    settingsUrl: "https://f.test/console/settings",
  },
  digest: {
    week: "2026-W50",
    goals: [
      {
        goalId: "g",
        title: hostile,
        role: "owner",
        newFeedback: 3,
        metric: { kind: "nps", now: 12, weekAgo: 8, target: 20 },
        told: 1,
        overdue: [{ title: "Fix <it>", dueDate: "2026-12-01" }],
      },
    ],
    consoleUrl: "https://f.test/console/my-goals",
    settingsUrl: "https://f.test/console/settings",
  },
};

const notification = (kind: NotificationKind, locale: (typeof locales)[number]): Notification => ({
  purpose: `${kind}#test`,
  kind,
  status: "pending",
  recipient: { email: "staff@example.org", name: "Staff <Member>", locale },
  emailHash: "h",
  content: contents[kind],
  attempts: 1,
  createdAt: "2026-12-07T08:00:00.000Z",
  updatedAt: "2026-12-07T08:00:00.000Z",
});

describe("mail to staff about people", () => {
  const cases = Object.keys(contents).flatMap((kind) => locales.map((locale) => [kind, locale] as const));
  it.each(cases)("composes %s in %s as text, escaped in HTML, with no unsubscribe", (kind, locale) => {
    const mail = composeNotification(
      notification(kind as NotificationKind, locale),
      contents[kind as NotificationKind] ?? {},
    );
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.unsubscribeUrl).toBeUndefined();
    expect(mail.html).not.toMatch(/<(script|b|i|u|it|Member)\b/);
    expect(mail.html).toContain("&lt;");
    expect(mail.text).toContain(kind === "kudos" || kind === "compliment" ? "/console/recognition" : "/console/");
    if (kind === "digest" || kind === "alert") expect(mail.text).toContain("https://f.test/console/settings");
  });

  it("words each locale differently: nothing falls back to English", () => {
    for (const kind of Object.keys(contents) as NotificationKind[]) {
      const subjects = locales.map(
        (locale) => composeNotification(notification(kind, locale), contents[kind] ?? {}).subject,
      );
      expect(new Set(subjects).size, kind).toBe(locales.length);
    }
  });
});
