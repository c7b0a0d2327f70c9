import * as z from "zod/mini";
import { MalformedRequestError } from "../errors";

const keySchema = z.record(z.string().check(z.regex(/^(PK|SK|GSI\d+PK|GSI\d+SK)$/)), z.string());

/** An opaque cursor for a Query's LastEvaluatedKey. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;
}

/** The LastEvaluatedKey a cursor stands for; anything else is a 400. */
export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return keySchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new MalformedRequestError("cursor is not valid");
  }
}
