import { Hono } from "hono";
import { createAction } from "../../../shared/actions/service";
import { allows } from "../../../shared/auth/permissions";
import type { Deps } from "../../../shared/deps";
import { actionInputSchema } from "../../../shared/entities/action";
import {
  feedbackIdsSchema,
  type Goal,
  goalInputSchema,
  goalPatchSchema,
  goalSchema,
} from "../../../shared/entities/goal";
import type { GoalProgress } from "../../../shared/entities/metric";
import { observationInputSchema } from "../../../shared/entities/observation";
import { MalformedRequestError, NotFoundError, ValidationError } from "../../../shared/errors";
import { goalTree, levelOf } from "../../../shared/goals/hierarchy";
import { linkedFeedback, loopFiguresOf } from "../../../shared/goals/loop";
import { myGoals } from "../../../shared/goals/my-goals";
import { importObservationsCsv, listObservations, recordObservation } from "../../../shared/goals/observations";
import { overallLoop } from "../../../shared/goals/progress-view";
import { createGoal, linkFeedbackToGoal, listGoals, updateGoal } from "../../../shared/goals/service";
import { utcDay } from "../../../shared/metrics/days";
import { goalMetricProgress } from "../../../shared/metrics/progress";
import { pageQuerySchema } from "../../../shared/paging";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readForm, validate } from "../middleware/body";
import { isId } from "../pages/console/common";
import { filtersFrom, hrefWith, pageValuesFrom } from "../pages/console/forms";
import { OBSERVATIONS_SHOWN } from "../pages/console/goal-observations";
import { flattenTree, GoalsMessagePage, GoalsPage, type GoalsPageProps } from "../pages/console/goals";
import { goalsFlashOf, linkedQuery } from "../pages/console/goals-common";
import { GoalDetailPage, type GoalDetailPageProps } from "../pages/console/goals-detail";
import {
  actionInputFrom,
  goalInputFrom,
  goalPatchFrom,
  goalValuesOf,
  keptGoalValues,
  observationInputFrom,
  postedGoalValues,
  seenGoalValues,
} from "../pages/console/goals-values";
import { MyGoalsPage } from "../pages/console/my-goals";
import { assetHref } from "../static-assets";
import { type C, consoleForms, currentOf, isClientError, type Status, statusOf, versionOf } from "./console-forms";

/** The `file` of a multipart post; a body that does not parse as a form is a 400, not a 500. */
async function uploadedFile(c: C) {
  let body: Awaited<ReturnType<C["req"]["parseBody"]>>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new MalformedRequestError("the upload is not a readable form");
  }
  return body.file;
}

/**
 * The console's goal pages (server-rendered, complete without JavaScript; the goal page draws its
 * chart with Chart.js when scripts run) and the inbox's bulk link to a goal. The guard applies each
 * route's permission.
 */
