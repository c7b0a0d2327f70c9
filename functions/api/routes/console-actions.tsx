import { Hono } from "hono";
import { findersOf } from "../../../shared/actions/finders";
import { linkFeedbackToAction, updateAction } from "../../../shared/actions/service";
import { allows } from "../../../shared/auth/permissions";
import type { Deps } from "../../../shared/deps";
import { type Action, actionPatchSchema, actionSchema } from "../../../shared/entities/action";
import type { Feedback } from "../../../shared/entities/feedback";
import { type AppError, NotFoundError } from "../../../shared/errors";
import { audienceByLocale } from "../../../shared/updates/audience";
import { updatesProgress } from "../../../shared/updates/fan-out";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readForm, validate } from "../middleware/body";
import { ActionPage, type ActionPageProps } from "../pages/console/action";
import { isId } from "../pages/console/common";
import { goalsFlashOf, linkedQuery } from "../pages/console/goals-common";
import { LINKED_SHOWN } from "../pages/console/goals-detail";
import {
  actionPatchFrom,
  actionValuesOf,
  keptActionValues,
  postedActionValues,
  seenActionValues,
} from "../pages/console/goals-values";
import { type C, consoleForms, currentOf, isClientError, type Status, statusOf, versionOf } from "./console-forms";

const newestFirst = (a: Feedback, b: Feedback) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

/** A refused action change in words; "done needs weDid" names the field as the form does. */
const actionErrorMessage = (error: AppError) =>
  error.fields?.weDid
    ? "Not saved: to mark the action done, write what was done in “We did”."
    : `Not saved: ${error.message}.`;

/**
 * The console's action page: what it is for, its phase and texts, who it will tell, its linked
 * feedback, and the form that moves it on (server-rendered, complete without JavaScript). The
 * guard applies each route's permission.
 */
export function consoleActionRoutes(deps: Deps) {
  const { viewerOf, notFound, pickOf, idsFrom } = consoleForms(deps);

  const loadAction = async (id: string) => {
    const action = isId(id) ? await deps.actions.get(id) : undefined;
    if (!action) return undefined;
    // While a move can still tell customers, who they are by language (which texts they need).
    const open = action.status !== "done" && action.status !== "dropped";
    const [goal, timeline, links, staff, updates, audience, finders] = await Promise.all([
      deps.goals.get(action.goalId),
      deps.actions.timeline(id),
      deps.actions.linkedFeedback(id, 1000),
      deps.staff.list(),
      updatesProgress(deps, id),
      open ? audienceByLocale(deps, id) : undefined,
      findersOf(deps, id),
    ]);
    const read = await Promise.all(
      links.ids.slice(0, LINKED_SHOWN).map((feedbackId) =>
        deps.feedback.get(feedbackId).catch((error: unknown) => {
          if (error instanceof NotFoundError) return feedbackId;
          throw error;
        }),
      ),
    );
    const linked = read.filter((r): r is Feedback => typeof r !== "string").sort(newestFirst);
    const missing = read.filter((r): r is string => typeof r === "string");
    return { action, goal, timeline, linked, missing, staff, updates, audience, finders };
  };

  const actionPage = async (c: C, id: string, props: Partial<ActionPageProps>, status: Status) => {
    const loaded = await loadAction(id);
    if (!loaded) return notFound(c, "action");
    const shown = new Set(loaded.linked.map((item) => item.id));
    const pick = allows(principalOf(c).staff.role, "actions:manage")
      ? await pickOf(c, (item) => shown.has(item.id))
      : undefined;
    return c.html(<ActionPage viewer={viewerOf(c)} {...loaded} pick={pick} {...props} />, status);
  };

  return new Hono<AppEnv>()
    .get("/console/actions/:id", (c) => actionPage(c, c.req.param("id"), { flash: goalsFlashOf(c.req.query()) }, 200))
    .post("/console/actions/:id", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c, "action");
      const form = await readForm(c);
      try {
        await updateAction(deps, principalOf(c), id, validate(actionPatchSchema, actionPatchFrom(form)));
        return c.redirect(`/console/actions/${id}?saved=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c, "action");
        if (!isClientError(error)) throw error;
        if (error.code === "version_conflict") {
          const current = currentOf<Action>(error, actionSchema) ?? (await deps.actions.get(id));
          if (!current) return notFound(c, "action");
          const edit = {
            values: keptActionValues(form, current),
            seen: actionValuesOf(current),
            version: current.version,
          };
          return actionPage(c, id, { edit, conflict: { current } }, 409);
        }
        const action = await deps.actions.get(id);
        if (!action) return notFound(c, "action");
        const now = actionValuesOf(action);
        const edit = {
          values: postedActionValues(form, now),
          seen: seenActionValues(form, now),
          version: versionOf(form) ?? action.version,
        };
        return actionPage(c, id, { edit, error: actionErrorMessage(error) }, statusOf(error));
      }
    })
    .post("/console/actions/:id/feedback", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c, "action");
      const form = await readForm(c);
      try {
        const { feedbackIds } = await idsFrom(c, form.feedbackIds);
        const { results } = await linkFeedbackToAction(deps, principalOf(c), id, feedbackIds);
        return c.redirect(`/console/actions/${id}?${linkedQuery(results)}#feedback`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c, "action");
        if (!isClientError(error)) throw error;
        const message = `Nothing was linked: ${error.message}.`;
        return actionPage(c, id, { error: message, linkIds: form.feedbackIds }, statusOf(error));
      }
    });
}
