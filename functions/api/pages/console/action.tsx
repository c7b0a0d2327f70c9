import * as z from "zod/mini";
import type { FinderView } from "../../../../shared/actions/finders";
import type { UpdatePhase } from "../../../../shared/db/keys";
import type { Action, ActionTimelineEntry } from "../../../../shared/entities/action";
import type { Feedback } from "../../../../shared/entities/feedback";
import type { Goal } from "../../../../shared/entities/goal";
import type { Staff } from "../../../../shared/entities/staff";
import { type Locale, locales } from "../../../../shared/i18n/locales";
import type { LocalizedText } from "../../../../shared/i18n/texts";
import { ActionEditForm, type ActionEditState, audienceSentence } from "./action-forms";
import {
  can,
  ItemLink,
  indexStaff,
  label,
  personName,
  Revealed,
  Row,
  Said,
  type StaffIndex,
  Time,
  type Viewer,
} from "./common";
import { GoalLink, OwnerName } from "./goals-common";
import { FeedbackList, LinkFeedbackForm } from "./goals-detail";
import { actionValuesOf } from "./goals-values";
import { ConsoleLayout } from "./layout";
import type { FeedbackPick } from "./pick-feedback";
import { languageNames, plain } from "./texts";
import { FieldValue } from "./timeline";

export interface ActionPageProps {
  viewer: Viewer;
  action: Action;
  /** The goal the action serves (undefined if it is gone). */
  goal: Goal | undefined;
  timeline: ActionTimelineEntry[];
  /** The linked feedback items that could be read. */
  linked: Feedback[];
  /** Linked ids whose items could not be read (erased, say). */
  missing?: string[];
  staff: Staff[];
  flash?: string;
  error?: string;
  /** The edit form's state; by default the action's own values and version. */
  edit?: ActionEditState;
  /** After a stale save: the action as it is now. */
  conflict?: { current: Action };
  /** What the link form holds (after a refused post). */
  linkIds?: string;
  /** Items to choose from to link, from the inbox's filtered list. */
  pick?: FeedbackPick;
  /** How far each phase's updates to customers have come. */
  updates?: { phase: UpdatePhase; done: boolean; customers: number; failed: number }[];
  /** The customers its updates go to, by the language they read. */
  audience?: Map<Locale, number>;
  /** Once done: whoever reported the complaints and defects it fixed. */
  finders?: FinderView[];
}

/** One action: what it is, its history, the feedback it answers, and (for those who may) the forms. */
export function ActionPage(props: ActionPageProps) {
  const { viewer, action } = props;
  const people = indexStaff(props.staff);
  const manage = can(viewer, "actions:manage");
  const edit = props.edit ?? {
    values: actionValuesOf(action),
    seen: actionValuesOf(action),
    version: action.version,
  };
  return (
    <ConsoleLayout viewer={viewer} title={plain(action.title)} section="goals" flash={props.flash} error={props.error}>
      <p>
        {props.goal ? (
          <a href={`/console/goals/${props.goal.id}#actions`}>Back to the goal</a>
        ) : (
          <a href="/console/goals">All goals</a>
        )}
      </p>
      {props.conflict && <ActionConflict current={props.conflict.current} goal={props.goal} people={people} />}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        {action.description && (
          <blockquote class="message" dir="auto">
            <Revealed text={action.description} />
          </blockquote>
        )}
        <ActionFields action={action} goal={props.goal} people={people} />
        <MissingTexts action={action} audience={props.audience} />
      </section>
      {manage && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change the action</h2>
          <ActionEditForm
            viewer={viewer}
            actionId={action.id}
            status={action.status}
            state={edit}
            audience={props.audience}
          />
        </section>
      )}
      <Updates updates={props.updates ?? []} />
      <section aria-labelledby="feedback-heading" id="feedback">
        <h2 id="feedback-heading">{`Linked feedback (${props.linked.length + (props.missing?.length ?? 0)})`}</h2>
        <FeedbackList items={props.linked} caption="Feedback this action answers, newest first" />
        {props.missing && props.missing.length > 0 && (
          <p class="hint">
            {"Linked items that can no longer be read: "}
            {props.missing.map((id, i) => (
              <>
                {i > 0 && ", "}
                <ItemLink id={id} />
              </>
            ))}
          </p>
        )}
        {manage && (
          <LinkFeedbackForm
            viewer={viewer}
            action={`/console/actions/${action.id}/feedback`}
            path={`/console/actions/${action.id}`}
            pick={props.pick}
            ids={props.linkIds}
            hint="Each item then follows the action: planned while it is under way, done when it is done."
          />
        )}
      </section>
      {props.finders && props.finders.length > 0 && <Finders finders={props.finders} />}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ActionTimeline entries={props.timeline} people={people} />
      </section>
    </ConsoleLayout>
  );
}

