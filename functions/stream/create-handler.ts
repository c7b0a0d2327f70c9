import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import middy from "@middy/core";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { Deps } from "../../shared/deps";
import { countStatusChange } from "../../shared/feedback/counts";
import { feedbackSchema } from "../../shared/feedback/schema";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";
import { deliverNotification } from "../../shared/notifications/deliver";
import { notificationSchema } from "../../shared/notifications/schema";

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
      const before = image(record.dynamodb?.OldImage);
      await countStatusChange(deps, {
        id: after.id,
        version: after.version,
        before: before ? feedbackSchema.parse(before).status : undefined,
        after: after.status,
      });
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
