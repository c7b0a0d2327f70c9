import { loadConfig } from "../../shared/config";
import { createDeps } from "../../shared/deps";
import { createMailTransport } from "../../shared/mail/transport";
import { createStreamHandler } from "./create-handler";

const config = loadConfig();

/** Lambda entry of the stream function. */
export const handler = createStreamHandler(createDeps(config), createMailTransport(config.mail));
