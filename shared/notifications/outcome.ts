import type { Deps } from "../deps";
import type { TimelineEntry } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import { deterministicId } from "../ids";

/** What a finished message leaves on the feedback items it covered. */
export interface MessageOutcome {
  entries: TimelineEntry[];
  /** Items whose submitter was told the outcome ("you said, we did" sent): their told-at is set. */
  toldIds: string[];
  at: string;
}

const entryTypes = {
  sent: "message_sent",
  failed: "message_failed",
  suppressed: "message_suppressed",
} as const satisfies Record<string, TimelineEntry["type"]>;

/**
 * What a notification's change from pending to finished (sent, failed or suppressed) records on
 * the items it covered: an entry on each timeline, and for a "we did" update sent, the told-at.
 * Undefined for any other change. The entries' ids follow from the notification, so a redelivered
 * stream record writes the same entries again, not new ones.
 */
export function messageOutcome(before: Notification | undefined, after: Notification): MessageOutcome | undefined {
  if (before?.status !== "pending" || after.status === "pending") return undefined;
  const ids = after.feedbackIds ?? (after.feedbackId ? [after.feedbackId] : []);
  const at = after.sentAt ?? after.failedAt ?? after.updatedAt;
  const type: TimelineEntry["type"] =
    after.status === "sent" && after.kind === "acknowledgement" ? "acknowledgement_sent" : entryTypes[after.status];
  const [, actionId, phase] = after.kind === "update" ? after.purpose.split("#") : [];
  const details: Record<string, unknown> = {
    kind: after.kind,
    purpose: after.purpose,
    ...(after.status === "sent" ? { transport: after.transport } : {}),
    ...(after.status === "failed" ? { attempts: after.attempts, error: (after.lastError ?? "").slice(0, 200) } : {}),
    ...(actionId ? { actionId, phase } : {}),
  };
  const entries = ids.map(
    (feedbackId): TimelineEntry => ({
      id: deterministicId(new Date(at), `${after.purpose}#${after.status}#${feedbackId}`),
      feedbackId,
      type,
      at,
      actor: "system",
      public: false,
      details,
    }),
  );
  const told = after.status === "sent" && after.kind === "update" && phase === "did";
  return { entries, toldIds: told ? ids : [], at };
}

/** Writes what a finished message leaves on its items (a stream effect: safe to repeat). */
export async function recordMessageOutcome(deps: Deps, outcome: MessageOutcome): Promise<void> {
  await deps.feedback.addTimelineEntries(outcome.entries);
  for (const id of outcome.toldIds) await deps.feedback.markOutcomeTold(id, outcome.at);
}
