import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { getConnInfo, handle } from "hono/aws-lambda";
import { loadConfig } from "../../shared/config";
import { logger } from "../../shared/logger";
import { lambdaDeps, observed } from "../observability";
import { createPublicApp } from "./public-app";

const app = createPublicApp(lambdaDeps(loadConfig()), { clientAddress: (c) => getConnInfo(c).remote.address });

/**
 * Lambda entry of the public web function (form, intake, tracking, board, unsubscribe, the API
 * document, health) behind API Gateway, with logging, tracing and metrics. It loads none of the
 * console, so a burst of intake starts fast.
 */
export const handler = middy(handle(app))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(observed());
