import type { RecognitionSummary } from "../../../../shared/entities/recognition";
import type { Staff } from "../../../../shared/entities/staff";
import { locales } from "../../../../shared/i18n/locales";
import { newId } from "../../../../shared/ids";
import { CsrfField, ItemLink, indexStaff, personName, Said, Time, type Viewer } from "./common";
import { ConsoleLayout } from "./layout";

/** The form that routes a compliment to people: staff members and/or a department. */
export function RouteForm(props: {
  viewer: Viewer;
  itemId: string;
  staff: Staff[];
  /** Who the colleague's `praises` names, if it matches one active staff member. */
  suggested?: Staff;
  praises?: string;
}) {
  const active = props.staff.filter((s) => s.active);
  const departments = [...new Set(active.flatMap((s) => (s.department ? [s.department] : [])))].sort();
  return (
    <form method="post" action={`/console/feedback/${props.itemId}/route`} class="route">
      <CsrfField viewer={props.viewer} />
      {props.praises !== undefined && (
        <p>
          {"The colleague named: "}
          <Said text={props.praises} />
          {props.suggested ? ` (matches ${props.suggested.email}, selected below)` : " (matches no one on staff)"}
        </p>
      )}
      <label for="route-staff">Staff members</label>
      <select id="route-staff" name="staffIds" multiple size={Math.min(6, Math.max(2, active.length))}>
        {active.map((s) => (
          <option value={s.id} selected={props.suggested?.id === s.id}>
            {s.name ? `${s.name} (${s.email})` : s.email}
          </option>
        ))}
      </select>
      <label for="route-department">Or everyone in a department</label>
      <select id="route-department" name="department">
        <option value="">No department</option>
        {departments.map((d) => (
          <option value={d}>{d}</option>
        ))}
      </select>
      <p class="hint">Each person gets the compliment by mail once, in their language; nobody is told twice.</p>
      <button type="submit">Route the compliment</button>
    </form>
  );
}

export interface RecognitionPageProps {
  viewer: Viewer;
  summary: RecognitionSummary;
  staff: Staff[];
  flash?: string;
  error?: string;
  /** What the kudos form holds (after a refusal). */
  kudos?: { to?: string; reason?: string };
  /** The period the form shows (after a refused period, what was asked). */
  period?: { from?: string; to?: string };
}

