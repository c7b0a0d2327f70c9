import { type Child, createContext, useContext } from "hono/jsx";
import { allows, type Permission } from "../../../../shared/auth/permissions";
import type { Staff } from "../../../../shared/entities/staff";
import { staffTime } from "../../../../shared/i18n/time";
import { newId } from "../../../../shared/ids";

/**
 * Who is looking at a console page: their staff record, their session's CSRF token, and the
 * organisation's time zone the page shows times in.
 */
export interface Viewer {
  staff: Staff;
  csrfToken?: string;
  timeZone: string;
}

/**
 * The time zone of the page being rendered: the console layout provides the viewer's, for the
 * request that renders it (no module state). Outside a console page, UTC, named as such.
 */
export const TimeZoneContext = createContext("UTC");

/** Whether the viewer's role holds a permission (controls they cannot use are not shown). */
export const can = (viewer: Viewer, permission: Permission) => allows(viewer.staff.role, permission);

/** The session's CSRF token, which every console form posts back, and the form's own key. */
export function CsrfField({ viewer }: { viewer: Viewer }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={viewer.csrfToken ?? ""} />
      {/* The form's own key: sent twice, it is done once (middleware/once.ts). */}
      <input type="hidden" name="_once" value={newId()} autocomplete="off" />
    </>
  );
}

/** A short notice after an action (announced by screen readers), or an error. */
export function Notice({ flash, error }: { flash?: string; error?: string }) {
  return (
    <>
      <div class="flash" role="status" aria-live="polite">
        {flash && <p>{flash}</p>}
      </div>
      {error && (
        <p class="error summary" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** A timestamp in the organisation's zone, the zone named ("2026-01-15 11:00 CET"), machine-readable in `datetime`. */
export function Time({ at }: { at: string | undefined }) {
  const zone = useContext(TimeZoneContext);
  if (!at) return <>—</>;
  return <time datetime={at}>{staffTime(at, zone)}</time>;
}

/** Explicit bidi embeddings, overrides and isolates: they can make text read differently than it is stored. */
const BIDI_CONTROL = /([\u202A-\u202E\u2066-\u2069])/u;

/**
 * Text someone else wrote, escaped by JSX, with each bidi control character shown as a visible
 * `[U+202E]` marker instead of being applied, so it cannot reorder what staff read.
 */
export function Revealed({ text }: { text: string }) {
  const parts = text.split(BIDI_CONTROL);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span class="control" title="invisible bidi control character">
            {`[U+${(part.codePointAt(0) ?? 0).toString(16).toUpperCase()}]`}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** Inline text someone else wrote: bidi isolated, its direction taken from its own content. */
export function Said({ text }: { text: string | undefined }) {
  if (text === undefined || text === "") return <>—</>;
  return (
    <bdi dir="auto">
      <Revealed text={text} />
    </bdi>
  );
}

/** The first `max` characters of a text on one line, with "…" when cut. */
export function excerpt(text: string, max = 140): string {
  const chars = [...text.replace(/\s+/gu, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max).join("").trimEnd()}…` : chars.join("");
}

/** A value name as a label: "in_progress" → "In progress". */
export const label = (value: string) => {
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Ids the console puts in links and forms (ULIDs, or anything as plain); others are unknown. */
export const isId = (value: string) => /^[0-9A-Za-z_-]{1,64}$/.test(value);

/** Staff by id, to show people by address. */
export type StaffIndex = Map<string, Staff>;
export const indexStaff = (staff: Staff[]): StaffIndex => new Map(staff.map((s) => [s.id, s]));

/** Who a timeline actor or assignee id is: a staff member's address, the customer, or the system. */
export function personName(id: string | undefined | null, staff: StaffIndex): string {
  if (!id) return "—";
  if (id === "customer") return "Customer";
  if (id === "system") return "System";
  const person = staff.get(id);
  return person ? person.email : `Former staff member (${id})`;
}

/** A link to a feedback item, when the id is one the console would link. */
export function ItemLink({ id }: { id: string }) {
  return isId(id) ? <a href={`/console/feedback/${id}`}>{id}</a> : <Said text={id} />;
}

/** Staff who can be given work: active members, by address. */
export const assignable = (staff: Staff[]) => staff.filter((s) => s.active);

/** One term and its description in a `<dl>` of an item's, goal's or action's fields. */
export function Row({ name, children }: { name: string; children: Child }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A filter's choice among fixed values (statuses, kinds), "Any" first and the chosen one selected. */
export function AnyOf(props: { id: string; name: string; values: readonly string[]; chosen?: string }) {
  return (
    <select id={props.id} name={props.name}>
      <option value="">Any</option>
      {props.values.map((value) => (
        <option value={value} selected={props.chosen === value}>
          {label(value)}
        </option>
      ))}
    </select>
  );
}
