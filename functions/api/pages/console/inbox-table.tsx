import type { Child } from "hono/jsx";
import { type Feedback, feedbackKinds, settableStatuses } from "../../../../shared/entities/feedback";
import type { Goal } from "../../../../shared/entities/goal";
import type { Staff } from "../../../../shared/entities/staff";
import {
  assignable,
  CsrfField,
  can,
  excerpt,
  indexStaff,
  label,
  personName,
  Revealed,
  Said,
  Time,
  type Viewer,
} from "./common";
import { type Filters, filterNames, hrefWith } from "./forms";
import { plain } from "./texts";

export interface InboxTableProps {
  viewer: Viewer;
  staff: Staff[];
  filters: Filters;
  items: Feedback[];
  /** Goals the selected items can be linked to. */
  goals?: Goal[];
}

/** "NPS 9", "CSAT 4", or a dash. */
export const scoreText = (score: Feedback["score"]) => (score ? `${score.type.toUpperCase()} ${score.value}` : "—");

/** The inbox table; for those who may triage, inside the bulk form with a checkbox per row. */
export function InboxTable({ viewer, staff, filters, items, goals = [] }: InboxTableProps) {
  const triage = can(viewer, "feedback:triage");
  const people = indexStaff(staff);
  const described = filterNames.filter((n) => filters[n]).map((n) => `${n} ${filters[n]}`);
  const table = (
    <div class="table-wrap">
      <table class="inbox">
        <caption>
          Feedback, newest first
          {described.length > 0 && (
            <>
              , where <Said text={described.join(", ")} />
            </>
          )}
          {` (${items.length} shown)`}
        </caption>
        <thead>
          <tr>
            {triage && (
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
            )}
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col">Score</th>
            <th scope="col">Topic</th>
            <th scope="col">Customer</th>
            <th scope="col">Message</th>
            <th scope="col">Assignee</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colspan={triage ? 9 : 8}>No feedback matches these filters.</td>
            </tr>
          )}
          {items.map((item) => (
            <tr>
              {triage && (
                <td>
                  <input type="checkbox" name="ids" value={item.id} id={`select-${item.id}`} />
                  <label for={`select-${item.id}`} class="visually-hidden">
                    {`Select the item received ${item.createdAt.slice(0, 16).replace("T", " ")}`}
                  </label>
                </td>
              )}
              <th scope="row">
                <a href={`/console/feedback/${item.id}`}>
                  <Time at={item.createdAt} />
                </a>
              </th>
              <td>
                <span class={`status status-${item.status}`}>{label(item.status)}</span>
              </td>
              <td>{label(item.kind)}</td>
              <td>{scoreText(item.score)}</td>
              <td>
                <Said text={item.topic} />
              </td>
              <td>
                {label(item.customerType)}
                {item.department && (
                  <>
                    {", "}
                    <Said text={item.department} />
                  </>
                )}
              </td>
              <td class="excerpt" dir="auto">
                <Revealed text={excerpt(item.message)} />
              </td>
              <td>{personName(item.assignee, people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!triage) return table;
  return (
    <form method="post" action="/console/bulk" class="bulk">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="return" value={hrefWith("", filters).replace(/^\?/, "")} />
      {table}
      <BulkControls staff={staff} />
      {goals.length > 0 && <LinkToGoal goals={goals} />}
    </form>
  );
}

function Field({ id, name, children }: { id: string; name: string; children: Child }) {
  return (
    <div>
      <label for={id}>{name}</label>
      {children}
    </div>
  );
}

function BulkControls({ staff }: { staff: Staff[] }) {
  return (
    <fieldset class="bulk-controls">
      <legend>Change the selected items</legend>
      <p class="hint">Leave a field on "no change" to keep each item's own value.</p>
      <div class="filters">
        <Field id="bulk-status" name="Set status">
          <select id="bulk-status" name="status">
            <option value="">No change</option>
            {settableStatuses.map((s) => (
              <option value={s}>{label(s)}</option>
            ))}
          </select>
        </Field>
        <Field id="bulk-kind" name="Set kind">
          <select id="bulk-kind" name="kind">
            <option value="">No change</option>
            {feedbackKinds.map((k) => (
              <option value={k}>{label(k)}</option>
            ))}
          </select>
        </Field>
        <Field id="bulk-topic" name="Set topic">
          <input type="text" id="bulk-topic" name="topic" maxlength={100} placeholder="No change" />
        </Field>
        <Field id="bulk-assignee" name="Set assignee">
          <select id="bulk-assignee" name="assignee">
            <option value="">No change</option>
            <option value="-">Unassign</option>
            {assignable(staff).map((s) => (
              <option value={s.id}>{s.email}</option>
            ))}
          </select>
        </Field>
        <Field id="bulk-tags" name="Add tags (comma separated)">
          <input type="text" id="bulk-tags" name="addTags" maxlength={1000} />
        </Field>
      </div>
      <button type="submit">Apply to the selected items</button>
    </fieldset>
  );
}

/** Links the selected items to a goal (its own button posts the bulk form to /console/bulk/link-goal). */
function LinkToGoal({ goals }: { goals: Goal[] }) {
  return (
    <fieldset class="bulk-goal">
      <legend>Link the selected items to a goal</legend>
      <Field id="bulk-goal" name="Goal">
        <select id="bulk-goal" name="linkGoalId">
          {goals.map((g) => (
            <option value={g.id}>{plain(g.title)}</option>
          ))}
        </select>
      </Field>
      <button type="submit" formaction="/console/bulk/link-goal">
        Link to goal
      </button>
    </fieldset>
  );
}
