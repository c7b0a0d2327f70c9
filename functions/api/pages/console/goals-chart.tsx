import type { GoalMetric } from "../../../../shared/entities/goal";
import type { GoalProgress } from "../../../../shared/entities/metric";
import { formatLevel, formatValue, metricName, unitOf } from "./goals-common";

/** Where the page loads the chart's scripts from (versioned URLs, when the assets router knows them). */
export interface ChartScripts {
  chartJs: string;
  goalChart: string;
}

export const defaultChartScripts: ChartScripts = {
  chartJs: "/assets/chart.umd.min.js",
  goalChart: "/assets/goal-chart.js",
};

/** What `goal-chart.js` reads from the page: the weekly values and the two levels to draw them against. */
export interface ChartData {
  title: string;
  label: string;
  unit: string;
  /** What a week's count is of: feedback responses, or a measure's observations. */
  counted: "responses" | "observations";
  baseline: number;
  target: number;
  weeks: string[];
  values: (number | null)[];
  responses: number[];
}

export function chartDataOf(title: string, metric: GoalMetric, progress: GoalProgress): ChartData {
  return {
    title,
    label: metricName(metric.kind),
    unit: metric.kind === "complaint_share" ? "%" : (unitOf(metric) ?? ""),
    counted: metric.kind === "measure" ? "observations" : "responses",
    baseline: progress.baseline,
    target: progress.target,
    weeks: progress.series.map((week) => week.weekStart),
    values: progress.series.map((week) => week.value),
    responses: progress.series.map((week) => week.responses),
  };
}

/**
 * JSON that can sit inside a `<script>` element: `<`, `>` and `&` as \u escapes, so no text in it
 * (a title with `</script>`, `<!--`) can end the element or start markup. JSON.parse reads it back as it was.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

export interface GoalChartProps {
  title: string;
  metric: GoalMetric;
  progress: GoalProgress;
  scripts?: ChartScripts;
}

/**
 * The metric week by week against its baseline and target: a canvas that `goal-chart.js` draws on
 * with Chart.js (from the data in `#goal-chart-data`, no inline script), and the same values as a
 * table, so the page says everything without script.
 */
export function GoalChart({ title, metric, progress, scripts = defaultChartScripts }: GoalChartProps) {
  const name = metricName(metric.kind);
  const unit = unitOf(metric);
  const baseline = formatLevel(metric.kind, progress.baseline, unit);
  const target = formatLevel(metric.kind, progress.target, unit);
  const counted = metric.kind === "measure" ? "Observations" : "Responses";
  const first = progress.series[0]?.weekStart;
  const description =
    `${name} by week${first ? ` since ${first}` : ""}, against the baseline ${baseline} and the target ${target}. ` +
    "The values are in the table below the chart.";
  return (
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading">{`${name} by week`}</h2>
      {progress.series.length === 0 ? (
        <p>The goal has not started yet: there are no weeks to show.</p>
      ) : (
        <>
          <figure class="goal-chart">
            <div class="chart-box">
              <canvas id="goal-chart" role="img" aria-label={description}>
                {description}
              </canvas>
            </div>
            <figcaption class="hint">{`Each point is one week (7 days from its start date; the last may be incomplete). The weeks cover the whole window and reach back to the first ${metric.kind === "measure" ? "observation" : "feedback"} of the last year, from before the goal was set if need be. Dashed lines: baseline ${baseline}, target ${target}.`}</figcaption>
          </figure>
          <script
            type="application/json"
            id="goal-chart-data"
            dangerouslySetInnerHTML={{ __html: scriptSafeJson(chartDataOf(title, metric, progress)) }}
          />
          <div class="table-wrap weekly">
            <table class="weekly-values">
              <caption>{`${name} week by week`}</caption>
              <thead>
                <tr>
                  <th scope="col">Week from</th>
                  <th scope="col">{name}</th>
                  <th scope="col">{counted}</th>
                </tr>
              </thead>
              <tbody>
                {progress.series.map((week) => (
                  <tr>
                    <th scope="row">
                      <time datetime={week.weekStart}>{week.weekStart}</time>
                    </th>
                    <td>{week.value === null ? "no data" : formatValue(metric.kind, week.value, unit)}</td>
                    <td>{String(week.responses)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <script src={scripts.chartJs} defer />
          <script src={scripts.goalChart} defer />
        </>
      )}
    </section>
  );
}
