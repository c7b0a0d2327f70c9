import { recognitionQuerySchema } from "../../../shared/entities/recognition";
import { error, json } from "./helpers";
import { operation } from "./operation";

/** People recognised (compliments routed, kudos, the summary), and one's own settings. */
export const peopleOperations = () => [
  operation({
    method: "patch",
    path: "/api/me",
    operationId: "updateMyPreferences",
    tag: "Sign-in",
    summary:
      "Your own settings: the language of your mail, the weekly digest on or off, alert subscriptions (topics, departments)",
    body: "Preferences",
    responses: { "200": json("Your staff record", "Staff") },
  }),
  operation({
    method: "post",
    path: "/api/feedback/{id}/route",
    operationId: "routeCompliment",
    tag: "Recognition",
    summary: "Route a compliment to staff members (`staffIds`) and/or everyone in a `department`",
    description: "Each person is mailed it once, in their language.",
    body: "RouteInput",
    responses: {
      "200": json("Who was told now, and who had been already", "Routed"),
      "404": error("Unknown id (`not_found`)"),
      "409": error(
        "The item is not a compliment (`not_a_compliment`), or its words kept changing (were erased) while it was routed (`version_conflict`)",
      ),
      "422": error("No one named, someone not active staff, or a department nobody works in (`validation_failed`)"),
    },
  }),
  operation({
    method: "post",
    path: "/api/kudos",
    operationId: "giveKudos",
    tag: "Recognition",
    summary: "Give a colleague kudos with a reason (any role); they are mailed once, in their language",
    description:
      "With an `Idempotency-Key`, giving the same kudos again gets the first answer, and the colleague one mail.",
    body: "KudosInput",
    headers: ["IdempotencyKey"],
    responses: {
      "201": json("The kudos", "Kudos"),
      "400": error("The body is not valid JSON, or the Idempotency-Key is malformed (`malformed_request`)"),
      "409": error("A request with this Idempotency-Key is still being processed; retry it (`conflict`)"),
      "422": error(
        "No reason, or `to` names no active colleague (or yourself) (`validation_failed`), or an Idempotency-Key reused with another body (`idempotency_key_reused`)",
      ),
    },
  }),
  operation({
    method: "get",
    path: "/api/recognition",
    operationId: "getRecognition",
    tag: "Recognition",
    summary:
      "Who was recognised in a period (`from`, `to`, days in UTC; default the last 30 days): per person and per department, compliments received and kudos given and received",
    query: recognitionQuerySchema,
    responses: { "200": json("The summary", "RecognitionSummary") },
  }),
];
