import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildMimeMessage, encodeMailId, messageIdFor, parseSender } from "../../shared/mail/mime";
import { composeAcknowledgement } from "../../shared/mail/templates/acknowledgement";
import type { OutgoingMail } from "../../shared/mail/types";

const from = "Feedback Team <feedback@mail.example.org>";
const unsubscribeUrl = "https://feedback.example.org/u/Uns-T0ken";

function outgoing(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  const composed = composeAcknowledgement({
    locale: "sv",
    name: "Åsa Öberg",
    message: "Kassan är långsam när jag betalar – idéerna från Zoë i förra veckan hjälpte inte.",
    trackingUrl: "https://feedback.example.org/t/Tr4ck",
    unsubscribeUrl,
  });
  return {
    id: "ack#01JAAAAAAAAAAAAAAAAAAAAAAA",
    to: "asa@example.se",
    toName: "Åsa Öberg",
    locale: "sv",
    unsubscribeUrl,
    ...composed,
    ...overrides,
  };
}

async function parse(mail: OutgoingMail, date?: Date) {
  const built = await buildMimeMessage(mail, { from, date });
  return { built, parsed: await simpleParser(built.raw) };
}

describe("buildMimeMessage", () => {
  it("carries the one-click unsubscribe, language and auto-submitted headers", async () => {
    const { parsed } = await parse(outgoing());
    const raw = parsed.headerLines.map((h) => h.line);
    expect(raw).toContain(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(parsed.headers.get("content-language")).toBe("sv");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("derives the Message-ID from the mail id and the sender's domain, the same every time", async () => {
    const first = await parse(outgoing(), new Date("2030-01-01T00:00:00Z"));
    const second = await parse(outgoing(), new Date("2030-06-01T00:00:00Z"));
    expect(first.parsed.messageId).toBe("<ack_2301JAAAAAAAAAAAAAAAAAAAAAAA@mail.example.org>");
    expect(second.parsed.messageId).toBe(first.parsed.messageId);
    expect(first.built.messageId).toBe(first.parsed.messageId);
    expect(first.parsed.date?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("addresses From and To with their display names and builds the envelope from bare addresses", async () => {
    const { built, parsed } = await parse(outgoing());
    expect(parsed.from?.value).toEqual([{ name: "Feedback Team", address: "feedback@mail.example.org" }]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ name: "Åsa Öberg", address: "asa@example.se" }]);
    expect(built.envelope).toEqual({ from: "feedback@mail.example.org", to: ["asa@example.se"] });
  });

  it("holds a text and an HTML alternative that round-trip non-ASCII text", async () => {
    const mail = outgoing();
    const { built, parsed } = await parse(mail);
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(parsed.subject).toBe("Tack för dina synpunkter");
    expect(parsed.text?.replace(/\r\n/g, "\n")).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
    expect(parsed.text).toContain("Kassan är långsam");
    expect(parsed.text).toContain("idéerna från Zoë");
    // Only 7-bit bytes on the wire: the UTF-8 travels inside encoded words and quoted-printable.
    expect([...built.raw].every((byte) => byte < 0x80)).toBe(true);
  });

  it("cannot be made to add recipients or headers through the display name or subject", async () => {
    const { parsed } = await parse(
      outgoing({ toName: 'Mallory" <evil@example.com>\r\nBcc: victim@example.com', subject: "Hello\r\nBcc: x@y.z" }),
    );
    expect(parsed.bcc).toBeUndefined();
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value.map((v) => v.address)).toEqual(["asa@example.se"]);
    expect(parsed.subject).toBe("Hello Bcc: x@y.z");
  });

  it("refuses a recipient that is not exactly one address", async () => {
    for (const to of [
      "a@example.com, b@example.com",
      "Name <a@example.com>",
      "a@example.com\r\nBcc: b@example.com",
      "nobody",
    ]) {
      await expect(buildMimeMessage(outgoing({ to }), { from })).rejects.toThrow(/recipient/);
    }
  });
});

describe("mail ids", () => {
  it("encodes ids into file- and header-safe names without collisions", () => {
    expect(encodeMailId("ack#01J")).toBe("ack_2301J");
    expect(encodeMailId("ack_2301J")).toBe("ack_5F2301J");
    expect(encodeMailId("../../etc/passwd")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeMailId("x".repeat(500)).length).toBeLessThanOrEqual(120);
    expect(encodeMailId(`${"x".repeat(500)}a`)).not.toBe(encodeMailId(`${"x".repeat(500)}b`));
  });

  it("takes the Message-ID domain from the configured sender", () => {
    expect(messageIdFor("ack#1", "feedback@example.com")).toBe("<ack_231@example.com>");
    expect(parseSender("Feedback <feedback@example.com>")).toEqual({
      name: "Feedback",
      address: "feedback@example.com",
    });
    expect(() => parseSender("a@example.com, b@example.com")).toThrow(/one address/);
  });
});
