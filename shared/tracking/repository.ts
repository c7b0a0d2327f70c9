import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";

const trackingSchema = z.object({ feedbackId: z.string() });
const unsubscribeSchema = z.object({ emailHash: z.string(), feedbackId: z.optional(z.string()) });

/** Bearer tokens given to submitters, stored only as hashes: a table dump reveals no working link. */
export class TokenRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** The feedback id a tracking token (by hash) opens. */
  async findTracking(tokenHash: string): Promise<string | undefined> {
    const item = await this.get(keys.tracking(tokenHash));
    return item ? parseItem(trackingSchema, item).feedbackId : undefined;
  }

  /** The address (by hash) an unsubscribe token (by hash) stands for. */
  async findUnsubscribe(tokenHash: string) {
    const item = await this.get(keys.unsubscribe(tokenHash));
    return item ? parseItem(unsubscribeSchema, item) : undefined;
  }

  /**
   * Stores newly issued tokens' lookup items, each a plain put: each token stands alone, and one
   * that is stored while another is not is simply never handed out (the send that needed it fails
   * and issues new ones).
   */
  async store(items: Record<string, unknown>[]): Promise<void> {
    await Promise.all(items.map((Item) => this.db.send(new PutCommand({ TableName: this.tableName, Item }))));
  }

  private async get(key: { PK: string; SK: string }) {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key }));
    return Item;
  }

  /** The lookup item of a tracking token. */
  static trackingItem(tokenHash: string, feedbackId: string, createdAt: string) {
    return { ...keys.tracking(tokenHash), entityType: "TrackingToken", feedbackId, createdAt };
  }

  /** The lookup item of an unsubscribe token. */
  static unsubscribeItem(tokenHash: string, emailHash: string, createdAt: string, feedbackId?: string) {
    return {
      ...keys.unsubscribe(tokenHash),
      ...keys.byEmail(emailHash, `UNSUBSCRIBE#${tokenHash}`),
      entityType: "UnsubscribeToken",
      emailHash,
      feedbackId,
      createdAt,
    };
  }
}
