import type { Action } from "../../../../shared/entities/action";
import type { Feedback } from "../../../../shared/entities/feedback";
import type { Goal } from "../../../../shared/entities/goal";
import type { GoalProgress } from "../../../../shared/entities/metric";
import type { Observation } from "../../../../shared/entities/observation";
import type { Staff } from "../../../../shared/entities/staff";
import { levelOf, withDescendants } from "../../../../shared/goals/hierarchy";
import { isDone, type LoopFigures } from "../../../../shared/goals/loop";
import {
  CsrfField,
  can,
  excerpt,
  indexStaff,
  label,
  Revealed,
  Row,
  Said,
  type StaffIndex,
  Time,
  type Viewer,
} from "./common";
import { ObservationsSection, type ObservationValues } from "./goal-observations";
import { ActionBoard, NewActionForm, type NewActionValues } from "./goals-board";
import { type ChartScripts, GoalChart } from "./goals-chart";
import {
  formatLevel,
  GoalLink,
  levelName,
  loopWords,
  metricDescription,
  OwnerName,
  ProgressBar,
  unitOf,
} from "./goals-common";
import { GoalForm, type GoalFormState } from "./goals-forms";
import { goalValuesOf } from "./goals-values";
import { ConsoleLayout } from "./layout";
import { type FeedbackPick, PickFilterForm, PickList } from "./pick-feedback";
import { plain } from "./texts";

/** How many linked items the goal page lists; the inbox, filtered by the goal, has them all. */
export const LINKED_SHOWN = 100;

export interface GoalDetailPageProps {
  viewer: Viewer;
  goal: Goal;
  /** Every goal: the parent, the sub-goals and the choice of parents come from them. */
  goals: Goal[];
  actions: Action[];
  /** The metric's progress; null when the goal has no metric. */
  progress: GoalProgress | null;
  /** The feedback linked to the goal. */
  linked: Feedback[];
  loop: LoopFigures;
  staff: Staff[];
  flash?: string;
  error?: string;
  /** The edit form's state; by default the goal's own values and version. */
  edit?: GoalFormState;
  /** After a stale save: the goal as it is now. */
  conflict?: { current: Goal };
  /** What the new-action form holds (after a refused post). */
  newAction?: NewActionValues;
  /** What the link form holds (after a refused post). */
  linkIds?: string;
  /** Items to choose from to link, from the inbox's filtered list. */
  pick?: FeedbackPick;
  scripts?: ChartScripts;
  /** A measured goal's latest observations, latest first. */
  observations?: Observation[];
  /** Today (UTC): the day the record form offers first. */
  today?: string;
  /** What the record form holds (after a refused post). */
  observation?: ObservationValues;
  /** The rows of a refused CSV file, each with its problem. */
  rowErrors?: Record<string, string>;
}

