// Reading a small CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into its rows of
// cells. Spreadsheets in Dutch and Swedish save with `;` between cells and a decimal comma, so the
// separator is `;` when the first line has one outside quotes and no `,`.

/** A CSV file's rows, each its cells; `separator` is what the first line was read with. */
export interface CsvRows {
  rows: string[][];
  separator: "," | ";";
}

function separatorOf(text: string): "," | ";" {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > 0 && commas === 0 ? ";" : ",";
}

/**
 * The rows of a CSV text, in order (a blank line is a row with one empty cell, so row numbers are
 * line numbers where no quoted cell spans lines). A quote left open runs to the end of the text.
 */
export function csvRows(input: string): CsvRows {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return { rows, separator };
}
