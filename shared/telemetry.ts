import { logger } from "./logger";

/**
 * The loop's business events and the name each has as a CloudWatch metric. The CDK dashboard and
 * alarms read the same names, so the code and the graphs cannot drift.
 */
export const loopEvents = {
  /** A feedback item was stored by intake (not a replayed request). */
  feedbackReceived: "FeedbackReceived",
  /** A message was handed to the mail service. */
  messageSent: "MessagesSent",
  /** A send failed and will be tried again after a backoff. */
  sendRetrying: "SendAttemptsFailed",
  /** A message used its last attempt and ended failed: nobody will send it. */
  messageFailed: "MessagesFailed",
  /** A message was not sent because its address is suppressed (bounce, complaint, unsubscribe, erasure). */
  messageSuppressed: "MessagesSuppressed",
  /** A closing message ("you said, we did") was sent: a customer's loop is closed. */
  loopClosed: "LoopsClosed",
  /** A compliment was routed to a person it praises (counted per person). */
  complimentRouted: "ComplimentsRouted",
  /** A staff member gave a colleague kudos. */
  kudosGiven: "KudosGiven",
  /** A staff member was alerted to a detractor or a complaint (counted per person). */
  alertRaised: "AlertsRaised",
  /** A staff member's weekly digest was written to the outbox. */
  digestWritten: "DigestsWritten",
  /** A job's cursor had stopped moving, and the sweep took the job over. */
  jobStalled: "JobsStalled",
  /** An item a job could not handle and went on past (recorded on the job and the item's timeline). */
  jobItemGivenUp: "JobItemsGivenUp",
  /** A webhook delivery was accepted by its endpoint (a 2xx answer). */
  webhookSent: "WebhooksSent",
  /** A webhook delivery used its last attempt and ended failed. */
  webhookFailed: "WebhooksFailed",
} as const;

export type LoopEvent = keyof typeof loopEvents;

/** Where the metrics of the loop's events go: the namespace and the one dimension they carry. */
export const loopMetrics = {
  /** The namespace when the environment names none (`POWERTOOLS_METRICS_NAMESPACE`, set per stack). */
  defaultNamespace: "FeedbackLoop",
  /** The `service` dimension of every loop metric, whichever function emits it. */
  service: "loop",
} as const;

/**
 * The port through which use cases report what happened in the loop. On Lambda it becomes
 * Powertools metrics (EMF), flushed per invocation; locally it is a debug log line; tests record.
 */
export interface Telemetry {
  /** Counts `n` (default 1) occurrences of `event`. */
  count(event: LoopEvent, n?: number): void;
}

/** Telemetry that logs each event at debug level: quiet at the usual INFO, visible with DEBUG. */
export function loggedTelemetry(): Telemetry {
  return {
    count(event, n = 1) {
      logger.debug("metric", { metric: loopEvents[event], value: n });
    },
  };
}

/** Telemetry that keeps the counts in memory, for tests and local checks. */
export function recordingTelemetry(): Telemetry & { counts: Partial<Record<LoopEvent, number>> } {
  const counts: Partial<Record<LoopEvent, number>> = {};
  return {
    counts,
    count(event, n = 1) {
      counts[event] = (counts[event] ?? 0) + n;
    },
  };
}
