import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../shared/db/client";
/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `task` for indexes 0..count-1 with at most `concurrency` in flight; returns elapsed ms. */
export async function runConcurrently(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return performance.now() - started;
}

/** A small deterministic PRNG (mulberry32), so the tables a benchmark compares are drawn alike. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(values: readonly T[]) => values[int(values.length)] as T;
  /** One of `values`, drawn with the given weights (same order). */
  const weighted = <T>(values: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < values.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return values[i] as T;
    }
    return values[values.length - 1] as T;
  };
  return { next, int, pick, weighted };
}

/** Writes one BatchWriteItem request's items, retrying what DynamoDB leaves unprocessed, with a growing pause. */
export async function writeBatch(db: DocumentClient, table: string, items: Record<string, unknown>[]) {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 20 * 2 ** attempt)));
    if (attempt > 10) throw new Error(`BatchWriteItem left ${requests.length} items unprocessed after 10 retries`);
    const answer = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
    requests = (answer.UnprocessedItems?.[table] ?? []) as typeof requests;
  }
}

/** Writes items with BatchWriteItem, 25 a request, `concurrency` in flight; returns elapsed ms. */
export function writeAll(db: DocumentClient, table: string, items: Record<string, unknown>[], concurrency = 8) {
  return runConcurrently(Math.ceil(items.length / 25), concurrency, (b) =>
    writeBatch(db, table, items.slice(b * 25, b * 25 + 25)),
  );
}
