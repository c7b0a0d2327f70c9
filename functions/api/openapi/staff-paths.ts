import { tokenListQuerySchema } from "../../../shared/auth/api-tokens";
import { inboxQuerySchema } from "../../../shared/entities/feedback";
import { pageQuerySchema } from "../../../shared/paging";
import { body, bodyErrors, error, json, op, pageResponses, pathParameter, queryParameters } from "./helpers";
import { preferencesOperation } from "./people-paths";

/** `GET /api/feedback`: the inbox (the same path's POST is public intake). */
export const inboxOperation = {
  get: op("The inbox: filters, newest first, paginated", pageResponses("FeedbackPage", "Bad filter or limit"), {
    parameters: queryParameters(inboxQuerySchema),
  }),
};

/** The staff sign-in and staff API paths. */
export const staffPaths = {
  "/auth/magic-link": {
    post: {
      summary: "Ask for a sign-in link (JSON or form); always 202, whoever the address belongs to",
      ...body("MagicLinkRequest"),
      responses: {
        "202": { description: "A link is mailed if the address is active staff" },
        ...bodyErrors,
        "422": error("Invalid address"),
        "429": error("Too many requests"),
      },
    },
  },
  "/auth/callback": {
    get: {
      summary: "Follow a sign-in link: sets the session cookie and redirects to /console",
      parameters: [{ name: "token", in: "query", required: true, schema: { type: "string" } }],
      responses: { "303": { description: "Signed in" }, "400": { description: "Used, expired or invalid link" } },
    },
  },
  "/auth/logout": { post: op("End the session", { "204": { description: "Signed out" } }) },
  "/api/me": {
    get: op("Who is signed in, and the session's CSRF token", { "200": { description: "The staff member" } }),
    patch: preferencesOperation,
  },
  "/api/feedback/counts": {
    get: op("How many items have each status", { "200": { description: "Counts per status" } }),
  },
  "/api/feedback/bulk": {
    post: op(
      "The same changes for many items; results per item",
      { "200": { description: "Per-item results" }, "422": error("Invalid changes") },
      body("BulkInput"),
    ),
  },
  "/api/feedback/{id}": {
    get: op(
      "One item with its timeline and version",
      { "200": { description: "The item", content: json("FeedbackDetail") }, "404": error("Unknown id") },
      { parameters: [pathParameter("id")] },
    ),
    patch: op(
      "Change status, kind, topic, tags, assignee, or add a note, based on `version`",
      {
        "200": { description: "The changed item", content: json("Feedback") },
        "404": error("Unknown id"),
        "409": error("Stale version: `error.changedSince` says what changed"),
        "422": error("Invalid changes"),
      },
      { parameters: [pathParameter("id")], ...body("FeedbackPatch") },
    ),
  },
  "/api/feedback/{id}/merge": {
    post: op(
      "Mark an item a duplicate of another; its submitter then follows that item",
      {
        "200": { description: "The merged item", content: json("Feedback") },
        "404": error("Unknown id"),
        "409": error("Already merged, or the target is merged"),
        "422": error("Invalid target"),
      },
      { parameters: [pathParameter("id")], ...body("MergeInput") },
    ),
  },
  "/api/feedback/{id}/replies": {
    post: op(
      "A personal reply to the item's submitter, sent once by mail; it shows on the item's timeline with its delivery state",
      {
        "201": { description: "The reply's id and its message's state (`pending` until sent)" },
        "404": error("Unknown id"),
        "409": error("`cannot_reply`: nobody can receive it (anonymous, no consent, unsubscribed, erased)"),
        "422": error("Invalid message"),
      },
      { parameters: [pathParameter("id")], ...body("ReplyInput") },
    ),
  },
  "/api/staff": {
    get: op("Staff members, ordered by address, paginated", pageResponses("StaffPage"), {
      parameters: queryParameters(pageQuerySchema),
    }),
    post: op(
      "Invite someone with a role (admin)",
      {
        "201": { description: "Invited", content: json("Staff") },
        "409": error("Already staff"),
        "422": error("Invalid"),
      },
      body("InviteInput"),
    ),
  },
  "/api/staff/{id}": {
    patch: op(
      "Change a role, deactivate or reactivate, or set the department (admin)",
      {
        "200": { description: "Changed", content: json("Staff") },
        "404": error("Unknown id"),
        "409": error("The last admin"),
      },
      { parameters: [pathParameter("id")], ...body("StaffChange") },
    ),
  },
  "/api/tokens": {
    get: op(
      "Your API tokens (admins: `?staffId=`), oldest first, paginated; never their secrets",
      pageResponses("ApiTokenPage"),
      { parameters: queryParameters(tokenListQuerySchema) },
    ),
    post: op(
      "Create an API token; the answer holds it once",
      { "201": { description: "The token, shown once" }, "422": error("Invalid") },
      body("ApiTokenInput"),
    ),
  },
  "/api/feedback/export.csv": {
    get: op(
      "Every item matching the inbox filters as CSV (formula-safe, UTF-8 with BOM)",
      {
        "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
        "422": error("Bad filter"),
      },
      { parameters: queryParameters(inboxQuerySchema).filter((p) => p.name !== "limit" && p.name !== "cursor") },
    ),
  },
  "/api/privacy/export": {
    post: op(
      "Everything held about an address, as JSON (admin)",
      { "200": { description: "The export" }, "422": error("Invalid address") },
      body("PrivacyExportInput"),
    ),
  },
  "/api/privacy/erase": {
    post: op(
      "Erase an address's personal data, keeping messages only when anonymising; suppresses the address (admin)",
      { "200": { description: "How many items and notifications were erased" }, "422": error("Invalid input") },
      body("PrivacyEraseInput"),
    ),
  },
  "/api/tokens/{id}": {
    delete: op(
      "Revoke a token",
      { "204": { description: "Revoked" }, "404": error("Unknown id") },
      { parameters: [pathParameter("id")] },
    ),
  },
};
