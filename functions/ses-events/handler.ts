import { loadConfig } from "../../shared/config";
import { lambdaDeps, observed } from "../observability";
import { createSesEventsHandler } from "./create-handler";

/** Lambda entry of the SES events function (bounces and complaints from EventBridge), traced. */
export const handler = createSesEventsHandler(lambdaDeps(loadConfig())).use(observed());
