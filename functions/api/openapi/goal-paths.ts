import { actionListQuerySchema } from "../../../shared/actions/list";
import { pageQuerySchema } from "../../../shared/paging";
import { body, error, json, op, pageResponses, pathParameter, queryParameters } from "./helpers";

const id = { parameters: [pathParameter("id")] };
const linkResults = {
  "200": { description: "Results per item" },
  "404": error("Unknown id"),
  "422": error("Invalid list"),
};

/** Goals (the what), actions (the how), and the loop figures. */
export const goalPaths = {
  "/api/goals": {
    get: op("The goals, oldest first, paginated", pageResponses("GoalPage"), {
      parameters: queryParameters(pageQuerySchema),
    }),
    post: op(
      "Set a goal, with its metric (managers, admins)",
      { "201": { description: "The goal", content: json("Goal") }, "422": error("Invalid goal") },
      body("GoalInput"),
    ),
  },
  "/api/goals/{id}": {
    get: op(
      "A goal with its sub-goals and actions",
      { "200": { description: "The goal" }, "404": error("Unknown id") },
      id,
    ),
    patch: op(
      "Change a goal, based on `version`",
      {
        "200": { description: "The goal", content: json("Goal") },
        "404": error("Unknown id"),
        "409": error("Stale version"),
        "422": error("Invalid change"),
      },
      { ...id, ...body("GoalPatch") },
    ),
  },
  "/api/goals/{id}/progress": {
    get: op(
      "The metric now (trailing window; a measure's latest observation in it) against baseline and target, the weekly series in step with the goal's start day, reaching back before it to cover the whole window and the first feedback (or a measure's first observation) of the last 52 weeks, linked feedback and actions, and the loop figures (as `GET /api/loop` gives them per goal)",
      { "200": { description: "Progress" }, "404": error("Unknown id") },
      id,
    ),
  },
  "/api/goals/{id}/feedback": {
    post: op("Link feedback to the goal (new items become triaged)", linkResults, { ...id, ...body("FeedbackIds") }),
  },
  "/api/goals/{id}/observations": {
    get: op("The goal's observations of its measure, latest day first, paginated", pageResponses("ObservationPage"), {
      operationId: "listObservations",
      parameters: [pathParameter("id"), ...queryParameters(pageQuerySchema)],
    }),
    post: op(
      "Record the goal's measure on a day (managers, admins): one value a day, a repeat replaces it. Only for a goal whose metric kind is `measure`",
      {
        "201": { description: "The stored observation", content: json("Observation") },
        "400": error("The body is not valid JSON"),
        "404": error("Unknown goal"),
        "409": error("The goal's metric is not a measure (code `not_a_measure`)"),
        "422": error("Invalid observation: `at` not a date or after today, `value` not a number, `note` too long"),
      },
      { operationId: "recordObservation", ...id, ...body("ObservationInput") },
    ),
  },
  "/api/goals/{id}/observations.csv": {
    post: op(
      'Record the goal\'s measure from a CSV file (`text/csv`, UTF-8): a row per day of `date,value[,note]`, an optional first row naming the columns; cells separated by `,`, or by `;` with a decimal comma. Every row is checked first: any bad row stores nothing, and the 422 names each (`fields`: `{ "row 3": "the value is not a number" }`). Each day replaces the one recorded before; at most 1,000 rows',
      {
        "201": {
          description: "How many observations were stored, and the days they span",
          content: json("ObservationImport"),
        },
        "404": error("Unknown goal"),
        "409": error("The goal's metric is not a measure (code `not_a_measure`)"),
        "413": error("The body is over the size limit"),
        "415": error("The body is not text/csv, or its charset is not utf-8, iso-8859-1 or us-ascii"),
        "422": error("Bad rows (each named in `fields`), no rows, or more than 1,000"),
      },
      {
        operationId: "importObservationsCsv",
        ...id,
        requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
      },
    ),
  },
  "/api/loop": {
    get: op(
      "Loop figures overall and per goal: linked, done (status done), told the outcome in any way (a we-did update, an ending told by hand, a dropped action's update) and the share of those who can be told, `cannotBeTold` (anonymous, noConsent, suppressed), `toldNobody`, median days to outcome",
      {
        "200": { description: "Figures" },
      },
    ),
  },
  "/api/actions": {
    get: op(
      "Actions (a goal's, of one status), oldest first, paginated",
      pageResponses("ActionPage", "Bad limit, goalId or status"),
      { parameters: queryParameters(actionListQuerySchema) },
    ),
    post: op(
      "Record an action for a goal (status proposed)",
      { "201": { description: "The action", content: json("Action") }, "422": error("Invalid action") },
      body("ActionInput"),
    ),
  },
  "/api/actions/{id}": {
    get: op(
      "An action with its timeline and linked feedback",
      { "200": { description: "The action" }, "404": error("Unknown id") },
      id,
    ),
    patch: op(
      "Change an action: forward along proposed → planned → in_progress → done (steps may be skipped), or dropped; done needs weDid",
      {
        "200": { description: "The action", content: json("Action") },
        "404": error("Unknown id"),
        "409": error("Stale version, or a status change that is not allowed"),
        "422": error("Invalid change (e.g. done without weDid)"),
      },
      { ...id, ...body("ActionPatch") },
    ),
  },
  "/api/actions/{id}/feedback": {
    post: op("Link feedback to the action; its status follows the action", linkResults, {
      ...id,
      ...body("FeedbackIds"),
    }),
  },
};
