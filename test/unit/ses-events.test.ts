import { describe, expect, it } from "vitest";
import {
  extractAddress,
  parseSesEventDetail,
  SesEventError,
  type SesFeedbackEvent,
  suppressionReasonFor,
} from "../../shared/suppression/ses-events";

const configurationSet = "MailConfigurationSet-a1B2c3D4e5F6";

/** The `mail` object SES puts in every event record of a configuration set. */
const mail = (messageId: string, destination: string[]) => ({
  timestamp: "2026-03-02T09:14:05.112Z",
  source: "Acme Feedback <feedback@example.com>",
  sourceArn: "arn:aws:ses:eu-west-1:123456789012:identity/feedback@example.com",
  sendingAccountId: "123456789012",
  messageId,
  destination,
  headersTruncated: false,
  headers: [
    { name: "From", value: "Acme Feedback <feedback@example.com>" },
    { name: "To", value: destination.join(", ") },
    { name: "Subject", value: "We received your feedback" },
  ],
  commonHeaders: {
    from: ["Acme Feedback <feedback@example.com>"],
    to: destination,
    messageId,
    subject: "We received your feedback",
  },
  tags: {
    "ses:source-tls-version": ["TLSv1.3"],
    "ses:operation": ["SendEmail"],
    "ses:configuration-set": [configurationSet],
    "ses:from-domain": ["example.com"],
    "ses:caller-identity": ["FeedbackLoop-StreamHandlerRole"],
  },
});

/** An EventBridge event as the configuration set's event destination puts it on the default bus. */
const eventBridgeEvent = <Detail>(detailType: string, detail: Detail) => ({
  version: "0",
  id: "5a8e3f1c-6a2b-4c3d-9e8f-0a1b2c3d4e5f",
  "detail-type": detailType,
  source: "aws.ses",
  account: "123456789012",
  time: "2026-03-02T09:14:07Z",
  region: "eu-west-1",
  resources: [`arn:aws:ses:eu-west-1:123456789012:configuration-set/${configurationSet}`],
  detail,
});

const permanentBounce = eventBridgeEvent("Email Bounced", {
  eventType: "Bounce",
  bounce: {
    feedbackId: "0102018e0a7b1c2d-3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7-000000",
    bounceType: "Permanent",
    bounceSubType: "General",
    bouncedRecipients: [
      {
        emailAddress: "gone@example.org",
        action: "failed",
        status: "5.1.1",
        diagnosticCode: "smtp; 550 5.1.1 user unknown",
      },
      {
        emailAddress: "Jane Doe <Jane.Doe@Example.org>",
        action: "failed",
        status: "5.1.1",
        diagnosticCode: "smtp; 550 5.1.1 user unknown",
      },
    ],
    timestamp: "2026-03-02T09:14:06.901Z",
    reportingMTA: "dns; b224-13.smtp-out.eu-west-1.amazonses.com",
  },
  mail: mail("0102018e0a7b0f00-11111111-2222-3333-4444-555555555555-000000", [
    "gone@example.org",
    "Jane Doe <Jane.Doe@Example.org>",
  ]),
});

const transientBounce = eventBridgeEvent("Email Bounced", {
  eventType: "Bounce",
  bounce: {
    feedbackId: "0102018e0a7b1c2d-aaaaaaaa-7c8d-4e9f-a0b1-c2d3e4f5a6b7-000000",
    bounceType: "Transient",
    bounceSubType: "MailboxFull",
    bouncedRecipients: [
      {
        emailAddress: "full@example.org",
        action: "failed",
        status: "4.2.2",
        diagnosticCode: "smtp; 452 4.2.2 mailbox full",
      },
    ],
    timestamp: "2026-03-02T10:02:11.004Z",
    reportingMTA: "dns; b224-13.smtp-out.eu-west-1.amazonses.com",
  },
  mail: mail("0102018e0a7b0f00-66666666-2222-3333-4444-555555555555-000000", ["full@example.org"]),
});

const complaint = eventBridgeEvent("Email Complaint Received", {
  eventType: "Complaint",
  complaint: {
    feedbackId: "0102018e0a7b1c2d-bbbbbbbb-7c8d-4e9f-a0b1-c2d3e4f5a6b7-000000",
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: "angry@example.net" }],
    timestamp: "2026-03-02T11:30:00.000Z",
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
    complaintFeedbackType: "abuse",
    arrivalDate: "2026-03-02T11:29:58.000Z",
  },
  mail: mail("0102018e0a7b0f00-77777777-2222-3333-4444-555555555555-000000", ["angry@example.net"]),
});

