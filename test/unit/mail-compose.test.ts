import { describe, expect, it } from "vitest";
import { locales } from "../../shared/i18n/locales";
import { composeAcknowledgement, quoteLength } from "../../shared/mail/templates/acknowledgement";

const trackingUrl = "https://feedback.example.com/t/Tr4ck-T0ken";
const unsubscribeUrl = "https://feedback.example.com/u/Uns-T0ken";

function compose(overrides: Partial<Parameters<typeof composeAcknowledgement>[0]> = {}) {
  return composeAcknowledgement({
    locale: "en",
    name: "Anna",
    message: "The checkout page times out when I pay with a card.",
    trackingUrl,
    unsubscribeUrl,
    ...overrides,
  });
}

describe("composeAcknowledgement", () => {
  it.each(locales)("writes the %s acknowledgement with the quote, tracking link and unsubscribe link", (locale) => {
    const mail = compose({ locale });
    expect(mail.subject).not.toBe("");
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(trackingUrl);
      expect(part).toContain(unsubscribeUrl);
      expect(part).toContain("The checkout page times out when I pay with a card.");
      expect(part).toContain("Anna");
    }
    expect(mail.html).toContain(`<html lang="${locale}">`);
    expect(mail.html).toContain(`href="${trackingUrl}"`);
    expect(mail.html).toContain(`href="${unsubscribeUrl}"`);
  });

  it("speaks each locale's language", () => {
    expect(compose({ locale: "en" }).text).toContain("we will let you know what we do with yours");
    expect(compose({ locale: "nl" }).text).toContain("laten u weten wat we ermee doen");
    expect(compose({ locale: "sv" }).text).toContain("berättar för dig vad vi gör med det du skrev");
    expect(new Set(locales.map((locale) => compose({ locale }).subject)).size).toBe(locales.length);
  });

  it("keeps customer text out of the subject", () => {
    const plain = compose({ name: "Anna" }).subject;
    expect(compose({ name: "Mallory\r\nBcc: victim@example.com", message: "Subject: spam" }).subject).toBe(plain);
  });

  it("greets without a name when none is given", () => {
    expect(compose({ name: undefined }).text.startsWith("Hello,\n")).toBe(true);
    expect(compose({ name: " \u202E " }).text.startsWith("Hello,\n")).toBe(true);
  });

  it("escapes script and attribute-breaking input in the HTML", () => {
    const mail = compose({
      name: "<script>alert(1)</script>",
      message: `"><img src=x onerror=alert(1)> and <script>alert(2)</script>`,
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    // The text part is plain text: it quotes the input as written.
    expect(mail.text).toContain(`"><img src=x onerror=alert(1)>`);
  });

  it("escapes URLs placed in attributes", () => {
    const mail = compose({ trackingUrl: `https://feedback.example.com/t/x?a=1&b="2"` });
    expect(mail.html).toContain(`href="https://feedback.example.com/t/x?a=1&amp;b=%222%22"`);
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => compose({ trackingUrl: "javascript:alert(1)" })).toThrow(/http/);
    expect(() => compose({ unsubscribeUrl: "not a url" })).toThrow(/URL/);
  });

  it("removes bidi overrides, control characters and line breaks from customer text", () => {
    const mail = compose({
      name: "Eve\u202Egnp.exe\r\nX-Evil: 1",
      message: "line one\r\nline two\u0000\u001b[31m\u2066end",
    });
    for (const part of [mail.text, mail.html]) {
      for (const char of ["\u202E", "\u2066", "\u0000", "\u001b", "\r"]) expect(part).not.toContain(char);
      expect(part).toContain("Evegnp.exe X-Evil: 1");
      expect(part).toContain("line one line two[31mend");
    }
  });

  it("cuts a long message to a short quote ending in an ellipsis", () => {
    const message = `${"word ".repeat(100)}THE-END`;
    const mail = compose({ message });
    const quoteLine = mail.text.split("\n").find((line) => line.startsWith("> "));
    expect(quoteLine).toBeDefined();
    const quote = (quoteLine ?? "").slice(2);
    expect(quote.endsWith("…")).toBe(true);
    expect([...quote].length).toBeLessThanOrEqual(quoteLength + 1);
    expect(quote.length).toBeGreaterThan(quoteLength * 0.75);
    expect(mail.text).not.toContain("THE-END");
    expect(mail.html).not.toContain("THE-END");
  });

  it("quotes a short message whole, without an ellipsis", () => {
    const mail = compose({ message: "Short and sweet." });
    expect(mail.text).toContain("> Short and sweet.\n");
    expect(mail.text).not.toContain("…");
  });

  it("does not split an emoji when cutting", () => {
    const message = "👍🏽".repeat(quoteLength + 5);
    const quote = (
      compose({ message })
        .text.split("\n")
        .find((line) => line.startsWith("> ")) ?? ""
    ).slice(2);
    expect(quote).toBe(`${"👍🏽".repeat(quoteLength)}…`);
  });
});
