import type { Child } from "hono/jsx";
import { assetHref } from "../static-assets";
import { HtmlDocument } from "./document";

// What every page of the API reference shares: the document's shape, a schema in a line, the frame
// and the tags' navigation.

/** A JSON Schema, as the document holds it. */
export type Schema = Record<string, unknown>;
export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
export interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Schema }>;
}
export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: unknown[];
  "x-permission"?: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
}

/** The part of an OpenAPI document the reference pages show. */
export interface ApiDocument {
  info: { title: string; description: string; version: string };
  tags: readonly { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, unknown>;
  };
}

/** A tag as it appears in a `/docs/{section}` path: `Sign-in` → `sign-in`. */
export const tagSlug = (tag: string) => tag.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** A component's name from its `$ref`. */
export const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** `1 to 100`, `at least 1`, `at most 100` (with a unit), or nothing when neither bound is given. */
function range(min: unknown, max: unknown, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return `${min} to ${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  if (max !== undefined) return `at most ${max}${unit}`;
  return undefined;
}

/** A description's text with its `code` spans as code (text only: nothing in it is markup). */
export function Prose({ text }: { text: string }) {
  return <>{text.split("`").map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>;
}

/** A schema in a line: `string (1–5000)`, `integer, 1 to 100, default 50`, `one of a | b`, `Goal`. */
export function typeOf(schema: Schema | undefined): string {
  if (!schema) return "any";
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(" | ")}`;
  if ("const" in schema) return JSON.stringify(schema.const);
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return options.map((o) => typeOf(o as Schema)).join(" or ");
  }
  const types = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
  const values = schema.additionalProperties;
  const items =
    schema.type === "array"
      ? ` of ${typeOf(schema.items as Schema)}`
      : typeof values === "object" && values !== null && Object.keys(values).length > 0
        ? ` of ${typeOf(values as Schema)} by name`
        : "";
  const limits = [
    schema.format ? `${schema.format}` : undefined,
    range(schema.minimum, schema.maximum, ""),
    range(schema.minLength, schema.maxLength, " characters"),
    schema.maxItems !== undefined ? `at most ${schema.maxItems}` : undefined,
    schema.pattern ? `pattern ${schema.pattern}` : undefined,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : undefined,
  ].filter(Boolean);
  return `${types}${items}${limits.length > 0 ? ` (${limits.join(", ")})` : ""}`;
}

/** The page around every part of the reference. */
export function Frame({ title, children }: { title: string; children: Child }) {
  return (
    <HtmlDocument lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetHref("site.css")} />
      </head>
      <body class="docs">
        <header>
          <a href="/docs">API reference</a>
          <a href="/openapi.json">openapi.json</a>
        </header>
        <main id="main">{children}</main>
      </body>
    </HtmlDocument>
  );
}

/** The tags: the navigation of every reference page. */
export function TagNavigation({ document, current }: { document: ApiDocument; current?: string }) {
  return (
    <nav class="tags" aria-label="Tags">
      <ul>
        {document.tags.map((tag) => (
          <li>
            <a href={`/docs/${tagSlug(tag.name)}`} aria-current={tag.name === current ? "page" : undefined}>
              {tag.name}
            </a>
          </li>
        ))}
        <li>
          <a href="/docs/schemas" aria-current={current === "schemas" ? "page" : undefined}>
            Schemas
          </a>
        </li>
      </ul>
    </nav>
  );
}
