/**
 * Every key of the single table is built here, and nowhere else.
 *
 * Access patterns:
 * - feedback by id:                       GetItem  PK=FEEDBACK#<id>          SK=FEEDBACK
 * - a feedback item's timeline:           Query    PK=FEEDBACK#<id>          SK begins_with TIMELINE#
 * - items merged into a feedback item:    Query    PK=FEEDBACK#<id>          SK begins_with MERGED#
 * - feedback newest first (inbox):        Query    GSI1 GSI1PK=FEEDBACK      GSI1SK=<id> descending
 * - feedback by status/kind/topic/department/assignee, newest first: Query GSI2..GSI6 (see below)
 * - everything held about an address:     Query    GSI7 GSI7PK=EMAIL#<sha256>
 * - status counts:                        GetItem  PK=COUNTS#feedback-status SK=COUNTS
 * - tracking token -> feedback:           GetItem  PK=TRACKING#<sha256>      SK=TRACKING
 * - unsubscribe token -> address:         GetItem  PK=UNSUBSCRIBE#<sha256>   SK=UNSUBSCRIBE
 * - is an address suppressed:             GetItem  PK=SUPPRESSION#<sha256>   SK=SUPPRESSION
 * - a notification (outbox entry):        GetItem  PK=NOTIFICATION#<purpose> SK=NOTIFICATION
 * - an idempotent request's answer:       GetItem  PK=IDEMPOTENCY#<scope>#<sha256> SK=IDEMPOTENCY
 * - a client's request count in a window: UpdateItem PK=RATE#<scope>#<client>#<window> SK=RATE
 * - staff member by id / by address:      GetItem  PK=STAFF#<id> / PK=STAFFEMAIL#<address>
 * - staff list by address:                Query    GSI1 GSI1PK=STAFF
 * - magic link by token hash:             GetItem  PK=MAGICLINK#<sha256>
 * - session by token hash:                GetItem  PK=SESSION#<sha256>
 * - API token by id; a member's tokens:   GetItem  PK=APITOKEN#<id>; Query GSI1 GSI1PK=APITOKENS#<staffId>
 * - stream effects already applied:       ConditionCheck PK=APPLIED#<effect> (a marker, with TTL)
 */
export interface Key {
  PK: string;
  SK: string;
}

const single = (prefix: string, id: string): Key => ({ PK: `${prefix}#${id}`, SK: prefix });

export const TIMELINE_PREFIX = "TIMELINE#";
export const MERGED_PREFIX = "MERGED#";
export const FEEDBACK_LIST = "FEEDBACK";
export const STAFF_LIST = "STAFF";

/** Case and spacing do not split a filter value: "Mobile App " and "mobile app" are one topic. */
export const filterValue = (value: string) => value.trim().toLowerCase();

/** The filter dimensions of the inbox, each served by its own index. */
export const feedbackFilters = {
  status: { index: "feedbackByStatus", partitionKey: "GSI2PK", sortKey: "GSI2SK", prefix: "STATUS" },
  kind: { index: "feedbackByKind", partitionKey: "GSI3PK", sortKey: "GSI3SK", prefix: "KIND" },
  topic: { index: "feedbackByTopic", partitionKey: "GSI4PK", sortKey: "GSI4SK", prefix: "TOPIC" },
  department: { index: "feedbackByDepartment", partitionKey: "GSI5PK", sortKey: "GSI5SK", prefix: "DEPARTMENT" },
  assignee: { index: "feedbackByAssignee", partitionKey: "GSI6PK", sortKey: "GSI6SK", prefix: "ASSIGNEE" },
} as const;
export type FeedbackFilterName = keyof typeof feedbackFilters;

/** The partition key value of one filter on its index. */
export const filterKey = (name: FeedbackFilterName, value: string) =>
  `${feedbackFilters[name].prefix}#${filterValue(value)}`;

