import type { Deps } from "../deps";
import type { MailTransport } from "../mail/types";
import { type DeliveryOutcome, deliverNotification } from "./deliver";

/** How many due notifications one sweep takes on. */
export const SWEEP_LIMIT = 100;

/**
 * Sends what is due: notifications whose retry time has come, and any whose send never finished
 * (its sender died, so its claim ran out, or its stream record was never handled). Runs every
 * minute on AWS (a schedule) and every few seconds locally.
 */
export async function deliverDue(
  deps: Deps,
  transport: MailTransport,
  limit = SWEEP_LIMIT,
): Promise<Partial<Record<DeliveryOutcome, number>>> {
  const outcomes: Partial<Record<DeliveryOutcome, number>> = {};
  for (const purpose of await deps.notifications.due(deps.now(), limit)) {
    const outcome = await deliverNotification(deps, transport, purpose);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return outcomes;
}
