import { type LocalizedText, storedTextSchema } from "../../../../shared/i18n/texts";
import { Said } from "./common";
import { plain } from "./texts";

/** Goals and actions by id, with their titles as the console shows them: the timeline names them. */
export interface LoopNames {
  goals: Map<string, string>;
  actions: Map<string, string>;
}

/** Names for the timeline from lists of goals and actions. */
export function loopNames(
  goals: { id: string; title: LocalizedText }[],
  actions: { id: string; title: LocalizedText }[],
): LoopNames {
  return {
    goals: new Map(goals.map((goal) => [goal.id, plain(goal.title)])),
    actions: new Map(actions.map((action) => [action.id, plain(action.title)])),
  };
}

/** A title an entry carries (a text per language, or one string from older entries), in a line. */
export const titleOf = (value: unknown) => {
  const parsed = storedTextSchema.safeParse(value);
  return parsed.success ? plain(parsed.data) : undefined;
};

export const noNames: LoopNames = { goals: new Map(), actions: new Map() };

/** A goal named by its title (in quotes), linking to its page. */
export function GoalName({ id, names }: { id: string; names: LoopNames }) {
  const title = names.goals.get(id);
  return (
    <a href={`/console/goals/${id}`}>
      {title === undefined ? (
        "a goal"
      ) : (
        <>
          goal {"\u201c"}
          <Said text={title} />
          {"\u201d"}
        </>
      )}
    </a>
  );
}

/** An action named by its title (in quotes), linking to its page. */
export function ActionName({
  id,
  names,
  title,
  fallback = "an action",
}: {
  id: string;
  names: LoopNames;
  title?: string;
  /** The words of the link when the action's title is not known. */
  fallback?: string;
}) {
  const known = names.actions.get(id) ?? title;
  return (
    <a href={`/console/actions/${id}`}>
      {known === undefined || known === "" ? (
        fallback
      ) : (
        <>
          {"\u201c"}
          <Said text={known} />
          {"\u201d"}
        </>
      )}
    </a>
  );
}
