import { Logger } from "@aws-lambda-powertools/logger";

/** The one structured JSON logger (Powertools), shared by both functions and the local host. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "feedback" });
