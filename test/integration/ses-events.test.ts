import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { EventBridgeEvent } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import { createSesEventsHandler, type SesEventDetailType } from "../../functions/ses-events/create-handler";
import { lambdaContext } from "../../infra/local/stream-records";
import { acknowledgementPurpose, keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { feedbackInputSchema } from "../../shared/entities/feedback";
import { submitFeedback } from "../../shared/feedback/intake";
import { normaliseEmail, sha256 } from "../../shared/ids";
import { createOutboxTransport } from "../../shared/mail/transports/outbox";
import type { MailTransport } from "../../shared/mail/types";
import { deliverNotification } from "../../shared/notifications/deliver";
import { SesEventError } from "../../shared/suppression/ses-events";
import { pendingAcknowledgement } from "../helpers/items";
import { createTestTable, type TestTable } from "../helpers/table";

const hashOf = (address: string) => sha256(normaliseEmail(address));

/** An SES event as the configuration set's EventBridge destination delivers it. */
function sesEvent(detailType: SesEventDetailType, detail: Record<string, unknown>) {
  const messageId = `0102018e0a7b0f00-${crypto.randomUUID()}-000000`;
  return {
    version: "0",
    id: crypto.randomUUID(),
    "detail-type": detailType,
    source: "aws.ses",
    account: "123456789012",
    time: "2026-03-02T09:14:07Z",
    region: "eu-west-1",
    resources: ["arn:aws:ses:eu-west-1:123456789012:configuration-set/feedback"],
    detail: {
      ...detail,
      mail: {
        timestamp: "2026-03-02T09:14:05.112Z",
        source: "Feedback <feedback@example.org>",
        sendingAccountId: "123456789012",
        messageId,
        destination: ["someone@example.org"],
        headersTruncated: false,
        tags: { "ses:configuration-set": ["feedback"], "ses:operation": ["SendEmail"] },
      },
    },
  } satisfies EventBridgeEvent<SesEventDetailType, unknown>;
}

const bounce = (bounceType: string, ...addresses: string[]) =>
  sesEvent("Email Bounced", {
    eventType: "Bounce",
    bounce: {
      bounceType,
      bounceSubType: bounceType === "Permanent" ? "General" : "MailboxFull",
      bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, action: "failed", status: "5.1.1" })),
      timestamp: "2026-03-02T09:14:06.901Z",
      reportingMTA: "dns; b224-13.smtp-out.eu-west-1.amazonses.com",
    },
  });

const complaint = (...addresses: string[]) =>
  sesEvent("Email Complaint Received", {
    eventType: "Complaint",
    complaint: {
      complainedRecipients: addresses.map((emailAddress) => ({ emailAddress })),
      complaintFeedbackType: "abuse",
      timestamp: "2026-03-02T11:30:00.000Z",
    },
  });

let table: TestTable;
let deps: Deps;
let handler: ReturnType<typeof createSesEventsHandler>;

const suppression = async (address: string) =>
  (await deps.db.send(new GetCommand({ TableName: table.tableName, Key: keys.suppression(hashOf(address)) }))).Item;

beforeEach(async () => {
  table = await createTestTable();
  deps = table.deps;
  handler = createSesEventsHandler(deps);
});

describe("SES events handler", () => {
  it("suppresses both addresses of a permanent bounce, by hash of the normalised address", async () => {
    const result = await handler(
      bounce("Permanent", "gone@example.org", "Jane Doe <Jane.Doe@Example.org>"),
      lambdaContext(),
    );
    expect(result).toMatchObject({ type: "bounce", reason: "bounce" });
    expect(result.suppressed.sort()).toEqual([hashOf("gone@example.org"), hashOf("jane.doe@example.org")].sort());

    expect(await deps.suppressions.isSuppressed(hashOf("GONE@example.org "))).toBe(true);
    expect(await deps.suppressions.isSuppressed(hashOf("jane.doe@example.org"))).toBe(true);
    expect(await suppression("jane.doe@example.org")).toMatchObject({ entityType: "Suppression", reason: "bounce" });
  });

  it("suppresses nothing for a transient bounce", async () => {
    const result = await handler(bounce("Transient", "full@example.org"), lambdaContext());
    expect(result).toMatchObject({ type: "bounce", reason: undefined, suppressed: [] });
    expect(await deps.suppressions.isSuppressed(hashOf("full@example.org"))).toBe(false);
  });

  it("suppresses a complaining address, and a repeated event keeps the first reason and time", async () => {
    await handler(bounce("Permanent", "twice@example.org"), lambdaContext());
    const first = await suppression("twice@example.org");

    const result = await handler(complaint("Twice <twice@example.org>", "angry@example.net"), lambdaContext());
    expect(result).toMatchObject({ type: "complaint", reason: "complaint" });
    expect(await suppression("angry@example.net")).toMatchObject({ reason: "complaint" });
    expect(await suppression("twice@example.org")).toEqual(first);
    expect(first).toMatchObject({ reason: "bounce" });

    // EventBridge and Lambda deliver at least once: the same event again changes nothing.
    await handler(complaint("angry@example.net"), lambdaContext());
    expect(await suppression("angry@example.net")).toMatchObject({ reason: "complaint" });
  });

  it("fails the invocation with a clear error for a malformed detail, suppressing nothing", async () => {
    const event = bounce("Permanent", "kept@example.org");
    event.detail.mail.messageId = "";
    await expect(handler(event, lambdaContext())).rejects.toThrow(SesEventError);
    await expect(handler(event, lambdaContext())).rejects.toThrow(/mail\.messageId/);
    expect(await deps.suppressions.isSuppressed(hashOf("kept@example.org"))).toBe(false);
  });

  it("then marks a pending acknowledgement to the bounced address suppressed, and sends nothing", async () => {
    const outboxDir = join(mkdtempSync(join(tmpdir(), "ses-events-")), "outbox");
    const outbox = createOutboxTransport({ from: "Feedback <feedback@example.org>", outboxDir });
    const sent: string[] = [];
    const transport: MailTransport = {
      name: "outbox",
      async send(mail) {
        sent.push(mail.id);
        return outbox.send(mail);
      },
    };
    const { id } = await submitFeedback(
      deps,
      feedbackInputSchema.parse({
        message: "The night bus never stops at Centraal",
        email: "Bounced@Example.org",
        consent: true,
        locale: "en",
      }),
    );
    await pendingAcknowledgement(deps, id);
    expect(await deps.notifications.find(acknowledgementPurpose(id))).toMatchObject({ status: "pending" });

    await handler(bounce("Permanent", "Customer <bounced@example.org>"), lambdaContext());

    expect(await deliverNotification(deps, transport, acknowledgementPurpose(id))).toBe("suppressed");
    expect(await deps.notifications.find(acknowledgementPurpose(id))).toMatchObject({ status: "suppressed" });
    expect(sent).toEqual([]);
    expect(existsSync(outboxDir) ? readdirSync(outboxDir) : []).toEqual([]);
  });
});
