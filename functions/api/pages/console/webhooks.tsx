import type { Staff } from "../../../../shared/entities/staff";
import {
  type WebhookDelivery,
  type WebhookEndpointView,
  webhookEvents,
  webhookFormats,
} from "../../../../shared/entities/webhook";
import { CsrfField, indexStaff, label, personName, Row, Said, type StaffIndex, Time, type Viewer } from "./common";
import { ConsoleLayout } from "./layout";
import { Pager } from "./pager";

/** What the endpoint form holds: as saved, or as posted when it was refused. */
export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
  format: string;
  active: boolean;
}

const eventHints: Record<(typeof webhookEvents)[number], string> = {
  "feedback.created": "a feedback item arrives",
  "feedback.status_changed": "a feedback item's status changes",
  "action.status_changed": "an action's status changes",
  "update.sent":
    "a \u201cwe will\u201d, \u201cyou said, we did\u201d or \u201cwill not happen\u201d update is sent to a customer",
};

const formatNames: Record<(typeof webhookFormats)[number], string> = {
  json: "JSON: the event as this product describes it",
  slack: "Slack: one readable line per event, as an incoming webhook takes it",
};

/** The form's values of a saved endpoint. */
export const webhookValuesOf = (endpoint: WebhookEndpointView): WebhookFormValues => ({
  url: endpoint.url,
  description: endpoint.description ?? "",
  events: [...endpoint.events],
  format: endpoint.format,
  active: endpoint.active,
});

const emptyValues: WebhookFormValues = { url: "", description: "", events: [], format: "json", active: true };

/** The fields of an endpoint, for creating one or changing it. */
function EndpointFields({ values, prefix }: { values: WebhookFormValues; prefix: string }) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <label for={id("url")}>Endpoint URL</label>
      <input
        type="url"
        id={id("url")}
        name="url"
        value={values.url}
        required
        maxlength={2000}
        aria-describedby={id("url-hint")}
      />
      <p class="hint" id={id("url-hint")}>
        https only (http only for localhost). Addresses of private networks are refused.
      </p>
      <label for={id("description")}>Description (optional: what it is for)</label>
      <input type="text" id={id("description")} name="description" value={values.description} maxlength={200} />
      <fieldset>
        <legend>Events it wants</legend>
        {webhookEvents.map((event) => (
          <div class="check">
            <input type="checkbox" id={id(event)} name="events" value={event} checked={values.events.includes(event)} />
            <label for={id(event)}>
              <code>{event}</code>: {eventHints[event]}
            </label>
          </div>
        ))}
      </fieldset>
      <label for={id("format")}>Format</label>
      <select id={id("format")} name="format">
        {webhookFormats.map((format) => (
          <option value={format} selected={values.format === format}>
            {formatNames[format]}
          </option>
        ))}
      </select>
      <div class="check">
        <input type="checkbox" id={id("active")} name="active" value="on" checked={values.active} />
        <label for={id("active")}>Active (inactive endpoints get nothing)</label>
      </div>
    </>
  );
}

export interface WebhooksPageProps {
  viewer: Viewer;
  webhooks: WebhookEndpointView[];
  nextCursor?: string | null;
  paged?: boolean;
  staff: Staff[];
  /** An endpoint just created: its secret is shown this once. */
  created?: { webhook: WebhookEndpointView; secret: string };
  flash?: string;
  error?: string;
  /** What the create form holds (after a refused attempt). */
  values?: WebhookFormValues;
}

