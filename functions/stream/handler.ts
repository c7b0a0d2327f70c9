import { loadConfig } from "../../shared/config";
import { createMailTransport } from "../../shared/mail/transport";
import { lambdaDeps, observed, tracedSesClient } from "../observability";
import { createStreamHandler } from "./create-handler";

const config = loadConfig();

/** Lambda entry of the stream function: the shared handler, traced, its metrics published per invocation. */
export const handler = createStreamHandler(
  lambdaDeps(config),
  createMailTransport(config.mail, { sesClient: tracedSesClient() }),
).use(observed());