export function consoleGoalsRoutes(deps: Deps) {
  const { viewerOf, notFound, pickOf, idsFrom } = consoleForms(deps);
  const scripts = () => ({ chartJs: assetHref("chart.umd.min.js"), goalChart: assetHref("goal-chart.js") });
  const progressOf = (goal: Goal): Promise<GoalProgress | null> => goalMetricProgress(deps, goal, deps.now());

  /** The goal hierarchy with each measured goal's progress, the loop figures, and the new-goal form. */
  const goalsPage = async (c: C, props: Partial<GoalsPageProps>, status: Status) => {
    const query = validate(pageQuerySchema, pageValuesFrom(c.req.query()));
    const [page, goals, loop, staff] = await Promise.all([
      listGoals(deps, query),
      deps.goals.list(),
      overallLoop(deps),
      deps.staff.list(),
    ]);
    // A page's goal whose parent is on another page heads its own branch, at its level in the whole hierarchy.
    const byId = new Map(goals.map((g) => [g.id, g]));
    const tree = goalTree(page.items, (goal) => levelOf(goal, byId));
    const measured = flattenTree(tree).filter((g) => g.metric);
    const progress = new Map(
      await Promise.all(measured.map(async (g) => [g.id, await progressOf(g)] as [string, GoalProgress])),
    );
    const paging = { nextCursor: page.nextCursor, paged: Boolean(query.cursor) };
    return c.html(
      <GoalsPage viewer={viewerOf(c)} {...{ tree, goals, progress, loop, staff }} {...paging} {...props} />,
      status,
    );
  };

  const loadGoal = async (id: string) => {
    const goal = isId(id) ? await deps.goals.get(id) : undefined;
    if (!goal) return undefined;
    const [goals, actions, linked, staff, progress, observations] = await Promise.all([
      deps.goals.list(),
      deps.actions.list(id),
      linkedFeedback(deps, id),
      deps.staff.list(),
      progressOf(goal),
      goal.metric?.kind === "measure"
        ? listObservations(deps, id, { limit: OBSERVATIONS_SHOWN }).then((page) => page.items)
        : Promise.resolve([]),
    ]);
    const today = utcDay(deps.now());
    return {
      goal,
      goals,
      actions,
      linked,
      staff,
      progress,
      observations,
      today,
      loop: await loopFiguresOf(deps, linked),
    };
  };

  const goalPage = async (c: C, id: string, props: Partial<GoalDetailPageProps>, status: Status) => {
    const loaded = await loadGoal(id);
    if (!loaded) return notFound(c, "goal");
    const pick = allows(principalOf(c).staff.role, "feedback:triage")
      ? await pickOf(c, (item) => item.goalId === id)
      : undefined;
    return c.html(
      <GoalDetailPage viewer={viewerOf(c)} {...loaded} scripts={scripts()} pick={pick} {...props} />,
      status,
    );
  };

  return new Hono<AppEnv>()
    .get("/console/goals", (c) => goalsPage(c, { flash: goalsFlashOf(c.req.query()) }, 200))
    .post("/console/goals", async (c) => {
      const form = await readForm(c);
      try {
        const goal = await createGoal(deps, validate(goalInputSchema, goalInputFrom(form)));
        return c.redirect(`/console/goals/${goal.id}?created=1`, 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        const newGoal = postedGoalValues(form, goalValuesOf());
        return goalsPage(c, { error: `Not created: ${error.message}.`, newGoal }, statusOf(error));
      }
    })
    .get("/console/goals/:id", (c) => goalPage(c, c.req.param("id"), { flash: goalsFlashOf(c.req.query()) }, 200))
    .post("/console/goals/:id", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c, "goal");
      const form = await readForm(c);
      try {
        await updateGoal(deps, id, validate(goalPatchSchema, goalPatchFrom(form)));
        return c.redirect(`/console/goals/${id}?saved=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c, "goal");
        if (!isClientError(error)) throw error;
        if (error.code === "version_conflict") {
          const current = currentOf<Goal>(error, goalSchema) ?? (await deps.goals.get(id));
          if (!current) return notFound(c, "goal");
          const edit = { values: keptGoalValues(form, current), seen: goalValuesOf(current), version: current.version };
          return goalPage(c, id, { edit, conflict: { current } }, 409);
        }
        const goal = await deps.goals.get(id);
        if (!goal) return notFound(c, "goal");
        const now = goalValuesOf(goal);
        const edit = {
          values: postedGoalValues(form, now),
          seen: seenGoalValues(form, now),
          version: versionOf(form) ?? goal.version,
        };
        return goalPage(c, id, { edit, error: `Not saved: ${error.message}.` }, statusOf(error));
      }
    })
    .post("/console/goals/:id/feedback", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c, "goal");
      const form = await readForm(c);
      try {
        const { feedbackIds } = await idsFrom(c, form.feedbackIds);
        const { results } = await linkFeedbackToGoal(deps, principalOf(c), id, feedbackIds);
        return c.redirect(`/console/goals/${id}?${linkedQuery(results)}#feedback`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c, "goal");
        if (!isClientError(error)) throw error;
        const message = `Nothing was linked: ${error.message}.`;
        return goalPage(c, id, { error: message, linkIds: form.feedbackIds }, statusOf(error));
      }
    })
    .post("/console/goals/:id/actions", async (c) => {
      const id = c.req.param("id");
      if (!isId(id) || !(await deps.goals.get(id))) return notFound(c, "goal");
      const form = await readForm(c);
      try {
        // The new action opens at once: what happens next (a plan, a "we will") is written there.
        const action = await createAction(deps, principalOf(c), validate(actionInputSchema, actionInputFrom(id, form)));
        return c.redirect(`/console/actions/${action.id}?actionAdded=1`, 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return goalPage(
          c,
          id,
          { error: `The action was not added: ${error.message}.`, newAction: form },
          statusOf(error),
        );
      }
    })
    .post("/console/goals/:id/observations", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c, "goal");
      const form = await readForm(c);
      try {
        const input = validate(observationInputSchema, observationInputFrom(form));
        await recordObservation(deps, principalOf(c), id, input);
        return c.redirect(`/console/goals/${id}?recorded=1#observations`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c, "goal");
        if (!isClientError(error)) throw error;
        const observation = { at: form.at, value: form.value, note: form.note };
        return goalPage(c, id, { error: `Not recorded: ${error.message}.`, observation }, statusOf(error));
      }
    })
    .post("/console/goals/:id/observations.csv", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c, "goal");
      try {
        const file = await uploadedFile(c);
        if (!(file instanceof File) || file.size === 0) {
          throw new ValidationError("choose a CSV file to upload", { file: "no file" });
        }
        const { stored } = await importObservationsCsv(deps, principalOf(c), id, await file.text());
        return c.redirect(`/console/goals/${id}?imported=${stored}#observations`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c, "goal");
        if (!isClientError(error)) throw error;
        const rowErrors = Object.fromEntries(
          Object.entries(error.fields ?? {}).filter(([field]) => field.startsWith("row")),
        );
        return goalPage(c, id, { error: `Upload refused: ${error.message}.`, rowErrors }, statusOf(error));
      }
    })
    .get("/console/my-goals", async (c) => {
      const [goals, staff] = await Promise.all([myGoals(deps, principalOf(c).staff.id), deps.staff.list()]);
      return c.html(<MyGoalsPage viewer={viewerOf(c)} goals={goals} staff={staff} />);
    })
    .post("/console/bulk/link-goal", async (c) => {
      // The inbox's bulk form posts here from its "Link to goal" button (formaction): the selected ids and a goal.
      const form = await readForm(c);
      const all = await c.req.parseBody({ all: true });
      const ids = [all.ids ?? []].flat().filter((v): v is string => typeof v === "string");
      const filters = filtersFrom(Object.fromEntries(new URLSearchParams(form.return ?? "")));
      const back = { href: hrefWith("/console", filters), text: "Back to the inbox" };
      const refuse = (message: string, status: Status) =>
        c.html(
          <GoalsMessagePage viewer={viewerOf(c)} title="Nothing was linked" message={message} error back={back} />,
          status,
        );
      const goalId = form.linkGoalId?.trim() ?? "";
      if (ids.length === 0) return refuse("Nothing was linked: select at least one item first.", 422);
      if (!goalId) return refuse("Nothing was linked: choose the goal to link the selected items to.", 422);
      try {
        const { feedbackIds } = validate(feedbackIdsSchema, { feedbackIds: ids });
        if (!isId(goalId)) throw new NotFoundError("goal not found");
        const { results } = await linkFeedbackToGoal(deps, principalOf(c), goalId, feedbackIds);
        const failed = results.filter((r) => !r.ok).map((r) => r.id);
        const counts = { done: String(results.length - failed.length), failed: String(failed.length) };
        const failedIds = failed.filter(isId).slice(0, 20).join(",");
        return c.redirect(hrefWith("/console", filters, { ...counts, failedIds }), 303);
      } catch (error) {
        if (error instanceof NotFoundError) return refuse("Nothing was linked: there is no goal with that id.", 422);
        if (!isClientError(error)) throw error;
        return refuse(`Nothing was linked: ${error.message}.`, statusOf(error));
      }
    });
}
