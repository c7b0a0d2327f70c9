import { Layout } from "./layout";

type Operation = {
  summary?: string;
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { description: string }>;
};
type Document = {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

/** The API reference, rendered on the server from the OpenAPI document (no script, no CDN). */
export function DocsPage({ document }: { document: Document }) {
  return (
    <Layout locale="en" title="API reference">
      <h1>{document.info.title}</h1>
      <p>{document.info.description}</p>
      <p>
        Machine-readable: <a href="/openapi.json">/openapi.json</a>
      </p>
      {Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => (
          <section>
            <h2>
              <code>
                {method.toUpperCase()} {path}
              </code>
            </h2>
            <p>{operation.summary}</p>
            {operation.parameters && operation.parameters.length > 0 && (
              <p>Parameters: {operation.parameters.map((p) => `${p.name} (${p.in})`).join(", ")}</p>
            )}
            <ul>
              {Object.entries(operation.responses ?? {}).map(([status, response]) => (
                <li>
                  <code>{status}</code> {response.description}
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
      <h2>Schemas</h2>
      {Object.entries(document.components.schemas).map(([name, schema]) => (
        <section>
          <h3>{name}</h3>
          <pre>{JSON.stringify(schema, null, 2)}</pre>
        </section>
      ))}
    </Layout>
  );
}
