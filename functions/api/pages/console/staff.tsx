import { roles, type Staff } from "../../../../shared/entities/staff";
import type { SuppressionLift, SuppressionReason } from "../../../../shared/entities/suppression";
import type { StaffSuppression } from "../../../../shared/staff/suppression";
import { CsrfField, can, label, Said, Time, type Viewer } from "./common";
import { ConsoleLayout } from "./layout";
import { Pager } from "./pager";

export interface StaffPageProps {
  viewer: Viewer;
  /** A page of the staff, ordered by address. */
  staff: Staff[];
  /** The cursor of the next page, if there is one. */
  nextCursor?: string | null;
  /** Whether this is a later page (a cursor was given). */
  paged?: boolean;
  flash?: string;
  error?: string;
  /** What the invite form holds (after a failed invitation). */
  invite?: { email?: string; name?: string; role?: string; department?: string };
  /** The suppressed addresses among this page's staff, by staff id. */
  suppressions?: Map<string, StaffSuppression>;
  /** The latest lifted suppressions, newest first (the audit). */
  lifts?: SuppressionLift[];
  /** Everyone on staff, to name who lifted a suppression and whose address it was. */
  everyone?: Staff[];
}

const reasonWords: Record<SuppressionReason, string> = {
  unsubscribed: "unsubscribed (from a link in customer mail)",
  bounce: "the address bounced",
  complaint: "marked as spam",
  erased: "erased on request",
};