/** One goal: its fields, progress and chart, loop figures, sub-goals, actions, linked feedback, and the forms. */
export function GoalDetailPage(props: GoalDetailPageProps) {
  const { viewer, goal, progress } = props;
  const people = indexStaff(props.staff);
  const byId = new Map(props.goals.map((g) => [g.id, g]));
  const parent = goal.parentId ? byId.get(goal.parentId) : undefined;
  const children = props.goals.filter((g) => g.parentId === goal.id);
  const below = withDescendants(goal.id, props.goals);
  const edit = props.edit ?? { values: goalValuesOf(goal), seen: goalValuesOf(goal), version: goal.version };
  return (
    <ConsoleLayout viewer={viewer} title={plain(goal.title)} section="goals" flash={props.flash} error={props.error}>
      <p>
        <a href="/console/goals">All goals</a>
      </p>
      {props.conflict && <GoalConflict current={props.conflict.current} people={people} />}
      <GoalFields goal={goal} parent={parent} level={levelOf(goal, byId)} people={people} />
      {goal.metric && progress && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <ProgressBar
            id="goal-progress-label"
            kind={goal.metric.kind}
            progress={progress}
            unit={unitOf(goal.metric)}
          />
          <p class="hint">
            {goal.metric.kind === "measure"
              ? `The latest value recorded in the last ${progress.windowDays} days (${progress.windowStart} to ${progress.windowEnd}), of ${progress.responses} ${progress.responses === 1 ? "observation" : "observations"}.`
              : `Over the last ${progress.windowDays} days (${progress.windowStart} to ${progress.windowEnd}), from ${progress.responses} ${progress.responses === 1 ? "response" : "responses"}.`}
          </p>
        </section>
      )}
      {goal.metric && progress && (
        <GoalChart title={plain(goal.title)} metric={goal.metric} progress={progress} scripts={props.scripts} />
      )}
      {goal.metric?.kind === "measure" && (
        <ObservationsSection
          viewer={viewer}
          goalId={goal.id}
          metric={goal.metric}
          observations={props.observations ?? []}
          today={props.today ?? goal.createdAt.slice(0, 10)}
          values={props.observation}
          rowErrors={props.rowErrors}
        />
      )}
      <LoopFiguresSection loop={props.loop} />
      <section aria-labelledby="children-heading">
        <h2 id="children-heading">{`Sub-goals (${children.length})`}</h2>
        {children.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {children.map((child) => (
              <li>
                <GoalLink goal={child} /> ({label(child.status)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="actions-heading" id="actions">
        <h2 id="actions-heading">{`Actions (${props.actions.length})`}</h2>
        <ActionBoard actions={props.actions} people={people} />
        {can(viewer, "actions:manage") && (
          <>
            <h3>New action</h3>
            <NewActionForm viewer={viewer} goalId={goal.id} values={props.newAction} />
          </>
        )}
      </section>
      <section aria-labelledby="feedback-heading" id="feedback">
        <h2 id="feedback-heading">{`Linked feedback (${props.linked.length})`}</h2>
        <LinkedFeedback goalId={goal.id} items={props.linked} />
        {can(viewer, "feedback:triage") && (
          <LinkFeedbackForm
            viewer={viewer}
            action={`/console/goals/${goal.id}/feedback`}
            path={`/console/goals/${goal.id}`}
            pick={props.pick}
            ids={props.linkIds}
            hint="Linking an item to this goal makes a new item triaged."
          />
        )}
      </section>
      {can(viewer, "goals:manage") && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change the goal</h2>
          <GoalForm
            viewer={viewer}
            parents={props.goals.filter((g) => !below.has(g.id))}
            staff={props.staff}
            state={edit}
            action={`/console/goals/${goal.id}`}
            idPrefix="edit-goal"
            submit="Save changes"
          />
        </section>
      )}
    </ConsoleLayout>
  );
}

function GoalFields({
  goal,
  parent,
  level,
  people,
}: {
  goal: Goal;
  parent: Goal | undefined;
  level: number;
  people: StaffIndex;
}) {
  const { metric } = goal;
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      {goal.description && (
        <blockquote class="message" dir="auto">
          <Revealed text={goal.description} />
        </blockquote>
      )}
      <dl class="details">
        <Row name="Status">{label(goal.status)}</Row>
        <Row name="Level">{`${levelName(level)} goal`}</Row>
        <Row name="Part of">{parent ? <GoalLink goal={parent} /> : "—"}</Row>
        <Row name="Department">
          <Said text={goal.department} />
        </Row>
        <Row name="Owner">
          <OwnerName owner={goal.owner} people={people} />
        </Row>
        <Row name="Ambassadors">
          {goal.ambassadors.length === 0 ? "—" : goal.ambassadors.map((id) => people.get(id)?.email ?? id).join(", ")}
        </Row>
        <Row name="Due date">{goal.dueDate ? <time datetime={goal.dueDate}>{goal.dueDate}</time> : "—"}</Row>
        <Row name="Metric">{metric ? metricDescription(metric) : "None"}</Row>
        <Row name="Baseline">{metric ? formatLevel(metric.kind, metric.baseline, unitOf(metric)) : "—"}</Row>
        <Row name="Target">{metric ? formatLevel(metric.kind, metric.target, unitOf(metric)) : "—"}</Row>
        <Row name="Created">
          <Time at={goal.createdAt} />
        </Row>
        <Row name="Last changed">
          <Time at={goal.updatedAt} />
        </Row>
        <Row name="Version">{String(goal.version)}</Row>
      </dl>
    </section>
  );
}

function LoopFiguresSection({ loop }: { loop: LoopFigures }) {
  const words = loopWords(loop);
  return (
    <section aria-labelledby="loop-heading">
      <h2 id="loop-heading">Closing the loop</h2>
      <dl class="details loop">
        <Row name="Linked feedback">{words.linked}</Row>
        <Row name="Done">{words.done}</Row>
        <Row name="Told the outcome">{words.told}</Row>
        <Row name="Cannot be told">{words.cannotBeTold}</Row>
        <Row name="Ended by hand, telling nobody">{words.toldNobody}</Row>
        <Row name="Median days to outcome">{words.median}</Row>
      </dl>
    </section>
  );
}

/** Feedback items as a table, newest first, each linking its page. */
export function FeedbackList({ items, caption }: { items: Feedback[]; caption: string }) {
  return (
    <div class="table-wrap">
      <table class="linked-feedback">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col">Topic</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colspan={5}>No feedback is linked yet.</td>
            </tr>
          )}
          {items.map((item) => (
            <tr>
              <th scope="row">
                <a href={`/console/feedback/${item.id}`}>
                  <Time at={item.createdAt} />
                </a>
              </th>
              <td>
                <span class={`status status-${item.status}`}>{label(item.status)}</span>
              </td>
              <td>{label(item.kind)}</td>
              <td>
                <Said text={item.topic} />
              </td>
              <td class="excerpt" dir="auto">
                <Revealed text={excerpt(item.message)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LinkedFeedback({ goalId, items }: { goalId: string; items: Feedback[] }) {
  const newest = [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const shown = newest.slice(0, LINKED_SHOWN);
  const done = items.filter(isDone).length;
  const caption =
    shown.length < items.length
      ? `Feedback linked to this goal, newest first (${shown.length} of ${items.length} shown; ${done} done)`
      : `Feedback linked to this goal, newest first (${items.length}; ${done} done)`;
  return (
    <>
      <FeedbackList items={shown} caption={caption} />
      {items.length > 0 && (
        <p>
          <a href={`/console?goalId=${encodeURIComponent(goalId)}`}>This goal's feedback in the inbox</a>
        </p>
      )}
    </>
  );
}

/**
 * Links feedback items to a goal or an action: chosen from the inbox's list, filtered by status,
 * kind and topic (`pick`, with its filter form at `path`), or by their ids.
 */
export function LinkFeedbackForm({
  viewer,
  action,
  ids,
  hint,
  pick,
  path,
}: {
  viewer: Viewer;
  action: string;
  ids?: string;
  hint: string;
  pick?: FeedbackPick;
  /** The page the filter form asks again. */
  path: string;
}) {
  return (
    <>
      {pick && <PickFilterForm path={path} filters={pick.filters} />}
      <form method="post" action={action} class="link-feedback">
        <CsrfField viewer={viewer} />
        {pick && <PickList pick={pick} />}
        <label for="link-ids">{pick ? "Or give their ids" : "Link feedback items (their ids)"}</label>
        <textarea id="link-ids" name="feedbackIds" aria-describedby="link-ids-hint" class="ids" spellcheck={false}>
          {ids ?? ""}
        </textarea>
        <p class="hint" id="link-ids-hint">
          {`One id per line, or separated by spaces or commas; at most 100 at once. ${hint}`}
        </p>
        <button type="submit">Link feedback</button>
      </form>
    </>
  );
}

/** The stale-save notice: the goal as it is now, and that the person's own changes are kept. */
function GoalConflict({ current, people }: { current: Goal; people: StaffIndex }) {
  const metric = current.metric;
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Someone else changed this goal since you opened it</h2>
      <p>Nothing of yours was saved. The goal now:</p>
      <dl class="details">
        <Row name="Title">{plain(current.title)}</Row>
        <Row name="Status">{label(current.status)}</Row>
        <Row name="Owner">
          <OwnerName owner={current.owner} people={people} />
        </Row>
        <Row name="Due date">{current.dueDate ?? "—"}</Row>
        <Row name="Metric">
          {metric
            ? `${metricDescription(metric)}: from ${formatLevel(metric.kind, metric.baseline, unitOf(metric))} to ${formatLevel(metric.kind, metric.target, unitOf(metric))}`
            : "None"}
        </Row>
        <Row name="Version">{String(current.version)}</Row>
      </dl>
      <p>
        Your changes are still in the form below. Check them against the goal now, then save again (or leave the goal as
        it is).
      </p>
    </section>
  );
}
