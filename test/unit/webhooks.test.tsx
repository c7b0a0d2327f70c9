import { describe, expect, it } from "vitest";
import { WebhookPage, WebhooksPage } from "../../functions/api/pages/console/webhooks";
import type { Staff } from "../../shared/entities/staff";
import type { WebhookDelivery, WebhookEndpointView } from "../../shared/entities/webhook";
import { ValidationError } from "../../shared/errors";
import { deliveryBody, summaryOf } from "../../shared/webhooks/payload";
import { signatureHeader, verifySignature } from "../../shared/webhooks/signature";
import { checkEndpointUrl, isRefusedAddress } from "../../shared/webhooks/url";

const EVIL = "<script>alert(1)</script>";

describe("endpoint URLs", () => {
  it.each([
    "https://hooks.slack.com/services/T000/B000/XXXX",
    "https://example.org:8443/hooks?team=a",
    "https://93.184.216.34/hooks",
  ])("accepts %s", (url) => {
    expect(checkEndpointUrl(url, false)).toBe(new URL(url).toString());
  });

  it.each([
    ["http://127.0.0.1:8080/hooks", true],
    ["http://localhost/hooks", true],
    ["https://localhost/hooks", true],
    ["http://[::1]:9000/", true],
    ["http://127.0.0.1:8080/hooks", false],
    ["https://localhost/hooks", false],
  ])("answers for %s with local endpoints allowed: %s", (url, allowed) => {
    if (allowed) expect(checkEndpointUrl(url, true)).toBe(new URL(url).toString());
    else expect(() => checkEndpointUrl(url, false)).toThrow(ValidationError);
  });

  it.each([
    "http://example.org/hooks",
    "ftp://example.org/",
    "javascript:alert(1)",
    "https://192.168.1.10/",
    "https://172.20.0.1/",
    "https://100.64.0.1/",
    "https://0.0.0.0/",
    "https://[fe80::1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://router.lan/",
    "https://intranet/",
    "https://a:b@example.org/",
  ])("refuses %s", (url) => {
    expect(() => checkEndpointUrl(url, true)).toThrow(ValidationError);
  });

  it("knows private and reserved addresses from public ones", () => {
    expect(isRefusedAddress("10.1.2.3")).toBe(true);
    expect(isRefusedAddress("169.254.169.254")).toBe(true);
    expect(isRefusedAddress("fd12::1")).toBe(true);
    expect(isRefusedAddress("8.8.8.8")).toBe(false);
    expect(isRefusedAddress("2001:4860:4860::8888")).toBe(false);
  });
});

describe("signatures", () => {
  it("verifies a signed body, and refuses another body, secret or a stale timestamp", () => {
    const now = 1_800_000_000;
    const header = signatureHeader("whsec_a", now, '{"a":1}');
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_a", header, '{"a":1}', { now })).toBe(true);
    expect(verifySignature("whsec_a", header, '{"a":2}', { now })).toBe(false);
    expect(verifySignature("whsec_b", header, '{"a":1}', { now })).toBe(false);
    expect(verifySignature("whsec_a", header, '{"a":1}', { now: now + 301 })).toBe(false);
    expect(verifySignature("whsec_a", "t=1,v1=zz", '{"a":1}', { now })).toBe(false);
  });
});

describe("the Slack format", () => {
  const created = {
    id: "01JEVENT00000000000000000A",
    type: "feedback.created" as const,
    occurredAt: "2026-12-01T10:00:00.000Z",
    data: {
      feedback: {
        id: "01JFEEDBACK0000000000000A",
        kind: "complaint",
        topic: `lifts & <stairs>`,
        score: { type: "nps", value: 3 },
        consoleUrl: "http://feedback.test/console/feedback/01JFEEDBACK0000000000000A",
      },
    },
  };

  it("is Slack's { text } with one readable line, escaped as Slack asks", () => {
    const body = JSON.parse(deliveryBody(created, "slack"));
    expect(body).toEqual({
      text: "New complaint received (topic: lifts &amp; &lt;stairs&gt;, NPS 3). <http://feedback.test/console/feedback/01JFEEDBACK0000000000000A|Open it in the console>",
    });
    expect(JSON.parse(deliveryBody(created, "json"))).toEqual(created);
  });

  it("says what changed for a status change and a dropped action's update", () => {
    expect(
      summaryOf({
        ...created,
        type: "feedback.status_changed",
        data: { feedback: { kind: "question" }, from: "new", to: "triaged" },
      }),
    ).toBe("A question moved from new to triaged.");
    expect(
      summaryOf({
        ...created,
        type: "update.sent",
        data: { update: { phase: "dropped", locale: "nl", title: `Lift ${EVIL}`, feedbackIds: ["a", "b"] } },
      }),
    ).toBe(
      "\u201cWill not happen\u201d update was sent to a customer (nl) about the action \u201cLift &lt;script&gt;alert(1)&lt;/script&gt;\u201d, covering 2 feedback items.",
    );
  });
});

describe("the webhook pages", () => {
  const admin: Staff = {
    id: "01JADMIN0000000000000000AA",
    email: "admin@example.org",
    role: "admin",
    active: true,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
  const viewer = { staff: admin, csrfToken: "csrf", timeZone: "Europe/Amsterdam" };
  const webhook: WebhookEndpointView = {
    id: "01JWEBHOOK000000000000000A",
    url: `https://hooks.example.org/x?${EVIL}`,
    events: ["feedback.created"],
    format: "slack",
    active: true,
    description: `Team ${EVIL}`,
    createdAt: "2026-12-01T10:00:00.000Z",
    createdBy: admin.id,
    updatedAt: "2026-12-01T10:00:00.000Z",
    version: 1,
  };
  const delivery: WebhookDelivery = {
    id: "01JEVENT00000000000000000A",
    endpointId: webhook.id,
    event: { id: "01JEVENT00000000000000000A", type: "feedback.created", occurredAt: webhook.createdAt, data: {} },
    status: "failed",
    attempts: 8,
    createdAt: webhook.createdAt,
    updatedAt: webhook.createdAt,
    failedAt: "2026-12-01T12:00:00.000Z",
    lastStatusCode: 502,
    lastError: `the endpoint answered 502 ${EVIL}`,
    resends: [{ at: "2026-12-01T13:00:00.000Z", by: admin.id }],
  };

  it("escape what admins and receivers wrote, and show a new secret once", () => {
    const list = String(
      <WebhooksPage viewer={viewer} webhooks={[webhook]} staff={[admin]} created={{ webhook, secret: "whsec_x" }} />,
    );
    expect(list).not.toContain(EVIL);
    expect(list).toContain("&lt;script&gt;");
    expect(list).toContain('value="whsec_x"');
    const page = String(<WebhookPage viewer={viewer} webhook={webhook} deliveries={[delivery]} staff={[admin]} />);
    expect(page).not.toContain(EVIL);
    expect(page).toContain("HTTP 502");
    expect(page).toContain("by admin@example.org");
    expect(page).toContain(`/console/webhooks/${webhook.id}/deliveries/${delivery.id}/resend`);
    expect(page).not.toContain("whsec_");
  });
});
