import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import middy from "@middy/core";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { Deps } from "../../shared/deps";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";
import { deliverNotification } from "../../shared/notifications/deliver";
import { notificationSchema } from "../../shared/notifications/schema";

/**
 * The stream function: each record the event filter lets through is dispatched to its use case.
 * Failures are reported per record (ReportBatchItemFailures), so one bad record does not hold
 * back, or repeat the effects of, the rest of the batch. The Lambda and the local poller both
 * call what this returns.
 */
export function createStreamHandler(deps: Deps, transport: MailTransport) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);

  const handleRecord = async (record: DynamoDBRecord) => {
    const image = record.dynamodb?.NewImage;
    if (!image) return;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.entityType === "Notification") {
      const { purpose } = notificationSchema.parse(item);
      const outcome = await deliverNotification(deps, transport, purpose);
      logger.info("notification handled", { purpose, outcome });
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
