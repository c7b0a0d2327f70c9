import type { ErasureResult } from "../../../../shared/privacy/schema";
import { CsrfField, type Viewer } from "./common";
import { ConsoleLayout } from "./layout";

export interface PrivacyPageProps {
  viewer: Viewer;
  /** What the last erasure changed (shown after it). */
  erased?: ErasureResult;
  error?: string;
  /** What the forms hold (after a failed attempt). */
  values?: { exportEmail?: string; eraseEmail?: string; keepMessages?: boolean };
}

/** Export or erase everything held about an email address (GDPR access and erasure requests). */
export function PrivacyPage({ viewer, erased, error, values = {} }: PrivacyPageProps) {
  return (
    <ConsoleLayout
      viewer={viewer}
      title="Privacy"
      section="privacy"
      error={error}
      flash={erased ? "The personal data was erased." : undefined}
    >
      {erased && (
        <section class="result" aria-labelledby="erased-heading">
          <h2 id="erased-heading">Erasure done</h2>
          <dl class="details">
            <div>
              <dt>Feedback items erased</dt>
              <dd>{String(erased.feedbackItems)}</dd>
            </div>
            <div>
              <dt>Notifications scrubbed</dt>
              <dd>{String(erased.notifications)}</dd>
            </div>
          </dl>
          <p class="hint">
            The address is suppressed: nothing more is sent to it. Erasing again changes nothing and counts nothing.
          </p>
        </section>
      )}
      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export someone's data</h2>
        <p>
          Downloads everything held about an address as JSON: feedback with its history, notifications, suppression.
        </p>
        <form method="post" action="/console/privacy/export">
          <CsrfField viewer={viewer} />
          <label for="export-email">Email address</label>
          <input
            type="email"
            id="export-email"
            name="email"
            value={values.exportEmail ?? ""}
            required
            maxlength={254}
            autocomplete="off"
          />
          <button type="submit">Download the data</button>
        </form>
      </section>
      <section aria-labelledby="erase-heading">
        <h2 id="erase-heading">Erase someone's data</h2>
        <p>
          Removes the address and name from every feedback item of the address, scrubs its notifications and stops all
          mail to it. This cannot be undone.
        </p>
        <form method="post" action="/console/privacy/erase">
          <CsrfField viewer={viewer} />
          <label for="erase-email">Email address</label>
          <input
            type="email"
            id="erase-email"
            name="email"
            value={values.eraseEmail ?? ""}
            required
            maxlength={254}
            autocomplete="off"
          />
          <div class="check">
            <label for="erase-keep">
              <input type="checkbox" id="erase-keep" name="keepMessages" value="yes" checked={values.keepMessages} />
              Keep the messages, anonymised
            </label>
          </div>
          <div class="check">
            <label for="erase-confirm">
              <input type="checkbox" id="erase-confirm" name="confirm" value="yes" required />I understand this erases
              the data for good
            </label>
          </div>
          <button type="submit" class="danger">
            Erase the data
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}
