import * as z from "zod/mini";
import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import { followedActionFields } from "../entities/action";
import type { Feedback, FeedbackNow, FeedbackPatch, TimelineEntry } from "../entities/feedback";
import { ConflictError, ValidationError } from "../errors";
import { newId } from "../ids";
import { messageStates, notificationsAbout } from "../notifications/messages";
import { outcomeEntries } from "../notifications/outcome";
import { tellEndingNow } from "../notifications/personal";
import { VersionConflictError } from "../repositories/feedback";
import { wantsUpdates } from "../updates/customers";
import { writeLateUpdate } from "../updates/fan-out";

type Change = { field: string; from: unknown; to: unknown };
const changesSchema = z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }));
const changeableFields = ["status", "kind", "topic", "tags", "assignee"] as const;

/** One feedback item with everything staff see of it. */
export async function getFeedbackDetail(deps: Deps, id: string) {
  const feedback = await deps.feedback.get(id);
  const [own, merged, fromActions, notifications] = await Promise.all([
    deps.timeline.of(id),
    deps.feedback.mergedInto(id),
    actionChangesOf(deps, id),
    notificationsAbout(deps, feedback),
  ]);
  // The timeline as staff see it: the item's own entries, its actions' changes since each was
  // linked, and what became of each message about it. Entries an older version copied onto the
  // item (the same ids for messages, the same action and moment for action changes) show once.
  const copied = new Set(own.flatMap((e) => (e.type === "action_changed" ? [`${e.details?.actionId}#${e.at}`] : [])));
  const ownIds = new Set(own.map((e) => e.id));
  const derived = [
    ...fromActions.filter((e) => !copied.has(`${e.details?.actionId}#${e.at}`)),
    ...notifications.flatMap(outcomeEntries).filter((e) => e.feedbackId === id && !ownIds.has(e.id)),
  ];
  // A reply, and a compliment routed to a colleague, show where their message is: pending, sent,
  // failed or suppressed (a compliment's mail goes to staff, so it is read by its purpose).
  const routed = own.flatMap((e) =>
    e.type === "compliment_routed" && typeof e.details?.purpose === "string" ? [e.details.purpose] : [],
  );
  const toStaff = routed.length > 0 ? await deps.notifications.findMany(routed) : [];
  const states = new Map([...notifications, ...toStaff].map((n) => [n.purpose, n.status]));
  const withDelivery = own.map((e) =>
    (e.type === "replied" || e.type === "compliment_routed") && typeof e.details?.purpose === "string"
      ? { ...e, details: { ...e.details, delivery: states.get(e.details.purpose) ?? "pending" } }
      : e,
  );
  const timeline = [...withDelivery, ...derived].sort((a, b) => a.id.localeCompare(b.id));
  return { ...feedback, timeline, mergedItems: merged, messages: messageStates(notifications) };
}

/**
 * The changes of an item's actions since each was linked to it, as entries of its timeline: an
 * action's change is written once, on the action, and every linked item shows it from there.
 */
async function actionChangesOf(deps: Deps, feedbackId: string): Promise<TimelineEntry[]> {
  const links = await deps.actions.linksOf(feedbackId);
  const perAction = await Promise.all(
    links.map(async (link) => {
      const [action, entries] = await Promise.all([
        deps.actions.get(link.actionId),
        deps.actions.timeline(link.actionId),
      ]);
      return entries.flatMap((entry): TimelineEntry[] => {
        const changes = z.safeParse(changesSchema, entry.details?.changes).data ?? [];
        const followed = changes.filter((c) => (followedActionFields as readonly string[]).includes(c.field));
        if (entry.type !== "changed" || entry.at < link.at || followed.length === 0) return [];
        const details = { actionId: link.actionId, title: action?.title, changes: followed };
        return [
          {
            id: entry.id,
            feedbackId,
            type: "action_changed",
            at: entry.at,
            actor: entry.actor,
            public: false,
            details,
          },
        ];
      });
    }),
  );
  return perAction.flat();
}

/**
 * Applies staff changes to an item, based on the version the person saw. A stale version is a
 * ConflictError whose details say what changed since, so nobody overwrites a change unseen. Every
 * change lands on the timeline with who, when, and the old and new values.
 */
