import { sweep } from "../../functions/pipeline/sweep";
import type { Deps } from "../../shared/deps";
import { logger } from "../../shared/logger";
import type { MailTransport } from "../../shared/mail/types";

/**
 * The local twin of the scheduled sweep function: every `seconds`, resumes stalled jobs, sends
 * the notifications that are due (retries after a failure, sends that never finished) and
 * acknowledges new items their stream record never did, with a minute for each sweep as on AWS. One sweep at a time.
 */
/** The time one sweep has, as the sweep function's timeout on AWS. */
const SWEEP_SECONDS = 60;

export function startSweeper(deps: Deps, transport: MailTransport, seconds: number) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sweep(deps, transport, Date.now() + SWEEP_SECONDS * 1000)
      .then(({ jobs, outcomes, acknowledged, webhooks }) => {
        const worked = [outcomes, acknowledged, webhooks].some((counts) => Object.keys(counts).length > 0);
        if (worked || jobs.resumed > 0) {
          logger.info("sweep done", { jobs, outcomes, acknowledged, webhooks });
        }
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
