import { logger } from "../../shared/logger";
import { DEMO_ADMIN_EMAIL, loadDemoData } from "./demo";
import { readLocalSettings } from "./local-config";
import { startLocalStack } from "./stack";

// `npm start` (and `npm run demo`, which adds sample data): the whole product on this machine.
const demo = process.argv.includes("--demo");
const settings = readLocalSettings();
// The demo signs in as a sample admin unless ADMIN_EMAIL names a real one.
if (demo) settings.appEnv.ADMIN_EMAIL ??= DEMO_ADMIN_EMAIL;
const stack = await startLocalStack(settings).catch((error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Port ${settings.port} is in use. Stop what runs there, or choose another with PORT=...`);
  } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
    console.error(`Cannot listen on HOST=${settings.host}: it is no address of this machine.`);
  } else throw error;
  process.exit(1);
});

console.log(`
Feedback platform is running.
  Listening on    ${settings.host}:${settings.port}  (HOST, PORT)
  Feedback form   ${stack.url}/
  Embeddable form ${stack.url}/embed
  API reference   ${stack.url}/docs  (${stack.url}/openapi.json)
  Health          ${stack.url}/healthz
  Staff console   ${stack.url}/console  (sign in as ${settings.appEnv.ADMIN_EMAIL ?? "the ADMIN_EMAIL address; none is set"})
  Outgoing mail   ${settings.outboxDir}  (MAIL_TRANSPORT=${settings.appEnv.MAIL_TRANSPORT})
  Data            ${settings.dataDir}  (DynamoDB Local at ${stack.dynamoEndpoint})
Press Ctrl-C to stop.`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

// The URLs first: the sample data loads while the product already serves.
if (demo) {
  const loaded = await loadDemoData(stack.deps);
  logger.info(loaded > 0 ? `loaded ${loaded} sample feedback items` : "sample data is already loaded");
}
