import type * as z from "zod/mini";
import { keys } from "../db/keys";
import type { tableDefinition } from "../db/table";
import {
  actionCountsSchema,
  actionLinkSchema,
  actionSchema,
  actionTimelineEntrySchema,
  finderCreditSchema,
} from "./action";
import { apiTokenSchema, magicLinkSchema, sessionSchema } from "./auth";
import { feedbackSchema, mergedLinkSchema, statusCountsSchema, timelineEntrySchema } from "./feedback";
import { goalSchema } from "./goal";
import { jobSchema } from "./job";
import { linkSetSchema, trackingTokenSchema, unsubscribeTokenSchema } from "./links";
import { metricDaySchema } from "./metric";
import { notificationSchema } from "./notification";
import { observationSchema } from "./observation";
import { recognitionSchema } from "./recognition";
import {
  appliedEffectSchema,
  cursorSchema,
  demoMarkerSchema,
  idempotencySchema,
  mailPauseSchema,
  rateWindowSchema,
} from "./records";
import { digestRunSchema, staffEmailSchema, staffSchema } from "./staff";
import { subscriberSchema, subscribeTokenSchema } from "./subscriber";
import { suppressionLiftSchema, suppressionSchema } from "./suppression";
import { webhookDeliverySchema, webhookEndpointSchema } from "./webhook";

/** A secondary index of the table, by its name in `tableDefinition`. */
export type IndexName = keyof typeof tableDefinition.indexes;

type StreamEvent = "INSERT" | "MODIFY";

/**
 * Which stream records of an entity the stream function acts on: the events, and the values the
 * new image must hold (string attributes in `where`, numbers in `numbers`, as DynamoDB writes them).
 */
export interface StreamInterest {
  events: readonly StreamEvent[];
  where?: Readonly<Record<string, readonly string[]>>;
  numbers?: Readonly<Record<string, readonly string[]>>;
  /** What the stream function does with such a record. */
  reaction: string;
}

/** What the table holds of one kind of item, and what the stream function does when it changes. */
export interface EntityDefinition {
  /** The attributes a stored item holds besides its keys; every read is parsed with it. */
  schema: z.ZodMiniType;
  /** Its primary key (every key is built in `db/keys.ts`). */
  key: (...parts: never[]) => { PK: string; SK: string };
  /** The secondary indexes it has entries in. */
  indexes: readonly IndexName[];
  stream?: readonly StreamInterest[];
}

/**
 * Every kind of item in the one table, each with its one definition: schema, key, indexes and
 * stream interest. The stream filter (`stream/filters.ts`) and the stream function's dispatch are
 * derived from it, repositories write items through `stored`, and a test holds the table's
 * indexes to the ones named here.
 */
