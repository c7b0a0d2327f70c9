import type { Staff } from "../../../../shared/entities/staff";
import type { MyGoal } from "../../../../shared/goals/my-goals";
import { indexStaff, label, type StaffIndex, type Viewer } from "./common";
import { ActionLink, GoalLink, metricDescription, ProgressBar, unitOf } from "./goals-common";
import { FeedbackList } from "./goals-detail";
import { ConsoleLayout } from "./layout";

const items = (n: number) => (n === 1 ? "1 item" : `${n} items`);

/** What waits on the person for one goal, as list items; none when nothing does. */
function WaitingList({ mine }: { mine: MyGoal }) {
  const { goal, waiting } = mine;
  const unacted = waiting.unacted.length;
  if (unacted === 0 && waiting.overdueActions.length === 0 && !waiting.goalOverdue) {
    return <p class="hint">Nothing is waiting on you.</p>;
  }
  return (
    <ul class="waiting">
      {unacted > 0 && (
        <li>
          <a href={`/console?goalId=${encodeURIComponent(goal.id)}`}>
            {`${items(unacted)} of linked feedback no action has taken up yet`}
          </a>
          {` (${waiting.unacted.filter((f) => f.status === "new").length} new, ${waiting.unacted.filter((f) => f.status === "triaged").length} triaged)`}
        </li>
      )}
      {waiting.overdueActions.map((action) => (
        <li>
          {"Overdue action: "}
          <ActionLink action={action} />
          {` (${label(action.status)}, due `}
          <time datetime={action.dueDate}>{action.dueDate}</time>
          {")"}
        </li>
      ))}
      {waiting.goalOverdue && (
        <li>
          {"The goal was due "}
          <time datetime={goal.dueDate}>{goal.dueDate}</time>
          {" and is still active: mark it achieved or dropped, or move its due date."}
        </li>
      )}
    </ul>
  );
}

/** One of the person's goals: its role, where it stands, what waits on them, and its newest feedback. */
function MyGoalCard({ mine, people, full }: { mine: MyGoal; people: StaffIndex; full: boolean }) {
  const { goal, progress } = mine;
  const headingId = `my-goal-${goal.id}`;
  return (
    <article class="goal-summary my-goal" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <GoalLink goal={goal} />
      </h3>
      <p class="meta">
        {mine.role === "owner" ? "You own this goal" : "You champion this goal"}
        {mine.role === "ambassador" && goal.owner && ` · Owner: ${people.get(goal.owner)?.email ?? "—"}`}
        {" · Due: "}
        {goal.dueDate ? <time datetime={goal.dueDate}>{goal.dueDate}</time> : "—"}
      </p>
      {goal.metric && progress ? (
        <>
          <p class="hint">{metricDescription(goal.metric)}</p>
          <ProgressBar
            id={`my-progress-${goal.id}`}
            kind={goal.metric.kind}
            progress={progress}
            unit={unitOf(goal.metric)}
          />
        </>
      ) : (
        <p class="hint">No metric: progress is not measured.</p>
      )}
      <h4>Waiting on you</h4>
      <WaitingList mine={mine} />
      {full && (
        <>
          <h4>Newest feedback</h4>
          <FeedbackList
            items={mine.newest}
            caption={`The newest feedback linked to this goal (${mine.newest.length} of ${mine.linked})`}
          />
        </>
      )}
    </article>
  );
}

export interface MyGoalsPageProps {
  viewer: Viewer;
  goals: MyGoal[];
  staff: Staff[];
}

/** My goals: the goals the signed-in person owns or champions, each with its progress, newest feedback and what waits on them. */
export function MyGoalsPage({ viewer, goals, staff }: MyGoalsPageProps) {
  const people = indexStaff(staff);
  return (
    <ConsoleLayout viewer={viewer} title="My goals" section="my-goals">
      {goals.length === 0 ? (
        <p>
          You own no active goal and champion none. A goal's owner and ambassadors are set on its page, under{" "}
          <a href="/console/goals">Goals</a>.
        </p>
      ) : (
        <>
          <p class="hint">The active goals you own, then those you champion, soonest due first.</p>
          {goals.map((mine) => (
            <MyGoalCard mine={mine} people={people} full />
          ))}
        </>
      )}
    </ConsoleLayout>
  );
}

/** The console's opening section: the person's goals in short (no feedback list), above the inbox. */
export function MyGoalsSummary({ goals, staff }: { goals: MyGoal[]; staff: Staff[] }) {
  const people = indexStaff(staff);
  return (
    <section aria-labelledby="my-goals-heading" class="my-goals">
      <h2 id="my-goals-heading">My goals</h2>
      {goals.map((mine) => (
        <MyGoalCard mine={mine} people={people} full={false} />
      ))}
      <p>
        <a href="/console/my-goals">My goals, with their newest feedback</a>
      </p>
    </section>
  );
}
