import { filterValue, keys } from "../db/keys";

/** The scope dimensions that partition the metric counters (a scope's kind picks attributes of a day's item). */
export interface ScopeValues {
  topic?: string;
  department?: string;
}

/** The scope key of everything, whatever its topic or department. */
export const ALL_SCOPE = "all";

/**
 * `%` and `|` are escaped so that no topic can pose as a topic and a department
 * (`a|department=b`); everything else is kept, so a key stays readable and within the key size.
 */
const escapeDelimiters = (value: string) => value.replaceAll("%", "%25").replaceAll("|", "%7C");

/** A dimension's value as it partitions counters; a blank value is no value, as on the inbox indexes. */
const present = (value: string | undefined) => {
  if (value === undefined) return undefined;
  const normalised = filterValue(value);
  return normalised === "" ? undefined : escapeDelimiters(normalised);
};

const scopeKey = (topic: string | undefined, department: string | undefined) => {
  const parts = [
    ...(topic === undefined ? [] : [`topic=${topic}`]),
    ...(department === undefined ? [] : [`department=${department}`]),
  ];
  return parts.length === 0 ? ALL_SCOPE : parts.join("|");
};

/**
 * The one counter partition a metric's scope reads: `all`, `topic=<t>`, `department=<d>` or
 * `topic=<t>|department=<d>`, values as the inbox filters compare them (`filterValue`). The writer
 * builds its keys with {@link scopeKeysOf}, from the same function.
 */
export function scopeKeyOf(scope: ScopeValues = {}): string {
  // A scope naming a blank value asks for items with that value: none have one, so its partition
  // is one nothing is ever written to (`topic=`), not `all`.
  const blankAsEmpty = (value: string | undefined) => (value === undefined ? undefined : (present(value) ?? ""));
  return scopeKey(blankAsEmpty(scope.topic), blankAsEmpty(scope.department));
}

/** Every counter partition a feedback item counts in: each combination of the dimensions it has a value for. */
export function scopeKeysOf(item: ScopeValues): string[] {
  const topic = present(item.topic);
  const department = present(item.department);
  const keysOf = new Set<string>();
  for (const t of [undefined, topic]) for (const d of [undefined, department]) keysOf.add(scopeKey(t, d));
  return [...keysOf];
}

/** The key condition values of a scope's counters from day `from` to day `to`, both included: one item a day. */
export function metricDayRange(scope: string, from: string, to: string) {
  const first = keys.metricDay(scope, from);
  return { PK: first.PK, from: first.SK, to: keys.metricDay(scope, to).SK };
}
