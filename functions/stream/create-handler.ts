import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import middy from "@middy/core";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { forEachLimit } from "../../shared/concurrency";
import type { Deps } from "../../shared/deps";
import { actionLinkSchema, actionTimelineEntrySchema } from "../../shared/entities/action";
import { isStreamEntityType, type StreamEntityType } from "../../shared/entities/catalogue";
import { feedbackSchema } from "../../shared/entities/feedback";
import { jobSchema } from "../../shared/entities/job";
import { notificationSchema } from "../../shared/entities/notification";
import { subscriberSchema } from "../../shared/entities/subscriber";
import type { WebhookEndpoint } from "../../shared/entities/webhook";
import { webhookDeliverySchema } from "../../shared/entities/webhook";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";
import { countEffect, countFeedbackChange, countFeedbackChanges } from "../../shared/metrics/effect";
import { acknowledge } from "../../shared/notifications/acknowledge";
import { deliverNotification } from "../../shared/notifications/deliver";
import { outcomeTold, recordOutcomeTold } from "../../shared/notifications/outcome";
import { tellEnding } from "../../shared/notifications/personal";
import { eraseQuotedWords, messageErased } from "../../shared/privacy/service";
import { alertSubscribers } from "../../shared/staff/alerts";
import { updateLateItem, updateLateSubscriber } from "../../shared/updates/fan-out";
import { deliverWebhook, recordWebhookEvent } from "../../shared/webhooks/deliver";
import { actionStatusEvent, feedbackEvents, updateSentEvent } from "../../shared/webhooks/events";
import { runJobPage } from "../pipeline/jobs";

/** How long an invocation trusts the webhook endpoints it read. */
const ENDPOINTS_FRESH_MS = 5_000;
/** How many items' records one batch handles at once. */
const ITEM_CONCURRENCY = 16;

const image = (attributes: Record<string, unknown> | undefined) =>
  attributes ? unmarshall(attributes as Record<string, AttributeValue>) : undefined;

/** The item a record is about: records of one item are handled in order, those of different items side by side. */
const itemOf = (record: DynamoDBRecord) => `${record.dynamodb?.Keys?.PK?.S}\n${record.dynamodb?.Keys?.SK?.S}`;

/**
 * The stream function: each record the event filter lets through is dispatched to its use case.
 * Records of the same item are handled in stream order, and different items side by side (as
 * Lambda's parallelization keeps order per key): sends, page after page of a job, and the effects
 * of many items' changes do not wait for each other. Once a record of an item fails, that item's
 * later records in the batch wait for the redelivery. Failures are reported per record
 * (ReportBatchItemFailures), so one bad record does not hold back, or repeat the effects of, the
 * rest of the batch. The Lambda and the local poller both call what this returns.
 */
