import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DocumentClient } from "../db/client";
import { conditionFailed, lostRace } from "../db/failures";
import { parseItem } from "../db/items";
import { keys, STAFF_LIST } from "../db/keys";
import { queryAll } from "../db/query";
import { stored } from "../entities/catalogue";
import { type Staff, staffSchema } from "../entities/staff";
import { isUlid, normaliseEmail } from "../ids";
import { listQuery, parsedPage } from "./list-page";

/** Thrown when an address already belongs to a staff member. */
export class StaffEmailTakenError extends Error {}

/** Staff members, unique by normalised address. */
export class StaffRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** A staff member by id. */
  async get(id: string): Promise<Staff | undefined> {
    if (!isUlid(id)) return undefined;
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.staff(id), ConsistentRead: true }),
    );
    return Item ? parseItem(staffSchema, Item) : undefined;
  }

  /** A staff member by address (compared normalised). */
  async findByEmail(email: string): Promise<Staff | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.staffEmail(normaliseEmail(email)), ConsistentRead: true }),
    );
    return Item ? this.get(String(Item.staffId)) : undefined;
  }

  /** Everyone, ordered by address. */
  async list(): Promise<Staff[]> {
    const items = await queryAll(this.db, listQuery(this.tableName, STAFF_LIST));
    return items.map((item) => parseItem(staffSchema, item));
  }

  /** A page of everyone, ordered by address. */
  page(limit: number, startKey?: Record<string, unknown>) {
    return parsedPage(this.db, listQuery(this.tableName, STAFF_LIST), staffSchema, limit, startKey);
  }

  /** Adds a staff member; the address must not belong to anyone yet. */
  async create(staff: Staff, extra: Record<string, unknown>[] = []): Promise<void> {
    const email = normaliseEmail(staff.email);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.staffEmail(email), entityType: "StaffEmail", staffId: staff.id },
                ConditionExpression: "attribute_not_exists(PK)",
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: StaffRepository.item(staff),
                ConditionExpression: "attribute_not_exists(PK)",
              },
            },
            ...extra.map((Item) => ({
              Put: { TableName: this.tableName, Item, ConditionExpression: "attribute_not_exists(PK)" },
            })),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error, 0)) {
        throw new StaffEmailTakenError(`${email} is already staff`);
      }
      throw error;
    }
  }

  /** Stores a changed staff member (role, active, last sign-in). */
  async save(staff: Staff): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: StaffRepository.item(staff),
        ConditionExpression: "attribute_exists(PK)",
      }),
    );
  }

  /**
   * Stores a changed staff member only if `adminId` is an active admin at that moment (checked in
   * the same transaction). Returns false when it is not.
   */
  async saveWhileActiveAdmin(staff: Staff, adminId: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: StaffRepository.item(staff),
                ConditionExpression: "attribute_exists(PK)",
              },
            },
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.staff(adminId),
                ConditionExpression: "#role = :admin AND active = :yes",
                ExpressionAttributeNames: { "#role": "role" },
                ExpressionAttributeValues: { ":admin": "admin", ":yes": true },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }

  /** Whether every digest of an ISO week was written. */
  async digestRunDone(week: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.digestRun(week), ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  /** Records that every digest of an ISO week was written (the first run to get here records it). */
  async markDigestRun(week: string, written: number, at: Date): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: stored("DigestRun", keys.digestRun(week), { week, written, at: at.toISOString() }),
          ConditionExpression: "attribute_not_exists(PK)",
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }

  private static item(staff: Staff) {
    return stored("Staff", { ...keys.staff(staff.id), ...keys.staffIndex(normaliseEmail(staff.email)) }, staff);
  }
}
