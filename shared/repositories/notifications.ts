import { PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getItem, getParsed, newPut, putNew } from "../db/access";
import { batchGet } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { conditionFailed, lostRace } from "../db/failures";
import { parseItem } from "../db/items";
import { keys, NOTIFICATION_DUE_LIST } from "../db/keys";
import { claimOutboxEntry, dueOutboxKeys } from "../db/outbox";
import { putAllNew } from "../db/transact";
import { stored } from "../entities/catalogue";
import { type Notification, notificationSchema } from "../entities/notification";

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/** What a successful send records on the notification. */
export interface SentRecord {
  messageId: string;
  /** The transport that took the message. */
  transport: string;
  /** The feedback items the message covered (their timelines record it, by the stream). */
  feedbackIds: string[];
  /** The links issued for the message as sent (erasure deletes them). */
  linkSetId?: string;
  /** For a "we did" update: who sets the told-at of the items it covered. */
  toldBy?: "page" | "stream";
}

/**
 * The outbox: notifications written with the change that causes them, then claimed, sent and
 * marked. Every unfinished notification is also listed by when it is next due, so one that a
 * sender never finished (a failure to retry, or a sender that died) is found and sent again.
 */
export class NotificationRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** A notification by purpose, read consistently (it decides whether mail goes out). */
  async find(purpose: string): Promise<Notification | undefined> {
    return getParsed(this.db, this.tableName, keys.notification(purpose), notificationSchema);
  }

  /** Notifications by purpose, read consistently (missing ones are left out). */
  async findMany(purposes: string[]): Promise<Notification[]> {
    const items = await batchGet(this.db, this.tableName, purposes.map(keys.notification), { consistent: true });
    return items.map((item) => parseItem(notificationSchema, item));
  }

  /**
   * Writes a new pending notification (already claimed, when its writer sends it itself); false
   * when one for this purpose exists already.
   */
  async create(notification: Notification, claimSeconds: number): Promise<boolean> {
    return putNew(this.db, this.tableName, NotificationRepository.pendingItem(notification, claimSeconds));
  }

  /**
   * Writes a new pending notification together with other new items (a timeline entry that
   * records why it is owed): all of them, or none. With `answer`, the stored answer of a request
   * sent with an `Idempotency-Key`: false, and nothing written, when a concurrent request with
   * the same key stored its answer first.
   */
  async createWith(
    notification: Notification,
    claimSeconds: number,
    alongside: Record<string, unknown>[],
    answer?: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await putAllNew(this.db, this.tableName, [
        ...(answer ? [answer] : []),
        NotificationRepository.pendingItem(notification, claimSeconds),
        ...alongside,
      ]);
      return true;
    } catch (error) {
      // The answer comes first: its condition failing, or the service cancelling it for a
      // concurrent transaction on the same key, means another request with this key is in.
      if (answer && lostRace(error, 0)) return false;
      throw error;
    }
  }

  /**
   * Writes a new pending notification that quotes a feedback item's words, with other new items
   * (`alongside`), all or none, only while the item still holds `quoting.message`: "exists" when
   * one for this purpose exists already, "changed" when the item's words changed (were erased)
   * since they were read, or a write to the item got in the way; nothing is written then.
   */
  async createQuoting(
    notification: Notification,
    claimSeconds: number,
    quoting: { feedbackId: string; message: string },
    alongside: Record<string, unknown>[] = [],
  ): Promise<"written" | "exists" | "changed"> {
    const items = [NotificationRepository.pendingItem(notification, claimSeconds), ...alongside];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...items.map((item) => newPut(this.tableName, item)),
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.feedback(quoting.feedbackId),
                ConditionExpression: "message = :message",
                ExpressionAttributeValues: { ":message": quoting.message },
              },
            },
          ],
        }),
      );
      return "written";
    } catch (error) {
      if (conditionFailed(error, 0)) return "exists";
      if (lostRace(error, items.length)) return "changed";
      throw error;
    }
  }

  /**
   * Takes a pending notification for sending, counting the attempt: only one sender holds it at a
   * time, and not before a retry is due. Undefined when it is finished, held, not yet due or not
   * there; `interrupted` when an earlier sender's claim ran out (it died, perhaps after sending).
   * The claim leaves the notification where it is on the due list (one write, no index entry
   * moved): it is due already, or due when a first claim would have run out, so a sender that dies
   * leaves it for the sweep, which finds it due and claims it once this claim has run out.
   */
  async claim(
    purpose: string,
    now: Date,
    claimSeconds: number,
  ): Promise<{ notification: Notification; interrupted: boolean } | undefined> {
    const claimed = await claimOutboxEntry(this.db, this.tableName, keys.notification(purpose), now, claimSeconds);
    if (!claimed) return undefined;
    const before = parseItem(notificationSchema, claimed.before);
    return {
      notification: { ...before, claimedUntil: claimed.claimedUntil, attempts: before.attempts + 1 },
      interrupted: before.claimedUntil !== undefined,
    };
  }

  /**
   * Marks a claimed notification sent: one conditional write of the notification alone, so nothing
   * else working on the covered items can conflict with it. It is safe to repeat: a write that
   * landed but whose answer was lost finds the same message id and counts as done. The covered
   * items' timelines and told-at follow from its stream record. Returns false when the
   * notification was finished otherwise meanwhile (an erasure ended it).
   */
  async markSent(purpose: string, sent: SentRecord, now: Date): Promise<boolean> {
    const at = now.toISOString();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression: `SET #status = :sent, sentAt = :now, updatedAt = :now, messageId = :messageId, feedbackIds = :ids, #transport = :transport${sent.linkSetId ? ", linkSetId = :links" : ""}${sent.toldBy ? ", toldBy = :toldBy" : ""} REMOVE content, lastError, claimedUntil, nextAttemptAt, GSI1PK, GSI1SK`,
          ConditionExpression: "#status = :pending OR (#status = :sent AND messageId = :messageId)",
          ExpressionAttributeNames: { "#status": "status", "#transport": "transport" },
          ExpressionAttributeValues: {
            ":sent": "sent",
            ":pending": "pending",
            ":now": at,
            ":messageId": sent.messageId,
            ":ids": sent.feedbackIds,
            ":transport": sent.transport,
            ...(sent.linkSetId ? { ":links": sent.linkSetId } : {}),
            ...(sent.toldBy ? { ":toldBy": sent.toldBy } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Gives a claimed notification back without counting the attempt: the mail service asked to be
   * tried later (its sending rate or daily quota). It is due again at `retryAt`.
   */
  async defer(purpose: string, reason: string, now: Date, retryAt: Date): Promise<void> {
    await this.ifPending(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notification(purpose),
        UpdateExpression:
          "SET lastError = :error, updatedAt = :now, nextAttemptAt = :retry, GSI1SK = :dueKey, attempts = attempts - :one, deferrals = if_not_exists(deferrals, :zero) + :one REMOVE claimedUntil",
        ConditionExpression: "#status = :pending AND attempts > :zero",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":error": reason.slice(0, 500),
          ":now": now.toISOString(),
          ":retry": retryAt.toISOString(),
          ":dueKey": keys.notificationDue(purpose, retryAt.toISOString()).GSI1SK,
          ":pending": "pending",
          ":one": 1,
          ":zero": 0,
        },
      }),
    );
  }

  /**
   * Records a failed attempt. With `retryAt` the notification stays pending and is due again then;
   * without, it ends failed, and the covered items' timelines record it (by the stream).
   */
  async recordFailure(
    purpose: string,
    error: string,
    now: Date,
    retryAt: Date | undefined,
    feedbackIds: string[],
  ): Promise<void> {
    const values = { ":error": error.slice(0, 500), ":now": now.toISOString(), ":pending": "pending" };
    if (retryAt) {
      await this.ifPending(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notification(purpose),
          UpdateExpression:
            "SET lastError = :error, updatedAt = :now, nextAttemptAt = :retry, GSI1SK = :dueKey REMOVE claimedUntil",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ...values,
            ":retry": retryAt.toISOString(),
            ":dueKey": keys.notificationDue(purpose, retryAt.toISOString()).GSI1SK,
          },
        }),
      );
      return;
    }
    await this.finish(purpose, "failed", now, feedbackIds, error.slice(0, 500));
  }

  /**
   * Ends a pending notification without sending it (the address is suppressed, or nothing is
   * owed); the covered items' timelines record it (by the stream).
   */
  async markSuppressed(purpose: string, now: Date, feedbackIds: string[] = []): Promise<void> {
    await this.finish(purpose, "suppressed", now, feedbackIds);
  }

  /**
   * Pauses every sender until `until`: the mail service refused all messages for now (a daily
   * quota). A later pause only ever extends an earlier one.
   */
  async pauseSending(until: Date, reason: string, now: Date): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.mailPause(),
            entityType: "MailPause",
            until: until.toISOString(),
            reason: reason.slice(0, 500),
            at: now.toISOString(),
          },
          ConditionExpression: "attribute_not_exists(PK) OR #until < :until",
          ExpressionAttributeNames: { "#until": "until" },
          ExpressionAttributeValues: { ":until": until.toISOString() },
        }),
      )
      .catch((e: unknown) => {
        if (!conditionFailed(e)) throw e;
      });
  }

  /** Until when sending is paused, if it ever was (the time may be past). */
  /** Up to where (an item id) new items were checked for an acknowledgement never written. */
  async acknowledgementCursor(): Promise<string | undefined> {
    const Item = await getItem(this.db, this.tableName, keys.acknowledgementCursor());
    return typeof Item?.checkedTo === "string" ? Item.checkedTo : undefined;
  }

  /** Moves the cursor forward only: two sweeps at once never move it back. */
  async advanceAcknowledgementCursor(checkedTo: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.acknowledgementCursor(), entityType: "Cursor", checkedTo, updatedAt: at.toISOString() },
          ConditionExpression: "attribute_not_exists(checkedTo) OR checkedTo < :to",
          ExpressionAttributeValues: { ":to": checkedTo },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  async pausedUntil(): Promise<string | undefined> {
    const Item = await getItem(this.db, this.tableName, keys.mailPause(), false);
    return typeof Item?.until === "string" ? Item.until : undefined;
  }

  /**
   * A page of the purposes of unfinished notifications due by `now`, oldest first, and where the
   * next page starts (undefined at the end of what is due).
   */
  async due(
    now: Date,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ purposes: string[]; lastKey?: Record<string, unknown> }> {
    const page = await dueOutboxKeys(this.db, this.tableName, NOTIFICATION_DUE_LIST, now, limit, startKey);
    // The purpose is the rest of the notification's key.
    const purposes = page.keys.map((key) => key.PK.slice(keys.notification("").PK.length));
    return { purposes, lastKey: page.lastKey };
  }

  private async finish(
    purpose: string,
    status: "suppressed" | "failed",
    now: Date,
    feedbackIds: string[],
    lastError?: string,
  ): Promise<void> {
    const failed = status === "failed";
    await this.ifPending(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notification(purpose),
        UpdateExpression: `SET #status = :status, updatedAt = :now, feedbackIds = :ids${failed ? ", failedAt = :now, lastError = :error" : ""} REMOVE content, claimedUntil, nextAttemptAt, GSI1PK, GSI1SK`,
        ConditionExpression: "#status = :pending",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":status": status,
          ":pending": "pending",
          ":now": now.toISOString(),
          ":ids": feedbackIds,
          ...(failed ? { ":error": lastError ?? "" } : {}),
        },
      }),
    );
  }

  private async ifPending(command: UpdateCommand): Promise<void> {
    await this.db.send(command).catch((e: unknown) => {
      if (!conditionFailed(e)) throw e;
    });
  }

  /**
   * The item of a new pending notification; its key makes a second one for the same purpose
   * impossible. It is due when a claim taken as it is written would run out (or its own claim
   * does): its sender finishes it long before, and if that never happens, the sweep finds it.
   */
  static pendingItem(notification: Notification, claimSeconds: number) {
    return stored(
      "Notification",
      {
        ...keys.notification(notification.purpose),
        ...keys.byEmail(notification.emailHash, `NOTIFICATION#${notification.createdAt}`),
        ...keys.notificationDue(
          notification.purpose,
          notification.claimedUntil ?? later(new Date(notification.createdAt), claimSeconds),
        ),
      },
      notification,
    );
  }
}
