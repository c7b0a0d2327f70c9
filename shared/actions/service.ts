import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import {
  type Action,
  type ActionInput,
  type ActionPatch,
  actionTransitions,
  localizedActionFields,
} from "../entities/action";
import { ConflictError, MissingTranslationError, NotFoundError, ValidationError } from "../errors";
import { getGoal } from "../goals/service";
import { locales } from "../i18n/locales";
import { applyText, missingLocales, sameText } from "../i18n/texts";
import { newId } from "../ids";
import { AlreadyLinkedError } from "../repositories/actions";
import { VersionConflictError } from "../repositories/feedback";
import { JobRepository } from "../repositories/jobs";
import { audienceByLocale } from "../updates/audience";
import { currentPhase, phaseBegunBy, phaseTextField, writeLateUpdate } from "../updates/fan-out";
import { goalStanding } from "../updates/standing";
import { followActions } from "./follow";
import { actionChangeJob } from "./sync-job";

const plainFields = ["description", "owner", "dueDate"] as const;

/** An action by id, or a NotFoundError. */
export async function getAction(deps: Deps, id: string): Promise<Action> {
  const action = await deps.actions.get(id);
  if (!action) throw new NotFoundError("action not found");
  return action;
}

/** Records a new action for a goal, status `proposed`. */
export async function createAction(deps: Deps, actor: Principal, input: ActionInput): Promise<Action> {
  await getGoal(deps, input.goalId).catch(() => {
    throw new ValidationError("goalId must name an existing goal", { goalId: "unknown goal" });
  });
  const now = deps.now();
  const at = now.toISOString();
  const title = applyText(undefined, input.title, deps.config.defaultLocale) ?? {};
  const action: Action = {
    ...input,
    title,
    id: newId(now),
    status: "proposed",
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.actions.create(action, {
    id: newId(now),
    actionId: action.id,
    type: "created",
    at,
    actor: actor.staff.id,
    version: 1,
  });
  return action;
}

/**
 * Changes an action based on the version the person saw. Status moves only forward along
 * proposed → planned → in_progress → done, skipping steps if need be (or to dropped from any but
 * done): a move back is a 409; `done` needs a `weDid` text. The change lands on the action's timeline here; the job written
 * with it carries the change to each linked item (its status and timeline) and, when the change
 * begins a phase, tells each item's customer.
 */
export async function updateAction(deps: Deps, actor: Principal, id: string, patch: ActionPatch): Promise<Action> {
  const current = await getAction(deps, id);
  if (patch.version !== current.version) {
    throw new ConflictError("someone else changed this action since you loaded it", "version_conflict", { current });
  }
  const status = patch.status ?? current.status;
  if (status !== current.status && !actionTransitions[current.status].includes(status)) {
    throw new ConflictError(`an action cannot move from ${current.status} to ${status}`, "invalid_transition", {
      allowed: actionTransitions[current.status],
    });
  }
  const now = deps.now();
  const at = now.toISOString();
  const next: Action = { ...current, status, updatedAt: at, updatedBy: actor.staff.id, version: current.version + 1 };
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  if (status !== current.status) changes.push({ field: "status", from: current.status, to: status });
  for (const field of plainFields) {
    const value = patch[field];
    if (value === undefined || (value ?? undefined) === current[field]) continue;
    changes.push({ field, from: current[field] ?? null, to: value });
    Object.assign(next, { [field]: value ?? undefined });
  }
  for (const field of localizedActionFields) {
    const value = patch[field];
    if (value === undefined) continue;
    const text = value === null ? undefined : applyText(current[field], value, deps.config.defaultLocale);
    if (field === "title" && !text) {
      throw new ValidationError("an action needs a title", { title: "needs a text in at least one language" });
    }
    if (sameText(text, current[field])) continue;
    changes.push({ field, from: current[field] ?? null, to: text ?? null });
    Object.assign(next, { [field]: text });
  }
  if (status === "done" && !next.weDid) {
    throw new ValidationError("an action can only be done with a weDid text", { weDid: "required to move to done" });
  }
  if (status === "dropped" && current.status !== "dropped" && current.willAnnouncedAt && !next.dropReason) {
    throw new ValidationError("customers were told this action would happen: say why it will not, in dropReason", {
      dropReason: "required to drop an action whose \u201cwe will\u201d was sent",
    });
  }
  if (status === "planned" && current.status !== "planned") next.plannedAt = at;
  if (status === "done" && current.status !== "done") next.doneAt = at;
  if (status === "dropped" && current.status !== "dropped") next.droppedAt = at;
  if (changes.length === 0) return current;
  // The customers' update for the phase this change begins is written with the change itself: the
  // job that fans it out cannot be lost, nor exist for a change that did not happen.
  const phase = phaseBegunBy(current, next);
  if (phase && !patch.fallback) await refuseMissingTranslations(deps, next, phaseTextField[phase]);
  if (phase === "will") next.willAnnouncedAt = at;
  const job = actionChangeJob(
    current,
    next,
    actor.staff.id,
    phase,
    phase ? await goalStanding(deps, next.goalId) : undefined,
  );
  try {
    await deps.actions.update(
      next,
      current.version,
      {
        id: newId(now),
        actionId: id,
        type: "changed",
        at,
        actor: actor.staff.id,
        version: next.version,
        details: { changes },
      },
      job ? [JobRepository.item(job, now)] : [],
    );
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new ConflictError("someone else changed this action since you loaded it", "version_conflict", {
        current: await deps.actions.get(id),
      });
    }
    throw error;
  }
  return next;
}