/** Outbound webhooks (admins): the endpoints, and registering one. */
export function WebhooksPage(props: WebhooksPageProps) {
  const people = indexStaff(props.staff);
  return (
    <ConsoleLayout viewer={props.viewer} title="Webhooks" section="webhooks" flash={props.flash} error={props.error}>
      {props.created && <CreatedSecret created={props.created} />}
      <p>
        A webhook tells another system (a chat channel, a ticketing tool) what happens here: each event it wants is sent
        to its URL once, signed with its secret, and retried when the endpoint does not take it. No event carries a
        customer's address, name or message.
      </p>
      <div class="table-wrap">
        <table>
          <caption>Endpoints</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Format</th>
              <th scope="col">Active</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {props.webhooks.length === 0 && (
              <tr>
                <td colspan={5}>No webhooks yet.</td>
              </tr>
            )}
            {props.webhooks.map((webhook) => (
              <tr>
                <th scope="row">
                  <a href={`/console/webhooks/${webhook.id}`}>
                    <Said text={webhook.url} />
                  </a>
                  {webhook.description && (
                    <>
                      <br />
                      <Said text={webhook.description} />
                    </>
                  )}
                </th>
                <td>{webhook.events.join(", ")}</td>
                <td>{label(webhook.format)}</td>
                <td>{webhook.active ? "Yes" : "No"}</td>
                <td>
                  <Time at={webhook.createdAt} /> by {personName(webhook.createdBy, people)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path="/console/webhooks" nextCursor={props.nextCursor ?? null} paged={Boolean(props.paged)} />
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Add a webhook</h2>
        <form method="post" action="/console/webhooks">
          <CsrfField viewer={props.viewer} />
          <EndpointFields values={props.values ?? emptyValues} prefix="new" />
          <button type="submit">Add webhook</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

function CreatedSecret({ created }: { created: NonNullable<WebhooksPageProps["created"]> }) {
  return (
    <section class="created" aria-labelledby="created-heading">
      <h2 id="created-heading">
        New webhook for <Said text={created.webhook.url} />
      </h2>
      <label for="new-secret">Signing secret</label>
      <input type="text" id="new-secret" value={created.secret} readonly aria-describedby="new-secret-hint" />
      <p class="hint" id="new-secret-hint">
        Copy it now: it is shown only this once. The receiver checks each delivery's <code>Webhook-Signature</code> with
        it.
      </p>
    </section>
  );
}

export interface WebhookPageProps {
  viewer: Viewer;
  webhook: WebhookEndpointView;
  deliveries: WebhookDelivery[];
  nextCursor?: string | null;
  paged?: boolean;
  staff: Staff[];
  flash?: string;
  error?: string;
  /** What the edit form holds (after a refused attempt). */
  values?: WebhookFormValues;
  /** The version the edit form is based on. */
  version?: number;
}

/** One endpoint: its settings, its deliveries with their state, sending one again, and deleting it. */
export function WebhookPage(props: WebhookPageProps) {
  const { viewer, webhook } = props;
  const people = indexStaff(props.staff);
  return (
    <ConsoleLayout viewer={viewer} title="Webhook" section="webhooks" flash={props.flash} error={props.error}>
      <dl class="fields">
        <Row name="URL">
          <Said text={webhook.url} />
        </Row>
        <Row name="Events">{webhook.events.join(", ")}</Row>
        <Row name="Format">{label(webhook.format)}</Row>
        <Row name="Active">{webhook.active ? "Yes" : "No"}</Row>
        <Row name="Created">
          <Time at={webhook.createdAt} /> by {personName(webhook.createdBy, people)}
        </Row>
      </dl>
      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Deliveries</h2>
        <Deliveries webhook={webhook} deliveries={props.deliveries} people={people} viewer={viewer} />
        <Pager
          path={`/console/webhooks/${webhook.id}`}
          nextCursor={props.nextCursor ?? null}
          paged={Boolean(props.paged)}
        />
      </section>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Change it</h2>
        <form method="post" action={`/console/webhooks/${webhook.id}`}>
          <CsrfField viewer={viewer} />
          <input type="hidden" name="version" value={String(props.version ?? webhook.version)} />
          <EndpointFields values={props.values ?? webhookValuesOf(webhook)} prefix="edit" />
          <button type="submit">Save changes</button>
        </form>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete it</h2>
        <form method="post" action={`/console/webhooks/${webhook.id}/delete`}>
          <CsrfField viewer={viewer} />
          <p>Nothing more is sent to it, and what is still waiting for it ends failed.</p>
          <button type="submit" class="secondary">
            Delete this webhook
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

function Deliveries(props: {
  webhook: WebhookEndpointView;
  deliveries: WebhookDelivery[];
  people: StaffIndex;
  viewer: Viewer;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>Newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Sent again by hand</th>
            <th scope="col">
              <span class="visually-hidden">Send again</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.deliveries.length === 0 && (
            <tr>
              <td colspan={6}>Nothing sent yet.</td>
            </tr>
          )}
          {props.deliveries.map((delivery) => (
            <tr>
              <th scope="row">
                <code>{delivery.event.type}</code>
                <br />
                <Time at={delivery.event.occurredAt} />
                <br />
                <small>{delivery.id}</small>
              </th>
              <td>
                {label(delivery.status)}
                {delivery.status === "sent" && (
                  <>
                    {" "}
                    <Time at={delivery.sentAt} />
                  </>
                )}
                {delivery.status === "failed" && (
                  <>
                    {" "}
                    <Time at={delivery.failedAt} />
                  </>
                )}
                {delivery.status === "pending" && delivery.nextAttemptAt && (
                  <>
                    , next attempt <Time at={delivery.nextAttemptAt} />
                  </>
                )}
              </td>
              <td>{delivery.attempts}</td>
              <td>
                {delivery.lastStatusCode !== undefined && <>HTTP {delivery.lastStatusCode}</>}
                {delivery.lastError && (
                  <>
                    {delivery.lastStatusCode !== undefined && <br />}
                    <Said text={delivery.lastError} />
                  </>
                )}
                {delivery.lastStatusCode === undefined && !delivery.lastError && "—"}
              </td>
              <td>
                {(delivery.resends ?? []).length === 0
                  ? "—"
                  : (delivery.resends ?? []).map((resend) => (
                      <>
                        <Time at={resend.at} /> by {personName(resend.by, props.people)}
                        <br />
                      </>
                    ))}
              </td>
              <td>
                <form
                  method="post"
                  action={`/console/webhooks/${props.webhook.id}/deliveries/${delivery.id}/resend`}
                  class="inline"
                >
                  <CsrfField viewer={props.viewer} />
                  <button type="submit" class="secondary">
                    Send again<span class="visually-hidden">{` the ${delivery.event.type} event ${delivery.id}`}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
