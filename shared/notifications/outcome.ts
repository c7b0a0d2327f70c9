import type { Deps } from "../deps";
import type { TimelineEntry } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import { deterministicId } from "../ids";

const entryTypes = {
  sent: "message_sent",
  failed: "message_failed",
  suppressed: "message_suppressed",
} as const satisfies Record<string, TimelineEntry["type"]>;

/**
 * What a finished message (sent, failed or suppressed) shows on the timelines of the items it
 * covered: one entry each, made when the timeline is read, from the notification itself (nothing
 * is written for it). Their ids follow from the notification, so an entry an older version
 * stored for the same message is the same entry. None while the message is pending.
 */
export function outcomeEntries(notification: Notification): TimelineEntry[] {
  if (notification.status === "pending") return [];
  const ids = notification.feedbackIds ?? (notification.feedbackId ? [notification.feedbackId] : []);
  const at = notification.sentAt ?? notification.failedAt ?? notification.updatedAt;
  const type: TimelineEntry["type"] =
    notification.status === "sent" && notification.kind === "acknowledgement"
      ? "acknowledgement_sent"
      : entryTypes[notification.status];
  const [, actionId, phase] = notification.kind === "update" ? notification.purpose.split("#") : [];
  const details: Record<string, unknown> = {
    kind: notification.kind,
    purpose: notification.purpose,
    ...(notification.status === "sent" ? { transport: notification.transport } : {}),
    ...(notification.status === "failed"
      ? { attempts: notification.attempts, error: (notification.lastError ?? "").slice(0, 200) }
      : {}),
    ...(actionId ? { actionId, phase } : {}),
  };
  return ids.map(
    (feedbackId): TimelineEntry => ({
      id: deterministicId(new Date(at), `${notification.purpose}#${notification.status}#${feedbackId}`),
      feedbackId,
      type,
      at,
      actor: "system",
      public: false,
      details,
    }),
  );
}

/** Whether a message tells its items' submitters their outcome: a "we did" update, a dropped action's update, or an ending told by hand. */
export const tellsOutcome = (notification: Pick<Notification, "kind" | "purpose">): boolean =>
  (notification.kind === "update" && ["did", "dropped"].includes(notification.purpose.split("#")[2] ?? "")) ||
  notification.kind === "ending";

/** Items whose submitter a message told the outcome, and when: a "we did" update or an ending sent. */
export interface OutcomeTold {
  feedbackIds: string[];
  at: string;
}

/**
 * The items a notification's change told their outcome: a "we did" update or an ending that was
 * pending and is now sent. Undefined for any other change.
 */
export function outcomeTold(before: Notification | undefined, after: Notification): OutcomeTold | undefined {
  if (before?.status !== "pending" || after.status !== "sent") return undefined;
  if (!tellsOutcome(after) || after.toldBy === "page") return undefined;
  const feedbackIds = after.feedbackIds ?? (after.feedbackId ? [after.feedbackId] : []);
  return { feedbackIds, at: after.sentAt ?? after.updatedAt };
}

/** Sets the told-at of the items a message told their outcome (a stream effect: safe to repeat). */
export async function recordOutcomeTold(deps: Deps, told: OutcomeTold): Promise<void> {
  for (const id of told.feedbackIds) await deps.feedback.markOutcomeTold(id, told.at);
}
