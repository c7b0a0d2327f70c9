import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { batchWrite } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys, OBSERVATION_PREFIX } from "../db/keys";
import { queryPage } from "../db/query";
import { stored } from "../entities/catalogue";
import { type Observation, observationSchema } from "../entities/observation";

/** A goal's observations of its measure: one item a day under the goal's partition. */
export class ObservationRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores an observation, replacing the goal's observation of that day if there is one. */
  async put(observation: Observation): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: ObservationRepository.item(observation) }));
  }

  /**
   * Stores many observations (each replacing its day's), 25 a request, asking again for what
   * DynamoDB left unprocessed. Their days must differ: a batch may not write one key twice.
   */
  async putAll(observations: Observation[]): Promise<void> {
    await batchWrite(
      this.db,
      this.tableName,
      observations.map((observation) => ({ put: ObservationRepository.item(observation) })),
    );
  }

  /** A page of a goal's observations, latest day first. */
  async page(goalId: string, limit: number, startKey?: Record<string, unknown>) {
    const page = await queryPage(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.goal(goalId).PK, ":prefix": OBSERVATION_PREFIX },
        ScanIndexForward: false,
      },
      limit,
      startKey,
    );
    return { items: page.items.map((item) => parseItem(observationSchema, item)), lastKey: page.lastKey };
  }

  /** A goal's observations from day `from` to day `to` (both included), earliest first: one Query, paged. */
  async between(goalId: string, from: string, to: string): Promise<Observation[]> {
    const observations: Observation[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "PK = :pk AND SK BETWEEN :from AND :to",
          ExpressionAttributeValues: {
            ":pk": keys.goal(goalId).PK,
            ":from": keys.observation(goalId, from).SK,
            ":to": keys.observation(goalId, to).SK,
          },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) observations.push(parseItem(observationSchema, item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return observations;
  }

  private static item(observation: Observation) {
    return stored("Observation", keys.observation(observation.goalId, observation.at), observation);
  }
}
