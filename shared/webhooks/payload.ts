import type { WebhookEventBody, WebhookFormat } from "../entities/webhook";

/** Slack's mrkdwn escapes exactly these three characters in text it shows. */
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const link = (url: unknown, label: string) => (typeof url === "string" ? ` <${url}|${label}>` : "");
const words = (value: unknown) => String(value ?? "").replace(/_/g, " ");

const phaseNames: Record<string, string> = {
  will: "\u201cWe will\u201d",
  did: "\u201cYou said, we did\u201d",
  dropped: "\u201cWill not happen\u201d",
};

interface FeedbackData {
  id?: string;
  kind?: string;
  topic?: string;
  score?: { type?: string; value?: number };
  consoleUrl?: string;
}

const about = (feedback: FeedbackData) => {
  const parts = [
    feedback.topic ? `topic: ${slackEscape(feedback.topic)}` : undefined,
    feedback.score ? `${String(feedback.score.type ?? "").toUpperCase()} ${feedback.score.value}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
};

const titled = (title: unknown) => (typeof title === "string" && title ? ` \u201c${slackEscape(title)}\u201d` : "");

/** One line that says what happened, for people reading a chat channel (Slack's mrkdwn, escaped). */
export function summaryOf(event: WebhookEventBody): string {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case "feedback.created": {
      const feedback = (data.feedback ?? {}) as FeedbackData;
      return `New ${words(feedback.kind)} received${about(feedback)}.${link(feedback.consoleUrl, "Open it in the console")}`;
    }
    case "feedback.status_changed": {
      const feedback = (data.feedback ?? {}) as FeedbackData;
      return `A ${words(feedback.kind)}${about(feedback)} moved from ${words(data.from)} to ${words(data.to)}.${link(feedback.consoleUrl, "Open it in the console")}`;
    }
    case "action.status_changed": {
      const action = (data.action ?? {}) as { title?: string; consoleUrl?: string };
      return `Action${titled(action.title)} moved from ${words(data.from)} to ${words(data.to)}.${link(action.consoleUrl, "Open the action")}`;
    }
    case "update.sent": {
      const update = (data.update ?? {}) as {
        phase?: string;
        locale?: string;
        title?: string;
        feedbackIds?: unknown[];
        actionConsoleUrl?: string;
      };
      const items = update.feedbackIds?.length ?? 0;
      const covering = items > 0 ? `, covering ${items} feedback item${items === 1 ? "" : "s"}` : "";
      return `${phaseNames[update.phase ?? ""] ?? "An"} update was sent to a customer (${slackEscape(update.locale ?? "")}) about the action${titled(update.title)}${covering}.${link(update.actionConsoleUrl, "Open the action")}`;
    }
  }
}

/** The body a delivery sends, in the endpoint's format: the event itself, or Slack's `{ "text" }`. */
export function deliveryBody(event: WebhookEventBody, format: WebhookFormat): string {
  return format === "slack" ? JSON.stringify({ text: summaryOf(event) }) : JSON.stringify(event);
}
