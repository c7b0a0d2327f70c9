import { stringify } from "csv-stringify/sync";
import type { Deps } from "../deps";
import type { Feedback, InboxQuery } from "../entities/feedback";
import { listFeedback } from "./inbox";

/** The filters of a CSV export: the inbox's, without paging. */
export type CsvQuery = Omit<InboxQuery, "limit" | "cursor">;

const PAGE_SIZE = 100;

const columns: [header: string, cell: (f: Feedback) => string | number | undefined][] = [
  ["id", (f) => f.id],
  ["createdAt", (f) => f.createdAt],
  ["status", (f) => f.status],
  ["kind", (f) => f.kind],
  ["score type", (f) => f.score?.type],
  ["score value", (f) => f.score?.value],
  ["topic", (f) => f.topic],
  ["tags", (f) => f.tags.join("; ")],
  ["department", (f) => f.department],
  ["customerType", (f) => f.customerType],
  ["channel", (f) => f.channel],
  ["assignee", (f) => f.assignee],
  ["locale", (f) => f.locale],
  ["name", (f) => f.name],
  ["email", (f) => f.email],
  ["message", (f) => f.message],
];

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), with the
 * full-width forms some spreadsheet programs fold into them.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell as text, prefixed with `'` when a spreadsheet would otherwise run it as a formula. */
export function safeCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The rows of a CSV export (header first) as RFC 4180 text with a UTF-8 BOM. */
export function toCsv(items: Feedback[]): string {
  return stringify(
    [columns.map(([header]) => header), ...items.map((f) => columns.map(([, cell]) => safeCell(cell(f))))],
    {
      bom: true,
      record_delimiter: "windows",
      // Quote any cell with a line break in it (by default only the record delimiter itself is).
      quote_record_delimiter: true,
    },
  );
}

/** Every feedback item matching the inbox filters, newest first, as CSV (see `toCsv`). */
export async function feedbackCsv(deps: Deps, query: CsvQuery): Promise<string> {
  const items: Feedback[] = [];
  let cursor: string | undefined;
  do {
    const page = await listFeedback(deps, { ...query, limit: PAGE_SIZE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return toCsv(items);
}
