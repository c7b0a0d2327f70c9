import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { getParsed, newPut, sendPut, versionedPut } from "../db/access";
import type { DocumentClient } from "../db/client";
import { lostRace } from "../db/failures";
import { parseItem } from "../db/items";
import { GOAL_LIST, keys } from "../db/keys";
import { queryAll } from "../db/query";
import { stored } from "../entities/catalogue";
import { type Goal, goalSchema } from "../entities/goal";
import { isUlid } from "../ids";
import { VersionConflictError } from "./feedback";
import { listQuery, parsedPage } from "./list-page";

/** Thrown when a goal that a change was checked against (one above it) changed meanwhile. */
export class GoalsAboveChangedError extends Error {}

/** Goals: a handful per organisation, so the hierarchy reads them all in one short Query; lists page. */
export class GoalRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** A goal by id. */
  async get(id: string): Promise<Goal | undefined> {
    if (!isUlid(id)) return undefined;
    return getParsed(this.db, this.tableName, keys.goal(id), goalSchema);
  }

  /** Every goal, oldest first. */
  async list(): Promise<Goal[]> {
    const items = await queryAll(this.db, listQuery(this.tableName, GOAL_LIST));
    return items.map((item) => parseItem(goalSchema, item));
  }

  /** A page of the goals, oldest first. */
  page(limit: number, startKey?: Record<string, unknown>) {
    return parsedPage(this.db, listQuery(this.tableName, GOAL_LIST), goalSchema, limit, startKey);
  }

  /** Stores a new goal. */
  async create(goal: Goal): Promise<void> {
    await sendPut(this.db, newPut(this.tableName, GoalRepository.item(goal)));
  }

  /**
   * Stores a changed goal if its stored version is still `expectedVersion` and each goal in
   * `unchanged` (the goals above it, as read) still has the version given, all in one transaction.
   */
  async update(goal: Goal, expectedVersion: number, unchanged: { id: string; version: number }[] = []): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            versionedPut(this.tableName, GoalRepository.item(goal), expectedVersion),
            ...unchanged.map((other) => ({
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.goal(other.id),
                ConditionExpression: "version = :expected",
                ExpressionAttributeValues: { ":expected": other.version },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (lostRace(error, 0)) throw new VersionConflictError(`goal ${goal.id} changed meanwhile`);
      if (lostRace(error)) throw new GoalsAboveChangedError(`a goal above ${goal.id} changed meanwhile`);
      throw error;
    }
  }

  private static item(goal: Goal) {
    return stored("Goal", { ...keys.goal(goal.id), ...keys.goalIndex(goal.id) }, goal);
  }
}
