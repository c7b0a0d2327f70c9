import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { DUE_LIST_SHARDS, dueListPartitions, keys, NOTIFICATION_DUE_LIST } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import type { Notification } from "../../shared/entities/notification";
import { NotificationRepository } from "../../shared/repositories/notifications";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let tableName: string;

beforeAll(async () => {
  ({ deps, tableName } = await createTestTable());
});

const minute = (n: number) => new Date(Date.UTC(2026, 11, 6, 8, n)).toISOString();

/** A pending notification that is due at `dueAt` (its sender's claim ran out then). */
function dueNotification(i: number, dueAt: string): Notification {
  return {
    purpose: `ack#due-list-${String(i).padStart(3, "0")}`,
    kind: "acknowledgement",
    status: "pending",
    recipient: { email: `reader${i}@example.org`, locale: "en" },
    emailHash: `hash-${i}`,
    attempts: 1,
    claimedUntil: dueAt,
    content: { message: "The lift is broken." },
    createdAt: minute(0),
    updatedAt: minute(0),
  };
}

/** Every purpose the due list gives, page after page of `limit`, as the sweep walks it. */
async function walk(now: Date, limit: number): Promise<{ purposes: string[]; pages: number }> {
  const purposes: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const page = await deps.notifications.due(now, limit, startKey);
    purposes.push(...page.purposes);
    startKey = page.lastKey;
    pages++;
  } while (startKey && pages < 100);
  return { purposes, pages };
}

describe("the due list of notifications, written over shards", () => {
  it("spreads entries over every shard by their key, the same key always on the same shard", () => {
    const shards = new Set(Array.from({ length: 400 }, (_, i) => keys.notificationDue(`ack#${i}`, minute(1)).GSI1PK));
    expect(shards.size).toBe(DUE_LIST_SHARDS);
    expect(keys.notificationDue("ack#7", minute(1)).GSI1PK).toBe(keys.notificationDue("ack#7", minute(9)).GSI1PK);
    expect(dueListPartitions(NOTIFICATION_DUE_LIST)).toContain(NOTIFICATION_DUE_LIST);
  });

  it("gives every due entry once, oldest first across the shards, page by page, and with an entry of the unsharded list", async () => {
    // 60 entries due a minute apart in a shuffled order, and one written before the list was sharded.
    const order = Array.from({ length: 60 }, (_, i) => (i * 37) % 60);
    for (const i of order) {
      const item = NotificationRepository.pendingItem(dueNotification(i, minute(i + 1)), 120);
      await deps.db.send(new PutCommand({ TableName: tableName, Item: item }));
    }
    const older = NotificationRepository.pendingItem(dueNotification(999, minute(30)), 120);
    await deps.db.send(
      new PutCommand({ TableName: tableName, Item: { ...older, GSI1PK: NOTIFICATION_DUE_LIST, GSI1SK: minute(30) } }),
    );
    // Not yet due: after `now` (entries 58 and 59 are due later, too).
    const later = NotificationRepository.pendingItem(dueNotification(500, minute(59)), 120);
    await deps.db.send(new PutCommand({ TableName: tableName, Item: later }));

    const now = new Date(minute(58));
    const dueAt = new Map([
      ...Array.from({ length: 58 }, (_, i) => [dueNotification(i, "").purpose, minute(i + 1)] as const),
      [dueNotification(999, "").purpose, minute(30)] as const,
    ]);
    for (const limit of [7, 25, 100]) {
      const { purposes, pages } = await walk(now, limit);
      expect(purposes.length).toBe(dueAt.size);
      expect(new Set(purposes)).toEqual(new Set(dueAt.keys()));
      const times = purposes.map((purpose) => dueAt.get(purpose) ?? "");
      expect(times).toEqual([...times].sort());
      // Full pages until the last (one more, empty, when a shard's answer ended right at the limit).
      expect(pages).toBeLessThanOrEqual(Math.ceil(dueAt.size / limit) + 1);
    }
  });
});
