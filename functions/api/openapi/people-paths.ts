import { recognitionQuerySchema } from "../../../shared/entities/recognition";
import { body, error, json, op, pathParameter, queryParameters } from "./helpers";

/** Changing one's own settings (`PATCH /api/me`; the same path's GET is in the staff paths). */
export const preferencesOperation = op(
  "Your own settings: the language of your mail, the weekly digest on or off, alert subscriptions (topics, departments)",
  { "200": { description: "Your staff record", content: json("Staff") }, "422": error("Invalid settings") },
  body("Preferences"),
);

/** People recognised: compliments routed to the people they praise, kudos, and the recognition summary. */
export const peoplePaths = {
  "/api/feedback/{id}/route": {
    post: op(
      "Route a compliment to staff members (`staffIds`) and/or everyone in a `department`: each is mailed it once, in their language",
      {
        "200": { description: "Who was told now, and who had been already", content: json("Routed") },
        "404": error("Unknown id"),
        "409": error("The item is not a compliment (code `not_a_compliment`)"),
        "422": error("No one named, someone not active staff, or a department nobody works in"),
      },
      { parameters: [pathParameter("id")], ...body("RouteInput") },
    ),
  },
  "/api/kudos": {
    post: op(
      "Give a colleague kudos with a reason (any role); they are mailed once, in their language",
      {
        "201": { description: "The kudos", content: json("Kudos") },
        "422": error("No reason, or `to` names no active colleague (or yourself)"),
      },
      body("KudosInput"),
    ),
  },
  "/api/recognition": {
    get: op(
      "Who was recognised in a period (`from`, `to`, days in UTC; default the last 30 days): per person and per department, compliments received and kudos given and received",
      {
        "200": { description: "The summary", content: json("RecognitionSummary") },
        "422": error("Not a date, from after to, or a period over 366 days"),
      },
      { parameters: queryParameters(recognitionQuerySchema) },
    ),
  },
};
