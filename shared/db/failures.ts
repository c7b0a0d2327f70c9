import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";

/**
 * What a failed DynamoDB call means for the code that made it:
 * - `condition`: a condition did not hold (the item is not in the state the write expected);
 * - `retry`: the service could not take the write now (throttling, a transaction conflict, a
 *   timeout or a server error); the same write may succeed later, and a timeout may even have
 *   landed already, so the write must be safe to repeat;
 * - `fatal`: anything else (a bad request, a bug): retrying cannot help.
 */
export type FailureKind = "condition" | "retry" | "fatal";

const retryableNames = new Set([
  "TransactionConflictException",
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const retryableCodes = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNREFUSED"]);
const retryableReasons = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"]);

/** The one classifier of failed calls: single writes, reads and cancelled transactions alike. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? "None");
    if (codes.some((code) => retryableReasons.has(code))) return "retry";
    if (codes.includes("ConditionalCheckFailed")) return "condition";
    return "fatal";
  }
  if (!(error instanceof Error)) return "fatal";
  if (error.name === "ConditionalCheckFailedException") return "condition";
  const meta = error as Error & { code?: string; $fault?: string; $retryable?: unknown };
  if (retryableNames.has(error.name) || retryableCodes.has(meta.code ?? "")) return "retry";
  if (meta.$fault === "server" || meta.$retryable) return "retry";
  return "fatal";
}

/** The reason the service gave for cancelling the action at `index` of a transaction, if it did. */
const reasonAt = (error: unknown, index: number) =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons?.[index]?.Code ?? "None") : undefined;

/**
 * Whether a write was refused because its condition did not hold. For a transaction, `at` names
 * the action whose condition is asked about; without it, any action's counts.
 */
export function conditionFailed(error: unknown, at?: number): boolean {
  if (at === undefined) return classifyFailure(error) === "condition";
  return reasonAt(error, at) === "ConditionalCheckFailed";
}

/**
 * Whether another write to the same item got there first: the condition failed, or the service
 * cancelled the transaction for a concurrent one on that item (which, tried again, would meet the
 * same changed item). The callers that ask this answer with a conflict, as they would for a
 * failed condition. With `at`, only the transaction's action at that index counts.
 */
export function lostRace(error: unknown, at?: number): boolean {
  if (!(error instanceof TransactionCanceledException)) return conditionFailed(error);
  const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
  const asked = at === undefined ? reasons : [reasons[at] ?? "None"];
  return asked.some((code) => code === "ConditionalCheckFailed" || code === "TransactionConflict");
}

/**
 * Repeats a write the service refused for now (see {@link classifyFailure}), with a doubling
 * backoff, until it succeeds or `deadline` (epoch ms) is near; the write must be safe to repeat.
 * Other failures, and the last refusal, are thrown.
 */
export async function persist<T>(write: () => Promise<T>, deadline: number, now: () => number = Date.now): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const wait = Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (classifyFailure(error) !== "retry" || now() + wait >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
