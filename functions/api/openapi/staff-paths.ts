import * as z from "zod/mini";
import { tokenListQuerySchema } from "../../../shared/auth/api-tokens";
import { inboxQuerySchema } from "../../../shared/entities/feedback";
import { pageQuerySchema } from "../../../shared/paging";
import { empty, error, json } from "./helpers";
import { operation } from "./operation";

/** The staff API of feedback, staff, tokens and privacy. */
export const staffOperations = () => [
  operation({
    method: "get",
    path: "/api/feedback",
    operationId: "listFeedback",
    tag: "Feedback",
    summary: "The inbox: filters, newest first, paginated",
    query: inboxQuerySchema,
    responses: { "200": json("A page; `nextCursor` fetches the next, null on the last", "FeedbackPage") },
  }),
  operation({
    method: "get",
    path: "/api/feedback/counts",
    operationId: "countFeedbackByStatus",
    tag: "Feedback",
    summary: "How many items have each status",
    responses: { "200": json("Counts per status", "StatusCounts") },
  }),
  operation({
    method: "post",
    path: "/api/feedback/bulk",
    operationId: "bulkUpdateFeedback",
    tag: "Feedback",
    summary: "The same changes for many items (each read fresh, no version); results per item",
    body: "BulkInput",
    responses: { "200": json("One result per item", "ItemResults") },
  }),
  operation({
    method: "get",
    path: "/api/feedback/export.csv",
    operationId: "exportFeedbackCsv",
    tag: "Feedback",
    summary: "Every item matching the inbox filters as CSV (formula-safe, UTF-8 with BOM)",
    query: z.omit(inboxQuerySchema, { limit: true, cursor: true }),
    responses: {
      "200": {
        description: "The CSV file",
        headers: { "Content-Disposition": { $ref: "#/components/headers/ContentDisposition" } },
        content: { "text/csv": { schema: { type: "string" } } },
      },
    },
  }),
  operation({
    method: "get",
    path: "/api/feedback/{id}",
    operationId: "getFeedback",
    tag: "Feedback",
    summary: "One item with its timeline, its messages and its version",
    responses: { "200": json("The item", "FeedbackDetail"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "patch",
    path: "/api/feedback/{id}",
    operationId: "updateFeedback",
    tag: "Feedback",
    summary: "Change status, kind, topic, tags, assignee, or add a note, based on `version`",
    description:
      "Moving to `done` or `closed` by hand takes an `outcome` (told once to the consenting submitter, and those of items merged into it), or `notify: false` to tell nobody on purpose.",
    body: "FeedbackPatch",
    responses: {
      "200": json("The changed item", "Feedback"),
      "404": error("Unknown id (`not_found`)"),
      "409": error(
        "A stale `version` (`version_conflict`: `current` is the item now, `changedSince` what changed since), or a change of a merged item (`conflict`: `mergedInto` is the item to change)",
        "FeedbackConflict",
      ),
      "422": error(
        "Invalid changes, an assignee who is not active staff, or an ending without `outcome` for a submitter who asked to hear back (`validation_failed`)",
      ),
    },
  }),
  operation({
    method: "post",
    path: "/api/feedback/{id}/merge",
    operationId: "mergeFeedback",
    tag: "Feedback",
    summary: "Mark an item a duplicate of another; its submitter then follows that item",
    body: "MergeInput",
    responses: {
      "200": json("The merged item", "Feedback"),
      "404": error("Unknown id or target (`not_found`)"),
      "409": error(
        "Already merged, or the target is merged (`conflict`; `mergedInto` names where it went), or one of them changed meanwhile (`version_conflict`)",
        "MergeConflict",
      ),
      "422": error("No target, or the item itself (`validation_failed`)"),
    },
  }),
  operation({
    method: "post",
    path: "/api/feedback/{id}/replies",
    operationId: "replyToFeedback",
    tag: "Feedback",
    summary: "A personal reply to the item's submitter, sent once by mail",
    description:
      "The reply shows on the item's timeline with its delivery state (pending, sent, failed, suppressed). With an `Idempotency-Key`, the same staff member sending the same reply to the same item again gets the first answer, and the customer one mail.",
    body: "ReplyInput",
    headers: ["IdempotencyKey"],
    responses: {
      "201": json("The reply's id, and its message's state (`pending` until sent)", "ReplyCreated"),
      "400": error("The body is not valid JSON, or the Idempotency-Key is malformed (`malformed_request`)"),
      "404": error("Unknown id (`not_found`)"),
      "409": error(
        "Nobody can receive it: anonymous, no consent, unsubscribed or erased (`cannot_reply`); or a request with this Idempotency-Key is still being processed (`conflict`)",
      ),
      "422": error(
        "No message, or one too long (`validation_failed`), or an Idempotency-Key reused with another message (`idempotency_key_reused`)",
      ),
    },
  }),
  operation({
    method: "get",
    path: "/api/staff",
    operationId: "listStaff",
    tag: "Staff",
    summary: "Staff members, ordered by address, paginated",
    query: pageQuerySchema,
    responses: { "200": json("A page; `nextCursor` fetches the next, null on the last", "StaffPage") },
  }),
  operation({
    method: "post",
    path: "/api/staff",
    operationId: "inviteStaff",
    tag: "Staff",
    summary: "Invite someone with a role; they get a sign-in mail",
    body: "InviteInput",
    responses: {
      "201": json("Invited", "Staff"),
      "409": error("Already staff, whatever the case of the address (`conflict`)"),
    },
  }),
  operation({
    method: "patch",
    path: "/api/staff/{id}",
    operationId: "changeStaff",
    tag: "Staff",
    summary: "Change a role, deactivate or reactivate, or set the department",
    body: "StaffChange",
    responses: {
      "200": json("Changed", "Staff"),
      "404": error("Unknown id (`not_found`)"),
      "409": error("That would leave no active admin (`conflict`)"),
    },
  }),
  operation({
    method: "delete",
    path: "/api/staff/{id}/suppression",
    operationId: "liftStaffSuppression",
    tag: "Staff",
    summary: "Lift the suppression of a staff member's address",
    description: "Audited: who lifted it, when, the address's hash and the reason it had.",
    responses: {
      "200": json("Lifted: the audit record", "SuppressionLift"),
      "404": error("Unknown id (`not_found`)"),
      "409": error("The address is not suppressed, or its suppression changed meanwhile (`conflict`)"),
    },
  }),
  operation({
    method: "get",
    path: "/api/tokens",
    operationId: "listApiTokens",
    tag: "Tokens",
    summary: "Your API tokens (admins: anyone's, with `staffId`), oldest first, paginated; never their secrets",
    query: tokenListQuerySchema,
    responses: { "200": json("A page; `nextCursor` fetches the next, null on the last", "ApiTokenPage") },
  }),
  operation({
    method: "post",
    path: "/api/tokens",
    operationId: "createApiToken",
    tag: "Tokens",
    summary: "Create an API token (admins: for someone else, with `staffId`); the answer holds it once",
    body: "ApiTokenInput",
    responses: { "201": json("The token (shown this once) and what is kept of it", "ApiTokenCreated") },
  }),
  operation({
    method: "delete",
    path: "/api/tokens/{id}",
    operationId: "revokeApiToken",
    tag: "Tokens",
    summary: "Revoke a token of your own (admins: anyone's)",
    responses: { "204": empty("Revoked"), "404": error("Unknown id, or someone else's token (`not_found`)") },
  }),
  operation({
    method: "post",
    path: "/api/privacy/export",
    operationId: "exportPersonalData",
    tag: "Privacy",
    summary: "Everything held about an address, as JSON",
    body: "PrivacyExportInput",
    responses: { "200": json("The export", "PersonalDataExport") },
  }),
  operation({
    method: "post",
    path: "/api/privacy/erase",
    operationId: "erasePersonalData",
    tag: "Privacy",
    summary: "Erase an address's personal data (keeping messages, anonymised, only when asked); suppresses the address",
    body: "PrivacyEraseInput",
    responses: {
      "200": json("How many items and notifications were erased", "ErasureResult"),
      "409": error("An item kept changing during the erasure; run it again (`version_conflict`)"),
    },
  }),
];
