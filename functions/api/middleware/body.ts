import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import {
  MalformedRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../../../shared/errors";

/** Refuses bodies over `maxBytes` before they are read (Content-Length, then while streaming). */
export const limitBody = (maxBytes: number): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(maxBytes);
    },
  });

const mediaType = (c: Context) => (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** Reads a JSON body: 415 when it is not JSON, 400 when it does not parse. */
export async function readJson(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (type !== "application/json" && !type.endsWith("+json")) throw new UnsupportedMediaTypeError("application/json");
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRequestError("the body is not valid JSON");
  }
}

/** Reads an HTML form post: 415 for anything but url-encoded or multipart form data. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const type = mediaType(c);
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw new UnsupportedMediaTypeError("application/x-www-form-urlencoded");
  }
  const form = await c.req.parseBody();
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Checks a value against a schema: a ValidationError names each invalid field. */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ValidationError("the body must be a JSON object", {});
  }
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join(".") || "body";
    fields[path] ??= issue.message;
  }
  const first = result.error.issues[0]?.message ?? "invalid input";
  throw new ValidationError(first, fields);
}
