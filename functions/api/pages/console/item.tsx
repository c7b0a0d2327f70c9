import type { Feedback, TimelineEntry } from "../../../../shared/entities/feedback";
import type { Staff } from "../../../../shared/entities/staff";
import type { ItemLoop } from "../../../../shared/feedback/loop-view";
import type { MessageState } from "../../../../shared/notifications/messages";
import { resolvePraised } from "../../../../shared/recognition/service";
import { can, ItemLink, indexStaff, label, Revealed, Row, Said, type StaffIndex, Time, type Viewer } from "./common";
import { editFields, editValuesOf } from "./forms";
import { scoreText } from "./inbox-table";
import { EditForm, type EditState, MergeForm, ReplyForm } from "./item-forms";
import { ItemLinkForms } from "./item-link";
import { ConsoleLayout } from "./layout";
import { RouteForm } from "./people";
import { plain } from "./texts";
import { FieldValue, Timeline, TimelineItem } from "./timeline";
import { ActionName, GoalName, type LoopNames, loopNames } from "./timeline-names";

/** An item as staff see it (what `getFeedbackDetail` answers). */
export type FeedbackDetail = Feedback & { timeline: TimelineEntry[]; mergedItems: string[]; messages: MessageState[] };

/** What a stale save ran into: what changed since the person's version, and the values now. */
export interface ConflictView {
  changedSince: TimelineEntry[];
  current: Record<string, unknown>;
}

export interface ItemPageProps {
  viewer: Viewer;
  item: FeedbackDetail;
  staff: Staff[];
  flash?: string;
  error?: string;
  /** The edit form's state; by default the item's own values and version. */
  edit?: EditState;
  conflict?: ConflictView;
  /** What the merge form holds (after a failed merge). */
  intoId?: string;
  /** What the reply form holds (after a refused reply). */
  reply?: string;
  /** The item's goal and actions, and every goal and action (to name and choose them). */
  loop?: ItemLoop;
  /** The text the lists of goals and actions to link to are filtered by. */
  pick?: string;
}

/** One feedback item: the message, everything known about it, its history, and (for triage) the forms. */
export function ItemPage(props: ItemPageProps) {
  const { item, viewer } = props;
  const people = indexStaff(props.staff);
  const names = loopNames(props.loop?.allGoals ?? [], props.loop?.allActions ?? []);
  const triage = can(viewer, "feedback:triage");
  const merged = item.status === "merged";
  const edit = props.edit ?? {
    values: { ...editValuesOf(item), note: "" },
    seen: editValuesOf(item),
    version: item.version,
  };
  return (
    <ConsoleLayout viewer={viewer} title="Feedback item" section="inbox" flash={props.flash} error={props.error}>
      <p>
        <a href="/console">Back to the inbox</a>
      </p>
      {props.conflict && <Conflict conflict={props.conflict} people={people} names={names} />}
      <h2>Message</h2>
      <blockquote class="message" dir="auto">
        <Revealed text={item.message} />
      </blockquote>
      {item.erasedAt && (
        <p class="hint">
          The customer's personal data was erased on <Time at={item.erasedAt} />.
        </p>
      )}
      <Merges item={item} />
      {props.loop && <Loop loop={props.loop} names={names} />}
      <h2>Details</h2>
      <dl class="details">
        <Row name="Status">{label(item.status)}</Row>
        <Row name="Kind">{label(item.kind)}</Row>
        <Row name="Score">{scoreText(item.score)}</Row>
        <Row name="Topic">
          <Said text={item.topic} />
        </Row>
        <Row name="Tags">
          <FieldValue field="tags" value={item.tags} people={people} />
        </Row>
        <Row name="Assignee">
          <FieldValue field="assignee" value={item.assignee} people={people} />
        </Row>
        <Row name="Customer name">
          <Said text={item.name} />
        </Row>
        <Row name="Customer email">
          <Said text={item.email} />
          {item.email && (item.consent ? " (wants updates)" : " (no updates)")}
        </Row>
        <Row name="Customer type">{label(item.customerType)}</Row>
        <Row name="Department">
          <Said text={item.department} />
        </Row>
        {item.praises !== undefined && (
          <Row name="Colleague named">
            <Said text={item.praises} />
          </Row>
        )}
        <Row name="Channel">
          <Said text={item.channel} />
        </Row>
        <Row name="Language">{item.locale}</Row>
        <Row name="Received">
          <Time at={item.createdAt} />
        </Row>
        <Row name="Last changed">
          <Time at={item.updatedAt} />
        </Row>
        <Row name="Version">{String(item.version)}</Row>
      </dl>
      {triage && (
        <section aria-labelledby="triage-heading">
          <h2 id="triage-heading">Triage</h2>
          <EditForm viewer={viewer} staff={props.staff} merged={merged} itemId={item.id} state={edit} />
          {!merged && <MergeForm viewer={viewer} itemId={item.id} intoId={props.intoId} />}
        </section>
      )}
      {triage && item.kind === "compliment" && (
        <section aria-labelledby="route-heading">
          <h2 id="route-heading">Route the compliment to the people it praises</h2>
          <RouteForm
            viewer={viewer}
            itemId={item.id}
            staff={props.staff}
            praises={item.praises}
            suggested={resolvePraised(props.staff, item.praises)}
          />
        </section>
      )}
      {triage && item.email && item.consent && !item.erasedAt && (
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading">Reply to the customer</h2>
          <ReplyForm viewer={viewer} itemId={item.id} message={props.reply} />
        </section>
      )}
      {props.loop && !merged && <ItemLinkForms viewer={viewer} itemId={item.id} loop={props.loop} pick={props.pick} />}
      <Messages messages={item.messages} names={names} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Timeline entries={item.timeline} people={people} names={names} />
      </section>
    </ConsoleLayout>
  );
}

