import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import {
  MalformedRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../../../shared/errors";

/**
 * Refuses bodies over `maxBytes` before they are read: by Content-Length when the request declares
 * one, otherwise while streaming. A declared length is checked from the header alone, as Hono's
 * `bodyLimit` checks it, but without first asking for `c.req.raw.body`: on Node that turns the
 * request into a web stream, which the handler then reads through instead of the socket. GET and
 * HEAD carry no body to limit.
 */
export const limitBody = (maxBytes: number): MiddlewareHandler => {
  const whileStreaming = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(maxBytes);
    },
  });
  return (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const declared = c.req.header("content-length");
    if (declared === undefined || c.req.header("transfer-encoding") !== undefined) return whileStreaming(c, next);
    if (Number.parseInt(declared, 10) > maxBytes) throw new PayloadTooLargeError(maxBytes);
    return next();
  };
};

const mediaType = (c: Context) => (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** A parameter of the Content-Type header (`charset`), unquoted; undefined when it is not given. */
function typeParameter(c: Context, name: string): string | undefined {
  for (const part of (c.req.header("content-type") ?? "").split(";").slice(1)) {
    const [key = "", ...value] = part.split("=");
    if (key.trim().toLowerCase() === name)
      return value
        .join("=")
        .trim()
        .replace(/^"(.*)"$/, "$1");
  }
  return undefined;
}

/**
 * The encodings a JSON body may come in, as the WHATWG Encoding Standard resolves their labels:
 * UTF-8 (`utf-8`, `utf8`, ...) and windows-1252, which is what `iso-8859-1`, `latin1` and
 * `us-ascii` decode as on the web.
 */
const readableEncodings = new Set(["utf-8", "windows-1252"]);
const JSON_CHARSETS = "application/json in utf-8, iso-8859-1 or us-ascii";

/** A decoder for the body's declared charset (UTF-8 when none is declared); 415 for one we do not read. */
function bodyDecoder(c: Context): TextDecoder {
  const charset = typeParameter(c, "charset") ?? "utf-8";
  let decoder: TextDecoder | undefined;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    // Not a charset label at all.
  }
  if (!decoder || !readableEncodings.has(decoder.encoding)) throw new UnsupportedMediaTypeError(JSON_CHARSETS);
  return decoder;
}

/** Reads a JSON body in its declared charset: 415 when it is not JSON or not in a charset we read, 400 when it does not parse. */
export async function readJson(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (type !== "application/json" && !type.endsWith("+json")) throw new UnsupportedMediaTypeError("application/json");
  const text = bodyDecoder(c).decode(await c.req.arrayBuffer());
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRequestError("the body is not valid JSON");
  }
}

/**
 * Reads a CSV body (`text/csv`, UTF-8, the default, or windows-1252/latin1 as the charset says):
 * 415 for any other type or charset. A UTF-8 byte order mark is dropped.
 */
export async function readCsv(c: Context): Promise<string> {
  if (mediaType(c) !== "text/csv") throw new UnsupportedMediaTypeError("text/csv");
  let decoder: TextDecoder | undefined;
  try {
    decoder = new TextDecoder(typeParameter(c, "charset") ?? "utf-8");
  } catch {
    // Not a charset label at all.
  }
  if (!decoder || !readableEncodings.has(decoder.encoding)) {
    throw new UnsupportedMediaTypeError("text/csv in utf-8, iso-8859-1 or us-ascii");
  }
  return decoder.decode(await c.req.arrayBuffer());
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
