import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { loadConfig } from "../../shared/config";
import { createDeps } from "../../shared/deps";
import { logger } from "../../shared/logger";
import { createMailTransport } from "../../shared/mail/transport";
import { deliverDue } from "../../shared/notifications/sweep";

const config = loadConfig();
const deps = createDeps(config);
const transport = createMailTransport(config.mail);

/** Lambda entry of the sweep, run every minute by a schedule: sends the notifications that are due. */
export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const outcomes = await deliverDue(deps, transport);
    logger.info("sweep done", { outcomes });
    return outcomes;
  });
