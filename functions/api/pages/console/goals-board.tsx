import { type Action, type ActionStatus, actionStatuses } from "../../../../shared/entities/action";
import { CsrfField, label, type StaffIndex, type Viewer } from "./common";
import { ActionLink, OwnerName } from "./goals-common";

/** A goal's actions by status, in the order of the statuses; each column newest first. */
export function actionsByStatus(actions: Action[]): Record<ActionStatus, Action[]> {
  const columns = Object.fromEntries(actionStatuses.map((s) => [s, [] as Action[]])) as Record<ActionStatus, Action[]>;
  const newestFirst = [...actions].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  for (const action of newestFirst) columns[action.status].push(action);
  return columns;
}

/** The actions of a goal as a board: one column per status, proposed to dropped. */
export function ActionBoard({ actions, people }: { actions: Action[]; people: StaffIndex }) {
  const columns = actionsByStatus(actions);
  return (
    <div class="board">
      {actionStatuses.map((status) => (
        <section class={`board-column column-${status}`} aria-labelledby={`column-${status}`} data-status={status}>
          <h3 id={`column-${status}`}>
            {label(status)} <span class="count">{String(columns[status].length)}</span>
          </h3>
          {columns[status].length === 0 ? (
            <p class="hint">None.</p>
          ) : (
            <ul class="cards">
              {columns[status].map((action) => (
                <li class="card">
                  <p class="card-title">
                    <ActionLink action={action} />
                  </p>
                  <p class="meta">
                    Owner: <OwnerName owner={action.owner} people={people} />
                    {action.dueDate && (
                      <>
                        {" · Due "}
                        <time datetime={action.dueDate}>{action.dueDate}</time>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

export interface NewActionValues {
  title?: string;
  description?: string;
  owner?: string;
  dueDate?: string;
}

/** Proposes a new action for the goal (it starts as "proposed"). */
export function NewActionForm({
  viewer,
  goalId,
  values = {},
}: {
  viewer: Viewer;
  goalId: string;
  values?: NewActionValues;
}) {
  return (
    <form method="post" action={`/console/goals/${goalId}/actions`} class="new-action">
      <CsrfField viewer={viewer} />
      <div class="filters">
        <div>
          <label for="action-title">Title</label>
          <input type="text" id="action-title" name="title" value={values.title ?? ""} required maxlength={200} />
        </div>
        <div>
          <label for="action-owner">Owner (a team or a person, optional)</label>
          <input type="text" id="action-owner" name="owner" value={values.owner ?? ""} maxlength={200} />
        </div>
        <div>
          <label for="action-due">Due date (optional)</label>
          <input type="date" id="action-due" name="dueDate" value={values.dueDate ?? ""} />
        </div>
      </div>
      <label for="action-description">Description (optional)</label>
      <textarea id="action-description" name="description" maxlength={5000} dir="auto">
        {values.description ?? ""}
      </textarea>
      <button type="submit">Add action</button>
    </form>
  );
}
