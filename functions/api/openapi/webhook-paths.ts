import * as z from "zod/mini";
import {
  webhookDeliverySchema,
  webhookEndpointViewSchema,
  webhookInputSchema,
  webhookPatchSchema,
} from "../../../shared/entities/webhook";
import { pageQuerySchema } from "../../../shared/paging";
import { body, error, json, op, pageResponses, pageSchema, pathParameter, queryParameters, schema } from "./helpers";

/** The component schemas of the webhook operations. */
export const webhookSchemas = {
  Webhook: schema(webhookEndpointViewSchema),
  WebhookPage: pageSchema(webhookEndpointViewSchema),
  WebhookCreated: schema(z.object({ webhook: webhookEndpointViewSchema, secret: z.string() })),
  WebhookInput: schema(webhookInputSchema, "input"),
  WebhookPatch: schema(webhookPatchSchema, "input"),
  WebhookDelivery: schema(webhookDeliverySchema),
  WebhookDeliveryPage: pageSchema(webhookDeliverySchema),
};

const id = { parameters: [pathParameter("id")] };
const invalidUrl =
  "Invalid: `url` not https (http only for localhost), with credentials, or naming a private network; no `events`; an unknown event or format";

/** Outbound webhooks (admins): endpoints, their deliveries, and sending one again. */
export const webhookPaths = {
  "/api/webhooks": {
    get: op("The webhook endpoints, oldest first, paginated; never their secrets", pageResponses("WebhookPage"), {
      operationId: "listWebhooks",
      parameters: queryParameters(pageQuerySchema),
    }),
    post: op(
      "Register an endpoint for events (`feedback.created`, `feedback.status_changed`, `action.status_changed`, `update.sent`) in `json` or `slack` format; the answer holds its signing secret once",
      {
        "201": { description: "The endpoint, and its secret (shown this once)", content: json("WebhookCreated") },
        "400": error("The body is not valid JSON"),
        "422": error(invalidUrl),
      },
      { operationId: "createWebhook", ...body("WebhookInput") },
    ),
  },
  "/api/webhooks/{id}": {
    get: op(
      "One endpoint, without its secret",
      { "200": { description: "The endpoint", content: json("Webhook") }, "404": error("Unknown id") },
      { operationId: "getWebhook", ...id },
    ),
    patch: op(
      "Change an endpoint's URL, events, format, description or whether it is active, based on `version`",
      {
        "200": { description: "The changed endpoint", content: json("Webhook") },
        "400": error("The body is not valid JSON"),
        "404": error("Unknown id"),
        "409": error("Stale version (code `version_conflict`)"),
        "422": error(invalidUrl),
      },
      { operationId: "updateWebhook", ...id, ...body("WebhookPatch") },
    ),
    delete: op(
      "Delete an endpoint: nothing more is sent to it, and what was pending for it ends failed",
      { "204": { description: "Deleted" }, "404": error("Unknown id") },
      { operationId: "deleteWebhook", ...id },
    ),
  },
  "/api/webhooks/{id}/deliveries": {
    get: op(
      "An endpoint's deliveries, newest first, paginated: each event with its state (pending, sent, failed), attempts, the last status code or error, and who sent it again by hand",
      { ...pageResponses("WebhookDeliveryPage"), "404": error("Unknown id") },
      { operationId: "listWebhookDeliveries", parameters: [pathParameter("id"), ...queryParameters(pageQuerySchema)] },
    ),
  },
  "/api/webhooks/{id}/deliveries/{deliveryId}/resend": {
    post: op(
      "Send a delivery again now: a new attempt of the same delivery (same id and body, signed anew), recorded on it",
      {
        "200": { description: "The delivery as the attempt left it", content: json("WebhookDelivery") },
        "404": error("Unknown endpoint or delivery"),
        "409": error("The delivery is being sent right now"),
      },
      { operationId: "resendWebhookDelivery", parameters: [pathParameter("id"), pathParameter("deliveryId")] },
    ),
  },
};
