import { decodeCursor, encodeCursor } from "../db/cursor";
import type { FeedbackFilterName } from "../db/keys";
import type { Deps } from "../deps";
import { type Feedback, feedbackStatuses, type InboxQuery } from "../entities/feedback";
import { MetricsRepository } from "../repositories/metrics";

/** Filters in the order their index is preferred: the most selective that is given serves the page. */
const preference: FeedbackFilterName[] = ["goalId", "assignee", "topic", "department", "status", "kind"];

export interface InboxPage {
  items: Feedback[];
  nextCursor: string | null;
}

/**
 * A page of the inbox, newest first: a Query on the index of the most selective filter given (or
 * the newest-first list), the other filters applied to what it reads. Never a Scan.
 */
export async function listFeedback(deps: Deps, query: InboxQuery): Promise<InboxPage> {
  const given = preference.filter((name) => query[name] !== undefined && query[name] !== "");
  const [served, ...others] = given;
  const filters = Object.fromEntries(others.map((name) => [name, query[name] as string]));
  const page = await deps.feedback.query({
    served: served ? { name: served, value: query[served] as string } : undefined,
    filters,
    limit: query.limit,
    startKey: decodeCursor(query.cursor),
  });
  return { items: page.items, nextCursor: encodeCursor(page.lastKey) };
}

/** How many items have each status (kept by the stream function, so reading it costs one item). */
export async function statusCounts(deps: Deps): Promise<Record<(typeof feedbackStatuses)[number], number>> {
  const counts = await new MetricsRepository(deps.db, deps.config.tableName).statusCounts();
  return Object.fromEntries(feedbackStatuses.map((s) => [s, Math.max(0, counts[s] ?? 0)])) as Record<
    (typeof feedbackStatuses)[number],
    number
  >;
}
