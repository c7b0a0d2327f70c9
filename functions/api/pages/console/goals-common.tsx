import type { Action } from "../../../../shared/entities/action";
import type { Goal, GoalMetric, MetricKind } from "../../../../shared/entities/goal";
import type { GoalProgress } from "../../../../shared/entities/metric";
import type { LoopFigures } from "../../../../shared/goals/loop";
import { isId, personName, Said, type StaffIndex } from "./common";
import { plain } from "./texts";

// How the goal and action pages put figures into words: metric values, baselines and targets,
// progress, the goal levels, loop figures, and the flash after a post. No request data is read here.

export type { GoalNode } from "../../../../shared/goals/hierarchy";

const metricNames: Record<MetricKind, string> = {
  nps: "NPS",
  csat: "CSAT",
  complaint_share: "Complaint share",
  count: "Feedback count",
  measure: "Measured value",
};

/** A measure's unit ("days", "%"); none for a metric of feedback, whose kind says what it counts. */
export const unitOf = (metric: GoalMetric) => (metric.kind === "measure" ? metric.unit : undefined);

/** A number followed by a measure's unit: "4.25 days", "12%". */
const withUnit = (number: string, unit: string | undefined) =>
  unit === undefined ? number : unit === "%" ? `${number}%` : `${number} ${unit}`;

/** A metric kind as people say it: "Complaint share". */
export const metricName = (kind: MetricKind) => metricNames[kind];

let levelFormat: Intl.NumberFormat | undefined;
/**
 * A number with up to two decimals. The format is made on first use, not when the staff function
 * loads: the process's first Intl object loads ICU's data, about 10 ms of its cold start otherwise.
 */
function levelNumber(value: number) {
  levelFormat ??= new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
  return levelFormat.format(value);
}

/**
 * A measured value: a share with one decimal ("6.0%"), NPS whole, CSAT with one decimal, a count
 * whole, a measure as recorded (up to two decimals) in its unit.
 */
export function formatValue(kind: MetricKind, value: number, unit?: string): string {
  switch (kind) {
    case "complaint_share":
      return `${value.toFixed(1)}%`;
    case "csat":
      return value.toFixed(1);
    case "measure":
      return withUnit(levelNumber(value), unit);
    default:
      return String(Math.round(value));
  }
}

/** A level someone set (baseline, target) as they set it: "10%", "4.5", "30", "12 days". */
export const formatLevel = (kind: MetricKind, level: number, unit?: string) =>
  withUnit(levelNumber(level), kind === "complaint_share" ? "%" : unit);

/** A share (0..1) as a whole percentage. */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Where a goal's metric stands, in one sentence (the label of its progress bar), e.g.
 * "Complaint share 6.0% — 80% of the way from 10% to 5%", whichever way the target lies.
 */
export function progressLabel(kind: MetricKind, progress: GoalProgress, unit?: string): string {
  const name = metricName(kind);
  const from = formatLevel(kind, progress.baseline, unit);
  const to = formatLevel(kind, progress.target, unit);
  if (progress.value === null) {
    const none = kind === "measure" ? "nothing recorded" : "no feedback";
    return `${name}: ${none} in the last ${progress.windowDays} days — the goal is from ${from} to ${to}`;
  }
  const now = `${name} ${formatValue(kind, progress.value, unit)}`;
  if (progress.progress === null) return `${now} — the target is ${to}`;
  if (progress.progress < 0) return `${now} — further from the target than the baseline (from ${from} to ${to})`;
  const reached = progress.progress >= 1 ? ", target reached" : "";
  return `${now} — ${percent(progress.progress)} of the way from ${from} to ${to}${reached}`;
}

/**
 * What a metric counts, in words: "Complaint share over the last 30 days, of feedback about
 * “billing”"; "Measured outside this product, in days: the latest value of the last 30 days".
 */
export function metricDescription(metric: GoalMetric): string {
  if (metric.kind === "measure") {
    const unit = metric.unit === undefined ? "" : `, in ${metric.unit}`;
    return `Measured outside this product${unit}: the latest value recorded in the last ${metric.windowDays} days`;
  }
  const scope = metric.scope ?? {};
  const parts: string[] = [];
  // The share is of complaints among every kind: a scope kind would make it 0 or 100, so it is ignored.
  if (scope.kind && metric.kind !== "complaint_share") parts.push(`${scope.kind} feedback`);
  if (scope.topic) parts.push(`about “${scope.topic}”`);
  if (scope.department) parts.push(`from department “${scope.department}”`);
  const of = parts.length > 0 ? `, of ${parts.join(" ")}` : ", of all feedback";
  return `${metricName(metric.kind)} over the last ${metric.windowDays} days${of}`;
}

