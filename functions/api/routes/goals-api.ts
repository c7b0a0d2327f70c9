import { Hono } from "hono";
import { actionListQuerySchema, listActions } from "../../../shared/actions/list";
import { createAction, getAction, linkFeedbackToAction, updateAction } from "../../../shared/actions/service";
import type { Deps } from "../../../shared/deps";
import { actionInputSchema, actionPatchSchema } from "../../../shared/entities/action";
import { feedbackIdsSchema, goalInputSchema, goalPatchSchema } from "../../../shared/entities/goal";
import { goalDetail, goalProgressView, overallLoop } from "../../../shared/goals/progress-view";
import { createGoal, linkFeedbackToGoal, listGoals, updateGoal } from "../../../shared/goals/service";
import { pageQuerySchema } from "../../../shared/paging";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readJson, validate } from "../middleware/body";

/** Goals (the what) and actions (the how), with the feedback linked to them. */
export function goalsApi(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/goals", async (c) => c.json(await createGoal(deps, validate(goalInputSchema, await readJson(c))), 201))
    .get("/goals", async (c) => c.json(await listGoals(deps, validate(pageQuerySchema, c.req.query()))))
    .get("/goals/:id", async (c) => c.json(await goalDetail(deps, c.req.param("id"))))
    .patch("/goals/:id", async (c) =>
      c.json(await updateGoal(deps, c.req.param("id"), validate(goalPatchSchema, await readJson(c)))),
    )
    .get("/goals/:id/progress", async (c) => c.json(await goalProgressView(deps, c.req.param("id"))))
    .post("/goals/:id/feedback", async (c) => {
      const { feedbackIds } = validate(feedbackIdsSchema, await readJson(c));
      return c.json(await linkFeedbackToGoal(deps, principalOf(c), c.req.param("id"), feedbackIds));
    })
    .get("/loop", async (c) => c.json(await overallLoop(deps)))
    .post("/actions", async (c) =>
      c.json(await createAction(deps, principalOf(c), validate(actionInputSchema, await readJson(c))), 201),
    )
    .get("/actions", async (c) => c.json(await listActions(deps, validate(actionListQuerySchema, c.req.query()))))
    .get("/actions/:id", async (c) => {
      const action = await getAction(deps, c.req.param("id"));
      const [timeline, linked] = await Promise.all([
        deps.actions.timeline(action.id),
        deps.actions.linkedFeedback(action.id, 1000),
      ]);
      return c.json({ ...action, timeline, feedbackIds: linked.ids });
    })
    .patch("/actions/:id", async (c) =>
      c.json(
        await updateAction(deps, principalOf(c), c.req.param("id"), validate(actionPatchSchema, await readJson(c))),
      ),
    )
    .post("/actions/:id/feedback", async (c) => {
      const { feedbackIds } = validate(feedbackIdsSchema, await readJson(c));
      return c.json(await linkFeedbackToAction(deps, principalOf(c), c.req.param("id"), feedbackIds));
    });
}
