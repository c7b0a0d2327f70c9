import type { ActionTimelineEntry } from "../entities/action";
import type { Feedback } from "../entities/feedback";
import type { Notification } from "../entities/notification";
import type { WebhookEventBody } from "../entities/webhook";
import { deterministicId } from "../ids";

/**
 * The events webhooks hear of, built from the stream record that observes each change. Each has
 * an id that is the same every time its record is handled (a redelivery makes no second event)
 * and sorts by when it happened.
 *
 * No event carries a customer's personal data: no address, no name, and not the message itself
 * (what customers write may name people; a copy in a chat channel is beyond erasure's reach). An
 * item's event links its console page, where signed-in staff read it.
 */

const eventId = (at: string, name: string) => deterministicId(new Date(at), name);

/** What an event says of a feedback item: its classification, never who wrote it or what. */
function feedbackData(feedback: Feedback, publicUrl: string) {
  return {
    id: feedback.id,
    kind: feedback.kind,
    status: feedback.status,
    ...(feedback.score ? { score: feedback.score } : {}),
    ...(feedback.topic ? { topic: feedback.topic } : {}),
    ...(feedback.department ? { department: feedback.department } : {}),
    customerType: feedback.customerType,
    channel: feedback.channel,
    locale: feedback.locale,
    ...(feedback.goalId ? { goalId: feedback.goalId } : {}),
    createdAt: feedback.createdAt,
    consoleUrl: `${publicUrl}/console/feedback/${feedback.id}`,
  };
}

/** The events a feedback item's record stands for: created (a new item), status changed. */
export function feedbackEvents(before: Feedback | undefined, after: Feedback, publicUrl: string): WebhookEventBody[] {
  if (!before) {
    return [
      {
        id: eventId(after.createdAt, `feedback.created#${after.id}`),
        type: "feedback.created",
        occurredAt: after.createdAt,
        data: { feedback: feedbackData(after, publicUrl) },
      },
    ];
  }
  if (before.status === after.status) return [];
  return [
    {
      id: eventId(after.updatedAt, `feedback.status_changed#${after.id}#${after.version}`),
      type: "feedback.status_changed",
      occurredAt: after.updatedAt,
      data: { feedback: feedbackData(after, publicUrl), from: before.status, to: after.status },
    },
  ];
}

const statusChangeOf = (change: unknown) => {
  const c = change as { field?: unknown; from?: unknown; to?: unknown } | null;
  return c && c.field === "status" && typeof c.from === "string" && typeof c.to === "string"
    ? { from: c.from, to: c.to }
    : undefined;
};

/** The event of an action's change whose timeline entry records a new status (none for other changes). */
export function actionStatusEvent(entry: ActionTimelineEntry, publicUrl: string): WebhookEventBody | undefined {
  if (entry.type !== "changed") return undefined;
  const changes = Array.isArray(entry.details?.changes) ? entry.details.changes : [];
  const status = changes.map(statusChangeOf).find((change) => change !== undefined);
  if (!status) return undefined;
  return {
    id: eventId(entry.at, `action.status_changed#${entry.actionId}#${entry.id}`),
    type: "action.status_changed",
    occurredAt: entry.at,
    data: {
      action: { id: entry.actionId, consoleUrl: `${publicUrl}/console/actions/${entry.actionId}` },
      from: status.from,
      to: status.to,
      ...(entry.version !== undefined ? { version: entry.version } : {}),
      changedBy: entry.actor,
    },
  };
}

/** The event of an update that was just sent ("we will", "you said, we did", dropped): never its recipient. */
export function updateSentEvent(
  before: Notification | undefined,
  after: Notification,
  publicUrl: string,
): WebhookEventBody | undefined {
  if (after.kind !== "update" || after.status !== "sent" || before?.status === "sent" || !after.sentAt)
    return undefined;
  // Once sent, the content is gone; the purpose says what the update was for: update#<action>#<phase>#<hash>.
  const [, actionId = "", phase = ""] = after.purpose.split("#");
  return {
    id: eventId(after.sentAt, `update.sent#${after.purpose}`),
    type: "update.sent",
    occurredAt: after.sentAt,
    data: {
      update: {
        actionId,
        phase,
        locale: after.recipient.locale,
        feedbackIds: after.feedbackIds ?? [],
        actionConsoleUrl: `${publicUrl}/console/actions/${actionId}`,
      },
    },
  };
}