/**
 * Refuses a move that would tell customers in a language its text is not written in: the
 * languages with no text are checked against the action's audience (who would be told), so a
 * missing translation nobody reads does not hold the move up.
 */
async function refuseMissingTranslations(
  deps: Deps,
  action: Action,
  field: "weWill" | "weDid" | "dropReason",
): Promise<void> {
  const missing = missingLocales(action[field], locales);
  if (missing.length === 0) return;
  const audience = await audienceByLocale(deps, action.id, missing);
  const unwritten = missing.flatMap((locale) => {
    const customers = audience.get(locale) ?? 0;
    return customers > 0 ? [{ locale, customers }] : [];
  });
  if (unwritten.length > 0) throw new MissingTranslationError(field, unwritten);
}

/**
 * Links feedback items to an action: the link is kept on both sides with an entry on both
 * timelines, and each item's goal and status follow the action at once. Results are per item.
 */
export async function linkFeedbackToAction(deps: Deps, actor: Principal, actionId: string, feedbackIds: string[]) {
  const action = await getAction(deps, actionId);
  const results = [];
  for (const id of [...new Set(feedbackIds)]) {
    try {
      await deps.feedback.get(id);
      const now = deps.now();
      const at = now.toISOString();
      await deps.actions.link(actionId, id, at, [
        {
          id: newId(now),
          feedbackId: id,
          type: "linked_action",
          at,
          actor: actor.staff.id,
          public: false,
          details: { actionId, title: action.title },
        },
        { id: newId(now), actionId, type: "linked_feedback", at, actor: actor.staff.id, details: { feedbackId: id } },
      ]);
      await followActions(deps, id, { actor: actor.staff.id, goalId: action.goalId });
      // Linked after a phase began: the phase's update is written now, as well as from the link's
      // stream record (the same notification, once), so a record lost past its retries loses nothing.
      if (currentPhase(action)) await writeLateUpdate(deps, id, [actionId]);
      results.push({ id, ok: true as const });
    } catch (error) {
      if (error instanceof AlreadyLinkedError) results.push({ id, ok: true as const });
      else if (error instanceof NotFoundError)
        results.push({ id, ok: false as const, error: { code: "not_found", message: "feedback not found" } });
      else throw error;
    }
  }
  return { results };
}