export const keys = {
  feedback: (id: string): Key => single("FEEDBACK", id),
  /**
   * The index attributes of a feedback item: on the newest-first list, on the index of each filter
   * it has a value for, and under its submitter's address hash.
   */
  feedbackIndexes: (feedback: {
    id: string;
    status: string;
    kind: string;
    topic?: string;
    department?: string;
    assignee?: string;
    emailHash?: string;
  }) => {
    const attributes: Record<string, string> = { GSI1PK: FEEDBACK_LIST, GSI1SK: feedback.id };
    for (const name of Object.keys(feedbackFilters) as FeedbackFilterName[]) {
      const value = feedback[name];
      if (value === undefined || filterValue(value) === "") continue;
      attributes[feedbackFilters[name].partitionKey] = filterKey(name, value);
      attributes[feedbackFilters[name].sortKey] = feedback.id;
    }
    if (feedback.emailHash) Object.assign(attributes, keys.byEmail(feedback.emailHash, `FEEDBACK#${feedback.id}`));
    return attributes;
  },
  /** Places an item under an address hash, for privacy export and erasure. */
  byEmail: (emailHash: string, sortKey: string) => ({ GSI7PK: `EMAIL#${emailHash}`, GSI7SK: sortKey }),
  timelineEntry: (feedbackId: string, entryId: string): Key => ({
    PK: `FEEDBACK#${feedbackId}`,
    SK: `${TIMELINE_PREFIX}${entryId}`,
  }),
  /** Records under the primary item that another item was merged into it. */
  mergedInto: (primaryId: string, mergedId: string): Key => ({
    PK: `FEEDBACK#${primaryId}`,
    SK: `${MERGED_PREFIX}${mergedId}`,
  }),
  statusCounts: (): Key => single("COUNTS", "feedback-status"),
  tracking: (tokenHash: string): Key => single("TRACKING", tokenHash),
  unsubscribe: (tokenHash: string): Key => single("UNSUBSCRIBE", tokenHash),
  suppression: (emailHash: string): Key => single("SUPPRESSION", emailHash),
  /** A notification is keyed by what it is for, so a conditional put can never create it twice. */
  notification: (purpose: string): Key => single("NOTIFICATION", purpose),
  idempotency: (scope: string, keyHash: string): Key => single("IDEMPOTENCY", `${scope}#${keyHash}`),
  rateWindow: (scope: string, client: string, window: number): Key => single("RATE", `${scope}#${client}#${window}`),
  staff: (id: string): Key => single("STAFF", id),
  /** One per address: makes an address belong to one staff member only. */
  staffEmail: (email: string): Key => single("STAFFEMAIL", email),
  staffIndex: (email: string) => ({ GSI1PK: STAFF_LIST, GSI1SK: email }),
  magicLink: (tokenHash: string): Key => single("MAGICLINK", tokenHash),
  session: (tokenHash: string): Key => single("SESSION", tokenHash),
  apiToken: (id: string): Key => single("APITOKEN", id),
  apiTokenIndex: (staffId: string, id: string) => ({ GSI1PK: `APITOKENS#${staffId}`, GSI1SK: id }),
  /** Marks a stream effect as applied, so a redelivered record cannot apply it twice. */
  applied: (effect: string): Key => single("APPLIED", effect),
  /** Records that the local sample data was loaded. */
  demoMarker: (): Key => single("DEMO", "marker"),
  /** The item the health check reads: any answer, even "no item", proves the table answers. */
  health: (): Key => single("HEALTH", "check"),
} as const;

/** The purpose of the acknowledgement sent for one feedback item. */
export const acknowledgementPurpose = (feedbackId: string) => `ack#${feedbackId}`;
/** The purpose of the mail that carries one magic sign-in link. */
export const signInPurpose = (linkHash: string) => `signin#${linkHash}`;
/** The purpose of the invitation mail to a new staff member. */
export const invitationPurpose = (staffId: string) => `invite#${staffId}`;
