import { describe, expect, it } from "vitest";
import { UnsubscribePage } from "../../functions/api/pages/unsubscribe";
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
