import { pageQuerySchema } from "../../../shared/paging";
import { empty, error, json } from "./helpers";
import { operation } from "./operation";

const invalidUrl =
  "Invalid: `url` not https (http only for localhost), with credentials, or naming a private network; no `events`; an unknown event or format (`validation_failed`)";

/** Outbound webhooks (admins): endpoints, their deliveries, and sending one again. */
export const webhookOperations = () => [
  operation({
    method: "get",
    path: "/api/webhooks",
    operationId: "listWebhooks",
    tag: "Webhooks",
    summary: "The webhook endpoints, oldest first, paginated; never their secrets",
    query: pageQuerySchema,
    responses: { "200": json("A page; `nextCursor` fetches the next, null on the last", "WebhookPage") },
  }),
  operation({
    method: "post",
    path: "/api/webhooks",
    operationId: "createWebhook",
    tag: "Webhooks",
    summary: "Register an endpoint for events, in `json` or `slack` format; the answer holds its signing secret once",
    description:
      'Events: `feedback.created`, `feedback.status_changed`, `action.status_changed`, `update.sent`. Each delivery is signed: `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`.',
    body: "WebhookInput",
    responses: {
      "201": json("The endpoint, and its secret (shown this once)", "WebhookCreated"),
      "422": error(invalidUrl),
    },
  }),
  operation({
    method: "get",
    path: "/api/webhooks/{id}",
    operationId: "getWebhook",
    tag: "Webhooks",
    summary: "One endpoint, without its secret",
    responses: { "200": json("The endpoint", "Webhook"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "patch",
    path: "/api/webhooks/{id}",
    operationId: "updateWebhook",
    tag: "Webhooks",
    summary: "Change an endpoint's URL, events, format, description or whether it is active, based on `version`",
    body: "WebhookPatch",
    responses: {
      "200": json("The changed endpoint", "Webhook"),
      "404": error("Unknown id (`not_found`)"),
      "409": error("A stale `version` (`version_conflict`; `current` is the endpoint now)", "WebhookConflict"),
      "422": error(invalidUrl),
    },
  }),
  operation({
    method: "delete",
    path: "/api/webhooks/{id}",
    operationId: "deleteWebhook",
    tag: "Webhooks",
    summary: "Delete an endpoint: nothing more is sent to it, and what was pending for it ends failed",
    responses: { "204": empty("Deleted"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "get",
    path: "/api/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Webhooks",
    summary:
      "An endpoint's deliveries, newest first, paginated: each event with its state (pending, sent, failed), attempts, the last status code or error, and who sent it again by hand",
    query: pageQuerySchema,
    responses: {
      "200": json("A page; `nextCursor` fetches the next, null on the last", "WebhookDeliveryPage"),
      "404": error("Unknown id (`not_found`)"),
    },
  }),
  operation({
    method: "post",
    path: "/api/webhooks/{id}/deliveries/{deliveryId}/resend",
    operationId: "resendWebhookDelivery",
    tag: "Webhooks",
    summary:
      "Send a delivery again now: a new attempt of the same delivery (same id and body, signed anew), recorded on it",
    responses: {
      "200": json("The delivery as the attempt left it", "WebhookDelivery"),
      "404": error("Unknown endpoint or delivery (`not_found`)"),
      "409": error("The delivery is being sent right now (`conflict`)"),
    },
  }),
];
