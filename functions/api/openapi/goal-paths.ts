import { actionListQuerySchema } from "../../../shared/actions/list";
import { pageQuerySchema } from "../../../shared/paging";
import { error, json } from "./helpers";
import { operation } from "./operation";

const linkResults = {
  "200": json("One result per item (unknown items are reported there, not refused)", "ItemResults"),
};

/** Goals (the what), actions (the how), and the loop figures. */
export const goalOperations = [
  operation({
    method: "get",
    path: "/api/goals",
    operationId: "listGoals",
    tag: "Goals",
    summary: "The goals, oldest first, paginated",
    query: pageQuerySchema,
    responses: { "200": json("A page; `nextCursor` fetches the next, null on the last", "GoalPage") },
  }),
  operation({
    method: "post",
    path: "/api/goals",
    operationId: "createGoal",
    tag: "Goals",
    summary: "Set a goal, with its metric",
    body: "GoalInput",
    responses: { "201": json("The goal", "Goal") },
  }),
  operation({
    method: "get",
    path: "/api/goals/{id}",
    operationId: "getGoal",
    tag: "Goals",
    summary: "A goal with its sub-goals and actions",
    responses: { "200": json("The goal", "GoalDetail"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "patch",
    path: "/api/goals/{id}",
    operationId: "updateGoal",
    tag: "Goals",
    summary: "Change a goal, based on `version`",
    body: "GoalPatch",
    responses: {
      "200": json("The goal", "Goal"),
      "404": error("Unknown id (`not_found`)"),
      "409": error("A stale `version` (`version_conflict`; `current` is the goal now)", "GoalConflict"),
      "422": error("Invalid change, e.g. a parent that would make a circle (`validation_failed`)"),
    },
  }),
  operation({
    method: "get",
    path: "/api/goals/{id}/progress",
    operationId: "getGoalProgress",
    tag: "Goals",
    summary:
      "The metric now (trailing window) against baseline and target, the weekly series since the goal began, linked feedback and actions, loop figures",
    responses: { "200": json("Progress", "GoalProgressView"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "post",
    path: "/api/goals/{id}/feedback",
    operationId: "linkFeedbackToGoal",
    tag: "Goals",
    summary: "Link feedback to the goal (new items become triaged)",
    body: "FeedbackIds",
    responses: { ...linkResults, "404": error("Unknown goal (`not_found`)") },
  }),
  operation({
    method: "get",
    path: "/api/loop",
    operationId: "getLoopFigures",
    tag: "Goals",
    summary: "Loop figures overall and per goal: share told the outcome, median days to outcome",
    responses: { "200": json("Figures", "LoopOverview") },
  }),
  operation({
    method: "get",
    path: "/api/actions",
    operationId: "listActions",
    tag: "Actions",
    summary: "Actions (a goal's, of one status), oldest first, paginated",
    query: actionListQuerySchema,
    responses: { "200": json("A page; `nextCursor` fetches the next, null on the last", "ActionPage") },
  }),
  operation({
    method: "post",
    path: "/api/actions",
    operationId: "createAction",
    tag: "Actions",
    summary: "Record an action for a goal (status proposed)",
    body: "ActionInput",
    responses: { "201": json("The action", "Action") },
  }),
  operation({
    method: "get",
    path: "/api/actions/{id}",
    operationId: "getAction",
    tag: "Actions",
    summary: "An action with its timeline and linked feedback",
    responses: { "200": json("The action", "ActionDetail"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "patch",
    path: "/api/actions/{id}",
    operationId: "updateAction",
    tag: "Actions",
    summary:
      "Change an action: forward along proposed → planned → in_progress → done (steps may be skipped), or dropped; done needs weDid",
    body: "ActionPatch",
    responses: {
      "200": json("The action", "Action"),
      "404": error("Unknown id (`not_found`)"),
      "409": error(
        "A stale `version` (`version_conflict`; `current` is the action now), or a move that is not allowed (`invalid_transition`; `allowed` lists the moves there are)",
        "ActionConflict",
      ),
      "422": error("Invalid change, e.g. done without weDid (`validation_failed`)"),
    },
  }),
  operation({
    method: "post",
    path: "/api/actions/{id}/feedback",
    operationId: "linkFeedbackToAction",
    tag: "Actions",
    summary: "Link feedback to the action; its status follows the action",
    body: "FeedbackIds",
    responses: { ...linkResults, "404": error("Unknown action (`not_found`)") },
  }),
];
