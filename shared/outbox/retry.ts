/** How an outbox retries: attempts before an entry ends failed, and the first retry's delay. */
export interface RetryPolicy {
  maxAttempts: number;
  /** The first retry's delay; each further retry waits twice as long. */
  retrySeconds: number;
}

/** The delay before retry `attempt + 1`: the configured base, doubling with each attempt. */
export function retryDelaySeconds(base: number, attempt: number): number {
  return base * 2 ** Math.max(0, attempt - 1);
}

/**
 * When the next attempt is due after attempt number `attempts` failed at `now`, or undefined when
 * that was the last one (the entry ends failed).
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: Date): Date | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  return new Date(now.getTime() + retryDelaySeconds(policy.retrySeconds, attempts) * 1000);
}
