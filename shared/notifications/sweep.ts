import type { Deps } from "../deps";
import type { MailTransport } from "../mail/types";
import { SWEEP_PAGE, SWEEP_RESERVE_MS, sweepDue } from "../outbox/sweep";
import { type DeliveryOutcome, deliverNotification } from "./deliver";

export { SWEEP_PAGE, SWEEP_RESERVE_MS };

/** How many sends of a sweep run at once (the shared rate still bounds them). */
const SWEEP_CONCURRENCY = 8;

/**
 * Sends what is due: notifications whose retry time has come, and any whose send never finished
 * (its sender died, so its claim ran out, or its stream record was never handled). Runs every
 * minute on AWS (a schedule) and every few seconds locally. It goes through the due list once, a
 * page at a time, and stops taking on more when its invocation's time runs low (`deadline`, epoch
 * ms) or when the mail service paused sending; what is left is due for the next sweep.
 */
export async function deliverDue(
  deps: Deps,
  transport: MailTransport,
  options: { deadline?: number; pageSize?: number } = {},
): Promise<Partial<Record<DeliveryOutcome, number>>> {
  const deadline = options.deadline ?? Date.now() + 60_000;
  return sweepDue<string, DeliveryOutcome>({
    page: async (limit, startKey) => {
      const page = await deps.notifications.due(deps.now(), limit, startKey);
      return { keys: page.purposes, lastKey: page.lastKey };
    },
    send: (purpose) => deliverNotification(deps, transport, purpose, { deadline }),
    deadline,
    pageSize: options.pageSize,
    concurrency: SWEEP_CONCURRENCY,
    stop: async (outcomes) =>
      Boolean(outcomes.deferred) && ((await deps.notifications.pausedUntil()) ?? "") > deps.now().toISOString(),
  });
}
