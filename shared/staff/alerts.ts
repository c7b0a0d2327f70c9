import { alertPurpose, filterValue } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import type { Staff } from "../entities/staff";
import { staffNotification, writeQuoting } from "../notifications/outbox";

/** A detractor: NPS 0–6, or CSAT 1–2. */
export const isDetractor = (item: Pick<Feedback, "score">) =>
  item.score !== undefined &&
  ((item.score.type === "nps" && item.score.value <= 6) || (item.score.type === "csat" && item.score.value <= 2));

/** Whether a staff member subscribed to alerts on the item's topic or department. */
export function subscribedTo(person: Staff, item: Pick<Feedback, "topic" | "department">): boolean {
  const alerts = person.alerts;
  if (!person.active || !alerts) return false;
  const matches = (wanted: string[], value: string | undefined) =>
    value !== undefined && filterValue(value) !== "" && wanted.some((w) => filterValue(w) === filterValue(value));
  return matches(alerts.topics, item.topic) || matches(alerts.departments, item.department);
}

/**
 * Alerts the staff subscribed to a new item's topic or department when it is a detractor or a
 * complaint: one mail per item and person, in their language, whatever retries happen (the
 * notification is keyed by both and written only if new). Returns how many were new.
 */
export async function alertSubscribers(deps: Deps, item: Feedback): Promise<number> {
  if (item.status === "merged" || !(item.kind === "complaint" || isDetractor(item))) return 0;
  if (!item.topic && !item.department) return 0;
  const subscribers = (await deps.staff.list()).filter((person) => subscribedTo(person, item));
  let written = 0;
  for (const person of subscribers) {
    // Quoting the item as it is when written: an erasure since it came in leaves "[erased]".
    const outcome = await writeQuoting(deps, item, (current) =>
      deps.notifications.createQuoting(
        staffNotification(deps, person, "alert", alertPurpose(current.id, person.id), {
          message: current.message,
          kind: current.kind,
          ...(current.score ? { score: current.score } : {}),
          ...(current.topic ? { topic: current.topic } : {}),
          ...(current.department ? { department: current.department } : {}),
          itemUrl: `${deps.config.publicUrl}/console/feedback/${current.id}`,
          settingsUrl: `${deps.config.publicUrl}/console/settings`,
        }),
        deps.config.delivery.claimSeconds,
        { feedbackId: current.id, message: current.message },
      ),
    );
    if (outcome === "written") written += 1;
  }
  if (written > 0) deps.telemetry.count("alertRaised", written);
  return written;
}
