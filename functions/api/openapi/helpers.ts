import * as z from "zod/mini";

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema. */
export const schema = (s: z.ZodMiniType, io: "input" | "output" = "output") => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

/** A page of a list as an OpenAPI schema: its items and the cursor of the next page. */
export const pageSchema = (items: z.ZodMiniType) =>
  schema(z.object({ items: z.array(items), nextCursor: z.nullable(z.string()) }));

/** A JSON body of a named component schema. */
export const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
/** An error answer (the one error shape). */
export const error = (description: string) => ({ description, content: json("Error") });
/** An HTML page answer. */
export const html = (description: string) => ({
  description,
  content: { "text/html": { schema: { type: "string" } } },
});
/** A path parameter. */
export const pathParameter = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

/** Query parameters described by an object schema's properties. */
export function queryParameters(s: z.ZodMiniType) {
  const { properties = {} } = schema(s, "input") as { properties?: Record<string, unknown> };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    schema: property,
  }));
}

/** The answers of a paginated list whose page is the named component schema. */
export const pageResponses = (ref: string, invalid = "Bad limit (1 to 100)") => ({
  "200": { description: "A page; `nextCursor` fetches the next, null on the last", content: json(ref) },
  "400": error("Bad cursor"),
  "422": error(invalid),
});

/** The answers every signed-in route may give besides its own. */
export const staffErrors = {
  "401": error("Not signed in"),
  "403": error(
    "Signed in, but the role does not allow this; or, for a state change by session, the CSRF token is missing or wrong, or the request's Origin, Sec-Fetch-Site or Referer names another site (code `csrf_failed`)",
  ),
};

/** The answers every route that reads a JSON body may give besides its own. */
export const bodyErrors = {
  "413": error("The body is over the size limit"),
  "415": error("The body is not JSON, or its charset is not utf-8, iso-8859-1 or us-ascii"),
};

const signedIn = [{ session: [] }, { apiToken: [] }];

/** A signed-in operation: its own answers, those of a JSON body when it takes one, and the staff errors. */
export const op = (summary: string, responses: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  summary,
  security: signedIn,
  ...extra,
  responses: { ...responses, ...("requestBody" in extra ? bodyErrors : {}), ...staffErrors },
});

/** A required JSON body of a named component schema. */
export const body = (ref: string) => ({ requestBody: { required: true, content: json(ref) } });
