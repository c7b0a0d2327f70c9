import { feedbackKinds } from "../../../../shared/entities/feedback";
import { type Goal, goalStatuses, metricKinds } from "../../../../shared/entities/goal";
import type { Staff } from "../../../../shared/entities/staff";
import { assignable, CsrfField, label, type Viewer } from "./common";
import { metricName } from "./goals-common";
import { type GoalValues, goalFields } from "./goals-values";
import { LanguageInputs, plain } from "./texts";

export interface GoalFormState {
  /** What the fields hold. */
  values: GoalValues;
  /** For an edit: the values the change is based on (posted back as `was_<field>`) and the version. */
  seen?: GoalValues;
  version?: number;
}

export interface GoalFormProps {
  viewer: Viewer;
  /** Goals that may be the parent (for an edit: not the goal itself nor its sub-goals). */
  parents: Goal[];
  staff: Staff[];
  state: GoalFormState;
  /** Where the form posts: `/console/goals` for a new goal, `/console/goals/<id>` for an edit. */
  action: string;
  /** Prefix of the fields' ids, so two forms could share a page. */
  idPrefix: string;
  submit: string;
}

/** The goal form: what the goal is, who answers for it, and how it is measured. */
export function GoalForm({ viewer, parents, staff, state, action, idPrefix, submit }: GoalFormProps) {
  const { values } = state;
  const id = (field: string) => `${idPrefix}-${field}`;
  const edit = state.version !== undefined;
  const people = assignable(staff);
  const inactiveOwner = values.owner && !people.some((s) => s.id === values.owner);
  const unknownParent = values.parentId && !parents.some((g) => g.id === values.parentId);
  return (
    <form method="post" action={action} class="goal-form">
      <CsrfField viewer={viewer} />
      {edit && <input type="hidden" name="version" value={String(state.version)} />}
      {edit && state.seen && goalFields.map((f) => <input type="hidden" name={`was_${f}`} value={state.seen?.[f]} />)}
      <LanguageInputs
        field="title"
        legend="Title (customers read it in their language; at least one)"
        values={values}
        maxlength={200}
        idPrefix={idPrefix}
      />
      <label for={id("description")}>Description (optional)</label>
      <textarea id={id("description")} name="description" maxlength={5000} dir="auto">
        {values.description}
      </textarea>
      <div class="filters">
        <div>
          <label for={id("parentId")}>Part of</label>
          <select id={id("parentId")} name="parentId">
            <option value="">No parent (an organisation goal)</option>
            {unknownParent && (
              <option value={values.parentId} selected>
                {values.parentId}
              </option>
            )}
            {parents.map((g) => (
              <option value={g.id} selected={values.parentId === g.id}>
                {plain(g.title)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id("department")}>Department (optional)</label>
          <input type="text" id={id("department")} name="department" value={values.department} maxlength={100} />
        </div>
        <div>
          <label for={id("owner")}>Owner</label>
          <select id={id("owner")} name="owner">
            <option value="">No one yet</option>
            {inactiveOwner && (
              <option value={values.owner} selected>
                {`${staff.find((s) => s.id === values.owner)?.email ?? values.owner} (inactive)`}
              </option>
            )}
            {people.map((s) => (
              <option value={s.id} selected={values.owner === s.id}>
                {s.email}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id("dueDate")}>Due date (optional)</label>
          <input type="date" id={id("dueDate")} name="dueDate" value={values.dueDate} />
        </div>
        {edit && (
          <div>
            <label for={id("status")}>Status</label>
            <select id={id("status")} name="status">
              {goalStatuses.map((s) => (
                <option value={s} selected={values.status === s}>
                  {label(s)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <fieldset class="metric-fields">
        <legend>How it is measured</legend>
        <p class="hint" id={id("metric-hint")}>
          The metric is read over a trailing window of days, from the baseline towards the target (the target may be
          below the baseline). Without a metric kind the goal has no metric.
        </p>
        <div class="filters">
          <div>
            <label for={id("metricKind")}>Metric</label>
            <select id={id("metricKind")} name="metricKind" aria-describedby={id("metric-hint")}>
              <option value="">No metric</option>
              {metricKinds.map((k) => (
                <option value={k} selected={values.metricKind === k}>
                  {metricName(k)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={id("scopeKind")}>Of feedback of kind (not for complaint share)</label>
            <select id={id("scopeKind")} name="scopeKind">
              <option value="">Any kind</option>
              {feedbackKinds.map((k) => (
                <option value={k} selected={values.scopeKind === k}>
                  {label(k)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for={id("scopeTopic")}>About topic</label>
            <input type="text" id={id("scopeTopic")} name="scopeTopic" value={values.scopeTopic} maxlength={100} />
          </div>
          <div>
            <label for={id("scopeDepartment")}>From department</label>
            <input
              type="text"
              id={id("scopeDepartment")}
              name="scopeDepartment"
              value={values.scopeDepartment}
              maxlength={100}
            />
          </div>
          <div>
            <label for={id("unit")}>Unit (a measure's: days, %, customers)</label>
            <input type="text" id={id("unit")} name="unit" value={values.unit} maxlength={20} />
          </div>
          <div>
            <label for={id("baseline")}>Baseline</label>
            <input type="text" inputmode="decimal" id={id("baseline")} name="baseline" value={values.baseline} />
          </div>
          <div>
            <label for={id("target")}>Target</label>
            <input type="text" inputmode="decimal" id={id("target")} name="target" value={values.target} />
          </div>
          <div>
            <label for={id("windowDays")}>Window (days)</label>
            <input
              type="number"
              id={id("windowDays")}
              name="windowDays"
              value={values.windowDays}
              min={1}
              max={366}
              step={1}
            />
          </div>
        </div>
        <p class="hint">
          Complaint share is a percentage (0 to 100) of all feedback in scope; NPS runs from −100 to 100; CSAT from 1 to
          5; a count is a number of items. A measured value is a figure measured outside this product (absenteeism,
          repeat customers, days a vacancy stays open), recorded on the goal's page: its value is the latest recorded in
          the window, and the scope fields do not apply to it.
        </p>
      </fieldset>
      <button type="submit">{submit}</button>
    </form>
  );
}
