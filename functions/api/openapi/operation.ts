import type * as z from "zod/mini";
import { permissions } from "../../../shared/auth/permissions";
import { routeAccess } from "../route-permissions";
import { error, html, type JsonSchema, pathParameter, queryParameters, type Response, ref } from "./helpers";
import type { SchemaName } from "./schemas";

/** The document's tags: the groups `/docs` navigates by, in this order. */
export const tags = [
  { name: "Intake", description: "Customers give feedback: the form, the embeddable form, the JSON intake." },
  { name: "Tracking", description: "What a submitter sees of their feedback, and one-click unsubscribe." },
  { name: "Board", description: 'The public "you said, we did" board, its roadmap, and asking to be told.' },
  { name: "Sign-in", description: "Passwordless staff sign-in by mailed link; sessions and who is signed in." },
  { name: "Feedback", description: "Staff triage: the inbox, one item with its timeline, changes, merges, export." },
  { name: "Goals", description: "Improvement goals (the what), their metric and progress, and the loop figures." },
  { name: "Actions", description: "Actions (the how): their status moves tell the customers of linked feedback." },
  { name: "Staff", description: "Staff members and their roles (admins manage them)." },
  { name: "Recognition", description: "Compliments routed to the people they praise, kudos between colleagues." },
  { name: "Tokens", description: "API tokens for `Authorization: Bearer` calls." },
  { name: "Privacy", description: "Export and erase everything held about an address." },
  {
    name: "Webhooks",
    description: "Outbound webhooks (admins): endpoints, their signed deliveries, sending one again.",
  },
  { name: "Service", description: "Health, and this document." },
] as const;
export type TagName = (typeof tags)[number]["name"];

export type Method = "get" | "post" | "put" | "patch" | "delete";
/** A status code as OpenAPI writes it (`"200"`). */
export type Status = `${1 | 2 | 3 | 4 | 5}${number}`;

/**
 * One operation of the API, as its route file's author writes it. Who may call it is not written
 * here: it comes from `routeAccess` (route-permissions.ts), the table the guard enforces.
 */
export interface OperationSpec {
  method: Method;
  /** The path as OpenAPI writes it: `/api/goals/{id}` (Hono's `/api/goals/:id`). */
  path: string;
  /** Unique and stable: generated clients name their functions after it. Never change a published one. */
  operationId: string;
  tag: TagName;
  summary: string;
  description?: string;
  /** The zod schema that validates the query string: one typed parameter per property (a 422 when invalid). */
  query?: z.ZodMiniType;
  /** Parameters the route reads without a schema (e.g. a page's `?lang=`). */
  parameters?: Parameter[];
  /** Header parameters (see `headerParameter`); path parameters come from `path`. */
  headers?: HeaderParameterName[];
  /** The request body: a JSON component schema, a form post (`form`), or a file of one type (`file`, e.g. `text/csv`). */
  body?: SchemaName | { form: JsonSchema; json?: SchemaName } | { file: string };
  /** Its own answers. The ones every operation of its kind gives are added (see `operation`). */
  responses: Partial<Record<Status, Response>>;
  /**
   * Whether its errors come as JSON (the API), as pages (HTML routes), or `either`: JSON to a JSON
   * request, a page otherwise (routes that take form posts and JSON alike). Default: JSON.
   */
  answers?: "json" | "html" | "either";
  /** Limited per client (429 with `Retry-After`). */
  rateLimited?: boolean;
  /** Reads the database (so it may answer 503 when it does not answer). Default: true. */
  database?: boolean;
}

/** A parameter written out (`in: "query"`, a name, a schema). */
export interface Parameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** The header parameters the API reads. */
export type HeaderParameterName = "IdempotencyKey" | "CsrfToken";

/** The security requirement of staff operations: the session cookie or an API token. */
const signedIn = [{ session: [] }, { apiToken: [] }];

/** `/api/goals/{id}` as Hono writes it: `/api/goals/:id`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");

/** Who may call an operation, from the table the guard enforces; an operation missing there is a mistake. */
function accessOf(method: Method, path: string) {
  const key = `${method.toUpperCase()} ${honoPath(path)}`;
  const access = routeAccess[key];
  if (!access) throw new Error(`the API document describes ${key}, which route-permissions.ts does not list`);
  return access;
}

const sorted = (responses: Record<string, Response>) =>
  Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));

/**
 * An operation of the document: the spec's own answers, and those every operation of its kind
 * gives: 401 and 403 for staff (who may call it comes from `routeAccess`), 413/415/422 for a body
 * (and 400 for JSON that does not parse), 422 (and 400 for a cursor) for a query, 429 when rate
 * limited, 503 when the database does not answer. Staff operations that change state take the
 * CSRF token header.
 */
