import { boardQuerySchema } from "../../../shared/actions/board";
import { feedbackKinds } from "../../../shared/entities/feedback";
import { locales } from "../../../shared/i18n/locales";
import { empty, error, html, json } from "./helpers";
import { operation, type Parameter } from "./operation";

/** `?lang=`: the language of a page (otherwise chosen from `Accept-Language`). */
const pageLanguage: Parameter = {
  name: "lang",
  in: "query",
  required: false,
  description: "The page's language; without it, `Accept-Language` chooses (an unknown value is ignored).",
  schema: { type: "string", enum: [...locales] },
};

/** The feedback form's fields, as the form posts them. */
const feedbackForm = {
  type: "object",
  properties: {
    message: { type: "string", minLength: 1, maxLength: 5000 },
    kind: { type: "string", enum: [...feedbackKinds] },
    nps: { type: "string", description: "0 to 10, or empty" },
    topic: { type: "string" },
    customerType: { type: "string", enum: ["external", "internal"] },
    department: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    consent: { type: "string", enum: ["yes"], description: "Present when the submitter wants updates" },
    locale: { type: "string", enum: [...locales] },
    embed: { type: "string", enum: ["1"], description: "Set by the embeddable form" },
    website: { type: "string", description: "A field people cannot see: a bot that fills it stores nothing" },
  },
  required: ["message"],
};

/** Intake, tracking, the board, unsubscribe, health and this document: no sign-in. */
export const publicOperations = () => [
  operation({
    method: "post",
    path: "/api/feedback",
    operationId: "submitFeedback",
    tag: "Intake",
    summary: "Submit feedback",
    description:
      "A submitter who gives an email and consent gets an acknowledgement mail with the tracking link, once, even when the request is retried.",
    headers: ["IdempotencyKey"],
    body: "FeedbackInput",
    rateLimited: true,
    responses: {
      "201": json("Stored; the tracking token and page", "Submitted"),
      "400": error("The body is not valid JSON, or the Idempotency-Key is malformed (`malformed_request`)"),
      "409": error("A request with this Idempotency-Key is still being processed; retry it (`conflict`)"),
      "422": error(
        "Invalid fields (`validation_failed`), or an Idempotency-Key reused with another body (`idempotency_key_reused`)",
      ),
    },
  }),
  operation({
    method: "get",
    path: "/api/track/{token}",
    operationId: "getTracking",
    tag: "Tracking",
    summary: "What the submitter of a feedback item sees",
    responses: {
      "200": json("The item: what they wrote, its status and the updates", "TrackingView"),
      "404": error("Unknown token (`not_found`)"),
    },
  }),
  operation({
    method: "get",
    path: "/api/you-said-we-did",
    operationId: "youSaidWeDid",
    tag: "Board",
    summary: "The public board: done actions, or with `status=planned` the roadmap (actions planned or in progress)",
    description:
      "Newest first, in staff's words (never a customer's), in `lang` (else the default language), with how many customers asked and how many people asked to be told.",
    query: boardQuerySchema,
    responses: { "200": json("A page of the board; `nextCursor` fetches the next, null on the last", "BoardPage") },
  }),
  operation({
    method: "post",
    path: "/api/you-said-we-did/{actionId}/subscribe",
    operationId: "subscribeToAction",
    tag: "Board",
    summary: "Ask to be told about a promised action (double opt-in)",
    description:
      "A confirmation mail whose link (`GET /subscribe/confirm/{token}`) makes the address a customer of the action, told once per phase. Always `202`: the answer never says whether the address was subscribed. Limited per client and per address.",
    body: "SubscribeInput",
    rateLimited: true,
    responses: {
      "202": json("Asked: a confirmation mail is on its way (unless the address is already confirmed)", "Accepted"),
      "404": error("No action on the roadmap with this id (`not_found`)"),
    },
  }),
  operation({
    method: "post",
    path: "/you-said-we-did/{actionId}/subscribe",
    operationId: "postSubscribeForm",
    tag: "Board",
    summary: "The board's subscribe form",
    body: { form: { type: "object", properties: { email: { type: "string" } }, required: ["email"] } },
    parameters: [pageLanguage],
    answers: "html",
    rateLimited: true,
    responses: {
      "202": html("Check your mail"),
      "303": empty("Back to the board: not an address", { Location: "Location" }),
      "404": html("No action on the roadmap with this id"),
    },
  }),
  operation({
    method: "get",
    path: "/subscribe/confirm/{token}",
    operationId: "confirmSubscription",
    tag: "Board",
    summary: "Follow a subscription's confirmation link: from then on the address is told about the action",
    answers: "html",
    responses: { "200": html("Confirmed"), "404": html("Unknown or expired link") },
  }),
  operation({
    method: "get",
    path: "/you-said-we-did",
    operationId: "showBoardPage",
    tag: "Board",
    summary: "The public board as a page: the roadmap above what was done",
    query: boardQuerySchema,
    answers: "html",
    responses: { "200": html("The board"), "400": html("Bad cursor"), "422": html("Bad limit") },
  }),
  operation({
    method: "get",
    path: "/",
    operationId: "showFeedbackForm",
    tag: "Intake",
    summary: "The feedback form (works without JavaScript)",
    parameters: [pageLanguage],
    answers: "html",
    database: false,
    responses: { "200": html("The form") },
  }),
  operation({
    method: "get",
    path: "/embed",
    operationId: "showEmbeddableForm",
    tag: "Intake",
    summary: "The embeddable feedback form (for an iframe on the sites `EMBED_ORIGINS` lists)",
    parameters: [pageLanguage],
    answers: "html",
    database: false,
    responses: { "200": html("The form") },
  }),
  operation({
    method: "post",
    path: "/feedback",
    operationId: "postFeedbackForm",
    tag: "Intake",
    summary: "The form's post",
    description: "Errors come as pages, except to a request that says it is JSON: that gets the JSON error shape.",
    body: { form: feedbackForm },
    answers: "either",
    rateLimited: true,
    responses: {
      "200": html("The thank-you page, with the tracking link"),
      "422": html("The form again, naming each invalid field"),
    },
  }),
  operation({
    method: "get",
    path: "/track/{token}",
    operationId: "showTrackingPage",
    tag: "Tracking",
    summary: "The tracking page: status, what was planned, what was done",
    parameters: [pageLanguage],
    answers: "html",
    responses: { "200": html("The page"), "404": html("Unknown token") },
  }),
  operation({
    method: "get",
    path: "/unsubscribe/{token}",
    operationId: "showUnsubscribePage",
    tag: "Tracking",
    summary: "Unsubscribe confirmation page",
    parameters: [pageLanguage],
    answers: "html",
    responses: { "200": html("The page, with a button that unsubscribes"), "404": html("Unknown token") },
  }),
  operation({
    method: "post",
    path: "/unsubscribe/{token}",
    operationId: "unsubscribe",
    tag: "Tracking",
    summary: "Unsubscribe at once (RFC 8058 one-click; the token authorises it)",
    answers: "html",
    responses: { "200": html("Unsubscribed"), "404": html("Unknown token") },
  }),
  operation({
    method: "get",
    path: "/healthz",
    operationId: "health",
    tag: "Service",
    summary: "Health: whether the database answers",
    responses: {
      "200": json("The database answers", "Health"),
      "503": json("The database does not answer", "Health"),
    },
  }),
  operation({
    method: "get",
    path: "/openapi.json",
    operationId: "getApiDocument",
    tag: "Service",
    summary: "This document (OpenAPI 3.1)",
    database: false,
    responses: {
      "200": json("The document", {
        type: "object",
        properties: { openapi: { type: "string" }, info: { type: "object" }, paths: { type: "object" } },
        required: ["openapi", "info", "paths"],
      }),
    },
  }),
  operation({
    method: "get",
    path: "/docs",
    operationId: "showApiReference",
    tag: "Service",
    summary: "This document as a page: its tags, each with its operations",
    answers: "html",
    database: false,
    responses: { "200": html("The reference") },
  }),
  operation({
    method: "get",
    path: "/docs/{section}",
    operationId: "showApiReferenceSection",
    tag: "Service",
    summary: "One tag's operations (typed parameters, bodies, answers), or every schema",
    answers: "html",
    database: false,
    responses: { "200": html("The section"), "404": html("No such section") },
  }),
];

