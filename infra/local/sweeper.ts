import type { Deps } from "../../shared/deps";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";
import { deliverDue } from "../../shared/notifications/sweep";

/**
 * The local twin of the scheduled sweep function: every `seconds`, sends the notifications that
 * are due (retries after a failure, sends that never finished). One sweep at a time.
 */
export function startSweeper(deps: Deps, transport: MailTransport, seconds: number) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = deliverDue(deps, transport)
      .then((outcomes) => {
        if (Object.keys(outcomes).length > 0) logger.info("sweep delivered due notifications", { outcomes });
      })
      .catch((error: unknown) => logger.error("sweep failed", { error: String(error) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, seconds * 1000);
      });
  };
  let timer = setTimeout(tick, seconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
