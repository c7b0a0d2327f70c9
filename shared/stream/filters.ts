import { type EntityType, entities, type StreamInterest } from "../entities/catalogue";

/**
 * Which stream records the stream function acts on: the stream interests of the entity catalogue. The CDK event source mapping turns this into
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

/** The stream interests of every entity in the catalogue, each one filter. */
export const streamFilters: StreamFilter[] = (
  Object.entries(entities) as [EntityType, { stream?: readonly StreamInterest[] }][]
).flatMap(([type, entity]) =>
  (entity.stream ?? []).map((interest) => ({
    eventName: [...interest.events],
    newImage: {
      entityType: [type],
      ...Object.fromEntries(Object.entries(interest.where ?? {}).map(([name, values]) => [name, [...values]])),
    },
    ...(interest.numbers
      ? {
          newNumbers: Object.fromEntries(Object.entries(interest.numbers).map(([name, values]) => [name, [...values]])),
        }
      : {}),
  })),
);

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
