import * as z from "zod/mini";
import type { TimelineEntry } from "../../../../shared/entities/feedback";
import { isLocale, type Locale, locales } from "../../../../shared/i18n/locales";
import { ItemLink, label, personName, Revealed, Said, type StaffIndex, Time } from "./common";
import { languageNames } from "./texts";
import { ActionName, GoalName, type LoopNames, noNames, titleOf } from "./timeline-names";

/** The name of an action's text field in the sentence "We will text changed". */
const actionTextNames: Record<string, string> = {
  title: "Title",
  youSaid: "You said",
  weWill: "We will",
  weDid: "We did",
  dropReason: "Drop reason",
};

const isLocalized = (value: unknown): value is Partial<Record<Locale, string>> =>
  typeof value === "object" &&
  value !== null &&
  Object.keys(value).length > 0 &&
  Object.entries(value).every(([key, text]) => isLocale(key) && typeof text === "string");

const changesSchema = z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }));
const stringOf = (details: TimelineEntry["details"], key: string) => {
  const value = details?.[key];
  return typeof value === "string" ? value : undefined;
};

/** A field's value as staff read it: people by address, statuses and kinds as words. */
export function FieldValue({
  field,
  value,
  people,
  names = noNames,
}: {
  field: string;
  value: unknown;
  people: StaffIndex;
  names?: LoopNames;
}) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <em>none</em>;
  }
  if (field === "goalId" && typeof value === "string") return <GoalName id={value} names={names} />;
  if (field === "assignee" && typeof value === "string") return <>{personName(value, people)}</>;
  if ((field === "status" || field === "kind") && typeof value === "string") return <>{label(value)}</>;
  if (Array.isArray(value)) return <Said text={value.map(String).join(", ")} />;
  // A text kept per language: each language's text, named.
  if (isLocalized(value)) {
    const written = locales.filter((locale) => value[locale]);
    return <Said text={written.map((locale) => `${languageNames[locale]}: ${value[locale]}`).join(" · ")} />;
  }
  return <Said text={typeof value === "string" ? value : JSON.stringify(value)} />;
}

/** What a "changed" entry changed: each field's old → new value. */
export function Changes({
  entry,
  people,
  names = noNames,
  except = [],
}: {
  entry: TimelineEntry;
  people: StaffIndex;
  names?: LoopNames;
  /** Fields the entry's sentence already told. */
  except?: string[];
}) {
  const parsed = changesSchema.safeParse(entry.details?.changes);
  if (!parsed.success) return null;
  const shown = parsed.data.filter((change) => !except.includes(change.field));
  if (shown.length === 0) return null;
  return (
    <ul class="changes">
      {shown.map((change) => (
        <li>
          {label(change.field === "goalId" ? "goal" : change.field)}:{" "}
          <FieldValue field={change.field} value={change.from} people={people} names={names} />
          {" → "}
          <FieldValue field={change.field} value={change.to} people={people} names={names} />
        </li>
      ))}
    </ul>
  );
}

/** Linking to a goal (or moving to another), in words with the goals' titles. */
function LinkedGoal({ entry, people, names }: { entry: TimelineEntry; people: StaffIndex; names: LoopNames }) {
  const change = changesSchema.safeParse(entry.details?.changes).data?.find((c) => c.field === "goalId");
  const to = typeof change?.to === "string" ? change.to : undefined;
  const from = typeof change?.from === "string" ? change.from : undefined;
  return (
    <>
      <p>
        {to && from ? (
          <>
            Moved from <GoalName id={from} names={names} /> to <GoalName id={to} names={names} />.
          </>
        ) : to ? (
          <>
            Linked to <GoalName id={to} names={names} />.
          </>
        ) : (
          "Linked to a goal."
        )}
      </p>
      <Changes entry={entry} people={people} names={names} except={["goalId"]} />
    </>
  );
}

/** A linked action's change, in words: its move from one status to another, and which texts changed. */
function ActionChanged({ entry, names }: { entry: TimelineEntry; names: LoopNames }) {
  const actionId = stringOf(entry.details, "actionId") ?? "";
  const title = titleOf(entry.details?.title);
  const changes = changesSchema.safeParse(entry.details?.changes).data ?? [];
  const name = <ActionName id={actionId} names={names} title={title} />;
  const word = (value: unknown) => (typeof value === "string" ? label(value).toLowerCase() : "none");
  return (
    <>
      {changes.map((change) =>
        change.field === "status" ? (
          <p>
            Action {name} moved from {word(change.from)} to {word(change.to)}.
          </p>
        ) : (
          <p>
            Action {name}: {actionTextNames[change.field] ?? label(change.field)} text changed.
          </p>
        ),
      )}
      {changes.length === 0 && <p>Action {name} changed.</p>}
    </>
  );
}

