import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../../functions/api/openapi/document";

/**
 * Checks answers against the API document the app serves: the operation (method and path) is
 * described, the status is one it lists, the required headers are there and well-formed, the
 * body's media type is one it declares, and a JSON body validates against its schema. So the
 * document and the code cannot drift apart unnoticed: every integration and end-to-end test's
 * answers pass through here (see `createApp` in ./app.ts and `./check-fetch.ts`).
 */
const document = buildOpenApiDocument("http://localhost");
type Document = typeof document;
type Operation = Document["paths"][string][string];
type ResponseSpec = {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: unknown }>;
};

const ajv = new Ajv2020({ strict: true, allErrors: true });
// ajv-formats is CommonJS: its default export arrives as the module object under some loaders.
const withFormats = ((addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats) as (
  ajv: Ajv2020,
) => void;
withFormats(ajv);
// The document's own fields are not JSON Schema; its schemas are reached by JSON pointer.
ajv.addVocabulary(["openapi", "info", "servers", "tags", "security", "paths", "components"]);
ajv.addSchema(document, "openapi.json");

const pointer = (...parts: string[]) =>
  `openapi.json#${parts.map((p) => `/${encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))}`).join("")}`;

const validators = new Map<string, ValidateFunction>();
function validatorAt(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

/** The paths of the document as patterns, literal ones first (`/api/feedback/counts` before `/api/feedback/{id}`). */
const templates = Object.keys(document.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "[^/]+")}$`),
  }))
  .sort((a, b) => a.params - b.params);

/** The documented operation that answers `method` on `path`, and its path template. */
export function documentedOperation(method: string, path: string) {
  const lower = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
  for (const { template, pattern } of templates) {
    if (!pattern.test(path)) continue;
    const operation = (document.paths[template] as Record<string, Operation>)[lower];
    if (operation) return { template, method: lower, operation };
  }
  return undefined;
}

const mediaType = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
const isJson = (type: string) => type === "application/json" || type.endsWith("+json");

/** What is wrong with an answer, as the document describes it (nothing: an empty list). */
export function responseProblems(
  method: string,
  path: string,
  answer: { status: number; headers: Headers; body: string },
): string[] {
  const route = `${method.toUpperCase()} ${path}`;
  const type = mediaType(answer.headers);
  const found = documentedOperation(method, path);
  if (!found) {
    // Not an operation of the API (a console page, an asset, an unknown path, another method):
    // only its JSON errors are the API's business, in the one error shape.
    if (!isJson(type) || answer.body === "") return [];
    if (answer.status < 400)
      return [`${route} answered ${answer.status} in JSON, but the document does not describe it`];
    return schemaProblems(route, pointer("components", "schemas", "Error"), answer.body);
  }
  const { template, operation } = found;
  const status = String(answer.status);
  const responses = operation.responses as Record<string, ResponseSpec>;
  const key = [status, `${status[0]}XX`, "default"].find((k) => k in responses);
  const spec = key === undefined ? undefined : responses[key];
  if (!spec || key === undefined) {
    const listed = Object.keys(responses).join(", ");
    return [`${route} answered ${status}, which ${method.toUpperCase()} ${template} does not list (${listed})`];
  }
  const problems: string[] = [];
  for (const [name, header] of Object.entries(spec.headers ?? {})) {
    const definition = (document.components.headers as Record<string, { required: boolean; schema: unknown }>)[
      header.$ref.slice(header.$ref.lastIndexOf("/") + 1)
    ];
    const value = answer.headers.get(name);
    if (value === null) {
      if (definition?.required) problems.push(`${route} ${status} lacks the ${name} header the document requires`);
      continue;
    }
    const schema = definition?.schema as { type?: string } | undefined;
    const parsed = schema?.type === "integer" ? (/^\d+$/.test(value) ? Number(value) : value) : value;
    const validate = validatorAt(
      pointer("components", "headers", header.$ref.slice(header.$ref.lastIndexOf("/") + 1), "schema"),
    );
    if (!validate(parsed))
      problems.push(`${route} ${status} header ${name}: ${value} ${ajv.errorsText(validate.errors)}`);
  }
  if (answer.body === "" || method.toUpperCase() === "HEAD") return problems;
  const content = spec.content ?? {};
  if (!(type in content)) {
    const declared = Object.keys(content).join(", ") || "no body";
    return [
      ...problems,
      `${route} ${status} answered ${type || "a body without a type"}; the document declares ${declared}`,
    ];
  }
  if (!isJson(type)) return problems;
  return [
    ...problems,
    ...schemaProblems(
      `${route} ${status}`,
      pointer("paths", template, found.method, "responses", key, "content", type, "schema"),
      answer.body,
    ),
  ];
}

async function bodyText(response: Response, decoded: boolean): Promise<string> {
  const encoding = response.headers.get("content-encoding");
  if (decoded || !response.body || (encoding !== "gzip" && encoding !== "deflate")) return response.text();
  return new Response(response.body.pipeThrough(new DecompressionStream(encoding))).text();
}

function schemaProblems(what: string, ref: string, body: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [`${what} is not valid JSON: ${body.slice(0, 200)}`];
  }
  const validate = validatorAt(ref);
  if (validate(value)) return [];
  return [
    `${what} does not match the document: ${ajv.errorsText(validate.errors, { dataVar: "body" })}\n${body.slice(0, 2000)}`,
  ];
}

/**
 * Throws, naming every difference, when an answer is not what the document says it is. `decoded`:
 * whether the body was already decompressed (fetch does; the app's own `request` does not).
 */
export async function expectDocumented(method: string, url: string, response: Response, decoded = true): Promise<void> {
  const body = await bodyText(response.clone(), decoded);
  const problems = responseProblems(method, new URL(url, "http://localhost").pathname, {
    status: response.status,
    headers: response.headers,
    body,
  });
  if (problems.length > 0) throw new Error(`The answer differs from the API document:\n${problems.join("\n")}`);
}

/** The document the checks use (the one the app serves). */
export const apiDocument = document;
