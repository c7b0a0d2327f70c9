import type { Action } from "../../../../shared/entities/action";
import type { Goal } from "../../../../shared/entities/goal";
import { locales } from "../../../../shared/i18n/locales";
import { languageField } from "./texts";

// What the goal and action forms post, mapped to the inputs of the use cases (which validate
// them). Empty optional fields mean "not given" (or, in an edit, "clear it"); nothing here decides
// what is valid. Edits send only the fields the person changed from what the form was shown with
// (its hidden `was_<field>`), as the feedback item's edit form does.

const given = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
};
const numberOf = (value: string | undefined) => {
  const text = given(value);
  return text === undefined ? undefined : Number(text);
};
const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/** Feedback ids typed into a form: separated by spaces, commas or new lines; each once. */
export function feedbackIdsFrom(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? "")
        .split(/[\s,;]+/u)
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/** The record-an-observation form as its input: the value read with a point or a decimal comma. */
export function observationInputFrom(form: Record<string, string>): Record<string, unknown> {
  const value = given(form.value);
  const number =
    value !== undefined && /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(value) ? Number(value.replace(",", ".")) : value;
  return withoutUndefined({ at: given(form.at), value: number, note: given(form.note) });
}

// ---------------------------------------------------------------------------------------------
// Goals

/** The goal form's fields, the metric spread over six of them. */
export const goalFields = [
  ...locales.map((locale) => languageField("title", locale)),
  "description",
  "parentId",
  "department",
  "owner",
  "dueDate",
  "status",
  "metricKind",
  "scopeKind",
  "scopeTopic",
  "scopeDepartment",
  "unit",
  "baseline",
  "target",
  "windowDays",
] as const;
export type GoalField = (typeof goalFields)[number];
export type GoalValues = Record<GoalField, string>;
const metricFields: readonly GoalField[] = [
  "metricKind",
  "scopeKind",
  "scopeTopic",
  "scopeDepartment",
  "unit",
  "baseline",
  "target",
  "windowDays",
];

/** A goal's values as the form shows them; a new goal's defaults without one. */
export function goalValuesOf(goal?: Goal): GoalValues {
  const metric = goal?.metric;
  const scope = metric?.kind === "measure" ? undefined : metric?.scope;
  return {
    ...Object.fromEntries(locales.map((locale) => [languageField("title", locale), goal?.title[locale] ?? ""])),
    description: goal?.description ?? "",
    parentId: goal?.parentId ?? "",
    department: goal?.department ?? "",
    owner: goal?.owner ?? "",
    dueDate: goal?.dueDate ?? "",
    status: goal?.status ?? "active",
    metricKind: metric?.kind ?? "",
    scopeKind: scope?.kind ?? "",
    scopeTopic: scope?.topic ?? "",
    scopeDepartment: scope?.department ?? "",
    unit: metric?.kind === "measure" ? (metric.unit ?? "") : "",
    baseline: metric ? String(metric.baseline) : "",
    target: metric ? String(metric.target) : "",
    windowDays: metric ? String(metric.windowDays) : "30",
  };
}

/** The metric a form stands for: none without a metric kind; a measure has a unit and no scope. */
function metricFrom(form: Record<string, string>) {
  const kind = given(form.metricKind);
  if (kind === undefined) return undefined;
  const levels = {
    baseline: numberOf(form.baseline),
    target: numberOf(form.target),
    windowDays: numberOf(form.windowDays),
  };
  if (kind === "measure") return withoutUndefined({ kind, unit: given(form.unit), ...levels });
  const scope = withoutUndefined({
    kind: given(form.scopeKind),
    topic: given(form.scopeTopic),
    department: given(form.scopeDepartment),
  });
  return withoutUndefined({
    kind,
    scope: Object.keys(scope).length > 0 ? scope : undefined,
    ...levels,
  });
}

/** A new goal's title from the form: the languages written (the API refuses none at all). */
function titleFrom(form: Record<string, string>): Record<string, string> | string {
  const written = locales.flatMap((locale) => {
    const text = given(form[languageField("title", locale)]);
    return text === undefined ? [] : [[locale, text] as const];
  });
  return written.length > 0 ? Object.fromEntries(written) : (form.title?.trim() ?? "");
}

/** The new-goal form as the goal input. */
export function goalInputFrom(form: Record<string, string>): Record<string, unknown> {
  return withoutUndefined({
    title: titleFrom(form),
    description: given(form.description) === undefined ? undefined : form.description,
    parentId: given(form.parentId),
    department: given(form.department),
    owner: given(form.owner),
    dueDate: given(form.dueDate),
    metric: metricFrom(form),
  });
}

const changedIn = (form: Record<string, string>, field: string) => {
  const value = form[field];
  if (value === undefined) return false;
  const was = form[`was_${field}`];
  return was === undefined || was.trim() !== value.trim();
};

