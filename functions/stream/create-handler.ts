import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import middy from "@middy/core";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as z from "zod/mini";
import { actionSchema } from "../../shared/actions/schema";
import { startActionSync } from "../../shared/actions/sync-job";
import type { Deps } from "../../shared/deps";
import { countStatusChange } from "../../shared/feedback/counts";
import { feedbackSchema } from "../../shared/feedback/schema";
import { runJobPage } from "../../shared/jobs/run";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";
import { countFeedbackMetrics } from "../../shared/metrics/effect";
import { deliverNotification } from "../../shared/notifications/deliver";
import { notificationSchema } from "../../shared/notifications/schema";
import { updateLateItem } from "../../shared/updates/fan-out";

const actionLinkSchema = z.object({ actionId: z.string(), feedbackId: z.string() });

const image = (attributes: Record<string, unknown> | undefined) =>
  attributes ? unmarshall(attributes as Record<string, AttributeValue>) : undefined;

/**
 * The stream function: each record the event filter lets through is dispatched to its use case.
 * Failures are reported per record (ReportBatchItemFailures), so one bad record does not hold
 * back, or repeat the effects of, the rest of the batch. The Lambda and the local poller both
 * call what this returns.
 */
export function createStreamHandler(deps: Deps, transport: MailTransport) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);

  const handleRecord = async (record: DynamoDBRecord) => {
    const item = image(record.dynamodb?.NewImage);
    if (item?.entityType === "Notification") {
      const { purpose } = notificationSchema.parse(item);
      const outcome = await deliverNotification(deps, transport, purpose);
      logger.info("notification handled", { purpose, outcome });
    } else if (item?.entityType === "Feedback") {
      const after = feedbackSchema.parse(item);
      const oldImage = image(record.dynamodb?.OldImage);
      const before = oldImage ? feedbackSchema.parse(oldImage) : undefined;
      await countStatusChange(deps, {
        id: after.id,
        version: after.version,
        before: before?.status,
        after: after.status,
      });
      await countFeedbackMetrics(deps, before, after);
      if (after.mergedInto && !before?.mergedInto) {
        const written = await updateLateItem(deps, after.id);
        logger.info("merged item's updates written", { feedbackId: after.id, written });
      }
    } else if (item?.entityType === "Action") {
      const after = actionSchema.parse(item);
      const oldImage = image(record.dynamodb?.OldImage);
      await startActionSync(
        deps,
        oldImage ? actionSchema.parse(oldImage) : undefined,
        after,
        after.updatedBy ?? "system",
      );
    } else if (item?.entityType === "ActionLink") {
      const { actionId, feedbackId } = actionLinkSchema.parse(item);
      const written = await updateLateItem(deps, feedbackId, [actionId]);
      logger.info("linked item's updates written", { actionId, feedbackId, written });
    } else if (item?.entityType === "Job") {
      const outcome = await runJobPage(deps, String(item.id));
      logger.info("job page handled", { job: item.id, outcome });
    }
  };

  return middy<DynamoDBStreamEvent>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) =>
      processPartialResponse(event, handleRecord, processor, {
        processInParallel: false,
        throwOnFullBatchFailure: false,
      }),
    );
}
