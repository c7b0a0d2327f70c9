import { describe, expect, it } from "vitest";
import type { Feedback } from "../../shared/entities/feedback";
import { safeCell, toCsv } from "../../shared/feedback/csv";

const HEADER =
  "id,createdAt,status,kind,score type,score value,topic,tags,department,customerType,channel,assignee,locale,name,email,message";

const item = (overrides: Partial<Feedback>): Feedback => ({
  id: "01J0000000000000000000000A",
  status: "new",
  kind: "suggestion",
  message: "hello",
  consent: false,
  locale: "en",
  customerType: "external",
  channel: "api",
  tags: [],
  createdAt: "2025-01-02T03:04:05.000Z",
  updatedAt: "2025-01-02T03:04:05.000Z",
  version: 1,
  ...overrides,
});

/** A small RFC 4180 reader: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ",") {
      endCell();
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

const messages = [
  '=HYPERLINK("http://x")',
  "+1",
  "-2",
  "@cmd",
  "\tTabbed",
  "\rreturn",
  'line one\nline "two"',
  "Hälsningar från Åre, vi är nöjda! Ë",
  "a \u202Eevil\u202C b",
];

describe("feedback CSV", () => {
  it("starts with a UTF-8 BOM and a header row, and ends records with CRLF", () => {
    const csv = toCsv([]);
    expect(csv).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it("prefixes cells that a spreadsheet would run as a formula with a single quote", () => {
    const csv = toCsv(messages.slice(0, 4).map((message, i) => item({ id: `id${i}`, message })));
    const prefix = (i: number) => `id${i},2025-01-02T03:04:05.000Z,new,suggestion,,,,,,external,api,,en,,,`;
    expect(csv.slice(1).split("\r\n")).toEqual([
      HEADER,
      `${prefix(0)}"'=HYPERLINK(""http://x"")"`,
      `${prefix(1)}'+1`,
      `${prefix(2)}'-2`,
      `${prefix(3)}'@cmd`,
      "",
    ]);
  });

  it("round-trips messages with quotes, line breaks, Swedish letters and bidi characters", () => {
    const csv = toCsv(messages.map((message, i) => item({ id: `id${i}`, message })));
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]?.join(",")).toBe(HEADER);
    expect(rows.slice(1).map((row) => row.at(-1))).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1",
      "'-2",
      "'@cmd",
      "'\tTabbed",
      "'\rreturn",
      'line one\nline "two"',
      "Hälsningar från Åre, vi är nöjda! Ë",
      "a \u202Eevil\u202C b",
    ]);
    expect(csv).toContain('"line one\nline ""two"""\r\n');
    expect(csv).toContain(`"'\rreturn"`);
  });

  it("writes every column, joining tags with a semicolon and escaping every text column", () => {
    const csv = toCsv([
      item({
        score: { type: "nps", value: 9 },
        topic: "=topic",
        tags: ["slow", "-neg"],
        department: "Sales, Nordics",
        assignee: "staff1",
        locale: "sv",
        name: "@Ann",
        email: "ann@example.com",
      }),
    ]);
    expect(parseCsv(csv.slice(1))[1]).toEqual([
      "01J0000000000000000000000A",
      "2025-01-02T03:04:05.000Z",
      "new",
      "suggestion",
      "nps",
      "9",
      "'=topic",
      "slow; -neg",
      "Sales, Nordics",
      "external",
      "api",
      "staff1",
      "sv",
      "'@Ann",
      "ann@example.com",
      "hello",
    ]);
  });

  it("leaves ordinary cells and empty values as they are", () => {
    expect(safeCell(undefined)).toBe("");
    expect(safeCell(0)).toBe("0");
    expect(safeCell("a=b")).toBe("a=b");
    expect(safeCell("\uFF1Dcmd")).toBe("'\uFF1Dcmd");
  });
});