/** The goal patch an edit form stands for: its version and the fields changed (blank clears). */
export function goalPatchFrom(form: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = { version: numberOf(form.version) };
  for (const field of ["description", "parentId", "department", "owner", "dueDate"] as const) {
    if (!changedIn(form, field)) continue;
    // A description keeps its own spacing (line breaks); the others are single trimmed values.
    const value = given(form[field]);
    patch[field] = value === undefined ? null : field === "description" ? form[field] : value;
  }
  // The title's languages that changed: a blank one removes that language's text.
  const titles = locales.filter((locale) => changedIn(form, languageField("title", locale)));
  if (titles.length > 0) {
    patch.title = Object.fromEntries(
      titles.map((locale) => [locale, given(form[languageField("title", locale)]) ?? null]),
    );
  }
  if (changedIn(form, "status")) patch.status = form.status;
  if (metricFields.some((field) => changedIn(form, field))) patch.metric = metricFrom(form) ?? null;
  return patch;
}

/**
 * The form's values after a stale save: what the person changed stays as they typed it, every
 * other field shows the goal's value now, so saving again changes only what they meant to change.
 */
export function keptGoalValues(form: Record<string, string>, current: Goal): GoalValues {
  const now = goalValuesOf(current);
  return Object.fromEntries(
    goalFields.map((field) => [field, changedIn(form, field) ? (form[field] ?? now[field]) : now[field]]),
  ) as GoalValues;
}

/** The values as posted (after a validation error), with `fallback`'s for any missing. */
export function postedGoalValues(form: Record<string, string>, fallback: GoalValues): GoalValues {
  return Object.fromEntries(goalFields.map((field) => [field, form[field] ?? fallback[field]])) as GoalValues;
}

/** The values the edit form was shown with (its hidden `was_<field>`s), or `fallback`'s. */
export function seenGoalValues(form: Record<string, string>, fallback: GoalValues): GoalValues {
  return Object.fromEntries(goalFields.map((f) => [f, form[`was_${f}`] ?? fallback[f]])) as GoalValues;
}

// ---------------------------------------------------------------------------------------------
// Actions

/** The action's texts kept per language: each is a field per language in the form (`weWill_sv`). */
export const actionTextFields = ["title", "youSaid", "weWill", "weDid", "dropReason"] as const;
export type ActionTextField = (typeof actionTextFields)[number];

/** The action form's fields. */
export const actionFields = [
  "description",
  "owner",
  "dueDate",
  "status",
  ...actionTextFields.flatMap((field) => locales.map((locale) => languageField(field, locale))),
] as const;
export type ActionField = string;
export type ActionValues = Record<string, string>;

/** An action's values as the edit form shows them. */
export function actionValuesOf(action: Action): ActionValues {
  const values: ActionValues = {
    description: action.description ?? "",
    owner: action.owner ?? "",
    dueDate: action.dueDate ?? "",
    status: action.status,
  };
  for (const field of actionTextFields) {
    for (const locale of locales) values[languageField(field, locale)] = action[field]?.[locale] ?? "";
  }
  return values;
}

/** The new-action form as the action input, for the goal it is posted to. */
export function actionInputFrom(goalId: string, form: Record<string, string>): Record<string, unknown> {
  return withoutUndefined({
    goalId,
    title: form.title?.trim() ?? "",
    description: given(form.description) === undefined ? undefined : form.description,
    owner: given(form.owner),
    dueDate: given(form.dueDate),
  });
}

/** The action patch an edit form stands for: its version and the fields changed (blank clears). */
export function actionPatchFrom(form: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = { version: numberOf(form.version) };
  for (const field of ["description", "owner", "dueDate", "status"] as const) {
    if (!changedIn(form, field)) continue;
    const value = form[field] ?? "";
    if (field === "status") patch.status = value;
    else if (field === "owner" || field === "dueDate") patch[field] = given(value) ?? null;
    else patch[field] = given(value) === undefined ? null : value;
  }
  // A text's languages that changed: a blank one removes that language's text.
  for (const field of actionTextFields) {
    const changed = locales.filter((locale) => changedIn(form, languageField(field, locale)));
    if (changed.length === 0) continue;
    patch[field] = Object.fromEntries(
      changed.map((locale) => [
        locale,
        given(form[languageField(field, locale)]) === undefined ? null : form[languageField(field, locale)],
      ]),
    );
  }
  if (form.fallback === "on") patch.fallback = true;
  return patch;
}

/** The action form's values after a stale save: the person's changes kept, the rest as now. */
export function keptActionValues(form: Record<string, string>, current: Action): ActionValues {
  const now = actionValuesOf(current);
  return Object.fromEntries(
    actionFields.map((field) => [field, changedIn(form, field) ? (form[field] ?? now[field]) : now[field]]),
  ) as ActionValues;
}

/** The values as posted (after a refused save), with `fallback`'s for any missing. */
export function postedActionValues(form: Record<string, string>, fallback: ActionValues): ActionValues {
  return Object.fromEntries(actionFields.map((field) => [field, form[field] ?? fallback[field]])) as ActionValues;
}

/** The values the action form was shown with (its hidden `was_<field>`s), or `fallback`'s. */
export function seenActionValues(form: Record<string, string>, fallback: ActionValues): ActionValues {
  return Object.fromEntries(actionFields.map((f) => [f, form[`was_${f}`] ?? fallback[f]])) as ActionValues;
}
