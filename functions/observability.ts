import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { logMetrics } from "@aws-lambda-powertools/metrics/middleware";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { captureLambdaHandler } from "@aws-lambda-powertools/tracer/middleware";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { MiddlewareObj } from "@middy/core";
import type { Config } from "../shared/config";
import { createDocumentClient } from "../shared/db/client";
import { createDeps, type Deps } from "../shared/deps";
import { logger } from "../shared/logger";
import { type LoopEvent, loopEvents, loopMetrics, type Telemetry } from "../shared/telemetry";

// Lambda only: the Lambda entries (`functions/*/handler.ts`) import this module, the local host
// never does, so neither the tracer (the X-Ray SDK) nor EMF output reaches `npm start`.

/** X-Ray tracing of the function (its service name from `POWERTOOLS_SERVICE_NAME`). */
export const tracer = new Tracer();

/**
 * The loop's business metrics (EMF, namespace per stack from `POWERTOOLS_METRICS_NAMESPACE`), one
 * `service` dimension whichever function emits them. An invocation without any (most api requests)
 * publishes nothing, and Powertools' notice of that is logged at debug level, not as a warning.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || loopMetrics.defaultNamespace,
  serviceName: loopMetrics.service,
  logger: {
    debug: (...content: unknown[]) => logger.debug(String(content[0]), { details: content.slice(1) }),
    info: (...content: unknown[]) => logger.info(String(content[0]), { details: content.slice(1) }),
    warn: (...content: unknown[]) => {
      const message = String(content[0]);
      if (message.startsWith("No application metrics to publish")) logger.debug(message);
      else logger.warn(message, { details: content.slice(1) });
    },
    error: (...content: unknown[]) => logger.error(String(content[0]), { details: content.slice(1) }),
  },
});

/** The telemetry port as Powertools metrics: each event a count, flushed at the invocation's end. */
export function metricsTelemetry(target: Metrics = metrics): Telemetry {
  return {
    count(event: LoopEvent, n = 1) {
      target.addMetric(loopEvents[event], MetricUnit.Count, n);
    },
  };
}

/** The use cases' dependencies on Lambda: AWS SDK calls traced, events counted as metrics. */
export function lambdaDeps(config: Config): Deps {
  const db = createDocumentClient({
    endpoint: config.dynamoEndpoint,
    capture: (client) => tracer.captureAWSv3Client(client),
  });
  return createDeps(config, { db, telemetry: metricsTelemetry() });
}

/** An SES client whose calls show in the function's traces. */
export function tracedSesClient(): SESv2Client {
  return tracer.captureAWSv3Client(new SESv2Client({}));
}

/**
 * The middy middleware every function wears besides its logger context: a trace segment per
 * invocation (cold start annotated, errors captured, the response not recorded) and the metrics
 * published at its end.
 */
export function observed(): MiddlewareObj[] {
  // Responses stay out of the traces: pages and API answers carry what customers wrote and addresses.
  return [captureLambdaHandler(tracer, { captureResponse: false }), logMetrics(metrics)];
}
