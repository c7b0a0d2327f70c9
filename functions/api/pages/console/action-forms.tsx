import { type ActionStatus, actionStatuses, actionTransitions } from "../../../../shared/entities/action";
import { CsrfField, label, type Viewer } from "./common";
import { type ActionValues, actionFields } from "./goals-values";

export interface ActionEditState {
  /** What the fields hold: the action's values, or what the person tried to save. */
  values: ActionValues;
  /** The values the change is based on (posted back as `was_<field>`). */
  seen: ActionValues;
  /** The version the change is based on. */
  version: number;
}

const isStatus = (value: string): value is ActionStatus => (actionStatuses as readonly string[]).includes(value);

/** The statuses the form offers: the one the action has now, and those it may move to from there. */
export function statusChoices(current: ActionStatus): ActionStatus[] {
  return [current, ...actionTransitions[current]];
}

/** The action's edit form: its texts, owner, due date and the next status it may take, based on a version. */
export function ActionEditForm({
  viewer,
  actionId,
  status,
  state,
}: {
  viewer: Viewer;
  actionId: string;
  /** The action's status now (the choices follow from it). */
  status: ActionStatus;
  state: ActionEditState;
}) {
  const { values } = state;
  const chosen = isStatus(values.status) ? values.status : status;
  const choices = statusChoices(status);
  return (
    <form method="post" action={`/console/actions/${actionId}`} class="edit action-edit">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="version" value={String(state.version)} />
      {actionFields.map((field) => (
        <input type="hidden" name={`was_${field}`} value={state.seen[field]} />
      ))}
      <div class="filters">
        <div>
          <label for="edit-status">Status</label>
          <select id="edit-status" name="status" aria-describedby="edit-status-hint">
            {choices.map((s) => (
              <option value={s} selected={chosen === s}>
                {s === status ? `${label(s)} (now)` : label(s)}
              </option>
            ))}
          </select>
          <p class="hint" id="edit-status-hint">
            {choices.length === 1
              ? "This action is finished: its status no longer changes."
              : "Proposed → planned → in progress → done, or dropped. Done needs a “we did” text."}
          </p>
        </div>
        <div>
          <label for="edit-owner">Owner (a team or a person)</label>
          <input type="text" id="edit-owner" name="owner" value={values.owner} maxlength={200} dir="auto" />
        </div>
        <div>
          <label for="edit-due">Due date</label>
          <input type="date" id="edit-due" name="dueDate" value={values.dueDate} />
        </div>
      </div>
      <label for="edit-title">Title</label>
      <input type="text" id="edit-title" name="title" value={values.title} required maxlength={200} dir="auto" />
      <label for="edit-description">Description</label>
      <textarea id="edit-description" name="description" maxlength={5000} dir="auto">
        {values.description}
      </textarea>
      <label for="edit-you-said">You said (a summary of what customers asked; shown publicly)</label>
      <textarea id="edit-you-said" name="youSaid" maxlength={2000} dir="auto" aria-describedby="public-hint">
        {values.youSaid}
      </textarea>
      <label for="edit-we-will">We will (sent to the linked customers when the action is planned)</label>
      <textarea id="edit-we-will" name="weWill" maxlength={2000} dir="auto" aria-describedby="public-hint">
        {values.weWill}
      </textarea>
      <label for="edit-we-did">We did (needed to mark the action done; sent to the linked customers)</label>
      <textarea id="edit-we-did" name="weDid" maxlength={2000} dir="auto" aria-describedby="public-hint">
        {values.weDid}
      </textarea>
      <p class="hint" id="public-hint">
        These texts reach customers: write them in your own words, never quote anyone's feedback.
      </p>
      <button type="submit">Save changes</button>
    </form>
  );
}
