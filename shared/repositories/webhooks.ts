import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getParsed, newPut, putNew, sendPut, versionedPut } from "../db/access";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { epochSeconds, parseItem } from "../db/items";
import {
  keys,
  WEBHOOK_DELIVERY_PREFIX,
  WEBHOOK_DUE_LIST,
  WEBHOOK_ENDPOINT_PREFIX,
  WEBHOOK_ENDPOINTS,
} from "../db/keys";
import { claimOutboxEntry, dueOutboxKeys } from "../db/outbox";
import { queryAll } from "../db/query";
import { stored } from "../entities/catalogue";
import {
  type WebhookDelivery,
  type WebhookEndpoint,
  webhookDeliverySchema,
  webhookEndpointSchema,
} from "../entities/webhook";
import { VersionConflictError } from "./feedback";
import { parsedPage } from "./list-page";

/** How long a delivery is kept (TTL) after it was written: its state is for looking into recent trouble. */
export const DELIVERY_RETENTION_DAYS = 30;

/** A delivery by the two parts of its key: the endpoint, and the event (the delivery's id). */
export interface DeliveryRef {
  endpointId: string;
  eventId: string;
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/**
 * Outbound webhooks: the endpoints admins registered, and the deliveries owed to them (an outbox
 * like the notifications': written once per (endpoint, event), claimed, sent, retried when due).
 */
export class WebhookRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new endpoint. */
  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    await sendPut(
      this.db,
      newPut(this.tableName, stored("WebhookEndpoint", keys.webhookEndpoint(endpoint.id), endpoint)),
    );
  }

  /** An endpoint by id. */
  async getEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
    return getParsed(this.db, this.tableName, keys.webhookEndpoint(id), webhookEndpointSchema);
  }

  /** Every endpoint, oldest first: one Query of their one partition (each event reads them). */
  async allEndpoints(): Promise<WebhookEndpoint[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": WEBHOOK_ENDPOINTS, ":prefix": WEBHOOK_ENDPOINT_PREFIX },
    });
    return items.map((item) => parseItem(webhookEndpointSchema, item));
  }

  /** A page of the endpoints, oldest first. */
  async endpointPage(limit: number, startKey?: Record<string, unknown>) {
    return parsedPage(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
        ExpressionAttributeValues: { ":pk": WEBHOOK_ENDPOINTS, ":prefix": WEBHOOK_ENDPOINT_PREFIX },
      },
      webhookEndpointSchema,
      limit,
      startKey,
    );
  }

  /** Stores a changed endpoint if its version is still `expectedVersion` (else a VersionConflictError). */
  async updateEndpoint(endpoint: WebhookEndpoint, expectedVersion: number): Promise<void> {
    try {
      const item = stored("WebhookEndpoint", keys.webhookEndpoint(endpoint.id), endpoint);
      await sendPut(this.db, versionedPut(this.tableName, item, expectedVersion));
    } catch (error) {
      if (conditionFailed(error)) throw new VersionConflictError(`webhook ${endpoint.id} changed meanwhile`);
      throw error;
    }
  }

  /** Deletes an endpoint; its deliveries stay until they expire, and no new ones are written. */
  async deleteEndpoint(id: string): Promise<boolean> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.webhookEndpoint(id),
          ConditionExpression: "attribute_exists(PK)",
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Writes a new pending delivery; false when the one for this endpoint and event exists already.
   * It is listed as due when a first claim would have run out, so the sweep takes it over only if
   * the stream function never finished it.
   */
  async createDelivery(delivery: WebhookDelivery, claimSeconds: number, now: Date): Promise<boolean> {
    return putNew(this.db, this.tableName, {
      ...stored("WebhookDelivery", keys.webhookDelivery(delivery.endpointId, delivery.id), delivery),
      ...keys.webhookDeliveryDue(later(now, claimSeconds), delivery.endpointId, delivery.id),
      expiresAt: epochSeconds(now) + DELIVERY_RETENTION_DAYS * 86_400,
    });
  }

  /** A delivery by endpoint and event, read consistently. */
  async getDelivery(ref: DeliveryRef): Promise<WebhookDelivery | undefined> {
    return getParsed(this.db, this.tableName, keys.webhookDelivery(ref.endpointId, ref.eventId), webhookDeliverySchema);
  }

  /** A page of an endpoint's deliveries, newest first. */
  async deliveryPage(endpointId: string, limit: number, startKey?: Record<string, unknown>) {
    const { PK } = keys.webhookDelivery(endpointId, "");
    return parsedPage(
      this.db,
      {
        TableName: this.tableName,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
        ExpressionAttributeValues: { ":pk": PK, ":prefix": WEBHOOK_DELIVERY_PREFIX },
        ScanIndexForward: false,
      },
      webhookDeliverySchema,
      limit,
      startKey,
    );
  }

  /**
   * Takes a pending delivery for sending, counting the attempt (see `claimOutboxEntry`): undefined
   * when it is finished, held by another sender, not yet due or not there.
   */
  async claim(ref: DeliveryRef, now: Date, claimSeconds: number): Promise<WebhookDelivery | undefined> {
    const key = keys.webhookDelivery(ref.endpointId, ref.eventId);
    const claimed = await claimOutboxEntry(this.db, this.tableName, key, now, claimSeconds);
    if (!claimed) return undefined;
    const before = parseItem(webhookDeliverySchema, claimed.before);
    return { ...before, claimedUntil: claimed.claimedUntil, attempts: before.attempts + 1 };
  }

  /** Marks a claimed delivery sent: the receiver answered 2xx. It leaves the due list. */
  async markSent(ref: DeliveryRef, statusCode: number, now: Date): Promise<void> {
    await this.ifPending(ref, {
      UpdateExpression:
        "SET #status = :sent, sentAt = :now, updatedAt = :now, lastStatusCode = :code REMOVE lastError, claimedUntil, nextAttemptAt, GSI1PK, GSI1SK",
      ExpressionAttributeValues: { ":sent": "sent", ":now": now.toISOString(), ":code": statusCode },
    });
  }

  /**
   * Records a failed attempt: the receiver's status code when it answered, and why. With `retryAt`
   * the delivery stays pending and is due again then; without, it ends failed.
   */
  async recordFailure(
    ref: DeliveryRef,
    failure: { error: string; statusCode?: number },
    now: Date,
    retryAt: Date | undefined,
  ): Promise<void> {
    const code = failure.statusCode === undefined ? " REMOVE lastStatusCode," : ", lastStatusCode = :code REMOVE";
    const values = {
      ":error": failure.error.slice(0, 500),
      ":now": now.toISOString(),
      ...(failure.statusCode === undefined ? {} : { ":code": failure.statusCode }),
    };
    if (retryAt) {
      await this.ifPending(ref, {
        UpdateExpression: `SET lastError = :error, updatedAt = :now, nextAttemptAt = :retry, GSI1SK = :dueKey${code} claimedUntil`,
        ExpressionAttributeValues: {
          ...values,
          ":retry": retryAt.toISOString(),
          ":dueKey": keys.webhookDeliveryDue(retryAt.toISOString(), ref.endpointId, ref.eventId).GSI1SK,
        },
      });
      return;
    }
    await this.ifPending(ref, {
      UpdateExpression: `SET #status = :failed, failedAt = :now, lastError = :error, updatedAt = :now${code} claimedUntil, nextAttemptAt, GSI1PK, GSI1SK`,
      ExpressionAttributeValues: { ...values, ":failed": "failed" },
    });
  }

  /**
   * Makes a delivery due again now, for a new attempt asked for by hand, and records who asked: a
   * finished one (sent or failed) becomes pending again, a pending one is due at once. Undefined
   * when it is not there, or a sender holds it right now.
   */
  async resend(ref: DeliveryRef, by: string, now: Date): Promise<WebhookDelivery | undefined> {
    const at = now.toISOString();
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.webhookDelivery(ref.endpointId, ref.eventId),
          UpdateExpression:
            "SET #status = :pending, updatedAt = :now, nextAttemptAt = :now, GSI1PK = :dueList, GSI1SK = :dueKey, resends = list_append(if_not_exists(resends, :none), :resend) REMOVE failedAt",
          ConditionExpression:
            "attribute_exists(PK) AND (#status <> :pending OR attribute_not_exists(claimedUntil) OR claimedUntil <= :now)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":pending": "pending",
            ":now": at,
            ":dueList": keys.webhookDeliveryDue(at, ref.endpointId, ref.eventId).GSI1PK,
            ":dueKey": keys.webhookDeliveryDue(at, ref.endpointId, ref.eventId).GSI1SK,
            ":none": [],
            ":resend": [{ at, by }],
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes ? parseItem(webhookDeliverySchema, Attributes) : undefined;
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
  }

  /** A page of the deliveries due by `now`, oldest first, and where the next page starts. */
  async due(
    now: Date,
    limit: number,
    startKey?: Record<string, unknown>,
  ): Promise<{ keys: DeliveryRef[]; lastKey?: Record<string, unknown> }> {
    const page = await dueOutboxKeys(this.db, this.tableName, WEBHOOK_DUE_LIST, now, limit, startKey);
    const endpointPrefix = keys.webhookDelivery("", "").PK;
    const refs = page.keys.map((key) => ({
      endpointId: key.PK.slice(endpointPrefix.length),
      eventId: key.SK.slice(WEBHOOK_DELIVERY_PREFIX.length),
    }));
    return { keys: refs, lastKey: page.lastKey };
  }

  private async ifPending(
    ref: DeliveryRef,
    update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.webhookDelivery(ref.endpointId, ref.eventId),
          ...update,
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ":pending": "pending" },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }
}
