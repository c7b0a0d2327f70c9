import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { getItem, getParsed, newPut, putNew } from "../db/access";
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
    return getParsed(this.db, this.tableName, keys.staff(id), staffSchema);
  }

  /** A staff member by address (compared normalised). */
  async findByEmail(email: string): Promise<Staff | undefined> {
    const Item = await getItem(this.db, this.tableName, keys.staffEmail(normaliseEmail(email)));
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
            newPut(this.tableName, { ...keys.staffEmail(email), entityType: "StaffEmail", staffId: staff.id }),
            newPut(this.tableName, StaffRepository.item(staff)),
            ...extra.map((item) => newPut(this.tableName, item)),
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
    const Item = await getItem(this.db, this.tableName, keys.digestRun(week));
    return Item !== undefined;
  }

  /** Records that every digest of an ISO week was written (the first run to get here records it). */
  async markDigestRun(week: string, written: number, at: Date): Promise<void> {
    await putNew(
      this.db,
      this.tableName,
      stored("DigestRun", keys.digestRun(week), { week, written, at: at.toISOString() }),
    );
  }

  private static item(staff: Staff) {
    return stored("Staff", { ...keys.staff(staff.id), ...keys.staffIndex(normaliseEmail(staff.email)) }, staff);
  }
}
