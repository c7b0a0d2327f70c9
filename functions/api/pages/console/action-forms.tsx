import { type ActionStatus, actionStatuses, actionTransitions } from "../../../../shared/entities/action";
import { type Locale, locales } from "../../../../shared/i18n/locales";
import { CsrfField, label, type Viewer } from "./common";
import { type ActionValues, actionFields } from "./goals-values";
import { LanguageInputs, languageNames } from "./texts";

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
  audience,
}: {
  viewer: Viewer;
  actionId: string;
  /** The action's status now (the choices follow from it). */
  status: ActionStatus;
  state: ActionEditState;
  /** The customers the action's updates go to, by the language they read. */
  audience?: Map<Locale, number>;
}) {
  const { values } = state;
  const chosen = values.status && isStatus(values.status) ? values.status : status;
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
      <LanguageInputs field="title" legend="Title (shown publicly on the board)" values={values} maxlength={200} />
      <label for="edit-description">Description (staff only)</label>
      <textarea id="edit-description" name="description" maxlength={5000} dir="auto">
        {values.description}
      </textarea>
      <p class="hint" id="public-hint">
        These texts reach customers, each in their own language: write them in your own words, never quote anyone's
        feedback. {audienceSentence(audience)}
      </p>
      <LanguageInputs
        field="youSaid"
        legend="You said (a summary of what customers asked; shown publicly)"
        values={values}
        maxlength={2000}
        multiline
        describedBy="public-hint"
      />
      <LanguageInputs
        field="weWill"
        legend="We will (sent to the linked customers when the action is planned)"
        values={values}
        maxlength={2000}
        multiline
        describedBy="public-hint"
      />
      <LanguageInputs
        field="weDid"
        legend="We did (needed to mark the action done; sent to the linked customers)"
        values={values}
        maxlength={2000}
        multiline
        describedBy="public-hint"
      />
      <LanguageInputs
        field="dropReason"
        legend="Why it will not happen (needed to drop an action whose “we will” was sent; sent to its customers)"
        values={values}
        maxlength={2000}
        multiline
        describedBy="public-hint"
      />
      <div class="check">
        <input type="checkbox" id="edit-fallback" name="fallback" aria-describedby="edit-fallback-hint" />
        <label for="edit-fallback">Tell customers whose language has no text in the default language</label>
        <p class="hint" id="edit-fallback-hint">
          Without this, a move that tells customers is refused while a language they read has no text.
        </p>
      </div>
      <button type="submit">Save changes</button>
    </form>
  );
}

/** "Its updates go to 12 customers: 7 read English, 5 Svenska." */
export function audienceSentence(audience: Map<Locale, number> | undefined): string {
  if (!audience) return "";
  const total = [...audience.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return "No customer is waiting to hear about it yet.";
  const parts = locales
    .filter((locale) => (audience.get(locale) ?? 0) > 0)
    .map((locale) => `${audience.get(locale)} read ${languageNames[locale]}`);
  return `Its updates go to ${total} ${total === 1 ? "customer" : "customers"}: ${parts.join(", ")}.`;
}
