import { buildOpenApiDocument } from "./document";

let built: { url: string; document: ReturnType<typeof buildOpenApiDocument> } | undefined;

/** The API document for this deployment's URL, built once per process. */
export function apiDocument(publicUrl: string) {
  if (built?.url !== publicUrl) built = { url: publicUrl, document: buildOpenApiDocument(publicUrl) };
  return built.document;
}
