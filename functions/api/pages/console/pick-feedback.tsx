import { type Feedback, feedbackKinds, feedbackStatuses } from "../../../../shared/entities/feedback";
import { AnyOf, excerpt, label, Revealed, Said, Time } from "./common";

/** The inbox filters a goal's or an action's page offers to find items to link. */
export interface PickFilters {
  status?: string;
  kind?: string;
  topic?: string;
}

/** Items to choose from (a page of the inbox, filtered), or why there are none. */
export interface FeedbackPick {
  filters: PickFilters;
  candidates: Feedback[];
  /** Whether the inbox has more items than the page shows. */
  more: boolean;
  error?: string;
}

/** The query parameters of the filters (`pickStatus`, `pickKind`, `pickTopic`), read from a URL's query. */
export function pickFiltersFrom(query: Record<string, string>): PickFilters {
  const value = (name: string) => {
    const v = query[name]?.trim();
    return v ? v.slice(0, 100) : undefined;
  };
  return { status: value("pickStatus"), kind: value("pickKind"), topic: value("pickTopic") };
}

/**
 * The inbox's filters as a GET form on the page (it works without script): the server answers with
 * the page, its list of items to choose from filtered.
 */
export function PickFilterForm({ path, filters }: { path: string; filters: PickFilters }) {
  return (
    <form method="get" action={`${path}#feedback`} class="pick-filters">
      <label for="pick-status">Status</label>
      <AnyOf id="pick-status" name="pickStatus" values={feedbackStatuses} chosen={filters.status} />
      <label for="pick-kind">Kind</label>
      <AnyOf id="pick-kind" name="pickKind" values={feedbackKinds} chosen={filters.kind} />
      <label for="pick-topic">Topic</label>
      <input type="text" id="pick-topic" name="pickTopic" value={filters.topic ?? ""} maxlength={100} />
      <button type="submit" class="secondary">
        Show items
      </button>
    </form>
  );
}

/** The items to choose from, each with a checkbox (`picked`) inside the link form. */
export function PickList({ pick }: { pick: FeedbackPick }) {
  if (pick.error) return <p class="error">{`These filters cannot be used: ${pick.error}.`}</p>;
  if (pick.candidates.length === 0) return <p class="hint">No item that is not linked yet matches these filters.</p>;
  return (
    <fieldset class="pick-list">
      <legend>
        {pick.more
          ? `Choose items (the newest ${pick.candidates.length} that match; narrow the filters to see others)`
          : `Choose items (${pick.candidates.length} match)`}
      </legend>
      <ul>
        {pick.candidates.map((item) => (
          <li>
            <input type="checkbox" id={`pick-${item.id}`} name="picked" value={item.id} />{" "}
            <label for={`pick-${item.id}`}>
              <Time at={item.createdAt} />
              {` · ${label(item.status)} · ${label(item.kind)} · `}
              <Said text={item.topic} />
              {" · "}
              <span dir="auto">
                <Revealed text={excerpt(item.message, 100)} />
              </span>
            </label>{" "}
            <a href={`/console/feedback/${item.id}`}>open</a>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
