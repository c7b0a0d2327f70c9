/**
 * Typed errors thrown by domain code. Only the HTTP error mapper turns them into the JSON error
 * shape; anything that is not an AppError is a bug and is answered as a plain 500.
 */
export const errorCodes = [
  "malformed_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "version_conflict",
  "invalid_transition",
  "not_a_measure",
  "csrf_failed",
  "idempotency_key_reused",
  "payload_too_large",
  "unsupported_media_type",
  "validation_failed",
  "missing_translation",
  "cannot_reply",
  "not_a_compliment",
  "rate_limited",
  "unavailable",
  "internal_error",
] as const;
/** The machine code of an error answer (`error.code`); the API document lists them all. */
export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** More for the client to act on (e.g. what changed since a stale version); shown as is. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
  /** Whether the message may be shown to the client (middy's `expose`): only below 500. */
  get expose(): boolean {
    return this.status < 500;
  }
}

/** 400: the request could not be read (bad JSON, bad query). */
export class MalformedRequestError extends AppError {
  constructor(message = "the request could not be read") {
    super(400, "malformed_request", message);
  }
}

/** 404: unknown id or token; never says whether something similar exists. */
export class NotFoundError extends AppError {
  constructor(message = "not found") {
    super(404, "not_found", message);
  }
}

/** 405: the path exists, but not with this method; `allowed` goes into `Allow`. */
export class MethodNotAllowedError extends AppError {
  constructor(readonly allowed: readonly string[]) {
    super(405, "method_not_allowed", `this path answers ${allowed.join(", ")} only`);
  }
}

/** 409: version conflict or invalid state change. */
export class ConflictError extends AppError {
  constructor(message: string, code: ErrorCode = "conflict", details?: Record<string, unknown>) {
    super(409, code, message, undefined, details);
  }
}

/** 401: not signed in (no, or an invalid or expired, session or token). */
export class UnauthorizedError extends AppError {
  constructor(message = "sign in first") {
    super(401, "unauthorized", message);
  }
}

/** 403: signed in, but the role does not allow this. */
export class ForbiddenError extends AppError {
  constructor(message = "your role does not allow this") {
    super(403, "forbidden", message);
  }
}

/** 413: the body is over the limit; refused before it is parsed. */
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `the body is larger than ${limitBytes} bytes`);
  }
}

/** 415: a content type this route does not take. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(expected: string) {
    super(415, "unsupported_media_type", `the body must be ${expected}`);
  }
}

/** 422: well-formed but invalid fields; `fields` maps each field to what is wrong with it. */
export class ValidationError extends AppError {
  constructor(message: string, fields: Record<string, string>) {
    super(422, "validation_failed", message, fields);
  }
}

/** 429: too many requests from one client; `retryAfterSeconds` goes into `Retry-After`. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "rate_limited", "too many requests, try again later");
  }
}

/** 503: a dependency (the database) does not answer. */
export class UnavailableError extends AppError {
  constructor(message = "the service is unavailable") {
    super(503, "unavailable", message);
  }
}

/** 422: an `Idempotency-Key` reused with a different body (as the IETF idempotency draft says). */
export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, "idempotency_key_reused", "this Idempotency-Key was already used with a different body");
  }
}

/**
 * 422: a move that tells customers, while some of them read a language the text is not written
 * in; `missing` names each such language and how many customers read it.
 */
export class MissingTranslationError extends AppError {
  constructor(field: string, missing: { locale: string; customers: number }[]) {
    const list = missing.map((m) => `${m.locale} (${m.customers} ${m.customers === 1 ? "customer" : "customers"})`);
    super(
      422,
      "missing_translation",
      `${field} has no text in ${list.join(", ")}: write it, or send "fallback": true to tell them in the default language`,
      { [field]: `missing ${missing.map((m) => m.locale).join(", ")}` },
      { missing },
    );
  }
}
