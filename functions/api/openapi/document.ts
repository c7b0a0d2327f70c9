import * as z from "zod/mini";
import { boardQuerySchema } from "../../../shared/actions/board";
import { actionInputSchema, actionPatchSchema, actionSchema } from "../../../shared/entities/action";
import { apiTokenInputSchema, apiTokenViewSchema, magicLinkRequestSchema } from "../../../shared/entities/auth";
import {
  feedbackInputSchema,
  feedbackPatchSchema,
  feedbackSchema,
  mergeInputSchema,
  replyInputSchema,
  submittedSchema,
  timelineEntrySchema,
  trackingViewSchema,
} from "../../../shared/entities/feedback";
import { feedbackIdsSchema, goalInputSchema, goalPatchSchema, goalSchema } from "../../../shared/entities/goal";
import {
  observationImportSchema,
  observationInputSchema,
  observationSchema,
} from "../../../shared/entities/observation";
import {
  kudosInputSchema,
  kudosSchema,
  recognitionSummarySchema,
  routedSchema,
  routeInputSchema,
} from "../../../shared/entities/recognition";
import { inviteInputSchema, preferencesSchema, staffChangeSchema, staffSchema } from "../../../shared/entities/staff";
import { subscribeInputSchema } from "../../../shared/entities/subscriber";
import { bulkInputSchema } from "../../../shared/feedback/bulk";
import { messageStateSchema } from "../../../shared/notifications/messages";
import { privacyEraseInputSchema, privacyExportInputSchema } from "../../../shared/privacy/schema";
import { goalPaths } from "./goal-paths";
import { bodyErrors, error, html, json, pageSchema, pathParameter, queryParameters, schema } from "./helpers";
import { peoplePaths } from "./people-paths";
import { inboxOperation, staffPaths } from "./staff-paths";

/** The JSON error shape every API error has. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});

const tokenParameter = pathParameter("token");

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, so the
 * document cannot describe an API other than the one that runs.
 */
