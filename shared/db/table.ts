import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one table's definition. The CDK stack and the local host (and the tests) both build the
 * table from this, so the deployed table and the local one cannot drift apart.
 */
export const tableDefinition = {
  partitionKey: "PK",
  sortKey: "SK",
  /** Secondary indexes: every non-key access pattern is a Query on one of these. */
  indexes: {
    /** Feedback newest first: GSI1PK = "FEEDBACK", GSI1SK = the feedback's ULID. */
    feedbackByTime: { name: "GSI1", partitionKey: "GSI1PK", sortKey: "GSI1SK" },
  },
  /** Epoch seconds; DynamoDB deletes expired items lazily, so code also checks expiry itself. */
  timeToLiveAttribute: "expiresAt",
  streamViewType: "NEW_AND_OLD_IMAGES",
} as const;

export const GSI1 = tableDefinition.indexes.feedbackByTime.name;

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
      Projection: { ProjectionType: "ALL" },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
  };
}