/** Passwordless staff sign-in. */
export const signInOperations = () => [
  operation({
    method: "post",
    path: "/auth/magic-link",
    operationId: "requestMagicLink",
    tag: "Sign-in",
    summary: "Ask for a sign-in link (JSON or a form post); always 202, whoever the address belongs to",
    body: {
      form: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
      json: "MagicLinkRequest",
    },
    answers: "either",
    rateLimited: true,
    responses: {
      "202": {
        description: "A link is mailed if the address is active staff (JSON for JSON, a page for a form post)",
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/Accepted" } },
          "text/html": { schema: { type: "string" } },
        },
      },
      "422": {
        description: "Not a valid address (`validation_failed`; a form post gets the page again)",
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/Error" } },
          "text/html": { schema: { type: "string" } },
        },
      },
    },
  }),
  operation({
    method: "get",
    path: "/auth/callback",
    operationId: "followMagicLink",
    tag: "Sign-in",
    summary: "Follow a sign-in link: sets the session cookie and redirects to /console",
    parameters: [
      {
        name: "token",
        in: "query",
        required: true,
        description: "The token from the mailed link.",
        schema: { type: "string" },
      },
    ],
    answers: "html",
    responses: {
      "303": empty("Signed in: on to `/console`", { Location: "Location", "Set-Cookie": "SetSessionCookie" }),
      "400": html("The link was used, has expired or is incomplete"),
    },
  }),
  operation({
    method: "post",
    path: "/auth/logout",
    operationId: "signOut",
    tag: "Sign-in",
    summary: "End the session",
    description:
      "A form post (with its `_csrf` field) is redirected; errors come as JSON to a JSON request, as a page otherwise.",
    answers: "either",
    responses: {
      "204": empty("Signed out"),
      "303": empty("Signed out from a form post: on to the sign-in page", { Location: "Location" }),
    },
  }),
  operation({
    method: "get",
    path: "/api/me",
    operationId: "getMe",
    tag: "Sign-in",
    summary: "Who is signed in, and the session's CSRF token (null for an API token)",
    responses: { "200": json("The staff member", "Me") },
  }),
];
