/*
 * Draws a goal's chart on the console's goal page: the metric week by week as a line, against two
 * horizontal lines (datasets of one constant value a week) for the baseline and the target. Served at /assets/goal-chart.js and loaded with
 * `defer` after Chart.js (/assets/chart.umd.min.js), so both run in order once the page is parsed.
 * The data comes from `<script type="application/json" id="goal-chart-data">` (JSON, not code: the
 * CSP allows no inline script). Without this script the page still has the values as a table.
 */
(() => {
  const canvas = document.getElementById("goal-chart");
  const source = document.getElementById("goal-chart-data");
  const Chart = window.Chart;
  if (!(canvas instanceof HTMLCanvasElement) || !source || typeof Chart !== "function") return;

  let data;
  try {
    data = JSON.parse(source.textContent || "");
  } catch {
    return;
  }
  if (!data || !Array.isArray(data.weeks) || !Array.isArray(data.values)) return;

  const weeks = data.weeks.map(String);
  const unit = typeof data.unit === "string" ? data.unit : "";
  const single = weeks.length === 1;
  const constant = (value) => weeks.map(() => value);
  const suffix = unit === "" || unit === "%" ? unit : ` ${unit}`;
  const counted = typeof data.counted === "string" ? data.counted : "responses";
  const format = (value) => (typeof value === "number" ? `${Math.round(value * 10) / 10}${suffix}` : "no data");
  const level = (name, value, color) => ({
    label: `${name} (${format(value)})`,
    data: constant(value),
    borderColor: color,
    backgroundColor: color,
    borderDash: [6, 4],
    borderWidth: 2,
    // A level is a line, never a dot: over one week (no second point to join) each level's point
    // is drawn as a wide horizontal stroke.
    pointStyle: "line",
    pointRadius: single ? 48 : 0,
    pointHoverRadius: single ? 48 : 0,
    pointBorderWidth: 2,
    fill: false,
  });

  new Chart(canvas, {
    type: "line",
    data: {
      labels: weeks,
      datasets: [
        {
          label: String(data.label),
          data: data.values.map((v) => (typeof v === "number" ? v : null)),
          borderColor: "#1f5fbf",
          backgroundColor: "#1f5fbf",
          borderWidth: 3,
          pointRadius: 4,
          spanGaps: true,
          fill: false,
        },
        level("Baseline", data.baseline, "#586174"),
        level("Target", data.target, "#1e7b34"),
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { title: { display: true, text: "Week from" } },
        y: { title: { display: true, text: unit ? `${data.label} (${unit})` : String(data.label) } },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: (item) => {
              const responses = Array.isArray(data.responses) ? data.responses[item.dataIndex] : undefined;
              const value = `${item.dataset.label}: ${format(item.parsed.y)}`;
              return item.datasetIndex === 0 && typeof responses === "number"
                ? `${value} (${responses} ${counted})`
                : value;
            },
          },
        },
      },
    },
  });
})();
