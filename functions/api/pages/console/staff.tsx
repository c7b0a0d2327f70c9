import { roles, type Staff } from "../../../../shared/entities/staff";
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
}

/** Everyone on staff; admins also invite people, change roles and (de)activate. */
export function StaffPage({ viewer, staff, nextCursor = null, paged, flash, error, invite }: StaffPageProps) {
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