/** Everyone on staff; admins also invite people, change roles and (de)activate. */
export function StaffPage({
  viewer,
  staff,
  nextCursor = null,
  paged,
  flash,
  error,
  invite,
  suppressions = new Map(),
  lifts = [],
  everyone = [],
}: StaffPageProps) {
  const manage = can(viewer, "staff:manage");
  return (
    <ConsoleLayout viewer={viewer} title="Staff" section="staff" flash={flash} error={error}>
      <div class="table-wrap">
        <table>
          <caption>
            {paged || nextCursor ? `Staff members (${staff.length} on this page)` : `Staff members (${staff.length})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Department</th>
              <th scope="col">Active</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Mail</th>
              {manage && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {staff.map((person) => (
              <tr>
                <th scope="row">{person.email}</th>
                <td>
                  <Said text={person.name} />
                </td>
                <td>{label(person.role)}</td>
                <td>
                  <Said text={person.department} />
                </td>
                <td>{person.active ? "Yes" : "No"}</td>
                <td>{person.lastSignInAt ? <Time at={person.lastSignInAt} /> : "Never"}</td>
                <td>
                  <MailState viewer={viewer} person={person} suppression={suppressions.get(person.id)} />
                </td>
                {manage && (
                  <td>
                    <PersonForms viewer={viewer} person={person} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path="/console/staff" nextCursor={nextCursor} paged={Boolean(paged)} />
      <LiftedList lifts={lifts} everyone={everyone} />
      {manage && <InviteForm viewer={viewer} values={invite ?? {}} />}
    </ConsoleLayout>
  );
}

function PersonForms({ viewer, person }: { viewer: Viewer; person: Staff }) {
  const roleId = `role-${person.id}`;
  return (
    <div class="row-forms">
      <form method="post" action={`/console/staff/${person.id}`} class="inline">
        <CsrfField viewer={viewer} />
        <label for={roleId} class="visually-hidden">{`Role of ${person.email}`}</label>
        <select id={roleId} name="role">
          {roles.map((r) => (
            <option value={r} selected={person.role === r}>
              {label(r)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Change role
          <span class="visually-hidden">{` of ${person.email}`}</span>
        </button>
      </form>
      <form method="post" action={`/console/staff/${person.id}`} class="inline">
        <CsrfField viewer={viewer} />
        <label for={`department-${person.id}`} class="visually-hidden">{`Department of ${person.email}`}</label>
        <input
          type="text"
          id={`department-${person.id}`}
          name="department"
          value={person.department ?? ""}
          maxlength={100}
          placeholder="Department"
        />
        <button type="submit" class="secondary">
          Set department
          <span class="visually-hidden">{` of ${person.email}`}</span>
        </button>
      </form>
      <form method="post" action={`/console/staff/${person.id}`} class="inline">
        <CsrfField viewer={viewer} />
        <input type="hidden" name="active" value={person.active ? "false" : "true"} />
        <button type="submit" class="secondary">
          {person.active ? "Deactivate" : "Activate"}
          <span class="visually-hidden">{` ${person.email}`}</span>
        </button>
      </form>
    </div>
  );
}

function InviteForm({ viewer, values }: { viewer: Viewer; values: NonNullable<StaffPageProps["invite"]> }) {
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form method="post" action="/console/staff">
        <CsrfField viewer={viewer} />
        <label for="invite-email">Email</label>
        <input type="email" id="invite-email" name="email" value={values.email ?? ""} required maxlength={254} />
        <label for="invite-name">Name (optional)</label>
        <input type="text" id="invite-name" name="name" value={values.name ?? ""} maxlength={200} />
        <label for="invite-department">Department (optional)</label>
        <input type="text" id="invite-department" name="department" value={values.department ?? ""} maxlength={100} />
        <label for="invite-role">Role</label>
        <select id="invite-role" name="role">
          {roles.map((r) => (
            <option value={r} selected={(values.role ?? "agent") === r}>
              {label(r)}
            </option>
          ))}
        </select>
        <p class="hint">
          Admins manage everything; managers set goals and triage; agents triage and work on actions; viewers only read.
        </p>
        <button type="submit">Send invitation</button>
      </form>
    </section>
  );
}

/** Whether mail reaches a staff address; if it is suppressed, why, since when, and (admins) a lift. */
function MailState({
  viewer,
  person,
  suppression,
}: {
  viewer: Viewer;
  person: Staff;
  suppression: StaffSuppression | undefined;
}) {
  if (!suppression) return <>Delivered</>;
  return (
    <div class="suppression">
      <p>
        <strong>Suppressed</strong>
        {`: ${reasonWords[suppression.reason]}, since `}
        <Time at={suppression.suppressedAt} />.{" "}
        {suppression.stopsSignIn
          ? "Sign-in links are not sent to this address."
          : "Sign-in links still arrive; customer mail does not."}
      </p>
      {can(viewer, "staff:manage") && (
        <form method="post" action={`/console/staff/${person.id}/suppression`} class="inline">
          <CsrfField viewer={viewer} />
          <button type="submit" class="secondary">
            Lift suppression
            <span class="visually-hidden">{` of ${person.email}`}</span>
          </button>
        </form>
      )}
    </div>
  );
}

/** The audit of lifted suppressions: who lifted which address (by hash) when, and the reason it had. */
function LiftedList({ lifts, everyone }: { lifts: SuppressionLift[]; everyone: Staff[] }) {
  if (lifts.length === 0) return null;
  const named = (id: string) => everyone.find((s) => s.id === id)?.email ?? id;
  return (
    <section aria-labelledby="lifts-heading">
      <h2 id="lifts-heading">Suppressions lifted</h2>
      <div class="table-wrap">
        <table>
          <caption>{`The latest ${lifts.length} lifted, newest first`}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">Address of</th>
              <th scope="col">Address hash</th>
              <th scope="col">Reason it had</th>
            </tr>
          </thead>
          <tbody>
            {lifts.map((lift) => (
              <tr>
                <td>
                  <Time at={lift.liftedAt} />
                </td>
                <td>{named(lift.liftedBy)}</td>
                <td>{named(lift.staffId)}</td>
                <td>
                  <code title={lift.emailHash}>{`${lift.emailHash.slice(0, 12)}…`}</code>
                </td>
                <td>
                  {reasonWords[lift.reason]}
                  {", since "}
                  <Time at={lift.suppressedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
