import type { MeasureMetric } from "../../../../shared/entities/goal";
import type { Observation } from "../../../../shared/entities/observation";
import { CsrfField, can, Said, type Viewer } from "./common";
import { formatValue } from "./goals-common";

/** How many of a goal's observations its page lists, latest first; the API pages through them all. */
export const OBSERVATIONS_SHOWN = 20;

/** What the record-one form holds (after a refused post, what was typed). */
export interface ObservationValues {
  at?: string;
  value?: string;
  note?: string;
}

export interface ObservationsSectionProps {
  viewer: Viewer;
  goalId: string;
  metric: MeasureMetric;
  /** The latest observations, latest first. */
  observations: Observation[];
  /** Today (UTC), the record form's default day and its latest. */
  today: string;
  values?: ObservationValues;
  /** What was wrong with an uploaded file, row by row (`row 3` → the problem). */
  rowErrors?: Record<string, string>;
}

/**
 * A measured goal's observations: the latest recorded, a form to record one day's value, and a
 * CSV upload (a row per day of date, value and an optional note) for many at once.
 */
export function ObservationsSection(props: ObservationsSectionProps) {
  const { viewer, goalId, metric, observations, values = {} } = props;
  const rowErrors = Object.entries(props.rowErrors ?? {});
  return (
    <section aria-labelledby="observations-heading" id="observations">
      <h2 id="observations-heading">Observations</h2>
      <p class="hint">
        This goal is measured outside this product: each value is recorded here, one a day (a second value for a day
        replaces the first). Its progress is the latest value of the last {String(metric.windowDays)} days.
      </p>
      <div class="table-wrap">
        <table class="observations">
          <caption>{`The latest observations (up to ${OBSERVATIONS_SHOWN}), latest first`}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Value</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {observations.length === 0 && (
              <tr>
                <td colspan={3}>Nothing is recorded yet.</td>
              </tr>
            )}
            {observations.map((o) => (
              <tr>
                <th scope="row">
                  <time datetime={o.at}>{o.at}</time>
                </th>
                <td>{formatValue("measure", o.value, metric.unit)}</td>
                <td dir="auto">
                  <Said text={o.note} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can(viewer, "goals:manage") && (
        <>
          <h3>Record a value</h3>
          <form method="post" action={`/console/goals/${goalId}/observations`} class="observation-form">
            <CsrfField viewer={viewer} />
            <div class="filters">
              <div>
                <label for="observation-at">Day</label>
                <input
                  type="date"
                  id="observation-at"
                  name="at"
                  value={values.at ?? props.today}
                  max={props.today}
                  required
                />
              </div>
              <div>
                <label for="observation-value">{metric.unit ? `Value (${metric.unit})` : "Value"}</label>
                <input
                  type="text"
                  inputmode="decimal"
                  id="observation-value"
                  name="value"
                  value={values.value ?? ""}
                  required
                />
              </div>
              <div>
                <label for="observation-note">Note (optional)</label>
                <input
                  type="text"
                  id="observation-note"
                  name="note"
                  value={values.note ?? ""}
                  maxlength={500}
                  dir="auto"
                />
              </div>
            </div>
            <button type="submit">Record</button>
          </form>
          <h3>Upload a CSV file</h3>
          <form
            method="post"
            action={`/console/goals/${goalId}/observations.csv`}
            enctype="multipart/form-data"
            class="observation-upload"
          >
            <CsrfField viewer={viewer} />
            <label for="observation-file">CSV file</label>
            <input
              type="file"
              id="observation-file"
              name="file"
              accept=".csv,text/csv"
              required
              aria-describedby="observation-file-hint"
            />
            <p class="hint" id="observation-file-hint">
              A row per day: the date (yyyy-mm-dd), the value and, if you like, a note, such as{" "}
              <code>2026-03-02,4.8,after the new rota</code>. A first row naming the columns is skipped. Cells may be
              separated by semicolons, with a decimal comma. If any row is wrong, nothing is stored and each wrong row
              is listed. Each day's value replaces the one recorded before; at most 1,000 rows.
            </p>
            {rowErrors.length > 0 && (
              <div class="row-errors" role="alert">
                <p>The file was not stored. These rows need fixing:</p>
                <ul>
                  {rowErrors.map(([row, problem]) => (
                    <li>{`${row === "rows" ? "" : `${row[0]?.toUpperCase()}${row.slice(1)}: `}${problem}`}</li>
                  ))}
                </ul>
              </div>
            )}
            <button type="submit">Upload</button>
          </form>
        </>
      )}
    </section>
  );
}
