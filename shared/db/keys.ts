/**
 * Every key of the single table is built here, and nowhere else.
 *
 * Access patterns:
 * - feedback by id:                       GetItem  PK=FEEDBACK#<id>          SK=FEEDBACK
 * - a feedback item's timeline:           Query    PK=FEEDBACK#<id>          SK begins_with TIMELINE#
 * - items merged into a feedback item:    Query    PK=FEEDBACK#<id>          SK begins_with MERGED#
 * - feedback newest first (inbox):        Query    GSI1 GSI1PK=FEEDBACK.<shard> GSI1SK=<id> descending, on
 *                                         every shard (and the unsharded FEEDBACK of older items), merged
 * - feedback by status/kind/topic/department/assignee/goal, newest first: Query GSI2..GSI6, GSI8
 *                                         PK=<FILTER>.<shard>#<value>, on every shard, merged (see below)
 * - everything held about an address:     Query    GSI7 GSI7PK=EMAIL#<sha256>
 * - status counts:                        GetItem  PK=COUNTS#feedback-status SK=COUNTS
 * - tracking token -> feedback:           GetItem  PK=FEEDBACK#<id from the token> (its trackingHash), or
 *                                         GetItem  PK=LINKS#<id from the token> (a mail's links), or
 *                                         GetItem  PK=TRACKING#<sha256> (tokens issued before)
 * - unsubscribe token -> address:         GetItem  PK=LINKS#<id from the token>, or
 *                                         GetItem  PK=UNSUBSCRIBE#<sha256> (tokens issued before)
 * - is an address suppressed:             GetItem  PK=SUPPRESSION#<sha256>   SK=SUPPRESSION
 * - suppressions lifted, newest first:    Query    PK=SUPPRESSION_LIFTS      SK begins_with LIFT# descending
 *   (an admin's audited act on a staff address: few, so one partition holds them)
 * - a notification (outbox entry):        GetItem  PK=NOTIFICATION#<purpose> SK=NOTIFICATION
 * - new items, oldest first, from a cursor: Query    GSI1 GSI1PK=FEEDBACK.<shard> GSI1SK BETWEEN <from> AND <to>,
 *                                         on every shard, merged
 * - notifications due (retry, or a send   Query    GSI1 GSI1PK=NOTIFICATION_DUE.<shard> GSI1SK <= <now>,
 *   that never finished), oldest first    on every shard (and the unsharded key of older entries), merged
 * - an idempotent request's answer:       GetItem  PK=IDEMPOTENCY#<scope>#<sha256> SK=IDEMPOTENCY
 * - a client's request count in a window: UpdateItem PK=RATE#<scope>#<client>#<window> SK=RATE
 * - staff member by id / by address:      GetItem  PK=STAFF#<id> / PK=STAFFEMAIL#<address>
 * - staff list by address:                Query    GSI1 GSI1PK=STAFF
 * - magic link by token hash:             GetItem  PK=MAGICLINK#<sha256>
 * - session by token hash:                GetItem  PK=SESSION#<sha256>
 * - API token by id; a member's tokens:   GetItem  PK=APITOKEN#<id>; Query GSI1 GSI1PK=APITOKENS#<staffId>
 * - stream effects already applied:       ConditionCheck PK=APPLIED#<effect> (a marker, with TTL)
 * - goal by id; all goals:                GetItem  PK=GOAL#<id>; Query GSI1 GSI1PK=GOAL
 * - action by id; all actions:            GetItem  PK=ACTION#<id>; Query GSI1 GSI1PK=ACTION
 * - done actions, latest done first:      Query    GSI2 GSI2PK=ACTIONS_DONE  GSI2SK=<doneAt>#<id> descending
 *   (the status index, shared: only done actions carry these attributes)
 * - a goal's feedback / actions:          Query    GSI8 GSI8PK=GOAL#<id>  GSI8SK begins_with FEEDBACK# / ACTION#
 * - an action's linked feedback:          Query    PK=ACTION#<id>         SK begins_with LINK#
 * - a feedback item's actions:            Query    PK=FEEDBACK#<id>       SK begins_with ACTIONLINK#
 * - an action's timeline:                 Query    PK=ACTION#<id>         SK begins_with TIMELINE#
 * - the board's counts of an action:      GetItem  PK=ACTION#<id>         SK=COUNTS (kept a short while)
 * - an action's finders (credited once    Query    PK=ACTION#<id>         SK begins_with FINDER#
 *   it is done):
 * - a paged job of the stream function:   GetItem  PK=JOB#<id>
 * - pending jobs by when they stall:      Query    GSI1 GSI1PK=JOB_DUE  GSI1SK <= <now>
 * - until when sending is paused:         GetItem  PK=MAILPAUSE#all
 * - a scope's metric counters, one a day: Query    PK=METRIC#<scope>      SK between DAY#<from> and DAY#<to>
 * - a goal's observations (its measure), Query    PK=GOAL#<id>  SK begins_with OBSERVATION# (a page, by day), or
 *   one a day:                            SK between OBSERVATION#<from> and OBSERVATION#<to> (progress)
 * - a webhook endpoint; all of them:      GetItem  PK=WEBHOOKS SK=ENDPOINT#<id>; Query PK=WEBHOOKS SK begins_with ENDPOINT#
 * - an endpoint's deliveries, newest first: Query  PK=WEBHOOK#<endpointId> SK begins_with DELIVERY# descending
 *   (a delivery by endpoint and event:    GetItem  PK=WEBHOOK#<endpointId> SK=DELIVERY#<eventId>)
 * - webhook deliveries due (retry, or a   Query    GSI1 GSI1PK=WEBHOOK_DUE.<shard> GSI1SK <= <now>,
 *   send that never finished), oldest first  on every shard (and the unsharded key of older entries), merged
 * - whether a week's digests are written: GetItem  PK=DIGESTRUN#<YYYY-Www>
 * - recognition (compliments routed, kudos) Query  PK=RECOGNITION#<YYYY-MM> SK between <from> and <to>~
 *   in a period, by month:                (one query per month of the period)
 */
