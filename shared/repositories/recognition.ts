import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { queryAll } from "../db/query";
import { stored } from "../entities/catalogue";
import { type Recognition, recognitionSchema } from "../entities/recognition";

/** The months (`YYYY-MM`) a period touches, first to last. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    if (current > last) return months;
    months.push(current);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** Compliments routed to people and kudos between colleagues, kept by month. */
export class RecognitionRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Everyone recognised from `from` to `to` (ISO instants, both included), oldest first. */
  async between(from: string, to: string): Promise<Recognition[]> {
    const months = monthsBetween(from, to);
    const pages = await Promise.all(
      months.map((month) =>
        queryAll(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: "PK = :pk AND SK BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": `RECOGNITION#${month}`, ":from": from, ":to": `${to}~` },
        }),
      ),
    );
    return pages.flat().map((item) => parseItem(recognitionSchema, item));
  }

  /**
   * Writes new items together (a recognition, the notification that tells the person, a timeline
   * entry), none of which may exist: "exists" when the first of them (the notification, whose key
   * is what the message is for) exists already, so the same person is never told twice. With
   * `quoting`, the feedback item whose words the notification quotes must still hold them:
   * "changed" when they changed (were erased) since they were read, and nothing is written.
   */
  async recordOnce(
    items: Record<string, unknown>[],
    quoting?: { feedbackId: string; message: string },
  ): Promise<"written" | "exists" | "changed"> {
    const check = quoting
      ? [
          {
            ConditionCheck: {
              TableName: this.tableName,
              Key: keys.feedback(quoting.feedbackId),
              ConditionExpression: "message = :message",
              ExpressionAttributeValues: { ":message": quoting.message },
            },
          },
        ]
      : [];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...items.map((Item) => ({
              Put: { TableName: this.tableName, Item, ConditionExpression: "attribute_not_exists(PK)" },
            })),
            ...check,
          ],
        }),
      );
      return "written";
    } catch (error) {
      if (conditionFailed(error, 0)) return "exists";
      if (quoting && conditionFailed(error, items.length)) return "changed";
      throw error;
    }
  }

  /** The stored item of a recognition. */
  static item(recognition: Recognition) {
    return stored(
      "Recognition",
      keys.recognition(recognition.at, recognition.kind, recognition.id, recognition.toStaffId),
      recognition,
    );
  }
}
