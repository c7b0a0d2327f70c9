import type { Feedback } from "../../../../shared/entities/feedback";

// What the console's HTML forms post, mapped to the inputs of the use cases (which validate them).
// Empty optional fields mean "not given"; nothing here decides what is valid.

/** The inbox filters, in the order the filter form shows them. */
export const filterNames = ["status", "kind", "topic", "department", "assignee", "goalId"] as const;
export type FilterName = (typeof filterNames)[number];
export type Filters = Partial<Record<FilterName, string>>;

const given = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
};

/** The filters among query or form values (blank ones are "any"). */
export function filtersFrom(values: Record<string, string | undefined>): Filters {
  const filters: Filters = {};
  for (const name of filterNames) {
    const value = given(values[name]);
    if (value !== undefined) filters[name] = value;
  }
  return filters;
}

/** A console path with the filters (and anything else) in its query. */
export function hrefWith(path: string, filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...extra })) {
    if (value !== undefined && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Which page of a console list a query asks for (`?cursor=`), to be checked as the API checks it. */
export const pageValuesFrom = (values: Record<string, string | undefined>) => ({ cursor: given(values.cursor) });

/** A comma-separated tag list as tags. */
export const parseTags = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/** The fields of the edit form that change the item (the note only adds to its timeline). */
export const editFields = ["status", "kind", "topic", "tags", "assignee"] as const;
export type EditField = (typeof editFields)[number];
export type EditValues = Record<EditField, string> & { note: string; outcome?: string; silent?: string };

/** An item's changeable fields as the edit form shows them. */
export function editValuesOf(item: Feedback): Record<EditField, string> {
  return {
    status: item.status,
    kind: item.kind,
    topic: item.topic ?? "",
    tags: item.tags.join(", "),
    assignee: item.assignee ?? "",
  };
}

/** A field's value in a comparable form: "a,b" and "a, b" are the same tags. */
const canonical = (field: EditField, value: string) => (field === "tags" ? parseTags(value).join(",") : value.trim());

/**
 * Whether the person changed a field in the form: it differs from the value the form was shown with
 * (its hidden `was_<field>`), or the form did not say what that was.
 */
function changedInForm(form: Record<string, string>, field: EditField): boolean {
  const value = form[field];
  if (value === undefined) return false;
  const was = form[`was_${field}`];
  return was === undefined || canonical(field, was) !== canonical(field, value);
}

/**
 * The patch an edit form stands for: its version, the fields the person changed (only those, so an
 * untouched field never overwrites someone else's change), and the note when one was written.
 */
export function patchFromForm(form: Record<string, string>): Record<string, unknown> {
  const version = given(form.version);
  const patch: Record<string, unknown> = { version: version === undefined ? undefined : Number(version) };
  for (const field of editFields) {
    if (!changedInForm(form, field)) continue;
    const value = form[field] ?? "";
    if (field === "tags") patch.tags = parseTags(value);
    else if (field === "topic" || field === "assignee") patch[field] = given(value) ?? null;
    else patch[field] = value;
  }
  const note = given(form.note);
  if (note !== undefined) patch.note = form.note;
  // Ending the item by hand: what came of it, or (on purpose) nobody told.
  if (given(form.outcome) !== undefined) patch.outcome = form.outcome;
  if (form.silent === "on") patch.notify = false;
  return patch;
}

/**
 * The edit form's values after a conflict: what the person changed stays as they typed it, every
 * other field shows its value now, so saving again changes only what they meant to change.
 */
export function keptValues(form: Record<string, string>, current: Feedback): EditValues {
  const now = editValuesOf(current);
  const values = { ...now, note: form.note ?? "", outcome: form.outcome ?? "", silent: form.silent ?? "" };
  for (const field of editFields) {
    if (changedInForm(form, field)) values[field] = form[field] ?? now[field];
  }
  return values;
}

/** The edit form's values as posted (after a validation error), with the item's for any missing. */
export function postedValues(form: Record<string, string>, current: Feedback): EditValues {
  const now = editValuesOf(current);
  const values = { ...now, note: form.note ?? "", outcome: form.outcome ?? "", silent: form.silent ?? "" };
  for (const field of editFields) values[field] = form[field] ?? now[field];
  return values;
}

/** The values the edit form was shown with (its hidden `was_<field>`s), or the item's. */
export function seenValues(form: Record<string, string>, current: Feedback): Record<EditField, string> {
  const now = editValuesOf(current);
  return Object.fromEntries(editFields.map((f) => [f, form[`was_${f}`] ?? now[f]])) as Record<EditField, string>;
}

/** Bulk changes chosen in the inbox: blank means "leave as is"; assignee "-" means "unassign". */
export function bulkChangesFrom(form: Record<string, string>) {
  const assignee = given(form.assignee);
  const changes: Record<string, unknown> = {
    status: given(form.status),
    kind: given(form.kind),
    topic: given(form.topic),
    assignee: assignee === "-" ? null : assignee,
  };
  for (const key of Object.keys(changes)) if (changes[key] === undefined) delete changes[key];
  return { changes, addTags: parseTags(form.addTags ?? "") };
}

/** The invite form as the invite input. */
export const inviteFrom = (form: Record<string, string>) => ({
  email: form.email?.trim() ?? "",
  name: given(form.name),
  role: form.role,
  department: given(form.department),
});

/** The per-person staff forms: a role, `active` ("true" or "false"), or a department (empty: none). */
export function staffChangeFrom(form: Record<string, string>) {
  const active = form.active === "true" ? true : form.active === "false" ? false : form.active;
  return {
    role: given(form.role),
    active: given(form.active) === undefined ? undefined : active,
    ...(form.department === undefined ? {} : { department: given(form.department) ?? null }),
  };
}