export interface Key {
  PK: string;
  SK: string;
}

const single = (prefix: string, id: string): Key => ({ PK: `${prefix}#${id}`, SK: prefix });

/** A number from an id, the same every time: which shard of several an item's writes go to. */
const shardOf = (id: string, shards: number, seed: number) =>
  [...id].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 1_000_003, seed) % shards;

export const TIMELINE_PREFIX = "TIMELINE#";
export const SUPPRESSION_LIFTS = "SUPPRESSION_LIFTS";
export const SUPPRESSION_LIFT_PREFIX = "LIFT#";
export const ACTION_LINK_PREFIX = "ACTIONLINK#";
export const LINK_PREFIX = "LINK#";
/** Under an action (before its links): whoever reported what it fixed, credited once it is done. */
export const FINDER_PREFIX = "FINDER#";
/** Under an action, after its links: the people from the public who asked to be told about it. */
export const SUBSCRIBER_PREFIX = "SUBSCRIBER#";
export const GOAL_LIST = "GOAL";
export const OBSERVATION_PREFIX = "OBSERVATION#";
export const ACTION_LIST = "ACTION";
export const DONE_ACTIONS = "ACTIONS_DONE";
/** The public roadmap: actions planned or in progress. */
export const PROMISED_ACTIONS = "ACTIONS_PROMISED";
export const MERGED_PREFIX = "MERGED#";
export const FEEDBACK_LIST = "FEEDBACK";
export const STAFF_LIST = "STAFF";
export const NOTIFICATION_DUE_LIST = "NOTIFICATION_DUE";
export const JOB_DUE_LIST = "JOB_DUE";
/** Every webhook endpoint lives in this one partition: each event reads them all with one Query. */
export const WEBHOOK_ENDPOINTS = "WEBHOOKS";
export const WEBHOOK_ENDPOINT_PREFIX = "ENDPOINT#";
export const WEBHOOK_DELIVERY_PREFIX = "DELIVERY#";
export const WEBHOOK_DUE_LIST = "WEBHOOK_DUE";

