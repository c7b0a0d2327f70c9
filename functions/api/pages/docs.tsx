import {
  type ApiDocument,
  Frame,
  type Operation,
  type Parameter,
  Prose,
  refName,
  type Schema,
  TagNavigation,
  tagSlug,
  typeOf,
} from "./docs-frame";

// The public app loads the reference pages as one module, on the first request for them.
export type { ApiDocument } from "./docs-frame";
export { tagSlug } from "./docs-frame";
export { DocsSchemasPage } from "./docs-schemas";

/** The operations of a document, in path order, with their method and path. */
function operationsOf(document: ApiDocument) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
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
