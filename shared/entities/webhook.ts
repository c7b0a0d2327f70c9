import * as z from "zod/mini";

/** What an outbound webhook can be told about. */
export const webhookEvents = [
  "feedback.created",
  "feedback.status_changed",
  "action.status_changed",
  "update.sent",
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** How a delivery's body is shaped: this product's JSON, or Slack's incoming-webhook `{ "text" }`. */
export const webhookFormats = ["json", "slack"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

/**
 * An endpoint that wants to hear of events, as stored. Its secret is kept as is (it must be read
 * back to sign each delivery), in the table that DynamoDB encrypts at rest; the API shows it once.
 */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(webhookEvents)),
  format: z.enum(webhookFormats),
  active: z.boolean(),
  /** A note of what the endpoint is for (shown in the console). */
  description: z.optional(z.string()),
  secret: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** What the API shows of an endpoint: never its secret, except once, on creation. */
export const webhookEndpointViewSchema = z.omit(webhookEndpointSchema, { secret: true });
export type WebhookEndpointView = z.infer<typeof webhookEndpointViewSchema>;

export const webhookDeliveryStatuses = ["pending", "sent", "failed"] as const;

/** One event as an endpoint receives it: the same for every endpoint, signed per endpoint. */
export const webhookEventBodySchema = z.object({
  id: z.string(),
  type: z.enum(webhookEvents),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEventBody = z.infer<typeof webhookEventBodySchema>;

/** A hand-made new attempt of a delivery: who asked for it, when, and what came of it. */
const resendSchema = z.object({ at: z.string(), by: z.string() });

/**
 * One event owed to one endpoint: an outbox entry keyed by (endpoint, event), so it exists once
 * whatever retries occur, with its delivery state. Claimed, sent and retried like a notification.
 */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  event: webhookEventBodySchema,
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.optional(z.string()),
  failedAt: z.optional(z.string()),
  /** The receiver's answer to the last attempt, when it answered. */
  lastStatusCode: z.optional(z.number()),
  lastError: z.optional(z.string()),
  /** While a sender holds the delivery (claimed it and is sending), until when. */
  claimedUntil: z.optional(z.string()),
  /** After a failed attempt: when the next one is due. */
  nextAttemptAt: z.optional(z.string()),
  /** Attempts asked for by hand, oldest first. */
  resends: z.optional(z.array(resendSchema)),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

const url = z
  .string("url is required")
  .check(z.minLength(1, "url is required"), z.maxLength(2000, "url must be at most 2000 characters"));
const events = z
  .array(z.enum(webhookEvents, `events are ${webhookEvents.join(", ")}`), "events must be a list")
  .check(z.minLength(1, "events needs at least one event"), z.maxLength(webhookEvents.length));
const format = z.enum(webhookFormats, "format must be json or slack");
const description = z
  .string("description must be a string")
  .check(z.maxLength(200, "description must be at most 200 characters"));

/** `POST /api/webhooks`. */
export const webhookInputSchema = z.object({
  url,
  events,
  format: z._default(format, "json"),
  active: z._default(z.boolean("active must be true or false"), true),
  description: z.optional(description),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

/** `PATCH /api/webhooks/{id}`: any of the fields, based on the `version` read. */
export const webhookPatchSchema = z.object({
  version: z
    .number("version is required")
    .check(z.int("version must be a whole number"), z.gte(1, "version is at least 1")),
  url: z.optional(url),
  events: z.optional(events),
  format: z.optional(format),
  active: z.optional(z.boolean("active must be true or false")),
  description: z.optional(z.nullable(description)),
});
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;