/** Case and spacing do not split a filter value: "Mobile App " and "mobile app" are one topic. */
export const filterValue = (value: string) => value.trim().toLowerCase();

/** The filter dimensions of the inbox, each served by its own index. */
export const feedbackFilters = {
  status: { index: "feedbackByStatus", partitionKey: "GSI2PK", sortKey: "GSI2SK", prefix: "STATUS" },
  kind: { index: "feedbackByKind", partitionKey: "GSI3PK", sortKey: "GSI3SK", prefix: "KIND" },
  topic: { index: "feedbackByTopic", partitionKey: "GSI4PK", sortKey: "GSI4SK", prefix: "TOPIC" },
  department: { index: "feedbackByDepartment", partitionKey: "GSI5PK", sortKey: "GSI5SK", prefix: "DEPARTMENT" },
  assignee: { index: "feedbackByAssignee", partitionKey: "GSI6PK", sortKey: "GSI6SK", prefix: "ASSIGNEE" },
  /** Shared with a goal's actions, so its feedback sorts under its own prefix. */
  goalId: { index: "byGoal", partitionKey: "GSI8PK", sortKey: "GSI8SK", prefix: "GOAL", sortPrefix: "FEEDBACK#" },
} as const satisfies Record<
  string,
  { index: string; partitionKey: string; sortKey: string; prefix: string; sortPrefix?: string }
>;
export type FeedbackFilterName = keyof typeof feedbackFilters;

/**
 * How many partitions each feedback index key is written over. Every new item writes an entry on
 * the newest-first list and under its status, kind and topic, and a fan-out or a bulk change moves
 * thousands under one status or goal: one partition key each would be a hot key that one index
 * partition (about 1,000 writes a second) must take alone. Spread over these shards by the item's
 * id, a list is read from all of them and merged by id (`mergedQueryPage`).
 */
export const FEEDBACK_INDEX_SHARDS = 4;

/** The shard of the feedback indexes an item's entries are written under: fixed by its id. */
export const feedbackIndexShard = (feedbackId: string) => shardOf(feedbackId, FEEDBACK_INDEX_SHARDS, 11);

/**
 * The partition key of one feedback list on one shard: `FEEDBACK.2`, `STATUS.2#new`. Without a
 * shard, the key items stored before the indexes were sharded still carry until their next write
 * (`FEEDBACK`, `STATUS#new`): the shard sits before the `#`, so no filter value can collide with it.
 */
function shardedKey(prefix: string, value: string | undefined, shard: number | undefined) {
  const head = shard === undefined ? prefix : `${prefix}.${shard}`;
  return value === undefined ? head : `${head}#${value}`;
}

/** The partition key value of one filter on its index, on one shard (or unsharded, as older items carry it). */
export const filterKey = (name: FeedbackFilterName, value: string, shard?: number) =>
  shardedKey(feedbackFilters[name].prefix, filterValue(value), shard);

/** The partition key value of the newest-first feedback list, on one shard (or unsharded). */
export const feedbackListKey = (shard?: number) => shardedKey(FEEDBACK_LIST, undefined, shard);

/** Every partition key one feedback list is read from: each shard, and the unsharded key of older items. */
export const feedbackPartitions = (key: (shard?: number) => string): string[] => [
  key(),
  ...Array.from({ length: FEEDBACK_INDEX_SHARDS }, (_, shard) => key(shard)),
];

/**
 * How many partitions a due list of an outbox (notifications, webhook deliveries) is written over.
 * Every message sent adds its entry and takes it off again: a fan-out at 5,000 mails a second, or a
 * burst of acknowledgements, would write one key ten thousand times a second, and one index
 * partition takes about 1,000. Spread by the entry's key, at most about 625 a second each.
 */
export const DUE_LIST_SHARDS = 16;

