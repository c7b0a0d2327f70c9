import { loadConfig } from "../../shared/config";
import { createDeps } from "../../shared/deps";
import { createSesEventsHandler } from "./create-handler";

/** Lambda entry of the SES events function (bounces and complaints from EventBridge). */
export const handler = createSesEventsHandler(createDeps(loadConfig()));
