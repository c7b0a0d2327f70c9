/**
 * Every key of the single table is built here, and nowhere else.
 *
 * Access patterns:
 * - feedback by id:                       GetItem  PK=FEEDBACK#<id>         SK=FEEDBACK
 * - a feedback item's timeline:           Query    PK=FEEDBACK#<id>         SK begins_with TIMELINE#
 * - feedback newest first (inbox):        Query    GSI1PK=FEEDBACK          GSI1SK=<id> descending
 * - tracking token -> feedback:           GetItem  PK=TRACKING#<sha256>     SK=TRACKING
 * - unsubscribe token -> address:         GetItem  PK=UNSUBSCRIBE#<sha256>  SK=UNSUBSCRIBE
 * - is an address suppressed:             GetItem  PK=SUPPRESSION#<sha256>  SK=SUPPRESSION
 * - a notification (outbox entry):        GetItem  PK=NOTIFICATION#<purpose> SK=NOTIFICATION
 * - an idempotent request's answer:       GetItem  PK=IDEMPOTENCY#<scope>#<sha256> SK=IDEMPOTENCY
 * - a client's request count in a window: UpdateItem PK=RATE#<scope>#<client>#<window> SK=RATE
 */
export interface Key {
  PK: string;
  SK: string;
}

const single = (prefix: string, id: string): Key => ({ PK: `${prefix}#${id}`, SK: prefix });

export const TIMELINE_PREFIX = "TIMELINE#";

export const keys = {
  feedback: (id: string): Key => single("FEEDBACK", id),
  /** Places a feedback item on the newest-first index. */
  feedbackIndex: (id: string) => ({ GSI1PK: "FEEDBACK", GSI1SK: id }),
  timelineEntry: (feedbackId: string, entryId: string): Key => ({
    PK: `FEEDBACK#${feedbackId}`,
    SK: `${TIMELINE_PREFIX}${entryId}`,
  }),
  tracking: (tokenHash: string): Key => single("TRACKING", tokenHash),
  unsubscribe: (tokenHash: string): Key => single("UNSUBSCRIBE", tokenHash),
  suppression: (emailHash: string): Key => single("SUPPRESSION", emailHash),
  /** A notification is keyed by what it is for, so a conditional put can never create it twice. */
  notification: (purpose: string): Key => single("NOTIFICATION", purpose),
  idempotency: (scope: string, keyHash: string): Key => single("IDEMPOTENCY", `${scope}#${keyHash}`),
  rateWindow: (scope: string, client: string, window: number): Key => single("RATE", `${scope}#${client}#${window}`),
  /** Records that the local sample data was loaded. */
  demoMarker: (): Key => single("DEMO", "marker"),
  /** The item the health check reads: any answer, even "no item", proves the table answers. */
  health: (): Key => single("HEALTH", "check"),
} as const;

/** The purpose of the acknowledgement sent for one feedback item. */
export const acknowledgementPurpose = (feedbackId: string) => `ack#${feedbackId}`;
