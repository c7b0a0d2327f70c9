import type { Child } from "hono/jsx";
import { assetHref } from "../static-assets";
import { HtmlDocument } from "./document";

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Schema }>;
}
interface Operation {
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

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** The operations of a document, in path order, with their method and path. */
function operationsOf(document: ApiDocument) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
}

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

/** The component schemas an operation names, directly. */
function schemasOf(operation: Operation): string[] {
  const names = new Set<string>();
  const add = (schema: Schema | undefined) => {
    if (typeof schema?.$ref === "string") names.add(refName(schema.$ref));
  };
  for (const media of Object.values(operation.requestBody?.content ?? {})) add(media.schema);
  for (const response of Object.values(operation.responses)) {
    for (const media of Object.values(response.content ?? {})) add(media.schema);
  }
  return [...names];
}

function Frame({ title, children }: { title: string; children: Child }) {
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
function TagNavigation({ document, current }: { document: ApiDocument; current?: string }) {
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

/** Each tag with its operations, each linked to its place on the tag's page. */
function TagIndex({ document }: { document: ApiDocument }) {
  const operations = operationsOf(document);
  return (
    <>
      {document.tags.map((tag) => (
        <section>
          <h2>
            <a href={`/docs/${tagSlug(tag.name)}`}>{tag.name}</a>
          </h2>
          <p>
            <Prose text={tag.description} />
          </p>
          <ul>
            {operations
              .filter(({ operation }) => operation.tags.includes(tag.name))
              .map(({ method, path, operation }) => (
                <li>
                  <a href={`/docs/${tagSlug(tag.name)}#${operation.operationId}`}>
                    <code>
                      {method.toUpperCase()} {path}
                    </code>
                  </a>{" "}
                  <Prose text={operation.summary} />
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** `/docs`: the API's description and its tags, each with its operations. */
export function DocsPage({ document }: { document: ApiDocument }) {
  return (
    <Frame title={`${document.info.title}: reference`}>
      <h1>{document.info.title}</h1>
      <p>
        Version {document.info.version}. <Prose text={document.info.description} />
      </p>
      <p>
        Machine-readable (OpenAPI 3.1, for generating clients): <a href="/openapi.json">/openapi.json</a>
      </p>
      <TagNavigation document={document} />
      <TagIndex document={document} />
    </Frame>
  );
}

const SchemaLink = ({ schema }: { schema: Schema }) =>
  typeof schema.$ref === "string" ? (
    <a href={`/docs/schemas#${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>
  ) : (
    <code>{typeOf(schema)}</code>
  );

function ParameterTable({ document, parameters }: { document: ApiDocument; parameters: Operation["parameters"] }) {
  const resolved = (parameters ?? []).map((p) =>
    "$ref" in p ? (document.components.parameters[refName(p.$ref)] as Parameter) : p,
  );
  if (resolved.length === 0) return null;
  return (
    <table>
      <caption>Parameters</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">In</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {resolved.map((p) => (
          <tr>
            <td>
              <code>{p.name}</code>
            </td>
            <td>{p.in}</td>
            <td>
              <code>{typeOf(p.schema)}</code>
            </td>
            <td>{p.required ? "yes" : "no"}</td>
            <td>
              <Prose text={p.description ?? ""} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationSection({
  document,
  method,
  path,
  operation,
}: {
  document: ApiDocument;
  method: string;
  path: string;
  operation: Operation;
}) {
  return (
    <section id={operation.operationId} class="operation">
      <h2>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h2>
      <p>
        <strong>
          <Prose text={operation.summary} />
        </strong>{" "}
        <span class="hint">
          operationId <code>{operation.operationId}</code>
        </span>
      </p>
      {(operation.description ?? "").split("\n\n").map((paragraph) => (
        <p>
          <Prose text={paragraph} />
        </p>
      ))}
      <ParameterTable document={document} parameters={operation.parameters} />
      {operation.requestBody && (
        <p>
          Body:{" "}
          {Object.entries(operation.requestBody.content).map(([type, media], i) => (
            <>
              {i > 0 && ", or "}
              <code>{type}</code> <SchemaLink schema={media.schema} />
            </>
          ))}
        </p>
      )}
      <table>
        <caption>Answers</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Description</th>
            <th scope="col">Body</th>
            <th scope="col">Headers</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(operation.responses).map(([status, response]) => (
            <tr>
              <td>
                <code>{status}</code>
              </td>
              <td>
                <Prose text={response.description} />
              </td>
              <td>
                {Object.entries(response.content ?? {}).map(([type, media]) => (
                  <div>
                    <code>{type}</code> <SchemaLink schema={media.schema} />
                  </div>
                ))}
              </td>
              <td>
                {Object.keys(response.headers ?? {}).map((name) => (
                  <div>
                    <code>{name}</code>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `/docs/{tag}`: every operation of one tag, with typed parameters, bodies and answers. */
export function DocsTagPage({ document, tag }: { document: ApiDocument; tag: { name: string; description: string } }) {
  const operations = operationsOf(document).filter(({ operation }) => operation.tags.includes(tag.name));
  const schemas = [...new Set(operations.flatMap(({ operation }) => schemasOf(operation)))];
  return (
    <Frame title={`${tag.name}: API reference`}>
      <TagNavigation document={document} current={tag.name} />
      <h1>{tag.name}</h1>
      <p>
        <Prose text={tag.description} />
      </p>
      {operations.map((o) => (
        <OperationSection document={document} {...o} />
      ))}
      {schemas.length > 0 && (
        <p>
          Schemas on this page:{" "}
          {schemas.map((name, i) => (
            <>
              {i > 0 && ", "}
              <a href={`/docs/schemas#${name}`}>{name}</a>
            </>
          ))}
        </p>
      )}
    </Frame>
  );
}

function PropertyTable({ schema }: { schema: Schema }) {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  if (Object.keys(properties).length === 0) return <p>{typeOf(schema)}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(properties).map(([name, property]) => (
          <tr>
            <td>
              <code>{name}</code>
            </td>
            <td>
              <code>{typeOf(property)}</code>
              {property.type === "object" && property.properties !== undefined && <PropertyTable schema={property} />}
              {property.type === "array" && (property.items as Schema | undefined)?.properties !== undefined && (
                <PropertyTable schema={property.items as Schema} />
              )}
            </td>
            <td>{required.has(name) ? "yes" : "no"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/docs/schemas`: every component schema, its fields typed, and the JSON Schema itself. */
export function DocsSchemasPage({ document }: { document: ApiDocument }) {
  return (
    <Frame title="Schemas: API reference">
      <TagNavigation document={document} current="schemas" />
      <h1>Schemas</h1>
      {Object.entries(document.components.schemas).map(([name, schema]) => (
        <section id={name}>
          <h2>{name}</h2>
          <PropertyTable schema={schema} />
          <details>
            <summary>JSON Schema</summary>
            <pre>{JSON.stringify(schema, null, 2)}</pre>
          </details>
        </section>
      ))}
    </Frame>
  );
}