/** What happened in one timeline entry, in words (and, for changes and notes, in full). */
function What({ entry, people, names }: { entry: TimelineEntry; people: StaffIndex; names: LoopNames }) {
  const into = stringOf(entry.details, "into");
  const from = stringOf(entry.details, "from");
  const note = stringOf(entry.details, "text");
  switch (entry.type) {
    case "received":
      return <p>Received the feedback.</p>;
    case "acknowledgement_sent":
      return <p>Sent the acknowledgement to the customer.</p>;
    case "message_sent":
    case "message_failed":
    case "message_suppressed":
      return <MessageOutcome entry={entry} />;
    case "changed":
      return (
        <>
          <p>Changed:</p>
          <Changes entry={entry} people={people} names={names} />
        </>
      );
    case "note":
      return (
        <>
          <p>Added a note:</p>
          <blockquote class="note" dir="auto">
            <Revealed text={note ?? ""} />
          </blockquote>
        </>
      );
    case "linked_goal":
      return <LinkedGoal entry={entry} people={people} names={names} />;
    case "linked_action":
      return (
        <p>
          Linked to action{" "}
          <ActionName
            id={stringOf(entry.details, "actionId") ?? ""}
            names={names}
            title={titleOf(entry.details?.title)}
          />
          .
        </p>
      );
    case "action_changed":
      return <ActionChanged entry={entry} names={names} />;
    case "merged_into":
      return <p>Merged this item into {into ? <ItemLink id={into} /> : "another item"}.</p>;
    case "merged_from":
      return <p>Merged {from ? <ItemLink id={from} /> : "another item"} into this item.</p>;
    case "ended":
      return (
        <>
          <p>
            {`Ended the item by hand (${label(stringOf(entry.details, "status") ?? "done")})`}
            {entry.details?.notify === true ? "; the customer is told what came of it:" : ", telling nobody."}
          </p>
          {stringOf(entry.details, "outcome") && (
            <blockquote class="note" dir="auto">
              <Revealed text={stringOf(entry.details, "outcome") ?? ""} />
            </blockquote>
          )}
        </>
      );
    case "replied":
      return (
        <>
          <p>
            {"Replied to the customer"}
            {stringOf(entry.details, "delivery") && ` (${label(stringOf(entry.details, "delivery") ?? "")})`}:
          </p>
          <blockquote class="note" dir="auto">
            <Revealed text={note ?? ""} />
          </blockquote>
        </>
      );
    case "compliment_routed": {
      const to = entry.details?.to;
      const ids = Array.isArray(to) ? to.filter((id): id is string => typeof id === "string") : [];
      return (
        <p>
          {"Routed the compliment to "}
          {ids.map((id) => personName(id, people)).join(", ") || "nobody new"}
          {stringOf(entry.details, "department") && (
            <>
              {" (department "}
              <Said text={stringOf(entry.details, "department")} />)
            </>
          )}
          {stringOf(entry.details, "delivery")
            ? `; told by mail once (${label(stringOf(entry.details, "delivery") ?? "")}).`
            : "; each is told by mail once."}
        </p>
      );
    }
    case "erased":
      return (
        <p>
          Erased the customer's personal data
          {entry.details?.keepMessages === true ? "; the message was kept, anonymised." : ", message included."}
        </p>
      );
    default:
      return <p>{label(entry.type)}</p>;
  }
}

/** A message's outcome: sent, given up after its attempts, or not sent to a suppressed address. */
function MessageOutcome({ entry }: { entry: TimelineEntry }) {
  const phase = stringOf(entry.details, "phase");
  const actionId = stringOf(entry.details, "actionId");
  const kind = stringOf(entry.details, "kind");
  const phases: Record<string, string> = {
    will: "\u201cwe will\u201d",
    did: "\u201cyou said, we did\u201d",
    dropped: "\u201cit will not happen\u201d",
  };
  const what =
    kind === "update"
      ? `the ${phases[phase ?? ""] ?? ""} update`
      : kind === "ending"
        ? "what came of it"
        : kind === "reply"
          ? "the personal reply"
          : "the message";
  const about = actionId ? (
    <>
      {" "}
      about <a href={`/console/actions/${actionId}`}>the action</a>
    </>
  ) : null;
  switch (entry.type) {
    case "message_sent":
      return (
        <p>
          Sent {what}
          {about} to the customer.
        </p>
      );
    case "message_failed":
      if (entry.details?.stage) {
        return (
          <p>
            Could not {entry.details.stage === "updates" ? <>write {what}</> : "follow the change of"}
            {about ?? " the action"}: <Said text={stringOf(entry.details, "error")} />
          </p>
        );
      }
      return (
        <p>
          Gave up sending {what}
          {about} after {String(entry.details?.attempts ?? "several")} attempts:{" "}
          <Said text={stringOf(entry.details, "error")} />
        </p>
      );
    default:
      return (
        <p>
          Did not send {what}
          {about}: the customer's address is suppressed (unsubscribed, bounced, complained or erased).
        </p>
      );
  }
}

/** One timeline entry: who, when, what. */
export function TimelineItem({
  entry,
  people,
  names = noNames,
}: {
  entry: TimelineEntry;
  people: StaffIndex;
  names?: LoopNames;
}) {
  return (
    <>
      <p class="meta">
        <strong>{personName(entry.actor, people)}</strong>, <Time at={entry.at} />
        {entry.public && <span class="badge">visible to the customer</span>}
      </p>
      <What entry={entry} people={people} names={names} />
    </>
  );
}

/** An item's whole history, oldest first. */
export function Timeline({
  entries,
  people,
  names = noNames,
}: {
  entries: TimelineEntry[];
  people: StaffIndex;
  names?: LoopNames;
}) {
  if (entries.length === 0) return <p>Nothing has happened to this item yet.</p>;
  return (
    <ol class="timeline">
      {entries.map((entry) => (
        <li id={`event-${entry.id}`}>
          <TimelineItem entry={entry} people={people} names={names} />
        </li>
      ))}
    </ol>
  );
}
