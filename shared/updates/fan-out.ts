import { forEachLimit } from "../concurrency";
import { persist } from "../db/failures";
import { laneJobId, SUBSCRIBER_PREFIX, type UpdatePhase, updateJobId, updatePhases, updatePurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Action } from "../entities/action";
import type { Feedback } from "../entities/feedback";
import type { GoalStanding } from "../entities/goal";
import { asActionChange } from "../entities/job";
import type { Notification } from "../entities/notification";
import type { Subscriber } from "../entities/subscriber";
import type { ItemFailure } from "../jobs/failures";
import { logger } from "../logger";
import { mergeRoot, wantsUpdates, withMergedItems } from "./customers";
import { goalStanding } from "./standing";

/** How many notifications one run writes at once. */
const WRITE_CONCURRENCY = 16;

/**
 * The phase an action's change begins: "we will" when it becomes planned (or in progress straight
 * from proposed) with a `weWill` text (without one it tells nobody), "we did" when it becomes done,
 * from whatever status it skipped from, and "dropped" when it is dropped after "we will" began.
 */
export function phaseBegunBy(before: Action, after: Action): UpdatePhase | undefined {
  if (after.status === before.status) return undefined;
  if (after.status === "done") return "did";
  if (after.status === "dropped") return before.willAnnouncedAt ? "dropped" : undefined;
  // A promise is made when the action leaves `proposed` for work with a `weWill` text, whether it
  // stops at `planned` or goes straight on to `in_progress`.
  const promised = after.status === "planned" || (after.status === "in_progress" && before.status === "proposed");
  if (promised && after.weWill) return "will";
  return undefined;
}

/** The text of an action that each phase's update carries, by its field's name. */
export const phaseTextField = { will: "weWill", did: "weDid", dropped: "dropReason" } as const satisfies Record<
  UpdatePhase,
  keyof Action
>;

/** The phase whose update an action owes feedback that joins it now (linked, or merged into a linked item). */
export function currentPhase(action: Action): UpdatePhase | undefined {
  if (action.status === "done") return "did";
  if ((action.status === "planned" || action.status === "in_progress") && action.willAnnouncedAt) return "will";
  return undefined;
}

/** How long one notification's write is repeated through throttling and conflicts before it counts as failed. */
const WRITE_PERSIST_MS = 10_000;

/**
 * Writes the update owed for a phase to each customer behind these items (the items and the items
 * merged into them): one notification per (customer, action, phase), with a condition so that a
 * second can never exist, whichever page, late link or redelivery gets there first. Customers who
 * did not consent, gave no address or were erased are skipped; suppression is checked at sending.
 * An item that cannot be read, or whose write keeps failing, is returned as failed and does not
 * stop the others. Returns how many notifications were new.
 */
export async function writeUpdates(
  deps: Deps,
  action: Pick<Action, "id">,
  phase: UpdatePhase,
  goal: GoalStanding | undefined,
  feedbackIds: string[],
  options: { claimed?: boolean; subscribers?: Subscriber[] } = {},
): Promise<{ written: number; failed: ItemFailure[]; claimed: Notification[]; read: Feedback[] }> {
  const byCustomer = new Map<string, Feedback & { email: string; emailHash: string }>();
  const { items, unreadable } = await withMergedItems(deps, feedbackIds);
  const failed: ItemFailure[] = unreadable.map(({ id, error }) => ({ id, error: error.message.slice(0, 300) }));
  // A customer with several items here is written to as on the newest of them: address, name, language.
  for (const item of items) {
    const known = byCustomer.get(item.emailHash ?? "");
    if (wantsUpdates(item) && (!known || known.id < item.id)) byCustomer.set(item.emailHash, item);
  }
  const now = deps.now();
  const at = now.toISOString();
  const { claimSeconds } = deps.config.delivery;
  // Written already claimed, its writer sends it at once: no claim of its own, and no stream
  // record to wait for. Unclaimed, the notification's own stream record sends it.
  const claim = options.claimed
    ? { attempts: 1, claimedUntil: new Date(now.getTime() + claimSeconds * 1000).toISOString() }
    : { attempts: 0 };
  const claimed: Notification[] = [];
  let written = 0;
  // Each customer once: through their feedback, or else as someone who asked to be told (the same
  // key, so whichever is written first is the one message).
  const owed = [
    ...[...byCustomer.values()].map((item) => ({
      id: item.id,
      feedbackId: item.id as string | undefined,
      recipient: { email: item.email, name: item.name, locale: item.locale },
      emailHash: item.emailHash,
      subscriber: false,
    })),
    ...(options.subscribers ?? [])
      .filter((s) => !byCustomer.has(s.emailHash))
      .map((s) => ({
        id: `${SUBSCRIBER_PREFIX}${s.emailHash}`,
        feedbackId: undefined,
        recipient: { email: s.email, locale: s.locale },
        emailHash: s.emailHash,
        subscriber: true,
      })),
  ];
  await forEachLimit(owed, WRITE_CONCURRENCY, async (customer) => {
    const notification: Notification = {
      purpose: updatePurpose(action.id, phase, customer.emailHash),
      kind: "update" as const,
      status: "pending" as const,
      ...(customer.feedbackId ? { feedbackId: customer.feedbackId } : {}),
      recipient: customer.recipient,
      emailHash: customer.emailHash,
      content: { actionId: action.id, phase, goal, ...(customer.subscriber ? { subscriber: true } : {}) },
      ...claim,
      createdAt: at,
      updatedAt: at,
    };
    try {
      if (await persist(() => deps.notifications.create(notification, claimSeconds), Date.now() + WRITE_PERSIST_MS)) {
        written += 1;
        if (options.claimed) claimed.push(notification);
      }
    } catch (error) {
      failed.push({ id: customer.id, error: String(error).slice(0, 300) });
    }
  });
  return { written, failed, claimed, read: items };
}

