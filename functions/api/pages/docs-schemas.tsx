import { type ApiDocument, Frame, type Schema, TagNavigation, typeOf } from "./docs-frame";

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
