import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { newPut } from "./access";
import type { DocumentClient } from "./client";
import { conditionFailed, persist } from "./failures";
import { epochSeconds } from "./items";
import { keys } from "./keys";

type Update = NonNullable<NonNullable<TransactWriteCommandInput["TransactItems"]>[number]["Update"]>;

/** Markers outlive the stream's 24-hour retention comfortably, then expire. */
const MARKER_DAYS = 7;

/**
 * Applies a stream effect's updates once: a marker for `effect` is written in the same transaction,
 * conditioned on not existing, so a redelivered record changes nothing. Returns false when the
 * effect was applied before.
 */
export async function applyOnce(
  db: DocumentClient,
  tableName: string,
  effect: string,
  updates: Omit<Update, "TableName">[],
  now: Date,
): Promise<boolean> {
  return applyAllOnce(db, tableName, [effect], updates, now, 10_000);
}

/**
 * Applies the updates of several stream effects at once, in one transaction with a marker for
 * each (at most 100 items in all): all of them, or, when any was applied before, none (false).
 * Refusals for now (conflicts, throttling) are tried again for up to `patienceMs`, then thrown.
 */
export async function applyAllOnce(
  db: DocumentClient,
  tableName: string,
  effects: string[],
  updates: Omit<Update, "TableName">[],
  now: Date,
  patienceMs: number,
): Promise<boolean> {
  try {
    // Effects on shared items (the status counts, a day's counters) meet concurrent ones: a
    // conflict is tried again, and the marker keeps the repeat from counting twice.
    await persist(
      () =>
        db.send(
          new TransactWriteCommand({
            TransactItems: [
              ...effects.map((effect) =>
                newPut(tableName, {
                  ...keys.applied(effect),
                  entityType: "AppliedEffect",
                  expiresAt: epochSeconds(now) + MARKER_DAYS * 86_400,
                }),
              ),
              ...updates.map((update) => ({ Update: { TableName: tableName, ...update } })),
            ],
          }),
        ),
      Date.now() + patienceMs,
    );
    return true;
  } catch (error) {
    if (effects.some((_, i) => conditionFailed(error, i))) return false;
    throw error;
  }
}
