import { forEachLimit } from "../concurrency";
import type { Deps } from "../deps";
import type { MailTransport } from "../mail/types";
import { type DeliveryOutcome, deliverNotification } from "./deliver";

/** How many due notifications one page of a sweep takes on. */
export const SWEEP_PAGE = 100;
/** How many sends of a sweep run at once (the shared rate still bounds them). */
const SWEEP_CONCURRENCY = 8;
/** A sweep claims nothing more once less than this is left of its time: a send and its mark must fit. */
export const SWEEP_RESERVE_MS = 15_000;

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
  const outcomes: Partial<Record<DeliveryOutcome, number>> = {};
  let startKey: Record<string, unknown> | undefined;
  const timeLeft = () => deadline - Date.now() > SWEEP_RESERVE_MS;
  do {
    if (!timeLeft()) break;
    const page = await deps.notifications.due(deps.now(), options.pageSize ?? SWEEP_PAGE, startKey);
    await forEachLimit(page.purposes, SWEEP_CONCURRENCY, async (purpose) => {
      // Past the reserve, a message not yet begun is left for the next sweep.
      if (!timeLeft()) return;
      const outcome = await deliverNotification(deps, transport, purpose, { deadline });
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    });
    if (outcomes.deferred && ((await deps.notifications.pausedUntil()) ?? "") > deps.now().toISOString()) break;
    startKey = page.lastKey;
  } while (startKey);
  return outcomes;
}
