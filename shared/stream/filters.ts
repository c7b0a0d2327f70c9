/**
 * Which stream records the stream function acts on. The CDK event source mapping turns this into
 * Lambda event filtering, and the local poller applies the same predicate, so the function wakes
 * for the same records on both hosts.
 */
export interface StreamFilter {
  eventName: ("INSERT" | "MODIFY" | "REMOVE")[];
  /** Values of string attributes of the new image, each attribute matching one of its values. */
  newImage: Record<string, string[]>;
  /** Values of number attributes of the new image, as DynamoDB writes them (decimal strings). */
  newNumbers?: Record<string, string[]>;
}

export const streamFilters: StreamFilter[] = [
  // A notification written to the outbox by a use case, unclaimed (one written already claimed is
  // being sent by its writer). A failed send is recorded, not thrown: the notification stays
  // listed as due, and the sweep retries it after a backoff.
  {
    eventName: ["INSERT"],
    newImage: { entityType: ["Notification"], status: ["pending"] },
    newNumbers: { attempts: ["0"] },
  },
  // A notification finished (sent, failed or suppressed): the items it covered record it on their
  // timelines, and a "we did" sent sets their told-at. Kept out of the mark, which stays one write.
  { eventName: ["MODIFY"], newImage: { entityType: ["Notification"], status: ["sent", "failed", "suppressed"] } },
  // A feedback item created or changed: the status counts and the metric counters follow it, a
  // new item owed an acknowledgement gets it, and an item merged into one linked to an action gets
  // the update the action owes.
  { eventName: ["INSERT", "MODIFY"], newImage: { entityType: ["Feedback"] } },
  // An action changed: its linked feedback follows (through a job, a page at a time).
  { eventName: ["MODIFY"], newImage: { entityType: ["Action"] } },
  // Feedback linked to an action: it gets the update of the action's current phase.
  { eventName: ["INSERT"], newImage: { entityType: ["ActionLink"] } },
  // A job with a page still to do: written when it starts and each time it moves its cursor on.
  { eventName: ["INSERT", "MODIFY"], newImage: { entityType: ["Job"], status: ["pending"] } },
];

/** The filter as a Lambda event filtering pattern (JSON), for the event source mapping. */
export function toLambdaFilterPattern(filter: StreamFilter): Record<string, unknown> {
  const image = Object.fromEntries([
    ...Object.entries(filter.newImage).map(([name, values]) => [name, { S: values }]),
    ...Object.entries(filter.newNumbers ?? {}).map(([name, values]) => [name, { N: values }]),
  ]);
  return { eventName: filter.eventName, dynamodb: { NewImage: image } };
}

interface RecordLike {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, { S?: string; N?: string } | unknown> };
}

/** Whether a stream record passes any of the filters (the local poller's twin of event filtering). */
export function matchesStreamFilters(record: RecordLike, filters: StreamFilter[] = streamFilters): boolean {
  return filters.some((filter) => {
    if (!record.eventName || !filter.eventName.includes(record.eventName as StreamFilter["eventName"][number])) {
      return false;
    }
    const image = record.dynamodb?.NewImage ?? {};
    const matches = (name: string, values: string[], type: "S" | "N") => {
      const value = (image[name] as { S?: string; N?: string } | undefined)?.[type];
      return value !== undefined && values.includes(value);
    };
    return (
      Object.entries(filter.newImage).every(([name, values]) => matches(name, values, "S")) &&
      Object.entries(filter.newNumbers ?? {}).every(([name, values]) => matches(name, values, "N"))
    );
  });
}
