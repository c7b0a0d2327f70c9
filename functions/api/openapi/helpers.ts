import * as z from "zod/mini";
import { componentSchemas, type SchemaName } from "./schemas";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema. */
export const schema = (s: z.ZodMiniType, io: "input" | "output" = "output"): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

/** A reference to a component schema; the name is checked against the components when compiled. */
export const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** A response header, as a reference to one of the document's header components. */
export type HeaderName = "RetryAfter" | "Location" | "SetSessionCookie" | "ContentDisposition" | "Allow";
const header = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` });

/** One documented answer: every body it has has a schema. */
export interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: JsonSchema }>;
}

const withHeaders = (names: Record<string, HeaderName> | undefined) =>
  names ? { headers: Object.fromEntries(Object.entries(names).map(([key, name]) => [key, header(name)])) } : {};

/** A JSON answer whose body is a component schema (by name) or an inline schema. */
export const json = (
  description: string,
  body: SchemaName | JsonSchema,
  headers?: Record<string, HeaderName>,
): Response => ({
  description,
  ...withHeaders(headers),
  content: { "application/json": { schema: typeof body === "string" ? ref(body) : body } },
});

/** An error answer in the one JSON error shape (or a more specific error schema, e.g. a 409's details). */
export const error = (description: string, body: SchemaName = "Error", headers?: Record<string, HeaderName>) =>
  json(description, body, headers);

/** An HTML page answer. */
export const html = (description: string, headers?: Record<string, HeaderName>): Response => ({
  description,
  ...withHeaders(headers),
  content: { "text/html": { schema: { type: "string" } } },
});

/** An answer without a body (204, or a redirect whose target is in `Location`). */
export const empty = (description: string, headers?: Record<string, HeaderName>): Response => ({
  description,
  ...withHeaders(headers),
});

/** Query parameters described by an object schema's properties (the schema that validates them). */
export function queryParameters(s: z.ZodMiniType) {
  const { properties = {}, required = [] } = schema(s, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...typed } = property;
    return {
      name,
      in: "query",
      required: required.includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: typed,
    };
  });
}

/** What each path parameter of the API is. */
const pathParameterDescriptions: Record<string, string> = {
  id: "The resource's id (a ULID).",
  token: "The unguessable token from the link (at least 128 random bits, base64url).",
  section: "A tag in lower case (`sign-in`), or `schemas`.",
};

/** A path parameter, typed and described. */
export const pathParameter = (name: string) => ({
  name,
  in: "path",
  required: true,
  description: pathParameterDescriptions[name] ?? `The ${name}.`,
  schema: { type: "string", minLength: 1 },
});

/** Every schema of the document's components, as OpenAPI writes them. */
export const documentSchemas = (): Record<SchemaName, JsonSchema> =>
  Object.fromEntries(Object.entries(componentSchemas()).map(([name, s]) => [name, schema(s.zod, s.io)])) as Record<
    SchemaName,
    JsonSchema
  >;
