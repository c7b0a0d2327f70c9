import { actionListQuerySchema } from "../../../shared/actions/list";
import { pageQuerySchema } from "../../../shared/paging";
import { error, json } from "./helpers";
import { operation } from "./operation";

const linkResults = {
  "200": json("One result per item (unknown items are reported there, not refused)", "ItemResults"),
};

/** Goals (the what), actions (the how), and the loop figures. */
export const goalOperations = () => [
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
      "The metric now (trailing window; a measure's latest observation in it) against baseline and target, the weekly series in step with the goal's start day, reaching back before it to cover the whole window and the first feedback (or a measure's first observation) of the last 52 weeks, linked feedback and actions, and the loop figures",
    responses: { "200": json("Progress", "GoalProgressView"), "404": error("Unknown id (`not_found`)") },
  }),
  operation({
    method: "get",
    path: "/api/goals/{id}/observations",
    operationId: "listObservations",
    tag: "Goals",
    summary: "The goal's observations of its measure, latest day first, paginated",
    query: pageQuerySchema,
    responses: {
      "200": json("A page; `nextCursor` fetches the next, null on the last", "ObservationPage"),
      "404": error("Unknown goal (`not_found`)"),
    },
  }),
  operation({
    method: "post",
    path: "/api/goals/{id}/observations",
    operationId: "recordObservation",
    tag: "Goals",
    summary:
      "Record the goal's measure on a day: one value a day, a repeat replaces it. Only for a goal whose metric kind is `measure`",
    body: "ObservationInput",
    responses: {
      "201": json("The stored observation", "Observation"),
      "404": error("Unknown goal (`not_found`)"),
      "409": error("The goal's metric is not a measure (`not_a_measure`)"),
      "422": error("Invalid observation: `at` not a date or after today, `value` not a number, `note` too long"),
    },
  }),
  operation({
    method: "post",
    path: "/api/goals/{id}/observations.csv",
    operationId: "importObservationsCsv",
    tag: "Goals",
    summary: "Record the goal's measure from a CSV file",
    description:
      'A row per day of `date,value[,note]` (UTF-8), an optional first row naming the columns; cells separated by `,`, or by `;` with a decimal comma. Every row is checked first: any bad row stores nothing, and the 422 names each (`fields`: `{ "row 3": "the value is not a number" }`). Each day replaces the one recorded before; at most 1,000 rows.',
    body: { file: "text/csv" },
    responses: {
      "201": json("How many observations were stored, and the days they span", "ObservationImport"),
      "404": error("Unknown goal (`not_found`)"),
      "409": error("The goal's metric is not a measure (`not_a_measure`)"),
      "422": error("Bad rows (each named in `fields`), no rows, or more than 1,000 (`validation_failed`)"),
    },
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
    summary: "Loop figures overall and per goal",
    description:
      "Linked, done (status done), told the outcome in any way (a we-did update, an ending told by hand, a dropped action's update) and the share of those who can be told, `cannotBeTold` (anonymous, noConsent, suppressed), `toldNobody`, median days to outcome.",
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
    description:
      "Texts customers read (`title`, `youSaid`, `weWill`, `weDid`, `dropReason`) take a string (the default language's text) or an object with a text per language; in an object, a language set to null loses its text. A move that tells customers (to planned with a weWill, to done, to dropped after the \u201cwe will\u201d was sent) whose audience reads a language its text lacks is refused with `missing_translation`, unless `fallback` is true. Dropping an action whose \u201cwe will\u201d was sent needs a `dropReason`.",
    body: "ActionPatch",
    responses: {
      "200": json("The action", "Action"),
      "404": error("Unknown id (`not_found`)"),
      "409": error(
        "A stale `version` (`version_conflict`; `current` is the action now), or a move that is not allowed (`invalid_transition`; `allowed` lists the moves there are)",
        "ActionConflict",
      ),
      "422": error(
        "Invalid change, e.g. done without weDid or a drop without dropReason (`validation_failed`), or a text missing a language its customers read (`missing_translation`: `missing` names each language and how many customers read it)",
        "TranslationMissing",
      ),
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
