import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { EventBridgeEvent } from "aws-lambda";
import type { Deps } from "../../shared/deps";
import { logger } from "../../shared/logger";
import { applySesEvent, type SesEventOutcome } from "../../shared/suppression/ses-events";

export type SesEventDetailType = "Email Bounced" | "Email Complaint Received";

/** What an invocation did, without the addresses themselves. */
export interface SesEventsResult {
  messageId: string;
  type: "bounce" | "complaint";
  /** The reason the addresses were suppressed under; undefined when nothing was suppressed. */
  reason?: "bounce" | "complaint";
  /** Hashes of the suppressed addresses. */
  suppressed: string[];
}

/**
 * The SES events function: EventBridge invokes it with one SES bounce or complaint event at a time
 * (asynchronously). Permanent bounces and complaints suppress their addresses; anything else is
 * logged. Logs carry the message id and address hashes, never the addresses. A detail it cannot
 * read throws, so the invocation fails visibly: Lambda retries it and then sends it to the
 * dead-letter queue, where the alarm finds it.
 */
export function createSesEventsHandler(deps: Deps) {
  return middy<EventBridgeEvent<SesEventDetailType, unknown>, SesEventsResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      logger.appendKeys({ eventId: event.id, detailType: event["detail-type"] });
      let outcome: SesEventOutcome;
      try {
        outcome = await applySesEvent(deps, event.detail);
      } catch (error) {
        logger.error("SES event not applied", { error });
        throw error;
      }
      const { event: ses, reason, suppressed } = outcome;
      const details = {
        messageId: ses.messageId,
        configurationSet: ses.configurationSet,
        type: ses.type,
        ...(ses.type === "bounce"
          ? { bounceType: ses.bounceType, bounceSubType: ses.bounceSubType }
          : { feedbackType: ses.feedbackType }),
      };
      if (reason) logger.info("addresses suppressed", { ...details, reason, emailHashes: suppressed });
      else
        logger.info("bounce not suppressed: the address may receive mail later", {
          ...details,
          recipients: ses.addresses.length,
        });
      if (ses.unreadable > 0)
        logger.warn("recipients without a readable address", { ...details, unreadable: ses.unreadable });
      return { messageId: ses.messageId, type: ses.type, reason, suppressed };
    });
}
