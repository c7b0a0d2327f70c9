import { digestPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Goal } from "../entities/goal";
import type { DigestGoal, Notification } from "../entities/notification";
import type { Staff } from "../entities/staff";
import { linkedFeedback } from "../goals/loop";
import type { Locale } from "../i18n/locales";
import { textIn } from "../i18n/texts";
import { utcDay } from "../metrics/days";
import { goalMetricProgress } from "../metrics/progress";
import { staffNotification } from "../notifications/outbox";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The local day (`YYYY-MM-DD`), hour and weekday (0 = Monday) of an instant in a time zone. */
export function localClock(now: Date, timeZone: string): { day: string; hour: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
      weekday: "short",
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

/** The ISO 8601 week (`2026-W49`) of a day (`YYYY-MM-DD`). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  // The week belongs to the year of its Thursday.
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * The ISO week whose digest is due at `now`: the week turns on Monday at `hour` in the
 * organisation's time zone; before that on a Monday, last week's (already sent) is the one due.
 */
export function digestWeek(now: Date, digest: { timeZone: string; hour: number }): string {
  const clock = localClock(now, digest.timeZone);
  if (clock.weekday === 0 && clock.hour < digest.hour) {
    return isoWeek(new Date(Date.parse(`${clock.day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10));
  }
  return isoWeek(clock.day);
}

/** What a goal's digest says in any language: the week's counts, the measure's movement, what is overdue. */
interface GoalWeek {
  goal: Goal;
  newFeedback: number;
  told: number;
  metric?: Omit<NonNullable<DigestGoal["metric"]>, never>;
  overdue: { title: Goal["title"]; dueDate: string }[];
}

/** A goal's week up to `now`: linked feedback that came in, customers told, the metric now and a week ago. */
async function goalWeek(deps: Deps, goal: Goal, now: Date): Promise<GoalWeek> {
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const since = weekAgo.toISOString();
  const today = utcDay(now);
  const [linked, actions, progressNow, progressBefore] = await Promise.all([
    linkedFeedback(deps, goal.id),
    deps.actions.list(goal.id),
    goalMetricProgress(deps, goal, now),
    goalMetricProgress(deps, goal, weekAgo),
  ]);
  const metric = goal.metric;
  return {
    goal,
    newFeedback: linked.filter((item) => item.createdAt >= since).length,
    told: linked.filter((item) => item.outcomeToldAt !== undefined && item.outcomeToldAt >= since).length,
    ...(metric
      ? {
          metric: {
            kind: metric.kind,
            ...(metric.kind === "measure" && metric.unit ? { unit: metric.unit } : {}),
            now: progressNow?.value ?? null,
            weekAgo: progressBefore?.value ?? null,
            target: metric.target,
          },
        }
      : {}),
    overdue: actions
      .filter((a) => a.status !== "done" && a.status !== "dropped" && a.dueDate !== undefined && a.dueDate < today)
      .sort((a, b) => ((a.dueDate ?? "") < (b.dueDate ?? "") ? -1 : 1))
      .map((a) => ({ title: a.title, dueDate: a.dueDate ?? "" })),
  };
}

/** One person's digest, in their language: owned goals first. */
function digestFor(deps: Deps, person: Staff, week: string, weeks: GoalWeek[]): Notification {
  const locale: Locale = person.locale ?? deps.config.defaultLocale;
  const say = (text: Goal["title"]) => textIn(text, locale, deps.config.defaultLocale);
  const goals: DigestGoal[] = weeks
    .map((w) => ({ w, role: w.goal.owner === person.id ? ("owner" as const) : ("ambassador" as const) }))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "owner" ? -1 : 1))
    .map(({ w, role }) => ({
      goalId: w.goal.id,
      title: say(w.goal.title),
      role,
      newFeedback: w.newFeedback,
      ...(w.metric ? { metric: w.metric } : {}),
      told: w.told,
      overdue: w.overdue.map((a) => ({ title: say(a.title), dueDate: a.dueDate })),
    }));
  return staffNotification(deps, { ...person, locale }, "digest", digestPurpose(week, person.id), {
    week,
    goals,
    consoleUrl: `${deps.config.publicUrl}/console/my-goals`,
    settingsUrl: `${deps.config.publicUrl}/console/settings`,
  });
}

/** What one run of the weekly digests did. */
export interface DigestRunResult {
  week: string;
  /** Digests written now (each person's at most once a week, whoever runs it). */
  written: number;
  /** The week was done already (its digests written by an earlier run). */
  done: boolean;
}

/**
 * Writes this week's digest to the outbox for every active staff member who owns or champions an
 * active goal and has not switched the digest off; its own stream record sends each. Run by every
 * sweep: the week's digests are written by the first sweep after the week turns (Monday at
 * `DIGEST_HOUR` in `TIME_ZONE`), and every later sweep that week reads one item and stops.
 * A digest is keyed by the week and the person, so two sweeps at once, or a sweep cut off by its
 * deadline and the next one, never write one twice.
 */
export async function writeWeeklyDigests(deps: Deps, options: { deadline?: number } = {}): Promise<DigestRunResult> {
  const now = deps.now();
  const week = digestWeek(now, deps.config.digest);
  if (await deps.staff.digestRunDone(week)) return { week, written: 0, done: true };
  const [goals, staff] = await Promise.all([deps.goals.list(), deps.staff.list()]);
  const active = goals.filter((goal) => goal.status === "active");
  const weeks = new Map<string, Promise<GoalWeek>>();
  const weekOf = (goal: Goal) => {
    let found = weeks.get(goal.id);
    if (!found) {
      found = goalWeek(deps, goal, now);
      weeks.set(goal.id, found);
    }
    return found;
  };
  let written = 0;
  for (const person of staff) {
    if (!person.active || person.digest === false) continue;
    const theirs = active.filter((goal) => goal.owner === person.id || goal.ambassadors.includes(person.id));
    if (theirs.length === 0) continue;
    // Out of time: the next sweep goes on where this one stopped.
    if (options.deadline !== undefined && Date.now() > options.deadline) return { week, written, done: false };
    if (await deps.notifications.find(digestPurpose(week, person.id))) continue;
    const notification = digestFor(deps, person, week, await Promise.all(theirs.map(weekOf)));
    if (await deps.notifications.create(notification, deps.config.delivery.claimSeconds)) written += 1;
  }
  await deps.staff.markDigestRun(week, written, now);
  if (written > 0) deps.telemetry.count("digestWritten", written);
  return { week, written, done: false };
}