/** A staff text shown as written in each language (bidi isolated, multi-line kept). */
function Text({ text }: { text: LocalizedText | undefined }) {
  const written = locales.filter((locale) => text?.[locale]);
  if (!text || written.length === 0) return <>—</>;
  return (
    <ul class="languages-shown">
      {written.map((locale) => (
        <li lang={locale}>
          <span class="hint">{`${languageNames[locale]}: `}</span>
          <span class="text" dir="auto">
            <Revealed text={text[locale] ?? ""} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Before a move that tells customers: which of the texts they would read lack a language that some
 * of them read (the move is refused unless the default language stands in).
 */
function MissingTexts({ action, audience }: { action: Action; audience?: Map<Locale, number> }) {
  if (!audience) return null;
  const read = locales.filter((locale) => (audience.get(locale) ?? 0) > 0);
  const texts = [
    ["title", "Title"],
    ["youSaid", "You said"],
    ["weWill", "We will"],
    ["weDid", "We did"],
    ...(action.willAnnouncedAt ? [["dropReason", "Why it will not happen"] as const] : []),
  ] as const;
  const missing = texts.flatMap(([field, name]) => {
    const lacking = read.filter((locale) => !action[field]?.[locale]);
    return lacking.length > 0 ? [{ name, lacking }] : [];
  });
  return (
    <div class="audience" aria-live="polite">
      <p>{audienceSentence(audience)}</p>
      {missing.length > 0 && (
        <>
          <p>Texts missing a language its customers read:</p>
          <ul>
            {missing.map((m) => (
              <li>{`${m.name}: ${m.lacking.map((locale) => `${languageNames[locale]} (${audience.get(locale)})`).join(", ")}`}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ActionFields({ action, goal, people }: { action: Action; goal: Goal | undefined; people: StaffIndex }) {
  return (
    <dl class="details">
      <Row name="Status">
        <span class={`status action-status-${action.status}`}>{label(action.status)}</span>
      </Row>
      <Row name="Goal">{goal ? <GoalLink goal={goal} /> : action.goalId}</Row>
      <Row name="Owner">
        <OwnerName owner={action.owner} people={people} />
      </Row>
      <Row name="Due date">{action.dueDate ? <time datetime={action.dueDate}>{action.dueDate}</time> : "—"}</Row>
      <Row name="You said">
        <Text text={action.youSaid} />
      </Row>
      <Row name="We will">
        <Text text={action.weWill} />
      </Row>
      <Row name="We did">
        <Text text={action.weDid} />
      </Row>
      <Row name="Planned">
        <Time at={action.plannedAt} />
      </Row>
      <Row name="Done">
        <Time at={action.doneAt} />
      </Row>
      <Row name="Created">
        <Time at={action.createdAt} />
      </Row>
      <Row name="Last changed">
        <Time at={action.updatedAt} />
        {action.updatedBy && ` by ${personName(action.updatedBy, people)}`}
      </Row>
      <Row name="Version">{String(action.version)}</Row>
    </dl>
  );
}

const changesSchema = z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }));
const fieldNames: Record<string, string> = {
  dueDate: "Due date",
  youSaid: "You said",
  weWill: "We will",
  weDid: "We did",
};
const fieldName = (field: string) => fieldNames[field] ?? label(field);

function What({ entry, people }: { entry: ActionTimelineEntry; people: StaffIndex }) {
  switch (entry.type) {
    case "created":
      return <p>Proposed the action.</p>;
    case "changed": {
      const parsed = changesSchema.safeParse(entry.details?.changes);
      if (!parsed.success) return <p>Changed the action.</p>;
      return (
        <>
          <p>Changed:</p>
          <ul class="changes">
            {parsed.data.map((change) => (
              <li>
                {fieldName(change.field)}: <FieldValue field={change.field} value={change.from} people={people} />
                {" → "}
                <FieldValue field={change.field} value={change.to} people={people} />
              </li>
            ))}
          </ul>
        </>
      );
    }
    case "linked_feedback": {
      const id = entry.details?.feedbackId;
      return <p>Linked feedback item {typeof id === "string" ? <ItemLink id={id} /> : "(unknown)"}.</p>;
    }
    default:
      return <p>{label(entry.type)}</p>;
  }
}

/** The action's history, oldest first. */
export function ActionTimeline({ entries, people }: { entries: ActionTimelineEntry[]; people: StaffIndex }) {
  if (entries.length === 0) return <p>Nothing has happened to this action yet.</p>;
  return (
    <ol class="timeline">
      {entries.map((entry) => (
        <li id={`event-${entry.id}`}>
          <p class="meta">
            <strong>{personName(entry.actor, people)}</strong>, <Time at={entry.at} />
          </p>
          <What entry={entry} people={people} />
        </li>
      ))}
    </ol>
  );
}

/** The stale-save notice: the action as it is now, and that the person's changes are kept. */
function ActionConflict({ current, goal, people }: { current: Action; goal: Goal | undefined; people: StaffIndex }) {
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Someone else changed this action since you opened it</h2>
      <p>Nothing of yours was saved. The action now:</p>
      <ActionFields action={current} goal={goal} people={people} />
      <p>
        Your changes are still in the form below. Check them against the action now, then save again (or leave it as it
        is).
      </p>
    </section>
  );
}

/**
 * The customers' updates: per phase, how many customers the fan-out wrote to (late links add theirs
 * as they come, counted on the items). Each message's delivery shows on the feedback item's page.
 */
function Updates({ updates }: { updates: NonNullable<ActionPageProps["updates"]> }) {
  if (updates.length === 0) return null;
  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">Updates to customers</h2>
      <ul>
        {updates.map((u) => (
          <li data-phase={u.phase}>
            {u.phase === "did" ? "\u201cYou said, we did\u201d" : "\u201cWe will\u201d"}
            {": "}
            {u.done
              ? `written for ${u.customers} ${u.customers === 1 ? "customer" : "customers"}`
              : `being written (${u.customers} customers so far)`}
            {u.failed > 0 ? (
              <strong class="error">
                {`; ${u.failed} ${u.failed === 1 ? "item" : "items"} could not be handled (see each item's timeline)`}
              </strong>
            ) : null}
            .
          </li>
        ))}
      </ul>
      <p class="hint">Each message's delivery (pending, sent, failed, suppressed) shows on the feedback item's page.</p>
    </section>
  );
}

/** Whoever reported what a done action fixed: named on the public board only if they agreed. */
function Finders({ finders }: { finders: FinderView[] }) {
  const named = finders.filter((f) => f.name !== undefined).length;
  return (
    <section aria-labelledby="finders-heading">
      <h2 id="finders-heading">Found by</h2>
      <p class="hint">
        {`${finders.length} ${finders.length === 1 ? "person" : "people"} reported what this fixed; `}
        {`${named} agreed to be named on the public board, the others are counted there, not named.`}
      </p>
      <ul id="finders">
        {finders.map((f) => (
          <li>
            <ItemLink id={f.feedbackId} />
            {" · "}
            {f.customerType === "internal" ? "Colleague" : "Customer"}
            {": "}
            {f.givenName || f.email ? (
              <>
                <Said text={f.givenName} />{" "}
                {f.email ? (
                  <>
                    (<Said text={f.email} />)
                  </>
                ) : null}
              </>
            ) : (
              "anonymous"
            )}
            {f.name !== undefined ? " · named on the board" : " · not named on the board"}
          </li>
        ))}
      </ul>
    </section>
  );
}