/** The partition key of one due list on the shard an entry's key (its purpose, its delivery) fixes. */
const dueListKey = (list: string, entry: string) => shardedKey(list, undefined, shardOf(entry, DUE_LIST_SHARDS, 13));

/** Every partition key a due list is read from: each shard, and the unsharded key of entries written before. */
export const dueListPartitions = (list: string): string[] => [
  list,
  ...Array.from({ length: DUE_LIST_SHARDS }, (_, shard) => shardedKey(list, undefined, shard)),
];

export const keys = {
  feedback: (id: string): Key => single("FEEDBACK", id),
  /**
   * The index attributes of a feedback item: on the newest-first list, on the index of each filter
   * it has a value for (both on the item's shard), and under its submitter's address hash.
   */
  feedbackIndexes: (feedback: {
    id: string;
    status: string;
    kind: string;
    topic?: string;
    department?: string;
    assignee?: string;
    emailHash?: string;
    goalId?: string;
  }) => {
    const shard = feedbackIndexShard(feedback.id);
    const attributes: Record<string, string> = { GSI1PK: feedbackListKey(shard), GSI1SK: feedback.id };
    for (const name of Object.keys(feedbackFilters) as FeedbackFilterName[]) {
      const value = feedback[name];
      if (value === undefined || filterValue(value) === "") continue;
      const filter: { partitionKey: string; sortKey: string; sortPrefix?: string } = feedbackFilters[name];
      attributes[filter.partitionKey] = filterKey(name, value, shard);
      attributes[filter.sortKey] = `${filter.sortPrefix ?? ""}${feedback.id}`;
    }
    if (feedback.emailHash) Object.assign(attributes, keys.byEmail(feedback.emailHash, `FEEDBACK#${feedback.id}`));
    return attributes;
  },
  /** Someone from the public who asked to be told about an action (after its links, under the action). */
  subscriber: (actionId: string, emailHash: string): Key => ({
    PK: `ACTION#${actionId}`,
    SK: `${SUBSCRIBER_PREFIX}${emailHash}`,
  }),
  /** The token of a subscription's confirmation link, by its hash. */
  subscribeToken: (tokenHash: string): Key => single("SUBSCRIBE", tokenHash),
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
  /**
   * The status counts: one shard of them (a burst of new items spreads its writes over
   * `STATUS_COUNT_SHARDS` items), or without a shard the single item older versions kept.
   */
  statusCounts: (shard?: number): Key =>
    shard === undefined ? single("COUNTS", "feedback-status") : single("COUNTS", `feedback-status#${shard}`),
  tracking: (tokenHash: string): Key => single("TRACKING", tokenHash),
  unsubscribe: (tokenHash: string): Key => single("UNSUBSCRIBE", tokenHash),
  /** The links of one mail (its tracking and unsubscribe tokens, by hash), named by the tokens themselves. */
  linkSet: (id: string): Key => single("LINKS", id),
  suppression: (emailHash: string): Key => single("SUPPRESSION", emailHash),
  /** The audit record of a lifted suppression, listed newest first with the others. */
  suppressionLift: (id: string): Key => ({ PK: SUPPRESSION_LIFTS, SK: `${SUPPRESSION_LIFT_PREFIX}${id}` }),
  /** A notification is keyed by what it is for, so a conditional put can never create it twice. */
  notification: (purpose: string): Key => single("NOTIFICATION", purpose),
  /** How far the sweep has checked new items for an acknowledgement their stream record never sent. */
  acknowledgementCursor: (): Key => single("CURSOR", "acknowledgements"),
  /**
   * Lists an unfinished notification by when it is next due: a retry after a failure, or a send
   * whose claim ran out (the sender died). Finished notifications leave the list.
   */
  notificationDue: (purpose: string, dueAt: string) => ({
    GSI1PK: dueListKey(NOTIFICATION_DUE_LIST, purpose),
    GSI1SK: dueAt,
  }),
  /** Until when the mail service refused every message (its daily quota): senders wait, not try. */
  mailPause: (): Key => single("MAILPAUSE", "all"),
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
  goal: (id: string): Key => single("GOAL", id),
  goalIndex: (id: string) => ({ GSI1PK: GOAL_LIST, GSI1SK: id }),
  /** A goal's observation of its measure on one UTC day: one a day, so a repeat replaces it. */
  observation: (goalId: string, day: string): Key => ({ PK: `GOAL#${goalId}`, SK: `${OBSERVATION_PREFIX}${day}` }),
  action: (id: string): Key => single("ACTION", id),
  /**
   * An action is listed with all actions and under its goal; once done, also among done actions by
   * when it was done (the public board's order).
   */
  actionIndexes: (action: { id: string; goalId: string; status: string; doneAt?: string; plannedAt?: string }) => ({
    GSI1PK: ACTION_LIST,
    GSI1SK: action.id,
    ...keys.underGoal(action.goalId, `ACTION#${action.id}`),
    // The public board lists done actions, and its roadmap those planned or in progress.
    ...(action.doneAt && action.status === "done"
      ? { GSI2PK: DONE_ACTIONS, GSI2SK: `${action.doneAt}#${action.id}` }
      : action.status === "planned" || action.status === "in_progress"
        ? { GSI2PK: PROMISED_ACTIONS, GSI2SK: `${action.plannedAt ?? ""}#${action.id}` }
        : {}),
  }),
  /** Places an item under a goal (a linked feedback item, or an action). */
  underGoal: (goalId: string, sortKey: string) => ({ GSI8PK: filterKey("goalId", goalId), GSI8SK: sortKey }),
  /** The link of a feedback item to an action, kept on both sides. */
  actionLink: (actionId: string, feedbackId: string): Key => ({
    PK: `ACTION#${actionId}`,
    SK: `${LINK_PREFIX}${feedbackId}`,
  }),
  feedbackActionLink: (feedbackId: string, actionId: string): Key => ({
    PK: `FEEDBACK#${feedbackId}`,
    SK: `${ACTION_LINK_PREFIX}${actionId}`,
  }),
  /** The public board's counts of an action's audience, kept a short while. */
  actionCounts: (actionId: string): Key => ({ PK: `ACTION#${actionId}`, SK: "COUNTS" }),
  /** Credits the reporter of one linked item as a finder of what a done action fixed. */
  finderCredit: (actionId: string, feedbackId: string): Key => ({
    PK: `ACTION#${actionId}`,
    SK: `${FINDER_PREFIX}${feedbackId}`,
  }),
  actionTimelineEntry: (actionId: string, entryId: string): Key => ({
    PK: `ACTION#${actionId}`,
    SK: `${TIMELINE_PREFIX}${entryId}`,
  }),
  /** A piece of work done page by page by the stream function (e.g. following an action's change). */
  job: (id: string): Key => single("JOB", id),
  /**
   * Lists a pending job by when it counts as stalled: a while after its cursor last moved. The
   * sweep resumes a job found here (its stream record ran out of retries, or is in the
   * dead-letter queue); a finished job leaves the list.
   */
  jobDue: (dueAt: string, id: string) => ({ GSI1PK: JOB_DUE_LIST, GSI1SK: `${dueAt}#${id}` }),
  /** One day's counters of one metric scope, every kind of feedback on the one item. */
  metricDay: (scope: string, day: string): Key => ({ PK: `METRIC#${scope}`, SK: `DAY#${day}` }),
  /** An outbound webhook endpoint; all of them share one partition (few, and read together). */
  webhookEndpoint: (id: string): Key => ({ PK: WEBHOOK_ENDPOINTS, SK: `${WEBHOOK_ENDPOINT_PREFIX}${id}` }),
  /**
   * One event owed to one endpoint, under the endpoint: keyed by the event's id, so a conditional
   * put can never create it twice. Event ids are time-sortable, so the newest come last.
   */
  webhookDelivery: (endpointId: string, eventId: string): Key => ({
    PK: `WEBHOOK#${endpointId}`,
    SK: `${WEBHOOK_DELIVERY_PREFIX}${eventId}`,
  }),
  /** Lists an unfinished webhook delivery by when it is next due (a retry, or a send whose claim ran out). */
  webhookDeliveryDue: (dueAt: string, endpointId: string, eventId: string) => ({
    GSI1PK: dueListKey(WEBHOOK_DUE_LIST, `${endpointId}#${eventId}`),
    GSI1SK: `${dueAt}#${endpointId}#${eventId}`,
  }),
  /**
   * One person recognised (a compliment routed to them, or kudos), under the month it happened:
   * a period is read month by month, in time order.
   */
  recognition: (at: string, kind: string, id: string, toStaffId: string): Key => ({
    PK: `RECOGNITION#${at.slice(0, 7)}`,
    SK: `${at}#${kind}#${id}#${toStaffId}`,
  }),
  /** Records that every digest of an ISO week was written, so the sweep looks no further that week. */
  digestRun: (week: string): Key => single("DIGESTRUN", week),
  /** Records that the local sample data was loaded. */
  demoMarker: (): Key => single("DEMO", "marker"),
  /** The item the health check reads: any answer, even "no item", proves the table answers. */
  health: (): Key => single("HEALTH", "check"),
} as const;

