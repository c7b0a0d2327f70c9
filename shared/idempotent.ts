import type * as z from "zod/mini";
import type { Deps } from "./deps";
import type { Notification } from "./entities/notification";
import { ConflictError, IdempotencyKeyReusedError } from "./errors";
import { sha256 } from "./ids";
import { IdempotencyRepository } from "./repositories/idempotency";

/** A request sent with an `Idempotency-Key`: its key's hash (within its scope) and its body's. */
export interface IdempotentRequest {
  scope: string;
  keyHash: string;
  requestHash: string;
}

/**
 * What makes a request idempotent, when it carries a key: the key is hashed with what it is
 * scoped to (`within`: e.g. the staff member and the item), so the same key elsewhere is another
 * request, and the body is hashed so that the key reused with another body is refused.
 */
export function idempotentRequest(
  scope: string,
  key: string | undefined,
  within: readonly string[],
  body: unknown,
): IdempotentRequest | undefined {
  if (key === undefined) return undefined;
  return {
    scope,
    keyHash: sha256([...within, key].join("\n")),
    requestHash: sha256(JSON.stringify(body)),
  };
}

/** The answer an earlier request with the same key got, if there was one (and its body was the same). */
export async function earlierAnswer<T>(
  deps: Deps,
  request: IdempotentRequest,
  schema: z.ZodMiniType<T>,
): Promise<T | undefined> {
  const earlier = await deps.idempotency.find(request.scope, request.keyHash, deps.now());
  return earlier ? replay(earlier, request, schema) : undefined;
}

/**
 * The answer of the request with the same key that was stored first, while this one was under
 * way: a conflict (retry it) if that one is not finished yet.
 */
export async function winningAnswer<T>(deps: Deps, request: IdempotentRequest, schema: z.ZodMiniType<T>): Promise<T> {
  const answer = await earlierAnswer(deps, request, schema);
  if (answer === undefined) {
    throw new ConflictError("a request with this Idempotency-Key is still being processed; retry it");
  }
  return answer;
}

/** The item that stores a request's answer; written in the same transaction as the work it answers for. */
export const answerItem = (request: IdempotentRequest, answer: object, now: Date) =>
  IdempotencyRepository.item(request.scope, request.keyHash, request.requestHash, answer, now);

/**
 * Writes the notification a request owes, with the other new items of its change and, for a request
 * sent with an `Idempotency-Key`, its answer, all at once. Gives back the answer to send: this one,
 * or, when a concurrent request with the same key stored its answer first and nothing was written,
 * that one (`replayed`).
 */
export async function writeAnswered<T extends object>(
  deps: Deps,
  write: { notification: Notification; items: Record<string, unknown>[]; now: Date },
  request: IdempotentRequest | undefined,
  answer: T,
  schema: z.ZodMiniType<T>,
): Promise<{ answer: T; replayed: boolean }> {
  const written = await deps.notifications.createWith(
    write.notification,
    deps.config.delivery.claimSeconds,
    write.items,
    request ? answerItem(request, answer, write.now) : undefined,
  );
  if (written || !request) return { answer, replayed: false };
  return { answer: await winningAnswer(deps, request, schema), replayed: true };
}

function replay<T>(
  earlier: { requestHash: string; response: unknown },
  request: IdempotentRequest,
  schema: z.ZodMiniType<T>,
): T {
  if (earlier.requestHash !== request.requestHash) throw new IdempotencyKeyReusedError();
  return schema.parse(earlier.response) as T;
}
