import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one table's definition. The CDK stack and the local host (and the tests) both build the
 * table from this, so the deployed table and the local one cannot drift apart.
 */
export const tableDefinition = {
  partitionKey: "PK",
  sortKey: "SK",
  /** Secondary indexes: every non-key access pattern is a Query on one of these (see keys.ts). */
  indexes: {
    // Each index's projection is what the service copies into its entries, and bills per write:
    // keys only, so a write that changes no index key writes no index entry. A Query on an index
    // reads the items themselves by key afterwards (`shared/db/query.ts`).
    /** Lists newest first: feedback (GSI1PK "FEEDBACK"), staff, API tokens. */
    lists: { name: "GSI1", partitionKey: "GSI1PK", sortKey: "GSI1SK", projection: "KEYS_ONLY" },
    /** Feedback by status, newest first; also done actions, latest done first. */
    feedbackByStatus: { name: "GSI2", partitionKey: "GSI2PK", sortKey: "GSI2SK", projection: "KEYS_ONLY" },
    /** Feedback by kind, newest first. */
    feedbackByKind: { name: "GSI3", partitionKey: "GSI3PK", sortKey: "GSI3SK", projection: "KEYS_ONLY" },
    /** Feedback by topic, newest first. */
    feedbackByTopic: { name: "GSI4", partitionKey: "GSI4PK", sortKey: "GSI4SK", projection: "KEYS_ONLY" },
    /** Feedback by the submitter's department, newest first. */
    feedbackByDepartment: { name: "GSI5", partitionKey: "GSI5PK", sortKey: "GSI5SK", projection: "KEYS_ONLY" },
    /** Feedback by assignee, newest first. */
    feedbackByAssignee: { name: "GSI6", partitionKey: "GSI6PK", sortKey: "GSI6SK", projection: "KEYS_ONLY" },
    /** Everything held about an address (by hash): feedback, notifications (privacy export, erasure). */
    byEmail: { name: "GSI7", partitionKey: "GSI7PK", sortKey: "GSI7SK", projection: { include: ["entityType"] } },
    /** What belongs to a goal: its linked feedback (FEEDBACK#...) and its actions (ACTION#...). */
    byGoal: { name: "GSI8", partitionKey: "GSI8PK", sortKey: "GSI8SK", projection: "KEYS_ONLY" },
  },
  /** Epoch seconds; DynamoDB deletes expired items lazily, so code also checks expiry itself. */
  timeToLiveAttribute: "expiresAt",
  streamViewType: "NEW_AND_OLD_IMAGES",
} as const satisfies {
  indexes: Record<string, { name: string; partitionKey: string; sortKey: string; projection: Projection }>;
  [key: string]: unknown;
};

/** What an index holds of each item: everything, only the keys, or the keys and the named attributes. */
export type Projection = "ALL" | "KEYS_ONLY" | { include: readonly string[] };

/** An index's projection as CreateTable (and CloudFormation) spell it. */
export function projectionOf(projection: Projection) {
  if (projection === "ALL" || projection === "KEYS_ONLY") return { ProjectionType: projection };
  return { ProjectionType: "INCLUDE" as const, NonKeyAttributes: [...projection.include] };
}

export const indexNames = Object.fromEntries(
  Object.entries(tableDefinition.indexes).map(([key, index]) => [key, index.name]),
) as { [K in keyof typeof tableDefinition.indexes]: (typeof tableDefinition.indexes)[K]["name"] };

/** The CreateTable request for a table of this definition (local host and tests). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, indexes, streamViewType } = tableDefinition;
  const indexList = Object.values(indexes);
  const keyAttributes = [partitionKey, sortKey, ...indexList.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: indexList.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" },
        { AttributeName: i.sortKey, KeyType: "RANGE" },
      ],
      Projection: projectionOf(i.projection),
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
  };
}