/**
 * When each item was told its outcome by a "we did" update that a job's page sent (and so must
 * set the told-at of): read back from the notifications of the customers behind `items`, so a page
 * run again after it sent finds what it sent before.
 */
export async function toldByPage(deps: Deps, actionId: string, items: Feedback[]): Promise<Map<string, string>> {
  const purposes = new Set(items.filter(wantsUpdates).map((item) => updatePurpose(actionId, "did", item.emailHash)));
  const toldAt = new Map<string, string>();
  for (const notification of await deps.notifications.findMany([...purposes])) {
    if (notification.status !== "sent" || notification.toldBy !== "page" || !notification.sentAt) continue;
    for (const id of notification.feedbackIds ?? []) toldAt.set(id, notification.sentAt);
  }
  return toldAt;
}

/**
 * Feedback that joins an action after a phase began (linked to it, or merged into an item linked
 * to it) gets that phase's update too, once: the notification's key is the same as the job's. The
 * action is read consistently, and so are the job's pages of links: whichever of a link and a
 * phase change commits second sees the other, so the link is told either way.
 */
export async function updateLateItem(deps: Deps, feedbackId: string, actionIds?: string[]): Promise<number> {
  const ids =
    actionIds ?? (await deps.actions.actionsOf((await mergeRoot(deps, await deps.feedback.get(feedbackId))).id));
  let written = 0;
  for (const action of await deps.actions.getMany(ids)) {
    const phase = currentPhase(action);
    if (!phase) continue;
    const result = await writeUpdates(deps, action, phase, await goalStanding(deps, action.goalId), [feedbackId]);
    if (result.failed[0]) throw new Error(`update for ${feedbackId} not written: ${result.failed[0].error}`);
    written += result.written;
  }
  return written;
}

/**
 * Writes the update a late item is owed, beside the stream record that writes it too: a failure
 * here is logged, not answered, because the change it follows is stored and the stream still
 * writes the update.
 */
export async function writeLateUpdate(deps: Deps, feedbackId: string, actionIds?: string[]): Promise<void> {
  await updateLateItem(deps, feedbackId, actionIds).catch((error: unknown) =>
    logger.warn("late update left to the stream", { feedbackId, error: String(error) }),
  );
}

/**
 * How far each phase's fan-out has come: the customers it wrote to, and whether it reached the
 * end; for a fan-out split into lanes, all of its lanes together.
 */
export async function updatesProgress(
  deps: Deps,
  actionId: string,
): Promise<{ phase: UpdatePhase; done: boolean; customers: number; failed: number }[]> {
  const jobs = await Promise.all(updatePhases.map((phase) => deps.jobs.get(updateJobId(actionId, phase))));
  return Promise.all(
    jobs
      .flatMap((job) => (job ? [asActionChange(job)] : []))
      .flatMap((job) => (job.phase ? [{ ...job, phase: job.phase }] : []))
      .map(async (job) => {
        const lanes = await Promise.all((job.lanes ?? []).map((_, i) => deps.jobs.get(laneJobId(job.id, i + 1))));
        const all = [job, ...lanes.flatMap((lane) => (lane ? [lane] : []))];
        return {
          phase: job.phase,
          done: all.length === 1 + (job.lanes?.length ?? 0) && all.every((part) => part.status === "done"),
          customers: all.reduce((sum, part) => sum + ("written" in part ? (part.written ?? 0) : 0), 0),
          failed: all.reduce((sum, part) => sum + (part.failedIds?.size ?? 0), 0),
        };
      }),
  );
}

/**
 * Someone who confirmed they want to be told about an action gets the update of the phase it is
 * in, if one began, once: the same key as the job's, so a confirmation during a fan-out is told
 * either way.
 */
export async function updateLateSubscriber(deps: Deps, subscriber: Subscriber): Promise<number> {
  const action = await deps.actions.get(subscriber.actionId);
  const phase = action && currentPhase(action);
  if (!action || !phase || subscriber.status !== "confirmed") return 0;
  const result = await writeUpdates(deps, action, phase, await goalStanding(deps, action.goalId), [], {
    subscribers: [subscriber],
  });
  if (result.failed[0]) throw new Error(`update for a subscriber not written: ${result.failed[0].error}`);
  return result.written;
}