export const entities = {
  Feedback: {
    schema: feedbackSchema,
    key: keys.feedback,
    indexes: [
      "lists",
      "feedbackByStatus",
      "feedbackByKind",
      "feedbackByTopic",
      "feedbackByDepartment",
      "feedbackByAssignee",
      "byEmail",
      "byGoal",
    ],
    stream: [
      {
        events: ["INSERT", "MODIFY"],
        reaction:
          "the status counts and the metric counters follow it; a new item owed an acknowledgement gets it; a new detractor or complaint alerts the staff subscribed to its topic or department; an item merged into one linked to an action gets the update the action owes; an item ended by hand tells its customers what came of it; an erased message is taken out of staff mail still to be sent that quotes it; webhooks that want feedback.created or feedback.status_changed get a delivery",
      },
    ],
  },
  TimelineEntry: { schema: timelineEntrySchema, key: keys.timelineEntry, indexes: [] },
  MergedLink: { schema: mergedLinkSchema, key: keys.mergedInto, indexes: [] },
  StatusCounts: { schema: statusCountsSchema, key: keys.statusCounts, indexes: [] },
  Goal: { schema: goalSchema, key: keys.goal, indexes: ["lists"] },
  Observation: { schema: observationSchema, key: keys.observation, indexes: [] },
  Action: {
    schema: actionSchema,
    key: keys.action,
    // A change its linked feedback must follow writes the job that carries it, in the same transaction.
    indexes: ["lists", "byGoal", "feedbackByStatus"],
  },
  ActionTimelineEntry: {
    schema: actionTimelineEntrySchema,
    key: keys.actionTimelineEntry,
    indexes: [],
    stream: [
      {
        // The action itself has no stream interest: its change is written in one transaction with
        // this entry, which says what changed (every change has one; only some write a job).
        events: ["INSERT"],
        where: { type: ["changed"] },
        reaction: "a change of the action's status gives webhooks that want action.status_changed a delivery",
      },
    ],
  },
  ActionLink: {
    schema: actionLinkSchema,
    key: keys.actionLink,
    indexes: [],
    stream: [
      {
        events: ["INSERT"],
        reaction:
          "the item's side of the link is made sure of, and the linked item gets the update of the action's current phase",
      },
    ],
  },
  FinderCredit: { schema: finderCreditSchema, key: keys.finderCredit, indexes: [] },
  ActionCounts: { schema: actionCountsSchema, key: keys.actionCounts, indexes: [] },
  FeedbackActionLink: { schema: actionLinkSchema, key: keys.feedbackActionLink, indexes: [] },
  Subscriber: {
    schema: subscriberSchema,
    key: keys.subscriber,
    indexes: ["byEmail"],
    stream: [
      {
        events: ["INSERT", "MODIFY"],
        where: { status: ["confirmed"] },
        reaction: "a confirmed subscriber gets the update of the action's current phase, if one began",
      },
    ],
  },
  SubscribeToken: { schema: subscribeTokenSchema, key: keys.subscribeToken, indexes: [] },
  Notification: {
    schema: notificationSchema,
    key: keys.notification,
    indexes: ["byEmail", "lists"],
    stream: [
      {
        // One written already claimed is being sent by its writer. A failed send is recorded, not
        // thrown: the notification stays listed as due, and the sweep retries it after a backoff.
        events: ["INSERT"],
        where: { status: ["pending"] },
        numbers: { attempts: ["0"] },
        reaction: "an unclaimed notification written to the outbox is claimed and sent",
      },
      {
        // Kept out of the mark, which stays one write. What became of every message is shown on
        // the items' timelines from the notification itself, so nothing else is written for it.
        // One filter for both reactions (Lambda allows few per event source mapping); the told-at
        // is left to the page that sent it when `toldBy` says so.
        events: ["MODIFY"],
        where: { status: ["sent"], kind: ["update", "ending"] },
        reaction:
          "a 'we did' update sent by anyone but a job's page (which writes it itself), a dropped action's update, or an ending told by hand, sets the told-at of the items it covered; an update just sent gives webhooks that want update.sent a delivery",
      },
    ],
  },
  WebhookEndpoint: { schema: webhookEndpointSchema, key: keys.webhookEndpoint, indexes: [] },
  WebhookDelivery: {
    schema: webhookDeliverySchema,
    key: keys.webhookDelivery,
    indexes: ["lists"],
    stream: [
      {
        // Like a notification: written unclaimed, claimed and sent by the stream function; a
        // failed attempt stays due for the sweep, which retries it after a backoff.
        events: ["INSERT"],
        where: { status: ["pending"] },
        numbers: { attempts: ["0"] },
        reaction: "a webhook delivery written to its outbox is claimed, signed and sent",
      },
    ],
  },
  Job: {
    schema: jobSchema,
    key: keys.job,
    indexes: ["lists"],
    stream: [
      {
        events: ["INSERT", "MODIFY"],
        where: { status: ["pending"] },
        reaction:
          "its next page is run (linked items follow the action; a phase's updates are written and sent): written when it starts and each time it moves its cursor on",
      },
    ],
  },
  LinkSet: { schema: linkSetSchema, key: keys.linkSet, indexes: [] },
  TrackingToken: { schema: trackingTokenSchema, key: keys.tracking, indexes: [] },
  UnsubscribeToken: { schema: unsubscribeTokenSchema, key: keys.unsubscribe, indexes: ["byEmail"] },
  Suppression: { schema: suppressionSchema, key: keys.suppression, indexes: [] },
  SuppressionLift: { schema: suppressionLiftSchema, key: keys.suppressionLift, indexes: [] },
  Cursor: { schema: cursorSchema, key: keys.acknowledgementCursor, indexes: [] },
  MailPause: { schema: mailPauseSchema, key: keys.mailPause, indexes: [] },
  Idempotency: { schema: idempotencySchema, key: keys.idempotency, indexes: [] },
  RateWindow: { schema: rateWindowSchema, key: keys.rateWindow, indexes: [] },
  Staff: { schema: staffSchema, key: keys.staff, indexes: ["lists"] },
  StaffEmail: { schema: staffEmailSchema, key: keys.staffEmail, indexes: [] },
  MagicLink: { schema: magicLinkSchema, key: keys.magicLink, indexes: [] },
  Session: { schema: sessionSchema, key: keys.session, indexes: [] },
  ApiToken: { schema: apiTokenSchema, key: keys.apiToken, indexes: ["lists"] },
  AppliedEffect: { schema: appliedEffectSchema, key: keys.applied, indexes: [] },
  MetricDay: { schema: metricDaySchema, key: keys.metricDay, indexes: [] },
  Recognition: { schema: recognitionSchema, key: keys.recognition, indexes: [] },
  DigestRun: { schema: digestRunSchema, key: keys.digestRun, indexes: [] },
  DemoMarker: { schema: demoMarkerSchema, key: keys.demoMarker, indexes: [] },
} as const satisfies Record<string, EntityDefinition>;

export type EntityType = keyof typeof entities;

/** The entities the stream function acts on. */
export type StreamEntityType = {
  [T in EntityType]: (typeof entities)[T] extends { stream: readonly StreamInterest[] } ? T : never;
}[EntityType];

/** Whether a stored item's type is one whose records the stream function acts on. */
export const isStreamEntityType = (value: unknown): value is StreamEntityType =>
  isEntityType(value) && "stream" in entities[value];

/** What an item of an entity holds, as its schema reads it. */
export type EntityOf<T extends EntityType> = z.infer<(typeof entities)[T]["schema"]>;

/** Whether a stored item's type is one the catalogue knows. */
export const isEntityType = (value: unknown): value is EntityType =>
  typeof value === "string" && Object.hasOwn(entities, value);

/**
 * An item as it is stored: its key attributes (primary, and those of the indexes it is on), its
 * entity type, and its attributes, checked against the entity's schema by the compiler.
 */
export function stored<T extends EntityType>(
  type: T,
  keyAttributes: object,
  attributes: z.input<(typeof entities)[T]["schema"]>,
): Record<string, unknown> {
  return { ...keyAttributes, entityType: type, ...(attributes as object) };
}
