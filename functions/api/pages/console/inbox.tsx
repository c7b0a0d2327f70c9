import type { Child } from "hono/jsx";
import { type Feedback, feedbackKinds, feedbackStatuses } from "../../../../shared/entities/feedback";
import type { Goal } from "../../../../shared/entities/goal";
import type { Staff } from "../../../../shared/entities/staff";
import { AnyOf, label, type Viewer } from "./common";
import { type Filters, hrefWith } from "./forms";
import { InboxTable } from "./inbox-table";
import { ConsoleLayout } from "./layout";
import { Pager } from "./pager";
import { plain } from "./texts";

export interface InboxPageProps {
  viewer: Viewer;
  staff: Staff[];
  counts: Record<(typeof feedbackStatuses)[number], number>;
  filters: Filters;
  items: Feedback[];
  nextCursor: string | null;
  /** Whether this is a later page (a cursor was given). */
  paged?: boolean;
  flash?: string;
  error?: string;
  /** Goals, to filter by and to link the selected items to. */
  goals?: Goal[];
  /** What the console opens on, above the inbox (the person's goals, on the unfiltered first page). */
  opening?: Child;
}

/** The inbox: counts per status, filters, the newest feedback first, and bulk changes. */
export function InboxPage(props: InboxPageProps) {
  const { filters } = props;
  return (
    <ConsoleLayout viewer={props.viewer} title="Inbox" section="inbox" flash={props.flash} error={props.error}>
      {props.opening}
      <StatusCounts counts={props.counts} filters={filters} />
      <FilterForm filters={filters} staff={props.staff} goals={props.goals ?? []} />
      <InboxTable viewer={props.viewer} staff={props.staff} filters={filters} items={props.items} goals={props.goals} />
      <Pager path="/console" query={filters} nextCursor={props.nextCursor} paged={Boolean(props.paged)}>
        <li>
          <a href={hrefWith("/console/export.csv", filters)}>Export CSV (all pages, these filters)</a>
        </li>
      </Pager>
    </ConsoleLayout>
  );
}

function StatusCounts({ counts, filters }: { counts: InboxPageProps["counts"]; filters: Filters }) {
  const total = feedbackStatuses.reduce((sum, s) => sum + counts[s], 0);
  const { status: _status, ...others } = filters;
  return (
    <nav aria-label="Feedback by status">
      <ul class="counts">
        <li>
          <a href={hrefWith("/console", others)} aria-current={filters.status ? undefined : "page"}>
            All <span class="count">{total}</span>
          </a>
        </li>
        {feedbackStatuses.map((status) => (
          <li>
            <a
              href={hrefWith("/console", { ...others, status })}
              aria-current={filters.status === status ? "page" : undefined}
            >
              {label(status)} <span class="count">{counts[status]}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FilterForm({ filters, staff, goals }: { filters: Filters; staff: Staff[]; goals: Goal[] }) {
  const unknownAssignee = filters.assignee && !staff.some((s) => s.id === filters.assignee);
  return (
    <form method="get" action="/console" class="filters" aria-label="Filter the inbox">
      <div>
        <label for="filter-status">Status</label>
        <AnyOf id="filter-status" name="status" values={feedbackStatuses} chosen={filters.status} />
      </div>
      <div>
        <label for="filter-kind">Kind</label>
        <AnyOf id="filter-kind" name="kind" values={feedbackKinds} chosen={filters.kind} />
      </div>
      <div>
        <label for="filter-topic">Topic</label>
        <input type="text" id="filter-topic" name="topic" value={filters.topic ?? ""} maxlength={100} />
      </div>
      <div>
        <label for="filter-department">Department</label>
        <input type="text" id="filter-department" name="department" value={filters.department ?? ""} maxlength={100} />
      </div>
      <div>
        <label for="filter-assignee">Assignee</label>
        <select id="filter-assignee" name="assignee">
          <option value="">Anyone or no one</option>
          {unknownAssignee && (
            <option value={filters.assignee} selected>
              {filters.assignee}
            </option>
          )}
          {staff.map((s) => (
            <option value={s.id} selected={filters.assignee === s.id}>
              {s.active ? s.email : `${s.email} (inactive)`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="filter-goal">Goal</label>
        <select id="filter-goal" name="goalId">
          <option value="">Any or none</option>
          {filters.goalId && !goals.some((g) => g.id === filters.goalId) && (
            <option value={filters.goalId} selected>
              {filters.goalId}
            </option>
          )}
          {goals.map((g) => (
            <option value={g.id} selected={filters.goalId === g.id}>
              {plain(g.title)}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit">Filter</button>
        <a href="/console">Clear filters</a>
      </div>
    </form>
  );
}
