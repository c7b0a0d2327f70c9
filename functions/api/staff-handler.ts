import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import { getConnInfo, handle } from "hono/aws-lambda";
import { loadConfig } from "../../shared/config";
import { logger } from "../../shared/logger";
import { lambdaDeps, observed } from "../observability";
import { createStaffApp } from "./staff-app";

const app = createStaffApp(lambdaDeps(loadConfig()), { clientAddress: (c) => getConnInfo(c).remote.address });

/** Lambda entry of the staff web function (sign-in, console, staff API) behind API Gateway, with logging, tracing and metrics. */
export const handler = middy(handle(app))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(observed());