export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Feedback platform API",
      version: "1.0.0",
      description:
        "Closed-loop customer feedback: intake, tracking and updates. Errors share one shape; no input produces a 5xx.",
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: {
        FeedbackInput: schema(feedbackInputSchema, "input"),
        Submitted: schema(submittedSchema),
        TrackingView: schema(trackingViewSchema),
        Error: schema(errorBodySchema),
        Health: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
        Feedback: schema(feedbackSchema),
        FeedbackDetail: schema(
          z.extend(feedbackSchema, {
            timeline: z.array(timelineEntrySchema),
            mergedItems: z.array(z.string()),
            messages: z.array(messageStateSchema),
          }),
        ),
        FeedbackPage: pageSchema(feedbackSchema),
        FeedbackPatch: schema(feedbackPatchSchema, "input"),
        MergeInput: schema(mergeInputSchema, "input"),
        ReplyInput: schema(replyInputSchema, "input"),
        SubscribeInput: schema(subscribeInputSchema, "input"),
        BulkInput: schema(bulkInputSchema, "input"),
        Staff: schema(staffSchema),
        StaffPage: pageSchema(staffSchema),
        ApiTokenPage: pageSchema(apiTokenViewSchema),
        GoalPage: pageSchema(goalSchema),
        ActionPage: pageSchema(actionSchema),
        InviteInput: schema(inviteInputSchema, "input"),
        StaffChange: schema(staffChangeSchema, "input"),
        ApiTokenInput: schema(apiTokenInputSchema, "input"),
        MagicLinkRequest: schema(magicLinkRequestSchema, "input"),
        Goal: schema(goalSchema),
        GoalInput: schema(goalInputSchema, "input"),
        GoalPatch: schema(goalPatchSchema, "input"),
        FeedbackIds: schema(feedbackIdsSchema, "input"),
        Observation: schema(observationSchema),
        ObservationInput: schema(observationInputSchema, "input"),
        ObservationImport: schema(observationImportSchema),
        ObservationPage: pageSchema(observationSchema),
        Action: schema(actionSchema),
        ActionInput: schema(actionInputSchema, "input"),
        ActionPatch: schema(actionPatchSchema, "input"),
        PrivacyExportInput: schema(privacyExportInputSchema, "input"),
        PrivacyEraseInput: schema(privacyEraseInputSchema, "input"),
        Preferences: schema(preferencesSchema, "input"),
        RouteInput: schema(routeInputSchema, "input"),
        Routed: schema(routedSchema),
        KudosInput: schema(kudosInputSchema, "input"),
        Kudos: schema(kudosSchema),
        RecognitionSummary: schema(recognitionSummarySchema),
      },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "fb_session" },
        apiToken: { type: "http", scheme: "bearer", description: "An API token: fbk_<id>_<secret>" },
      },
    },
    paths: {
      "/api/feedback": {
        ...inboxOperation,
        post: {
          summary: "Submit feedback",
          operationId: "submitFeedback",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Retries with the same key and body get the same answer and store one item.",
              schema: { type: "string", minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: json("FeedbackInput") },
          responses: {
            "201": { description: "Stored", content: json("Submitted") },
            "400": error("The body is not valid JSON, or the Idempotency-Key is malformed"),
            ...bodyErrors,
            "422": error("Invalid fields, or an Idempotency-Key reused with another body"),
            "429": error("Too many requests from this client; see Retry-After"),
          },
        },
      },
      "/api/track/{token}": {
        get: {
          summary: "What the submitter of a feedback item sees",
          operationId: "getTracking",
          parameters: [tokenParameter],
          responses: {
            "200": { description: "The item", content: json("TrackingView") },
            "404": error("Unknown token"),
          },
        },
      },
      "/api/you-said-we-did": {
        get: {
          summary:
            "The public board: done actions, newest first, or with `status=planned` the roadmap of actions planned or in progress; in staff's words (never a customer's), in `lang` (else the default language)",
          operationId: "youSaidWeDid",
          parameters: queryParameters(boardQuerySchema),
          responses: {
            "200": { description: "A page of the board" },
            "400": error("Bad cursor"),
            "422": error("Bad limit"),
          },
        },
      },
      "/api/you-said-we-did/{actionId}/subscribe": {
        post: {
          summary:
            "Ask to be told about a promised action: a confirmation mail whose link makes the address a customer of the action (double opt-in). Always `202`: the answer never says whether the address was subscribed",
          operationId: "subscribeToAction",
          parameters: [pathParameter("actionId")],
          requestBody: { required: true, content: json("SubscribeInput") },
          responses: {
            "202": {
              description: "Asked: a confirmation mail is on its way (unless the address is already confirmed)",
            },
            "400": error("The body is not valid JSON"),
            ...bodyErrors,
            "404": error("No action on the roadmap with this id"),
            "422": error("Invalid address or locale"),
            "429": error("Too many requests from this client or for this address"),
          },
        },
      },
      "/you-said-we-did": {
        get: {
          summary: "The public board as a page: the roadmap above what was done (?lang=en|nl|sv)",
          responses: { "200": html("Board") },
        },
      },
      "/you-said-we-did/{actionId}/subscribe": {
        post: {
          summary: "The board's subscribe form (application/x-www-form-urlencoded)",
          parameters: [pathParameter("actionId")],
          responses: { "202": html("Check your mail"), "303": { description: "Back to the board: not an address" } },
        },
      },
      "/subscribe/confirm/{token}": {
        get: {
          summary: "Follows a subscription's confirmation link: from then on the address is told about the action",
          parameters: [tokenParameter],
          responses: { "200": html("Confirmed"), "404": html("Unknown or expired link") },
        },
      },
      "/healthz": {
        get: {
          summary: "Health",
          operationId: "health",
          responses: {
            "200": { description: "The database answers", content: json("Health") },
            "503": { description: "The database does not answer", content: json("Health") },
          },
        },
      },
      "/": { get: { summary: "The feedback form (?lang=en|nl|sv)", responses: { "200": html("Form") } } },
      "/embed": { get: { summary: "The embeddable feedback form", responses: { "200": html("Form") } } },
      "/feedback": {
        post: {
          summary: "The form's post (application/x-www-form-urlencoded)",
          responses: {
            "200": html("Thank-you page"),
            "422": html("The form with errors"),
            "429": html("Rate limited"),
          },
        },
      },
      "/track/{token}": {
        get: {
          summary: "Tracking page",
          parameters: [tokenParameter],
          responses: { "200": html("Page"), "404": html("Unknown") },
        },
      },
      "/unsubscribe/{token}": {
        get: {
          summary: "Unsubscribe confirmation page",
          parameters: [tokenParameter],
          responses: { "200": html("Page") },
        },
        post: {
          summary: "Unsubscribe at once (RFC 8058 one-click)",
          parameters: [tokenParameter],
          responses: { "200": html("Unsubscribed"), "404": html("Unknown token") },
        },
      },
      ...staffPaths,
      ...goalPaths,
      ...peoplePaths,
    },
  };
}
