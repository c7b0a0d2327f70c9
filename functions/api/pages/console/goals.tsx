import type { Goal } from "../../../../shared/entities/goal";
import type { GoalProgress } from "../../../../shared/entities/metric";
import type { Staff } from "../../../../shared/entities/staff";
import type { LoopFigures } from "../../../../shared/goals/loop";
import type { LocalizedText } from "../../../../shared/i18n/texts";
import { can, indexStaff, label, Said, type StaffIndex, type Viewer } from "./common";
import {
  GoalLink,
  type GoalNode,
  levelName,
  loopWords,
  metricDescription,
  OwnerName,
  ProgressBar,
  unitOf,
} from "./goals-common";
import { GoalForm } from "./goals-forms";
import { type GoalValues, goalValuesOf } from "./goals-values";
import { ConsoleLayout } from "./layout";
import { Pager } from "./pager";

/** The loop figures over all linked feedback, and per goal (what `overallLoop` answers). */
export interface OverallLoop {
  overall: LoopFigures;
  goals: (LoopFigures & { goalId: string; title: LocalizedText | string })[];
}

export interface GoalsPageProps {
  viewer: Viewer;
  /** A page of the goal hierarchy, organisation goals first (what `goalTree` answers). */
  tree: GoalNode[];
  /** Every goal, to choose a new goal's parent from. */
  goals: Goal[];
  /** The cursor of the next page of goals, if there is one. */
  nextCursor?: string | null;
  /** Whether this is a later page (a cursor was given). */
  paged?: boolean;
  /** Each measured goal's progress, by goal id. */
  progress: Map<string, GoalProgress>;
  loop: OverallLoop;
  staff: Staff[];
  flash?: string;
  error?: string;
  /** What the new-goal form holds (after a refused post). */
  newGoal?: GoalValues;
}

/** Every goal of a tree, parents before their sub-goals. */
export const flattenTree = (nodes: GoalNode[]): GoalNode[] => nodes.flatMap((n) => [n, ...flattenTree(n.children)]);

/** The goals (organisation → department → team) with their progress, the loop figures, and a new-goal form. */
export function GoalsPage(props: GoalsPageProps) {
  const { viewer, tree } = props;
  const people = indexStaff(props.staff);
  return (
    <ConsoleLayout viewer={viewer} title="Goals" section="goals" flash={props.flash} error={props.error}>
      <section aria-labelledby="tree-heading">
        <h2 id="tree-heading">{`Goals (${props.goals.length})`}</h2>
        {tree.length === 0 ? (
          <p>There are no goals yet.</p>
        ) : (
          <GoalList nodes={tree} progress={props.progress} people={people} />
        )}
        <Pager path="/console/goals" nextCursor={props.nextCursor ?? null} paged={Boolean(props.paged)} />
      </section>
      <LoopSection loop={props.loop} />
      {can(viewer, "goals:manage") && (
        <section aria-labelledby="new-goal-heading">
          <h2 id="new-goal-heading">New goal</h2>
          <GoalForm
            viewer={viewer}
            parents={props.goals}
            staff={props.staff}
            state={{ values: props.newGoal ?? goalValuesOf() }}
            action="/console/goals"
            idPrefix="new-goal"
            submit="Create goal"
          />
        </section>
      )}
    </ConsoleLayout>
  );
}

function GoalList({
  nodes,
  progress,
  people,
}: {
  nodes: GoalNode[];
  progress: Map<string, GoalProgress>;
  people: StaffIndex;
}) {
  return (
    <ul class="goal-tree">
      {nodes.map((goal) => (
        <li>
          <GoalSummary goal={goal} progress={progress.get(goal.id)} people={people} />
          {goal.children.length > 0 && <GoalList nodes={goal.children} progress={progress} people={people} />}
        </li>
      ))}
    </ul>
  );
}

/** One goal in the tree: its level, title, status, owner, due date and progress. */
export function GoalSummary({
  goal,
  progress,
  people,
}: {
  goal: Goal & { level?: number };
  progress: GoalProgress | undefined;
  people: StaffIndex;
}) {
  return (
    <article class="goal-summary" aria-labelledby={`goal-${goal.id}`}>
      <h3 id={`goal-${goal.id}`}>
        {goal.level !== undefined && <span class="level">{`${levelName(goal.level)} goal: `}</span>}
        <GoalLink goal={goal} />
      </h3>
      <p class="meta">
        <span class={`status goal-status-${goal.status}`}>{label(goal.status)}</span>
        {" · Owner: "}
        <OwnerName owner={goal.owner} people={people} />
        {" · Due: "}
        {goal.dueDate ? <time datetime={goal.dueDate}>{goal.dueDate}</time> : "—"}
        {goal.department && (
          <>
            {" · Department: "}
            <Said text={goal.department} />
          </>
        )}
      </p>
      {goal.metric && progress ? (
        <>
          <p class="hint">{metricDescription(goal.metric)}</p>
          <ProgressBar
            id={`progress-${goal.id}`}
            kind={goal.metric.kind}
            progress={progress}
            unit={unitOf(goal.metric)}
          />
        </>
      ) : (
        <p class="hint">No metric: progress is not measured.</p>
      )}
    </article>
  );
}

/** How well the loop is closed: overall, and goal by goal. */
function LoopSection({ loop }: { loop: OverallLoop }) {
  const overall = loopWords(loop.overall);
  return (
    <section aria-labelledby="loop-heading">
      <h2 id="loop-heading">Closing the loop</h2>
      <dl class="details loop">
        <div>
          <dt>Feedback linked to goals</dt>
          <dd>{overall.linked}</dd>
        </div>
        <div>
          <dt>Done</dt>
          <dd>{overall.done}</dd>
        </div>
        <div>
          <dt>Told the outcome</dt>
          <dd>{overall.told}</dd>
        </div>
        <div>
          <dt>Cannot be told</dt>
          <dd>{overall.cannotBeTold}</dd>
        </div>
        <div>
          <dt>Ended by hand, telling nobody</dt>
          <dd>{overall.toldNobody}</dd>
        </div>
        <div>
          <dt>Median days to outcome</dt>
          <dd>{overall.median}</dd>
        </div>
      </dl>
      {loop.goals.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>Goal by goal</caption>
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Linked</th>
                <th scope="col">Done</th>
                <th scope="col">Told the outcome</th>
                <th scope="col">Cannot be told</th>
                <th scope="col">Median days to outcome</th>
              </tr>
            </thead>
            <tbody>
              {loop.goals.map((g) => {
                const words = loopWords(g);
                return (
                  <tr>
                    <th scope="row">
                      <GoalLink goal={{ id: g.goalId, title: g.title }} />
                    </th>
                    <td>{words.linked}</td>
                    <td>{words.done}</td>
                    <td>{words.told}</td>
                    <td>{words.cannotBeTold}</td>
                    <td>{words.median}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A goals page that only says something: not found, nothing linked. */
export function GoalsMessagePage(props: {
  viewer: Viewer;
  title: string;
  message: string;
  error?: boolean;
  back: { href: string; text: string };
}) {
  return (
    <ConsoleLayout
      viewer={props.viewer}
      title={props.title}
      section="goals"
      error={props.error ? props.message : undefined}
    >
      {!props.error && <p>{props.message}</p>}
      <p>
        <a href={props.back.href}>{props.back.text}</a>
      </p>
    </ConsoleLayout>
  );
}
