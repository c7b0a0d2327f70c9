import type { ItemLoop, LoopAction, LoopGoal } from "../../../../shared/feedback/loop-view";
import { CsrfField, can, label, type Viewer } from "./common";
import { plain } from "./texts";

/** Whether a goal's or action's title, in any language, holds the filter text (case and accents aside). */
export function titleMatches(title: LoopGoal["title"], filter: string): boolean {
  const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
  const wanted = fold(filter.trim());
  return wanted === "" || Object.values(title).some((text) => text !== undefined && fold(text).includes(wanted));
}

const MAX_CHOICES = 200;

/**
 * Linking the item to a goal or an action by choosing from a list, with a text filter that works
 * without script: the filter is a GET form (`?pick=`) the server answers with the shortened lists.
 */
export function ItemLinkForms({
  viewer,
  itemId,
  loop,
  pick,
}: {
  viewer: Viewer;
  itemId: string;
  loop: ItemLoop;
  /** The filter text the lists were shortened by. */
  pick?: string;
}) {
  const filter = pick ?? "";
  const linked = new Set(loop.actions.map((a) => a.id));
  const goals = loop.allGoals
    .filter((g) => g.status !== "dropped" && g.id !== loop.goal?.id && titleMatches(g.title, filter))
    .slice(0, MAX_CHOICES);
  const goalTitles = new Map(loop.allGoals.map((g) => [g.id, plain(g.title)]));
  const actions = loop.allActions
    .filter((a) => a.status !== "dropped" && !linked.has(a.id) && titleMatches(a.title, filter))
    .slice(0, MAX_CHOICES);
  const linkGoal = can(viewer, "feedback:triage");
  const linkAction = can(viewer, "actions:manage");
  if (!linkGoal && !linkAction) return null;
  return (
    <section aria-labelledby="link-heading" id="link">
      <h2 id="link-heading">Link to a goal or an action</h2>
      <form method="get" action={`/console/feedback/${itemId}#link`} class="inline">
        <label for="pick-filter">Filter goals and actions by title</label>
        <input type="search" id="pick-filter" name="pick" value={filter} maxlength={100} />
        <button type="submit" class="secondary">
          Filter
        </button>
        {filter !== "" && <a href={`/console/feedback/${itemId}#link`}>Show all</a>}
      </form>
      {linkGoal && (
        <form method="post" action={`/console/feedback/${itemId}/goal`} class="link-goal">
          <CsrfField viewer={viewer} />
          <label for="link-goal">{loop.goal ? "Move to another goal" : "Goal"}</label>
          {goals.length === 0 ? (
            <p class="hint" id="link-goal">
              {filter ? "No other goal's title holds that text." : "There is no other goal to link to."}
            </p>
          ) : (
            <>
              <select id="link-goal" name="goalId" required>
                {goals.map((goal: LoopGoal) => (
                  <option value={goal.id}>{`${plain(goal.title)} (${label(goal.status).toLowerCase()})`}</option>
                ))}
              </select>
              <button type="submit">Link to this goal</button>
            </>
          )}
        </form>
      )}
      {linkAction && (
        <form method="post" action={`/console/feedback/${itemId}/actions`} class="link-action">
          <CsrfField viewer={viewer} />
          <label for="link-action">Action</label>
          {actions.length === 0 ? (
            <p class="hint" id="link-action">
              {filter ? "No other action's title holds that text." : "There is no other action to link to."}
            </p>
          ) : (
            <>
              <select id="link-action" name="actionId" required>
                {actions.map((action: LoopAction) => (
                  <option value={action.id}>
                    {`${plain(action.title)} (${label(action.status).toLowerCase()}; goal: ${goalTitles.get(action.goalId) ?? "unknown"})`}
                  </option>
                ))}
              </select>
              <button type="submit">Link to this action</button>
            </>
          )}
        </form>
      )}
    </section>
  );
}