/** Who was recognised in a period, per person and per department, and the kudos form. */
export function RecognitionPage({ viewer, summary, staff, flash, error, kudos, period }: RecognitionPageProps) {
  const people = indexStaff(staff);
  const colleagues = staff.filter((s) => s.active && s.id !== viewer.staff.id);
  return (
    <ConsoleLayout viewer={viewer} title="Recognition" section="recognition" flash={flash} error={error}>
      <form method="get" action="/console/recognition" class="filters">
        <label for="period-from">From</label>
        <input type="date" id="period-from" name="from" value={period?.from ?? summary.from} />
        <label for="period-to">To</label>
        <input type="date" id="period-to" name="to" value={period?.to ?? summary.to} />
        <button type="submit" class="secondary">
          Show
        </button>
      </form>
      <p>
        {"From "}
        <time datetime={summary.from}>{summary.from}</time>
        {" to "}
        <time datetime={summary.to}>{summary.to}</time> (UTC days, both included).
      </p>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        {summary.people.length === 0 ? (
          <p>Nobody was recognised in this period.</p>
        ) : (
          <div class="table-wrap">
            <table id="recognition-people">
              <caption>Compliments and kudos per person</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Department</th>
                  <th scope="col">Compliments received</th>
                  <th scope="col">Kudos received</th>
                  <th scope="col">Kudos given</th>
                </tr>
              </thead>
              <tbody>
                {summary.people.map((p) => (
                  <tr data-staff={p.staffId}>
                    <th scope="row">
                      {p.name ? <Said text={p.name} /> : null}
                      {p.name ? " " : null}
                      {p.email ? `(${p.email})` : `Former staff member (${p.staffId})`}
                    </th>
                    <td>
                      <Said text={p.department} />
                    </td>
                    <td>{String(p.complimentsReceived)}</td>
                    <td>{String(p.kudosReceived)}</td>
                    <td>{String(p.kudosGiven)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="departments-heading">
        <h2 id="departments-heading">Departments</h2>
        {summary.departments.length === 0 ? (
          <p>No department was recognised in this period.</p>
        ) : (
          <div class="table-wrap">
            <table id="recognition-departments">
              <caption>By the department people were in at the time</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col">Compliments received</th>
                  <th scope="col">Kudos received</th>
                  <th scope="col">Kudos given</th>
                </tr>
              </thead>
              <tbody>
                {summary.departments.map((d) => (
                  <tr>
                    <th scope="row">{d.department === null ? "No department" : <Said text={d.department} />}</th>
                    <td>{String(d.complimentsReceived)}</td>
                    <td>{String(d.kudosReceived)}</td>
                    <td>{String(d.kudosGiven)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="kudos-heading">
        <h2 id="kudos-heading">Kudos</h2>
        {summary.kudos.length === 0 ? (
          <p>No kudos in this period.</p>
        ) : (
          <ul class="kudos" id="kudos-list">
            {summary.kudos.map((k) => (
              <li>
                <Time at={k.at} />
                {` ${personName(k.fromStaffId, people)} → ${personName(k.toStaffId, people)}: `}
                <q dir="auto">
                  <Said text={k.reason} />
                </q>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="compliments-heading">
        <h2 id="compliments-heading">Compliments routed</h2>
        {summary.compliments.length === 0 ? (
          <p>No compliment was routed in this period.</p>
        ) : (
          <ul class="compliments">
            {summary.compliments.map((c) => (
              <li>
                <Time at={c.at} />
                {` to ${personName(c.toStaffId, people)}, routed by ${personName(c.routedBy, people)}: `}
                <ItemLink id={c.feedbackId} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="give-heading">
        <h2 id="give-heading">Give kudos</h2>
        <form method="post" action="/console/kudos">
          <CsrfField viewer={viewer} />
          <input type="hidden" name="kudosKey" value={newId()} />
          <label for="kudos-to">Colleague</label>
          <select id="kudos-to" name="to" required>
            <option value="">Choose a colleague</option>
            {colleagues.map((s) => (
              <option value={s.id} selected={kudos?.to === s.id}>
                {s.name ? `${s.name} (${s.email})` : s.email}
              </option>
            ))}
          </select>
          <label for="kudos-reason">Why</label>
          <textarea id="kudos-reason" name="reason" required maxlength={500} dir="auto">
            {kudos?.reason ?? ""}
          </textarea>
          <p class="hint">Your colleague is told by mail, once, in their language; everyone on staff sees it here.</p>
          <button type="submit">Give kudos</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

const languageNames = { en: "English", nl: "Nederlands", sv: "Svenska" } as const;

export interface SettingsPageProps {
  viewer: Viewer;
  me: Staff;
  defaultLocale: string;
  flash?: string;
  error?: string;
}

/** A staff member's own settings: the language of their mail, the weekly digest, alert subscriptions. */
export function SettingsPage({ viewer, me, defaultLocale, flash, error }: SettingsPageProps) {
  const locale = me.locale ?? defaultLocale;
  return (
    <ConsoleLayout viewer={viewer} title="My settings" section="settings" flash={flash} error={error}>
      <form method="post" action="/console/settings">
        <CsrfField viewer={viewer} />
        <label for="settings-locale">Language of the mail you get (compliments, kudos, digest, alerts)</label>
        <select id="settings-locale" name="locale">
          {locales.map((l) => (
            <option value={l} selected={l === locale}>
              {languageNames[l]}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Weekly digest of the goals you own or champion</legend>
          <label>
            <input type="radio" name="digest" value="true" checked={me.digest !== false} /> On: every Monday morning
          </label>
          <label>
            <input type="radio" name="digest" value="false" checked={me.digest === false} /> Off
          </label>
        </fieldset>
        <label for="settings-topics">Alert me at once about detractors and complaints on these topics</label>
        <input type="text" id="settings-topics" name="topics" value={(me.alerts?.topics ?? []).join(", ")} />
        <label for="settings-departments">…and from these departments</label>
        <input
          type="text"
          id="settings-departments"
          name="departments"
          value={(me.alerts?.departments ?? []).join(", ")}
        />
        <p class="hint">Separate several with commas; leave empty for no alerts.</p>
        <button type="submit">Save settings</button>
      </form>
    </ConsoleLayout>
  );
}