export async function updateFeedback(
  deps: Deps,
  actor: Principal,
  id: string,
  patch: FeedbackPatch,
): Promise<Feedback> {
  const current = await deps.feedback.get(id);
  if (patch.version !== current.version) throw await staleVersion(deps, current, patch.version);
  const normalised = normalise(patch);
  if (normalised.assignee) {
    const assignee = await deps.staff.get(normalised.assignee);
    if (!assignee?.active)
      throw new ValidationError("assignee must be an active staff member", { assignee: "unknown" });
  }
  const changes: Change[] = changeableFields
    .filter((field) => normalised[field] !== undefined && !same(current[field], normalised[field] ?? undefined))
    .map((field) => ({ field, from: current[field] ?? null, to: normalised[field] ?? null }));
  if (changes.length > 0 && current.status === "merged") {
    throw new ConflictError("this item was merged into another; change that one instead", "conflict", {
      mergedInto: current.mergedInto,
    });
  }
  if (changes.length === 0 && !patch.note) return current;
  const ends = (normalised.status === "done" || normalised.status === "closed") && normalised.status !== current.status;
  const tellable = wantsUpdates(current) || (current.mergedCount ?? 0) > 0;
  if (ends && tellable && patch.notify !== false && !patch.outcome) {
    throw new ValidationError("say what came of this feedback in outcome, or send notify: false to tell nobody", {
      outcome: "required to end an item whose submitter asked to hear back",
    });
  }

  const now = deps.now();
  const at = now.toISOString();
  const next: Feedback = { ...current, updatedAt: at, version: current.version + 1 };
  for (const { field, to } of changes) Object.assign(next, { [field]: to ?? undefined });
  if (ends && (normalised.status === "done" || normalised.status === "closed")) {
    next.ending = {
      status: normalised.status,
      at,
      version: next.version,
      ...(patch.outcome ? { outcome: patch.outcome } : {}),
      notify: patch.notify !== false && patch.outcome !== undefined,
    };
    if (next.status === "done") next.doneAt = at;
  }
  const entry = (type: TimelineEntry["type"], details: Record<string, unknown>): TimelineEntry => ({
    id: newId(now),
    feedbackId: id,
    type,
    at,
    actor: actor.staff.id,
    public: false,
    version: next.version,
    details,
  });
  const entries = [
    ...(changes.length > 0 ? [entry("changed", { changes })] : []),
    ...(next.ending && next.ending.version === next.version
      ? [
          entry("ended", {
            status: next.ending.status,
            outcome: next.ending.outcome ?? null,
            notify: next.ending.notify,
          }),
        ]
      : []),
    ...(patch.note ? [entry("note", { text: patch.note })] : []),
  ];
  try {
    await deps.feedback.update(next, current.version, entries);
  } catch (error) {
    if (error instanceof VersionConflictError)
      throw await staleVersion(deps, await deps.feedback.get(id), patch.version);
    throw error;
  }
  // Told from here and from the item's stream record: the same notification, once.
  if (next.ending?.notify && next.ending.version === next.version) await tellEndingNow(deps, next);
  return next;
}

/**
 * Marks an item a duplicate of another: it becomes "merged", its submitter follows the primary
 * item from then on, and both timelines record it. Both items' versions move, in one transaction.
 */
export async function mergeFeedback(deps: Deps, actor: Principal, id: string, intoId: string): Promise<Feedback> {
  if (id === intoId) throw new ValidationError("an item cannot be merged into itself", { intoId: "same item" });
  const [item, primary] = await Promise.all([deps.feedback.get(id), deps.feedback.get(intoId)]);
  if (item.status === "merged")
    throw new ConflictError("this item is already merged", "conflict", { mergedInto: item.mergedInto });
  if (primary.status === "merged") {
    throw new ConflictError("cannot merge into an item that is itself merged", "conflict", {
      mergedInto: primary.mergedInto,
    });
  }
  const now = deps.now();
  const at = now.toISOString();
  const merged: Feedback = { ...item, status: "merged", mergedInto: intoId, updatedAt: at, version: item.version + 1 };
  const entry = (
    feedbackId: string,
    type: "merged_into" | "merged_from",
    version: number,
    other: string,
  ): TimelineEntry => ({
    id: newId(now),
    feedbackId,
    type,
    at,
    actor: actor.staff.id,
    public: type === "merged_into",
    version,
    details: type === "merged_into" ? { into: other, from: item.status } : { from: other },
  });
  try {
    await deps.feedback.merge(merged, item.version, primary, [
      entry(id, "merged_into", merged.version, intoId),
      entry(intoId, "merged_from", primary.version + 1, id),
    ]);
  } catch (error) {
    if (error instanceof VersionConflictError)
      throw new ConflictError("one of the items changed meanwhile; try again", "version_conflict");
    throw error;
  }
  // Merged into an item whose action is in a phase: that update is owed to this item's customer.
  // Written now, as well as from the item's stream record (the same notification, once).
  await writeLateUpdate(deps, id);
  return merged;
}

async function staleVersion(deps: Deps, current: Feedback, seenVersion: number): Promise<ConflictError> {
  const timeline = await deps.timeline.of(current.id);
  const changedSince = timeline.filter((e) => e.version !== undefined && e.version > seenVersion);
  const now: FeedbackNow = {
    version: current.version,
    status: current.status,
    kind: current.kind,
    topic: current.topic ?? null,
    tags: current.tags,
    assignee: current.assignee ?? null,
  };
  return new ConflictError("someone else changed this item since you loaded it", "version_conflict", {
    current: now,
    changedSince,
  });
}

function normalise(patch: FeedbackPatch) {
  const topic = patch.topic === undefined ? undefined : patch.topic?.trim() || null;
  const tags = patch.tags === undefined ? undefined : [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))];
  return { ...patch, topic, tags };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
