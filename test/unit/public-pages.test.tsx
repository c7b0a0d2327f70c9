import { describe, expect, it } from "vitest";
import { BoardPage } from "../../functions/api/pages/board";
import { TrackPage } from "../../functions/api/pages/track";
import { UnsubscribePage } from "../../functions/api/pages/unsubscribe";
import { loadConfig } from "../../shared/config";
import { locales } from "../../shared/i18n/locales";

const render = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("the unsubscribe page", () => {
  it("says what stops and that staff sign-in mail does not, in every language", async () => {
    const pages = await Promise.all(
      locales.map(async (locale) => textOf(await render(<UnsubscribePage locale={locale} token="t" done={false} />))),
    );
    expect(pages[locales.indexOf("en")]).toContain(
      "stops all our email to this address about your feedback and about the actions you follow",
    );
    expect(pages[locales.indexOf("en")]).toContain("the emails you use to sign in are not affected");
    expect(pages[locales.indexOf("nl")]).toContain("acties die u volgt");
    expect(pages[locales.indexOf("sv")]).toContain("åtgärder du följer");
    // Without a recorded kind of mail, no sentence guesses where the link came from.
    expect(pages[locales.indexOf("en")]).not.toContain("You got this link");
  });

  it("names the kind of mail the link came from", async () => {
    const follower = textOf(
      await render(<UnsubscribePage locale="en" token="t" done={false} about="followed_action" />),
    );
    expect(follower).toContain("which you asked to follow");
    const customer = textOf(await render(<UnsubscribePage locale="nl" token="t" done={false} about="feedback" />));
    expect(customer).toContain("feedback die u ons gaf");
  });

  it("after unsubscribing, says sign-in mail for staff still arrives", async () => {
    const done = textOf(await render(<UnsubscribePage locale="en" token="" done={true} />));
    expect(done).toContain("You are unsubscribed");
    expect(done).toContain("Sign-in emails for staff still arrive");
    expect(done).not.toContain("<form");
  });
});

describe("times customers read", () => {
  const view = {
    status: "new" as const,
    feedback: {
      message: "m",
      kind: "complaint" as const,
      locale: "en" as const,
      createdAt: "2026-01-15T10:00:00.000Z",
    },
    updates: [{ type: "received" as const, at: "2026-07-15T10:00:00.000Z" }],
  };

  it("are in the organisation's zone, named, on the tracking page", async () => {
    const html = await render(
      <TrackPage locale="en" view={view as never} path="/track/t" timeZone="Europe/Amsterdam" />,
    );
    expect(textOf(html)).toContain("15 January 2026 at 11:00 CET");
    expect(textOf(html)).toContain("15 July 2026 at 12:00 CEST");
    const swedish = await render(
      <TrackPage locale="sv" view={view as never} path="/track/t" timeZone="Europe/Stockholm" />,
    );
    expect(textOf(swedish)).toContain("11:00 CET");
  });

  it("give the board's days as the organisation's zone has them", async () => {
    const entry = {
      id: "01JACTION00000000000000000",
      title: "t",
      youSaid: "y",
      weDid: "w",
      status: "done",
      doneAt: "2026-03-01T23:30:00.000Z",
      customers: 1,
      subscribers: 0,
    };
    const html = await render(
      <BoardPage locale="en" items={[entry as never]} nextCursor={null} timeZone="Europe/Amsterdam" />,
    );
    // 23:30 UTC is already the next day in Amsterdam.
    expect(textOf(html)).toContain("2 March 2026");
  });
});

describe("the TIME_ZONE setting", () => {
  const base = { TABLE_NAME: "t", PUBLIC_URL: "http://localhost:3000" };
  it("defaults to Europe/Amsterdam and takes any zone Intl knows", () => {
    expect(loadConfig(base).timeZone).toBe("Europe/Amsterdam");
    expect(loadConfig({ ...base, TIME_ZONE: "Europe/Stockholm" }).timeZone).toBe("Europe/Stockholm");
  });

  it("refuses a zone that is not one, naming the setting", () => {
    expect(() => loadConfig({ ...base, TIME_ZONE: "Europe/Atlantis" })).toThrow(/TIME_ZONE/);
  });
});
