import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import type { Feedback } from "../entities/feedback";
import type { Goal, GoalInput, GoalPatch } from "../entities/goal";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { applyText } from "../i18n/texts";
import { newId } from "../ids";
import { type Page, type PageQuery, readPage } from "../paging";
import { VersionConflictError } from "../repositories/feedback";
import { GoalsAboveChangedError } from "../repositories/goals";
import { goalsAbove } from "./hierarchy";

/** Creates a goal (status active); its parent must exist. */
export async function createGoal(deps: Deps, input: GoalInput): Promise<Goal> {
  await checkPeople(deps, input.owner, input.ambassadors);
  if (input.parentId && !(await deps.goals.get(input.parentId))) {
    throw new ValidationError("parentId must name an existing goal", { parentId: "unknown goal" });
  }
  const at = deps.now().toISOString();
  const goal: Goal = {
    ...input,
    title: applyText(undefined, input.title, deps.config.defaultLocale) ?? {},
    id: newId(),
    ambassadors: input.ambassadors ?? [],
    status: "active",
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.goals.create(goal);
  return goal;
}

/** A page of the goals, oldest first. */
export function listGoals(deps: Deps, query: PageQuery): Promise<Page<Goal>> {
  return readPage(query, (limit, startKey) => deps.goals.page(limit, startKey));
}

/** A goal by id, or a NotFoundError. */
export async function getGoal(deps: Deps, id: string): Promise<Goal> {
  const goal = await deps.goals.get(id);
  if (!goal) throw new NotFoundError("goal not found");
  return goal;
}

/**
 * Changes a goal, based on the version the person saw. A new parent may not be the goal or below
 * it: the goals above the new parent are read, and the change is written on condition that none
 * of them changed meanwhile; when one did (a concurrent move), the check runs again on what is now
 * there, so two moves that together would close a circle cannot both succeed.
 */
export async function updateGoal(deps: Deps, id: string, patch: GoalPatch): Promise<Goal> {
  const current = await getGoal(deps, id);
  if (patch.version !== current.version) throw staleGoal(current);
  await checkPeople(deps, patch.owner ?? undefined, patch.ambassadors);
  const { version: _, title, ...changes } = patch;
  const next: Goal = { ...current, updatedAt: deps.now().toISOString(), version: current.version + 1 };
  for (const [field, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(next, { [field]: value ?? undefined });
  }
  if (title !== undefined) {
    const text = applyText(current.title, title, deps.config.defaultLocale);
    if (!text) throw new ValidationError("a goal needs a title", { title: "needs a text in at least one language" });
    next.title = text;
  }
  const newParent = next.parentId !== current.parentId ? next.parentId : undefined;
  for (let attempt = 1; ; attempt++) {
    const above = newParent ? await goalsAbove(deps, id, newParent) : [];
    try {
      await deps.goals.update(next, current.version, above);
      return next;
    } catch (error) {
      if (error instanceof GoalsAboveChangedError && attempt < 3) continue;
      if (error instanceof VersionConflictError || error instanceof GoalsAboveChangedError) {
        throw staleGoal(await deps.goals.get(id));
      }
      throw error;
    }
  }
}

const staleGoal = (current: Goal | undefined) =>
  new ConflictError("someone else changed this goal since you loaded it", "version_conflict", { current });

/**
 * Links feedback items to a goal: each item records the goal on a versioned change with a timeline
 * entry, and a `new` item becomes `triaged`. Results are per item; one failure holds back no other.
 */
export async function linkFeedbackToGoal(deps: Deps, actor: Principal, goalId: string, feedbackIds: string[]) {
  await getGoal(deps, goalId);
  const results = [];
  for (const id of [...new Set(feedbackIds)]) {
    results.push(await linkOne(deps, actor, goalId, id));
  }
  return { results };
}

async function linkOne(deps: Deps, actor: Principal, goalId: string, id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    let current: Feedback;
    try {
      current = await deps.feedback.get(id);
    } catch (error) {
      if (error instanceof NotFoundError)
        return { id, ok: false as const, error: { code: "not_found", message: "feedback not found" } };
      throw error;
    }
    if (current.goalId === goalId) return { id, ok: true as const, version: current.version };
    const now = deps.now();
    const next: Feedback = {
      ...current,
      goalId,
      status: current.status === "new" ? "triaged" : current.status,
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    const changes = [{ field: "goalId", from: current.goalId ?? null, to: goalId }];
    if (next.status !== current.status) changes.push({ field: "status", from: current.status, to: next.status });
    try {
      await deps.feedback.update(next, current.version, [
        {
          id: newId(now),
          feedbackId: id,
          type: "linked_goal",
          at: now.toISOString(),
          actor: actor.staff.id,
          public: false,
          version: next.version,
          details: { changes },
        },
      ]);
      return { id, ok: true as const, version: next.version };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  return { id, ok: false as const, error: { code: "version_conflict", message: "the item kept changing; try again" } };
}

async function checkPeople(deps: Deps, owner: string | undefined, ambassadors: string[] | undefined) {
  for (const [field, id] of [["owner", owner], ...(ambassadors ?? []).map((a) => ["ambassadors", a])] as const) {
    if (id === undefined) continue;
    const staff = await deps.staff.get(id);
    if (!staff?.active)
      throw new ValidationError(`${field} must name active staff members`, { [field]: "unknown staff member" });
  }
}
