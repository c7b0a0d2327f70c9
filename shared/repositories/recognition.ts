import type { DocumentClient } from "../db/client";
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

  /** The stored item of a recognition. */
  static item(recognition: Recognition) {
    return stored(
      "Recognition",
      keys.recognition(recognition.at, recognition.kind, recognition.id, recognition.toStaffId),
      recognition,
    );
  }
}