/** The level of a goal in the hierarchy: organisation, department, team, and below a team a colleague's own. */
export const levelName = (level: number) =>
  level === 0 ? "Organisation" : level === 1 ? "Department" : level === 2 ? "Team" : "Personal";

/** The progress bar of a goal, labelled by the sentence before it. */
export function ProgressBar({
  id,
  kind,
  progress,
  unit,
}: {
  id: string;
  kind: MetricKind;
  progress: GoalProgress;
  unit?: string;
}) {
  const value = progress.progressClamped === null ? undefined : Math.round(progress.progressClamped * 100);
  return (
    <div class="goal-progress">
      <p id={id} class="progress-label">
        {progressLabel(kind, progress, unit)}
      </p>
      {value === undefined ? (
        <progress max={100} aria-labelledby={id} />
      ) : (
        <progress max={100} value={value} aria-labelledby={id}>
          {`${value}%`}
        </progress>
      )}
    </div>
  );
}

/** Who owns a goal or an action: a staff member's address, or a team's name as written. */
export function OwnerName({ owner, people }: { owner: string | undefined; people: StaffIndex }) {
  if (!owner) return <>—</>;
  if (people.has(owner)) return <>{personName(owner, people)}</>;
  return <Said text={owner} />;
}

/** A link to an action's page. */
export function ActionLink({ action }: { action: { id: string; title: Action["title"] | string } }) {
  const title = plain(action.title);
  return isId(action.id) ? <a href={`/console/actions/${action.id}`}>{title}</a> : <Said text={title} />;
}

/** A link to a goal's page. */
export function GoalLink({ goal }: { goal: { id: string; title: Goal["title"] | string } }) {
  const title = plain(goal.title);
  return isId(goal.id) ? <a href={`/console/goals/${goal.id}`}>{title}</a> : <Said text={title} />;
}

/** The loop figures in words: how many linked, how many told, how fast. */
export function loopWords(loop: LoopFigures) {
  return {
    linked: String(loop.linked),
    done: String(loop.done),
    told:
      loop.toldShare === null
        ? `${loop.told} (nobody who can be told is waiting)`
        : `${loop.told}: ${percent(loop.toldShare)} of those who can be told`,
    cannotBeTold: [
      `${loop.cannotBeTold.anonymous} anonymous (no address)`,
      `${loop.cannotBeTold.noConsent} without consent`,
      `${loop.cannotBeTold.suppressed} unsubscribed or suppressed`,
    ].join(", "),
    toldNobody: String(loop.toldNobody),
    median: loop.medianDaysToOutcome === null ? "—" : `${loop.medianDaysToOutcome} days`,
  };
}

const count = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};
const items = (n: number) => (n === 1 ? "1 item" : `${n} items`);

const goalFlashes: Record<string, string> = {
  created: "Goal created.",
  saved: "Saved.",
  actionAdded: "Action added.",
  recorded: "Observation recorded.",
};

/**
 * The flash after a goal or action post, from the redirect's query (only flags, counts and ids,
 * never text from the request): `?saved=1`, `?imported=<n>`, or `?linked=<n>&failed=<n>&failedIds=<id>,<id>`.
 */
export function goalsFlashOf(query: Record<string, string>): string | undefined {
  const what = Object.keys(goalFlashes).find((key) => query[key] === "1");
  if (what) return goalFlashes[what];
  const imported = count(query.imported);
  if (imported !== undefined)
    return `Stored ${imported === 1 ? "1 observation" : `${imported} observations`} from the file.`;
  const linked = count(query.linked);
  if (linked === undefined) return undefined;
  const failed = count(query.failed) ?? 0;
  const parts = [`Linked ${items(linked)}.`];
  if (failed > 0) {
    const ids = (query.failedIds ?? "").split(",").filter(isId);
    parts.push(`${items(failed)} could not be linked (unknown ids)${ids.length > 0 ? `: ${ids.join(", ")}` : ""}.`);
  }
  return parts.join(" ");
}

/** The query of a redirect after linking: how many were linked and which failed. */
export function linkedQuery(results: { id: string; ok: boolean }[]): string {
  const failed = results.filter((r) => !r.ok).map((r) => r.id);
  const query = new URLSearchParams({ linked: String(results.length - failed.length), failed: String(failed.length) });
  const failedIds = failed.filter(isId).slice(0, 20).join(",");
  if (failedIds) query.set("failedIds", failedIds);
  return query.toString();
}
