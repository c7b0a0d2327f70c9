import { feedbackKinds, settableStatuses } from "../../../../shared/entities/feedback";
import type { Staff } from "../../../../shared/entities/staff";
import { newId } from "../../../../shared/ids";
import { assignable, CsrfField, label, type Viewer } from "./common";
import { type EditField, type EditValues, editFields } from "./forms";

export interface EditState {
  /** What the form fields hold: the item's values, or what the person tried to save. */
  values: EditValues;
  /** The values the person's change is based on (posted back as `was_<field>`). */
  seen: Record<EditField, string>;
  /** The version the person's change is based on. */
  version: number;
}

export interface EditFormProps {
  viewer: Viewer;
  staff: Staff[];
  /** Whether the item is merged: then only a note can be added. */
  merged: boolean;
  itemId: string;
  state: EditState;
}

/** The triage form: status, kind, topic, tags, assignee and a note, based on a version. */
export function EditForm({ viewer, staff, merged, itemId, state }: EditFormProps) {
  const { values } = state;
  const fields: readonly EditField[] = merged ? [] : editFields;
  const people = assignable(staff);
  const inactiveAssignee = values.assignee && !people.some((s) => s.id === values.assignee);
  return (
    <form method="post" action={`/console/feedback/${itemId}`} class="edit">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="version" value={String(state.version)} />
      {fields.map((field) => (
        <input type="hidden" name={`was_${field}`} value={state.seen[field]} />
      ))}
      {merged ? (
        <p class="hint">This item was merged into another one; change that one instead. You can still add a note.</p>
      ) : (
        <div class="filters">
          <div>
            <label for="edit-status">Status</label>
            <select id="edit-status" name="status">
              {settableStatuses.map((s) => (
                <option value={s} selected={values.status === s}>
                  {label(s)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="edit-kind">Kind</label>
            <select id="edit-kind" name="kind">
              {feedbackKinds.map((k) => (
                <option value={k} selected={values.kind === k}>
                  {label(k)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="edit-topic">Topic</label>
            <input type="text" id="edit-topic" name="topic" value={values.topic} maxlength={100} dir="auto" />
          </div>
          <div>
            <label for="edit-tags">Tags</label>
            <input
              type="text"
              id="edit-tags"
              name="tags"
              value={values.tags}
              aria-describedby="edit-tags-hint"
              dir="auto"
            />
            <p class="hint" id="edit-tags-hint">
              Comma separated, at most 20.
            </p>
          </div>
          <div>
            <label for="edit-assignee">Assignee</label>
            <select id="edit-assignee" name="assignee">
              <option value="">Unassigned</option>
              {inactiveAssignee && (
                <option value={values.assignee} selected>
                  {`${staff.find((s) => s.id === values.assignee)?.email ?? values.assignee} (inactive)`}
                </option>
              )}
              {people.map((s) => (
                <option value={s.id} selected={values.assignee === s.id}>
                  {s.email}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {!merged && (
        <fieldset class="ending">
          <legend>Ending it by hand (done or closed, without an action)</legend>
          <label for="edit-outcome">What came of it (sent to the customer, once, in your words)</label>
          <textarea id="edit-outcome" name="outcome" maxlength={2000} dir="auto" aria-describedby="edit-outcome-hint">
            {values.outcome ?? ""}
          </textarea>
          <p class="hint" id="edit-outcome-hint">
            Needed to set done or closed when the customer asked to hear back, unless you tell nobody.
          </p>
          <div class="check">
            <input type="checkbox" id="edit-silent" name="silent" checked={values.silent === "on"} />
            <label for="edit-silent">Tell nobody, on purpose</label>
          </div>
        </fieldset>
      )}
      <label for="edit-note">Internal note (optional, never shown to the customer)</label>
      <textarea id="edit-note" name="note" maxlength={5000} dir="auto">
        {values.note}
      </textarea>
      <button type="submit">{merged ? "Add note" : "Save changes"}</button>
    </form>
  );
}

/** Marks the item a duplicate of another. */
export function MergeForm({ viewer, itemId, intoId }: { viewer: Viewer; itemId: string; intoId?: string }) {
  return (
    <form method="post" action={`/console/feedback/${itemId}/merge`} class="merge">
      <CsrfField viewer={viewer} />
      <label for="merge-into">Merge into item (its id)</label>
      <input
        type="text"
        id="merge-into"
        name="intoId"
        value={intoId ?? ""}
        required
        maxlength={64}
        autocomplete="off"
        aria-describedby="merge-hint"
      />
      <p class="hint" id="merge-hint">
        Marks this item a duplicate of the other one. Its submitter then follows the other item.
      </p>
      <button type="submit" class="secondary">
        Merge
      </button>
    </form>
  );
}

/**
 * A personal reply to the item's submitter, sent once by mail. The form carries its own key, so
 * sending it twice (a double click, a reload that posts again) sends one reply.
 */
export function ReplyForm({ viewer, itemId, message }: { viewer: Viewer; itemId: string; message?: string }) {
  return (
    <form method="post" action={`/console/feedback/${itemId}/replies`} class="reply">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="replyKey" value={newId()} />
      <label for="reply-message">Your reply</label>
      <textarea id="reply-message" name="message" required maxlength={5000} dir="auto" aria-describedby="reply-hint">
        {message ?? ""}
      </textarea>
      <p class="hint" id="reply-hint">
        Sent once, by mail, in your words, with the customer's own message quoted and a link to follow it.
      </p>
      <button type="submit">Send reply</button>
    </form>
  );
}
