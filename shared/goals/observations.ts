import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import type { Goal } from "../entities/goal";
import {
  MAX_NOTE_LENGTH,
  type Observation,
  type ObservationImport,
  type ObservationInput,
  observationInputSchema,
} from "../entities/observation";
import { ConflictError, ValidationError } from "../errors";
import { utcDay } from "../metrics/days";
import { type Page, type PageQuery, readPage } from "../paging";
import { ObservationRepository } from "../repositories/observations";
import { csvRows } from "./csv-rows";
import { getGoal } from "./service";

/** The most observations one CSV upload stores: nearly three years of days. */
export const MAX_CSV_ROWS = 1000;
/** The most row errors an answer names; the rest are counted. */
const MAX_ROW_ERRORS = 50;

const repository = (deps: Deps) => new ObservationRepository(deps.db, deps.config.tableName);

/** The goal, if its metric is a measure: observations are recorded for nothing else (409 `not_a_measure`). */
async function measuredGoal(deps: Deps, goalId: string): Promise<Goal> {
  const goal = await getGoal(deps, goalId);
  if (goal.metric?.kind !== "measure") {
    throw new ConflictError(
      "this goal is not measured by hand: observations are recorded only for a goal whose metric kind is measure",
      "not_a_measure",
    );
  }
  return goal;
}

/** Why a day cannot be observed, if it cannot: one after today (UTC) has not been measured yet. */
const futureDay = (day: string, deps: Deps) =>
  day > utcDay(deps.now()) ? "at must not be after today (UTC)" : undefined;

/**
 * Records a goal's measure on one day: one value a day, so a repeat replaces that day's. The goal
 * must exist (404) and be measured by hand (409); a day after today is a 422.
 */
export async function recordObservation(
  deps: Deps,
  actor: Principal,
  goalId: string,
  input: ObservationInput,
): Promise<Observation> {
  await measuredGoal(deps, goalId);
  const future = futureDay(input.at, deps);
  if (future) throw new ValidationError(future, { at: future });
  const observation: Observation = {
    goalId,
    at: input.at,
    value: input.value,
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    recordedBy: actor.staff.id,
    recordedAt: deps.now().toISOString(),
  };
  await repository(deps).put(observation);
  return observation;
}

/** A page of a goal's observations, latest day first (404 for an unknown goal). */
export async function listObservations(deps: Deps, goalId: string, query: PageQuery): Promise<Page<Observation>> {
  await getGoal(deps, goalId);
  return readPage(query, (limit, startKey) => repository(deps).page(goalId, limit, startKey));
}

/** A first row that names the columns (`date,value,note`, `datum;waarde`): its first cell is no date. */
const isHeader = (cells: string[]) => !/^\d/.test((cells[0] ?? "").trim());
const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");
const NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/** A cell as a number: a point as the decimal mark, or a comma in a file whose cells `;` separates. */
function numberOf(cell: string, separator: "," | ";"): number | undefined {
  const text = cell.trim().replace(/\s/g, "");
  const written = separator === ";" ? text.replace(",", ".") : text;
  return NUMBER.test(written) ? Number(written) : undefined;
}

/** One row's observation, or what is wrong with it. */
function rowObservation(
  cells: string[],
  separator: "," | ";",
  deps: Deps,
): { input: ObservationInput } | { problem: string } {
  if (cells.length < 2) return { problem: "needs a date and a value" };
  if (cells.length > 3) return { problem: `has ${cells.length} cells; it takes a date, a value and a note` };
  const [at = "", rawValue = "", note] = cells.map((cell) => cell.trim());
  const value = numberOf(rawValue, separator);
  if (value === undefined) return { problem: rawValue === "" ? "the value is missing" : "the value is not a number" };
  const parsed = observationInputSchema.safeParse({ at, value, ...(note ? { note } : {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === "at") return { problem: `the date must be a date (yyyy-mm-dd)` };
    if (issue?.path[0] === "note") return { problem: `the note is over ${MAX_NOTE_LENGTH} characters` };
    return { problem: issue?.message ?? "is not an observation" };
  }
  const future = futureDay(parsed.data.at, deps);
  if (future) return { problem: "the date is after today (UTC)" };
  return { input: parsed.data };
}

/**
 * Records a goal's measure from a CSV file: a row per day of `date,value` and an optional note
 * (a first row naming the columns, `date,value,note`, is skipped; so are blank rows). Cells are
 * separated by `,`, or by `;` with a decimal comma (as Dutch and Swedish spreadsheets save them). Every row is
 * checked first: one bad row (or a day given twice) stores nothing, and the 422 names each bad row
 * by its number in the file (`fields: { "row 3": "the value is not a number" }`). Each day's
 * observation replaces the one recorded for it before.
 */
export async function importObservationsCsv(
  deps: Deps,
  actor: Principal,
  goalId: string,
  text: string,
): Promise<ObservationImport> {
  await measuredGoal(deps, goalId);
  const { rows, separator } = csvRows(text);
  const problems: [number, string][] = [];
  const firstRowOf = new Map<string, number>();
  const inputs: ObservationInput[] = [];
  rows.forEach((cells, index) => {
    const row = index + 1;
    if (isBlank(cells) || (index === 0 && isHeader(cells))) return;
    const result = rowObservation(cells, separator, deps);
    if ("problem" in result) {
      problems.push([row, result.problem]);
      return;
    }
    const earlier = firstRowOf.get(result.input.at);
    if (earlier !== undefined) {
      problems.push([row, `${result.input.at} is also on row ${earlier}: one value a day`]);
      return;
    }
    firstRowOf.set(result.input.at, row);
    inputs.push(result.input);
  });
  if (problems.length > 0) {
    const fields = Object.fromEntries(
      problems.slice(0, MAX_ROW_ERRORS).map(([row, problem]) => [`row ${row}`, problem]),
    );
    if (problems.length > MAX_ROW_ERRORS) fields.rows = `${problems.length - MAX_ROW_ERRORS} more rows are invalid`;
    const [row, problem] = problems[0] as [number, string];
    const count = problems.length === 1 ? "1 row is invalid" : `${problems.length} rows are invalid`;
    throw new ValidationError(`${count} (row ${row}: ${problem}); nothing was stored`, fields);
  }
  if (inputs.length === 0) {
    throw new ValidationError("the file holds no observations: a row per day of date,value[,note]", {
      file: "no observations",
    });
  }
  if (inputs.length > MAX_CSV_ROWS) {
    throw new ValidationError(`a file holds at most ${MAX_CSV_ROWS} observations; nothing was stored`, {
      file: `${inputs.length} observations`,
    });
  }
  const recordedAt = deps.now().toISOString();
  const observations = inputs.map(
    (input): Observation => ({
      goalId,
      at: input.at,
      value: input.value,
      ...(input.note ? { note: input.note } : {}),
      recordedBy: actor.staff.id,
      recordedAt,
    }),
  );
  await repository(deps).putAll(observations);
  const days = inputs.map((input) => input.at).sort();
  return { stored: observations.length, from: days[0] as string, to: days.at(-1) as string };
}
