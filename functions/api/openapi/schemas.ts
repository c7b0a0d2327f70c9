import * as z from "zod/mini";
import { boardEntrySchema } from "../../../shared/actions/board";
import {
  actionDetailSchema,
  actionInputSchema,
  actionPatchSchema,
  actionSchema,
  actionStatuses,
} from "../../../shared/entities/action";
import { apiTokenInputSchema, apiTokenViewSchema, magicLinkRequestSchema } from "../../../shared/entities/auth";
import {
  feedbackInputSchema,
  feedbackNowSchema,
  feedbackPatchSchema,
  feedbackSchema,
  feedbackStatuses,
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
import { suppressionLiftSchema } from "../../../shared/entities/suppression";
import {
  webhookDeliverySchema,
  webhookEndpointViewSchema,
  webhookInputSchema,
  webhookPatchSchema,
} from "../../../shared/entities/webhook";
import { errorCodes } from "../../../shared/errors";
import { bulkInputSchema, itemResultsSchema } from "../../../shared/feedback/bulk";
import { goalDetailSchema, goalProgressViewSchema, overallLoopSchema } from "../../../shared/goals/progress-view";
import { locales } from "../../../shared/i18n/locales";
import { messageStateSchema } from "../../../shared/notifications/messages";
import {
  erasureResultSchema,
  personalDataExportSchema,
  privacyEraseInputSchema,
  privacyExportInputSchema,
} from "../../../shared/privacy/schema";

/** A page of a list: its items and the cursor of the next page (null on the last). */
const page = (items: z.ZodMiniType) => z.object({ items: z.array(items), nextCursor: z.nullable(z.string()) });

/**
 * The one JSON error shape, `{ "error": { "code", "message", "fields"? } }`, with the details some
 * errors add beside `code` and `message` (what the client needs to act on: see the 409s).
 */
const errorBody = (details: Record<string, z.ZodMiniType> = {}) =>
  z.object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      /** For 422 `validation_failed`: what is wrong with each invalid field (dotted paths). */
      fields: z.optional(z.record(z.string(), z.string())),
      ...details,
    }),
  });

type Component = { zod: z.ZodMiniType; io?: "input" | "output" };
const output = (zod: z.ZodMiniType): Component => ({ zod });
const input = (zod: z.ZodMiniType): Component => ({ zod, io: "input" });

/**
 * The document's component schemas, each made from the zod schema that validates it (requests) or
 * types it (answers). Request bodies are written as the client may send them (`io: "input"`:
 * defaults optional); answers as the server sends them, closed to fields it does not send. Made when
 * the document is built, like the operations (see document.ts).
 */
export const componentSchemas = () =>
  ({
    Error: output(errorBody()),
    FeedbackConflict: output(
      errorBody({
        /** A stale `version`: the item as it is now … */
        current: z.optional(feedbackNowSchema),
        /** … and every timeline entry that changed it since the version the client sent. */
        changedSince: z.optional(z.array(timelineEntrySchema)),
        /** A change of a merged item: the item to change instead. */
        mergedInto: z.optional(z.string()),
      }),
    ),
    MergeConflict: output(errorBody({ mergedInto: z.optional(z.string()) })),
    GoalConflict: output(errorBody({ current: z.optional(goalSchema) })),
    WebhookConflict: output(errorBody({ current: z.optional(webhookEndpointViewSchema) })),
    ActionConflict: output(
      errorBody({
        /** A stale `version` (`version_conflict`): the action as it is now. */
        current: z.optional(actionSchema),
        /** A status move that is not allowed (`invalid_transition`): the statuses it may move to. */
        allowed: z.optional(z.array(z.enum(actionStatuses))),
      }),
    ),
    TranslationMissing: output(
      errorBody({
        /** `missing_translation`: each language a text lacks that customers read, and how many do. */
        missing: z.optional(z.array(z.object({ locale: z.enum(locales), customers: z.number() }))),
      }),
    ),
    Health: output(z.object({ ok: z.boolean() })),
    Accepted: output(z.object({ ok: z.literal(true) })),
    FeedbackInput: input(feedbackInputSchema),
    Submitted: output(submittedSchema),
    TrackingView: output(trackingViewSchema),
    BoardPage: output(page(boardEntrySchema)),
    SubscribeInput: input(subscribeInputSchema),
    Feedback: output(feedbackSchema),
    FeedbackDetail: output(
      z.extend(feedbackSchema, {
        timeline: z.array(timelineEntrySchema),
        mergedItems: z.array(z.string()),
        messages: z.array(messageStateSchema),
      }),
    ),
    FeedbackPage: output(page(feedbackSchema)),
    StatusCounts: output(z.object(Object.fromEntries(feedbackStatuses.map((status) => [status, z.number()])))),
    FeedbackPatch: input(feedbackPatchSchema),
    MergeInput: input(mergeInputSchema),
    ReplyInput: input(replyInputSchema),
    ReplyCreated: output(z.object({ id: z.string(), status: z.literal("pending") })),
    BulkInput: input(bulkInputSchema),
    ItemResults: output(itemResultsSchema),
    MagicLinkRequest: input(magicLinkRequestSchema),
    Me: output(z.object({ staff: staffSchema, csrfToken: z.nullable(z.string()) })),
    Staff: output(staffSchema),
    StaffPage: output(page(staffSchema)),
    InviteInput: input(inviteInputSchema),
    StaffChange: input(staffChangeSchema),
    ApiTokenPage: output(page(apiTokenViewSchema)),
    ApiTokenInput: input(apiTokenInputSchema),
    ApiTokenCreated: output(z.object({ token: z.string(), apiToken: apiTokenViewSchema })),
    PrivacyExportInput: input(privacyExportInputSchema),
    PersonalDataExport: output(personalDataExportSchema),
    PrivacyEraseInput: input(privacyEraseInputSchema),
    ErasureResult: output(erasureResultSchema),
    Goal: output(goalSchema),
    GoalDetail: output(goalDetailSchema),
    GoalPage: output(page(goalSchema)),
    GoalInput: input(goalInputSchema),
    GoalPatch: input(goalPatchSchema),
    GoalProgressView: output(goalProgressViewSchema),
    LoopOverview: output(overallLoopSchema),
    FeedbackIds: input(feedbackIdsSchema),
    Observation: output(observationSchema),
    ObservationInput: input(observationInputSchema),
    ObservationImport: output(observationImportSchema),
    ObservationPage: output(page(observationSchema)),
    Action: output(actionSchema),
    ActionDetail: output(actionDetailSchema),
    ActionPage: output(page(actionSchema)),
    ActionInput: input(actionInputSchema),
    ActionPatch: input(actionPatchSchema),
    SuppressionLift: output(suppressionLiftSchema),
    Preferences: input(preferencesSchema),
    RouteInput: input(routeInputSchema),
    Routed: output(routedSchema),
    KudosInput: input(kudosInputSchema),
    Kudos: output(kudosSchema),
    RecognitionSummary: output(recognitionSummarySchema),
    Webhook: output(webhookEndpointViewSchema),
    WebhookPage: output(page(webhookEndpointViewSchema)),
    WebhookCreated: output(z.object({ webhook: webhookEndpointViewSchema, secret: z.string() })),
    WebhookInput: input(webhookInputSchema),
    WebhookPatch: input(webhookPatchSchema),
    WebhookDelivery: output(webhookDeliverySchema),
    WebhookDeliveryPage: output(page(webhookDeliverySchema)),
  }) satisfies Record<string, Component>;

/** The name of a component schema. */
export type SchemaName = keyof ReturnType<typeof componentSchemas>;
