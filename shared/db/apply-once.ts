import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "./client";
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
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.applied(effect),
                entityType: "AppliedEffect",
                expiresAt: epochSeconds(now) + MARKER_DAYS * 86_400,
              },
              ConditionExpression: "attribute_not_exists(PK)",
            },
          },
          ...updates.map((update) => ({ Update: { TableName: tableName, ...update } })),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed"
    ) {
      return false;
    }
    throw error;
  }
}