function operationObject(spec: OperationSpec) {
  const access = accessOf(spec.method, spec.path);
  const isPublic = access === "public";
  const failure = (description: string, headers?: Parameters<typeof error>[2]): Response => {
    if (spec.answers === "html") return html(description, headers);
    const json = error(description, "Error", headers);
    if (spec.answers !== "either") return json;
    return { ...json, content: { ...json.content, ...html(description).content } };
  };
  const jsonBody =
    typeof spec.body === "string" ? spec.body : spec.body && "json" in spec.body ? spec.body.json : undefined;
  const fileBody = typeof spec.body === "object" && "file" in spec.body ? spec.body.file : undefined;
  const queryNames = spec.query ? queryParameters(spec.query).map((p) => p.name) : [];

  const implied: Record<string, Response> = {};
  if (spec.body) {
    if (jsonBody) implied["400"] = failure("The body is not valid JSON (`malformed_request`)");
    implied["413"] = failure("The body is over the size limit (`payload_too_large`)");
    implied["415"] = failure(
      jsonBody || fileBody
        ? "The body is not of a type this takes, or its charset is not utf-8, iso-8859-1 or us-ascii (`unsupported_media_type`)"
        : "The body is not a form post (`unsupported_media_type`)",
    );
    implied["422"] = failure("Invalid fields (`validation_failed`; `fields` names each)");
  }
  if (spec.query) {
    if (queryNames.includes("cursor")) implied["400"] = failure("The cursor is not one this list gave");
    implied["422"] ??= failure("An invalid query parameter (`validation_failed`; `fields` names it)");
  }
  if (!isPublic) {
    implied["401"] = failure("Not signed in: no, or an expired, session or token (`unauthorized`)");
    implied["403"] = failure(
      spec.method === "get"
        ? "Signed in, but the role does not allow this (`forbidden`)"
        : "Signed in, but the role does not allow this (`forbidden`); or, by session, the CSRF token is missing or wrong, or the request comes from another site (`csrf_failed`)",
    );
  }
  if (spec.rateLimited)
    implied["429"] = failure("Too many requests from this client (`rate_limited`)", { "Retry-After": "RetryAfter" });
  if (spec.database !== false) {
    implied["503"] = failure("The database does not answer for now (`unavailable`); retry after `Retry-After`", {
      "Retry-After": "RetryAfter",
    });
  }

  const pathParameters = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => pathParameter(m[1] as string));
  const headers = [...(spec.headers ?? []), ...(!isPublic && spec.method !== "get" ? ["CsrfToken" as const] : [])];
  const parameters = [
    ...pathParameters,
    ...(spec.query ? queryParameters(spec.query) : []),
    ...(spec.parameters ?? []),
    ...headers.map((name) => ({ $ref: `#/components/parameters/${name}` })),
  ];
  const roles = isPublic || access === "signed-in" ? undefined : permissions[access].join(", ");
  const who = isPublic
    ? "Public: no sign-in."
    : roles
      ? `Signed in with permission \`${access}\` (roles: ${roles}).`
      : "Any signed-in staff member.";

  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: spec.description ? `${spec.description}\n\n${who}` : who,
    security: isPublic ? [] : signedIn,
    ...(isPublic || access === "signed-in" ? {} : { "x-permission": access }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body ? { requestBody: requestBody(spec.body) } : {}),
    responses: sorted({ ...implied, ...(spec.responses as Record<string, Response>) }),
  };
}

function requestBody(body: NonNullable<OperationSpec["body"]>) {
  if (typeof body === "string") return { required: true, content: { "application/json": { schema: ref(body) } } };
  if ("file" in body) return { required: true, content: { [body.file]: { schema: { type: "string" } } } };
  return {
    required: true,
    content: {
      "application/x-www-form-urlencoded": { schema: body.form },
      ...(body.json ? { "application/json": { schema: ref(body.json) } } : {}),
    },
  };
}

/** The paths object of a list of operations. */
export function pathsOf(operations: DocumentedOperation[]) {
  const paths: Record<string, Record<string, DocumentedOperation["document"]>> = {};
  for (const { method, path, document } of operations) {
    paths[path] ??= {};
    const at = paths[path];
    if (at[method]) throw new Error(`${method.toUpperCase()} ${path} is described twice`);
    at[method] = document;
  }
  return paths;
}

/** An operation of the document and where it lives, ready for `pathsOf`. */
export const operation = (spec: OperationSpec) => ({
  method: spec.method,
  path: spec.path,
  document: operationObject(spec),
});
export type DocumentedOperation = ReturnType<typeof operation>;