export function createStreamHandler(deps: Deps, transport: MailTransport) {
  type Reaction = (record: DynamoDBRecord, context: Context) => Promise<void>;

  // The webhook endpoints, read once for the records of an invocation and again after a few seconds
  // in a long one, not once per event. A read begun after an invocation began serves it too (it
  // sees every endpoint stored before the invocation), so invocations side by side share one.
  const began = new WeakMap<Context, number>();
  let lastRead: { at: number; endpoints: Promise<WebhookEndpoint[]> } | undefined;
  const endpointsFor = (context: Context) => {
    const start = began.get(context) ?? Number.POSITIVE_INFINITY;
    const held = lastRead;
    if (held && held.at > start && performance.now() - held.at < ENDPOINTS_FRESH_MS) return held.endpoints;
    const read = { at: performance.now(), endpoints: deps.webhooks.allEndpoints() };
    lastRead = read;
    read.endpoints.catch(() => {
      if (lastRead === read) lastRead = undefined;
    });
    return read.endpoints;
  };
  const deadlineOf = (context: Context) => ({ deadline: Date.now() + context.getRemainingTimeInMillis() });

  // The feedback changes of an invocation's batch counted together before its records are handled
  // one by one (each invocation has its own context): a record finds its change counted, or counts
  // it itself.
  const countedIn = new WeakMap<Context, Set<string>>();
  const countBatch = async (records: DynamoDBRecord[], context: Context) => {
    const stored = records.flatMap((record) => {
      if (image(record.dynamodb?.NewImage)?.entityType !== "Feedback") return [];
      const after = feedbackSchema.safeParse(image(record.dynamodb?.NewImage));
      const oldImage = image(record.dynamodb?.OldImage);
      const before = oldImage ? feedbackSchema.safeParse(oldImage) : undefined;
      // A record that does not parse fails on its own below, as it would alone.
      if (!after.success || (before && !before.success)) return [];
      return [{ before: before?.data, after: after.data }];
    });
    countedIn.set(context, await countFeedbackChanges(deps, stored));
  };

  /**
   * What the function does with a record of each entity whose stream interest the catalogue
   * declares (`shared/entities/catalogue.ts`): the event filter and this map come from the same
   * list, and the compiler refuses an entity with an interest and no reaction here.
   */
  const reactions: Record<StreamEntityType, Reaction> = {
    Notification: async (record, context) => {
      const after = notificationSchema.parse(image(record.dynamodb?.NewImage));
      if (record.eventName === "INSERT") {
        const outcome = await deliverNotification(deps, transport, after.purpose, deadlineOf(context));
        logger.info("notification handled", { purpose: after.purpose, outcome });
        return;
      }
      const oldImage = image(record.dynamodb?.OldImage);
      const before = oldImage ? notificationSchema.parse(oldImage) : undefined;
      const told = outcomeTold(before, after);
      if (told) await recordOutcomeTold(deps, told);
      const sent = updateSentEvent(before, after, deps.config.publicUrl);
      if (sent) await recordWebhookEvent(deps, sent, endpointsFor(context));
    },
    Feedback: async (record, context) => {
      const after = feedbackSchema.parse(image(record.dynamodb?.NewImage));
      const oldImage = image(record.dynamodb?.OldImage);
      const before = oldImage ? feedbackSchema.parse(oldImage) : undefined;
      if (!countedIn.get(context)?.has(countEffect(after))) await countFeedbackChange(deps, before, after);
      if (record.eventName === "INSERT") {
        const outcome = await acknowledge(deps, transport, after, deadlineOf(context));
        if (outcome) logger.info("acknowledgement handled", { feedbackId: after.id, outcome });
        const alerted = await alertSubscribers(deps, after);
        if (alerted > 0) logger.info("staff alerted", { feedbackId: after.id, alerted });
      }
      if (after.ending && after.ending.version === after.version && before?.ending?.at !== after.ending.at) {
        const written = await tellEnding(deps, after);
        if (written > 0) logger.info("ending told", { feedbackId: after.id, written });
      }
      if (messageErased(before, after)) {
        const erased = await eraseQuotedWords(deps, after.id);
        if (erased > 0) logger.info("quoted words erased from staff mail", { feedbackId: after.id, erased });
      }
      if (after.mergedInto && !before?.mergedInto) {
        const written = await updateLateItem(deps, after.id);
        logger.info("merged item's updates written", { feedbackId: after.id, written });
      }
      for (const event of feedbackEvents(before, after, deps.config.publicUrl)) {
        await recordWebhookEvent(deps, event, endpointsFor(context));
      }
    },
    ActionTimelineEntry: async (record, context) => {
      const event = actionStatusEvent(
        actionTimelineEntrySchema.parse(image(record.dynamodb?.NewImage)),
        deps.config.publicUrl,
      );
      if (event) await recordWebhookEvent(deps, event, endpointsFor(context));
    },
    WebhookDelivery: async (record, context) => {
      const { endpointId, id } = webhookDeliverySchema.parse(image(record.dynamodb?.NewImage));
      const outcome = await deliverWebhook(deps, { endpointId, eventId: id }, deadlineOf(context));
      logger.info("webhook delivery handled", { endpointId, deliveryId: id, outcome });
    },
    ActionLink: async (record) => {
      const { actionId, feedbackId } = actionLinkSchema.parse(image(record.dynamodb?.NewImage));
      const written = await updateLateItem(deps, feedbackId, [actionId]);
      logger.info("linked item's updates written", { actionId, feedbackId, written });
    },
    Subscriber: async (record) => {
      const subscriber = subscriberSchema.parse(image(record.dynamodb?.NewImage));
      const written = await updateLateSubscriber(deps, subscriber);
      logger.info("subscriber's update written", { actionId: subscriber.actionId, written });
    },
    Job: async (record, context) => {
      const { id } = jobSchema.parse(image(record.dynamodb?.NewImage));
      const outcome = await runJobPage(deps, transport, id, deadlineOf(context));
      logger.info("job page handled", { job: id, outcome });
    },
  };

  const handleRecord = async (record: DynamoDBRecord, context: Context) => {
    const type = image(record.dynamodb?.NewImage)?.entityType;
    if (isStreamEntityType(type)) await reactions[type](record, context);
  };

  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      began.set(context, performance.now());
      const failed = new Set<DynamoDBRecord>();
      await countBatch(event.Records, context);
      const byItem = new Map<string, DynamoDBRecord[]>();
      for (const record of event.Records) byItem.set(itemOf(record), [...(byItem.get(itemOf(record)) ?? []), record]);
      await forEachLimit([...byItem.values()], ITEM_CONCURRENCY, async (records) => {
        for (const [i, record] of records.entries()) {
          try {
            await handleRecord(record, context);
          } catch (error) {
            for (const later of records.slice(i)) failed.add(later);
            logger.error("stream record failed", {
              sequenceNumber: record.dynamodb?.SequenceNumber,
              error: String(error),
            });
            return;
          }
        }
      });
      return {
        batchItemFailures: event.Records.filter((record) => failed.has(record)).map((record) => ({
          itemIdentifier: record.dynamodb?.SequenceNumber ?? "",
        })),
      };
    });
}