function parsed(detail: unknown): SesFeedbackEvent {
  const result = parseSesEventDetail(detail);
  if (!result.ok) throw result.error;
  return result.event;
}

describe("SES event parsing", () => {
  it("reads a permanent bounce with two recipients, display names removed", () => {
    const event = parsed(permanentBounce.detail);
    expect(event).toEqual({
      type: "bounce",
      bounceType: "Permanent",
      bounceSubType: "General",
      messageId: "0102018e0a7b0f00-11111111-2222-3333-4444-555555555555-000000",
      configurationSet,
      addresses: ["gone@example.org", "Jane.Doe@Example.org"],
      unreadable: 0,
    });
    expect(suppressionReasonFor(event)).toBe("bounce");
  });

  it("reads a transient bounce, which suppresses nothing", () => {
    const event = parsed(transientBounce.detail);
    expect(event).toMatchObject({ type: "bounce", bounceType: "Transient", addresses: ["full@example.org"] });
    expect(suppressionReasonFor(event)).toBeUndefined();
    expect(suppressionReasonFor({ ...event, bounceType: "Undetermined" } as SesFeedbackEvent)).toBeUndefined();
  });

  it("reads a complaint, which suppresses", () => {
    const event = parsed(complaint.detail);
    expect(event).toMatchObject({
      type: "complaint",
      feedbackType: "abuse",
      messageId: "0102018e0a7b0f00-77777777-2222-3333-4444-555555555555-000000",
      addresses: ["angry@example.net"],
    });
    expect(suppressionReasonFor(event)).toBe("complaint");
  });

  it("turns a malformed detail into an error naming the problem, and reads the other events of a batch", () => {
    const malformed = structuredClone(permanentBounce);
    malformed.detail.bounce.bouncedRecipients = [{ address: "x@example.org" } as never];
    const results = [permanentBounce, malformed, { detail: { eventType: "Delivery" } }, null, complaint].map((e) =>
      parseSesEventDetail(e?.detail),
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, true]);

    const [, bad, delivery, missing] = results;
    expect(bad?.ok === false && bad.error).toBeInstanceOf(SesEventError);
    expect(bad?.ok === false && bad.error.message).toMatch(
      /^SES event detail is not a readable bounce or complaint: bounce\.bouncedRecipients\.0\.emailAddress: /,
    );
    expect(delivery?.ok === false && delivery.error.problems.join()).toMatch(/eventType/);
    expect(missing?.ok === false && missing.error.problems).toHaveLength(1);
  });

  it("rejects an unknown bounce type and a bounce without recipients", () => {
    const unknownType = structuredClone(permanentBounce.detail);
    unknownType.bounce.bounceType = "Soft";
    expect(parseSesEventDetail(unknownType)).toMatchObject({ ok: false });
    const noRecipients = structuredClone(permanentBounce.detail);
    noRecipients.bounce.bouncedRecipients = [];
    const result = parseSesEventDetail(noRecipients);
    expect(result.ok === false && result.error.message).toMatch(/bouncedRecipients/);
  });

  it("counts recipients without a readable address, and lists each address once", () => {
    const detail = structuredClone(permanentBounce.detail);
    detail.bounce.bouncedRecipients.push(
      { ...detail.bounce.bouncedRecipients[0], emailAddress: "GONE@example.org" } as never,
      { ...detail.bounce.bouncedRecipients[0], emailAddress: "undisclosed-recipients:;" } as never,
    );
    expect(parsed(detail)).toMatchObject({ addresses: ["gone@example.org", "Jane.Doe@Example.org"], unreadable: 1 });
  });
});

describe("extractAddress", () => {
  it.each([
    ["a@b.example", "a@b.example"],
    ["  a@b.example ", "a@b.example"],
    ["Name <a@b.example>", "a@b.example"],
    ['"Doe, Jane" <Jane@B.example>', "Jane@B.example"],
    ["<a@b.example>", "a@b.example"],
  ])("reads %j as %j", (value, address) => {
    expect(extractAddress(value)).toBe(address);
  });

  it.each(["", "Jane Doe", "Jane <>", "a b@c.example", "a@b@c"])("finds no address in %j", (value) => {
    expect(extractAddress(value)).toBeUndefined();
  });
});