const messageKinds: Record<MessageState["kind"], string> = {
  acknowledgement: "Acknowledgement",
  update: "Update",
  sign_in: "Sign-in link",
  invitation: "Invitation",
  ending: "What came of it",
  reply: "Personal reply",
  subscription: "Subscription confirmation",
  compliment: "Compliment to staff",
  kudos: "Kudos",
  digest: "Weekly digest",
  alert: "Alert to staff",
};

/** The messages to the item's customer about it, each with its delivery state. */
function Messages({ messages, names }: { messages: MessageState[]; names: LoopNames }) {
  if (messages.length === 0) return null;
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">Messages to the customer</h2>
      <table class="messages">
        <thead>
          <tr>
            <th scope="col">Message</th>
            <th scope="col">Delivery</th>
            <th scope="col">Attempts</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr data-status={m.status}>
              <td>
                {messageKinds[m.kind]}
                {m.phase && ` (${m.phase === "did" ? "you said, we did" : "we will"})`}
                {m.actionId && (
                  <>
                    {" "}
                    about <ActionName id={m.actionId} names={names} fallback="the action" />
                  </>
                )}
              </td>
              <td>
                <span class={`badge status-${m.status}`}>{label(m.status)}</span>
                {m.lastError && m.status !== "sent" && (
                  <>
                    {" "}
                    <Said text={m.lastError} />
                  </>
                )}
              </td>
              <td>{String(m.attempts)}</td>
              <td>
                {m.sentAt ? (
                  <>
                    sent <Time at={m.sentAt} />
                  </>
                ) : m.failedAt ? (
                  <>
                    gave up <Time at={m.failedAt} />
                  </>
                ) : m.nextAttemptAt ? (
                  <>
                    next attempt <Time at={m.nextAttemptAt} />
                  </>
                ) : (
                  <>
                    queued <Time at={m.createdAt} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Merges({ item }: { item: FeedbackDetail }) {
  if (!item.mergedInto && item.mergedItems.length === 0) return null;
  return (
    <section aria-labelledby="merges-heading">
      <h2 id="merges-heading">Duplicates</h2>
      {item.mergedInto && (
        <p>
          This item was merged into <ItemLink id={item.mergedInto} />.
        </p>
      )}
      {item.mergedItems.length > 0 && (
        <>
          <p>Items merged into this one:</p>
          <ul>
            {item.mergedItems.map((id) => (
              <li>
                <ItemLink id={id} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The stale-version notice: what changed meanwhile, the values now, and that the person's own are kept. */
function Conflict({ conflict, people, names }: { conflict: ConflictView; people: StaffIndex; names: LoopNames }) {
  return (
    <section class="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Someone else changed this item since you opened it</h2>
      <p>Nothing of yours was saved. What changed meanwhile:</p>
      <ol class="timeline">
        {conflict.changedSince.map((entry) => (
          <li>
            <TimelineItem entry={entry} people={people} names={names} />
          </li>
        ))}
      </ol>
      <p>The values now:</p>
      <dl class="details">
        {editFields.map((field) => (
          <Row name={label(field)}>
            <FieldValue field={field} value={conflict.current[field]} people={people} />
          </Row>
        ))}
      </dl>
      <p>
        Your changes are still in the form below. Check them against the values now, then save again (or leave the item
        as it is).
      </p>
    </section>
  );
}

/** The item's loop: the goal it serves and the actions taken on it, each with its status. */
function Loop({ loop, names }: { loop: ItemLoop; names: LoopNames }) {
  return (
    <section aria-labelledby="loop-heading">
      <h2 id="loop-heading">Loop</h2>
      <p>
        {loop.goal ? (
          <>
            Serves <GoalName id={loop.goal.id} names={names} /> ({label(loop.goal.status).toLowerCase()}).
          </>
        ) : (
          "Not linked to a goal yet."
        )}
      </p>
      {loop.actions.length === 0 ? (
        <p>No action is linked to it yet.</p>
      ) : (
        <table class="loop-actions">
          <caption>{`Actions linked to this item (${loop.actions.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Status</th>
              <th scope="col">Goal</th>
            </tr>
          </thead>
          <tbody>
            {loop.actions.map((action) => (
              <tr data-status={action.status}>
                <td>
                  <ActionName id={action.id} names={names} title={plain(action.title)} />
                </td>
                <td>
                  <span class={`badge status-${action.status}`}>{label(action.status)}</span>
                </td>
                <td>
                  <GoalName id={action.goalId} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