/** The purpose of the acknowledgement sent for one feedback item. */
export const acknowledgementPurpose = (feedbackId: string) => `ack#${feedbackId}`;
/** The purpose of the mail that carries one magic sign-in link. */
export const signInPurpose = (linkHash: string) => `signin#${linkHash}`;
/** The purpose of what one customer is told when staff end an item by hand (its version then). */
export const endingPurpose = (feedbackId: string, version: number, emailHash: string) =>
  `ending#${feedbackId}#${version}#${emailHash}`;
/** The purpose of one personal reply to an item's submitter. */
export const replyPurpose = (feedbackId: string, replyId: string) => `reply#${feedbackId}#${replyId}`;
/** The purpose of the mail that carries one subscription's confirmation link. */
export const subscribePurpose = (actionId: string, tokenHash: string) => `subscribe#${actionId}#${tokenHash}`;
/** The purpose of the mail that hands one compliment to one person it praises: once per item and person. */
export const complimentPurpose = (feedbackId: string, staffId: string) => `compliment#${feedbackId}#${staffId}`;
/** The purpose of the mail that tells a colleague about kudos given to them. */
export const kudosPurpose = (kudosId: string) => `kudos#${kudosId}`;
/** The purpose of the alert about one feedback item to one subscribed staff member. */
export const alertPurpose = (feedbackId: string, staffId: string) => `alert#${feedbackId}#${staffId}`;
/** The purpose of one staff member's digest of one ISO week (`2026-W49`): at most one a week. */
export const digestPurpose = (week: string, staffId: string) => `digest#${week}#${staffId}`;
/** The purpose of the invitation mail to a new staff member. */
export const invitationPurpose = (staffId: string) => `invite#${staffId}`;
/** How many items the status counts are spread over; reading them sums every shard. */
export const STATUS_COUNT_SHARDS = 10;
/** The shard of the status counts an item's changes are counted on. */
export const statusCountShard = (feedbackId: string) => shardOf(feedbackId, STATUS_COUNT_SHARDS, 7);

/**
 * Update phases: "we will" when an action is promised, "you said, we did" when it is done, and
 * "dropped" when a promised action will not happen after all.
 */
export const updatePhases = ["will", "did", "dropped"] as const;
export type UpdatePhase = (typeof updatePhases)[number];
/** The purpose of one customer's update about one action in one phase: at most one can exist. */
export const updatePurpose = (actionId: string, phase: UpdatePhase, emailHash: string) =>
  `update#${actionId}#${phase}#${emailHash}`;
/** The job that tells an action's customers about one phase. */
export const updateJobId = (actionId: string, phase: UpdatePhase) => `updates#${actionId}#${phase}`;
/** The id of one lane (1 and up) of a job split to run side by side; the job itself runs the first part. */
export const laneJobId = (jobId: string, lane: number) => `${jobId}#lane${lane}`;
