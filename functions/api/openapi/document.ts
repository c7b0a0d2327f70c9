import { IDEMPOTENCY_KEY } from "../middleware/idempotency";
import { goalOperations } from "./goal-paths";
import { documentSchemas } from "./helpers";
import { type HeaderParameterName, pathsOf, tags } from "./operation";
import { peopleOperations } from "./people-paths";
import { publicOperations, signInOperations } from "./public-paths";
import { staffOperations } from "./staff-paths";
import { webhookOperations } from "./webhook-paths";

/**
 * Every operation of the document: to add one, add it to the list of its area (see README, "The API
 * document"). Each list is made when the document is built, not when its module loads: the public web
 * function loads these modules with the rest, and an operation converts its zod schemas to JSON Schema.
 */
const documentedOperations = () => [
  ...publicOperations(),
  ...signInOperations(),
  ...staffOperations(),
  ...goalOperations(),
  ...webhookOperations(),
  ...peopleOperations(),
];

/** The header parameters operations refer to. */
const parameters: Record<HeaderParameterName, unknown> = {
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "Makes retries safe: the same key with the same body gets the same answer and stores one item; with another body, 422 `idempotency_key_reused`.",
    schema: { type: "string", pattern: IDEMPOTENCY_KEY.source },
  },
  CsrfToken: {
    name: "X-CSRF-Token",
    in: "header",
    required: false,
    description:
      "The session's CSRF token (`csrfToken` of `GET /api/me`): required when the call is authenticated by the session cookie, not with a bearer token.",
    schema: { type: "string" },
  },
};

/** The response headers answers refer to. */
const headers = {
  RetryAfter: {
    description: "Seconds to wait before trying again.",
    required: true,
    schema: { type: "integer", minimum: 0 },
  },
  Location: { description: "Where to go next.", required: true, schema: { type: "string" } },
  SetSessionCookie: {
    description: "The session cookie `fb_session` (HttpOnly, SameSite=Lax, Path=/; Secure when served over HTTPS).",
    required: true,
    schema: { type: "string" },
  },
  ContentDisposition: {
    description: 'An attachment: `attachment; filename="feedback-YYYY-MM-DD.csv"`.',
    required: true,
    schema: { type: "string" },
  },
};

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (and type
 * answers), so the document cannot describe an API other than the one that runs. Who may call each
 * operation comes from route-permissions.ts, the table the guard enforces.
 */
export function buildOpenApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Feedback platform API",
      version: "1.0.0",
      description:
        'Closed-loop customer feedback: intake, tracking, triage, goals, actions and the updates that tell customers what became of what they said. Every JSON error has one shape, `{ "error": { "code", "message", "fields"? } }`, with more for the client to act on where a 409 says so; no input produces a 5xx. A path asked with a method it does not take answers 405 with `Allow`. Ids are ULIDs, timestamps ISO 8601 UTC strings; lists page with an opaque `cursor`.',
    },
    servers: [{ url: serverUrl }],
    tags: tags.map((tag) => ({ ...tag })),
    security: [],
    paths: pathsOf(documentedOperations()),
    components: {
      schemas: documentSchemas(),
      parameters,
      headers,
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "fb_session",
          description:
            "The session cookie set by the sign-in link. State changes also send `X-CSRF-Token` and must come from a page of this site.",
        },
        apiToken: { type: "http", scheme: "bearer", description: "An API token: `fbk_<id>_<secret>`." },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
