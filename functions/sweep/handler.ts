import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { loadConfig } from "../../shared/config";
import { logger } from "../../shared/logger";
import { createMailTransport } from "../../shared/mail/transport";
import { lambdaDeps, observed, tracedSesClient } from "../observability";
import { sweep } from "../pipeline/sweep";

const config = loadConfig();
const deps = lambdaDeps(config);
const transport = createMailTransport(config.mail, { sesClient: tracedSesClient() });

/**
 * Lambda entry of the sweep, run every minute by a schedule: resumes stalled jobs and sends the
 * notifications that are due, stopping in time before the invocation's end.
 */
export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(observed())
  .handler(async (_event, context) => {
    const result = await sweep(deps, transport, Date.now() + context.getRemainingTimeInMillis());
    logger.info("sweep done", result);
    return result;
  });
