import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { getItem } from "../db/access";
import { batchGet, batchWrite } from "../db/batch";
import type { DocumentClient } from "../db/client";
import { parseItem } from "../db/items";
import { keys } from "../db/keys";
import { stored } from "../entities/catalogue";
import {
  type LinkSet,
  linkSetSchema,
  type MailAbout,
  trackingTokenSchema,
  type UnsubscribeToken,
  unsubscribeTokenSchema,
} from "../entities/links";
import { newId, newLocatorToken, sha256, tokenLocator } from "../ids";

const locatedFeedbackSchema = z.object({ id: z.string(), trackingHash: z.optional(z.string()) });

/** Newly issued links of one mail: the raw tokens to put in it, and the item that stores their hashes. */
export interface IssuedLinks {
  linkSet: LinkSet;
  /** Feedback id → its tracking token. */
  tracking: Map<string, string>;
  unsubscribe: string;
}

/**
 * Bearer tokens given to submitters, stored only as hashes: a table dump reveals no working link.
 * A token names the item that holds its hash (`newLocatorToken`), so it is found with one read:
 * the feedback item itself for the tracking link intake hands out, and for a mail's links one
 * small item per mail. Tokens issued before this scheme are found by their hash's own item.
 */
export class TokenRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** The feedback id a tracking token opens. */
  async findTracking(token: string): Promise<string | undefined> {
    const hash = sha256(token);
    const locator = tokenLocator(token);
    if (locator) {
      const found = await batchGet(this.db, this.tableName, [keys.feedback(locator), keys.linkSet(locator)], {
        consistent: true,
      });
      for (const item of found) {
        if (item.entityType === "Feedback") {
          const feedback = parseItem(locatedFeedbackSchema, item);
          if (feedback.trackingHash === hash) return feedback.id;
        } else if (item.entityType === "LinkSet") {
          const opened = parseItem(linkSetSchema, item).tracking?.[hash];
          if (opened) return opened;
        }
      }
    }
    const item = await this.get(keys.tracking(hash));
    return item ? parseItem(trackingTokenSchema, item).feedbackId : undefined;
  }

  /** The address (by hash) an unsubscribe token stands for, and the item its mail was about. */
  async findUnsubscribe(token: string): Promise<UnsubscribeToken | undefined> {
    const hash = sha256(token);
    const locator = tokenLocator(token);
    if (locator) {
      const item = await this.get(keys.linkSet(locator));
      const links = item ? parseItem(linkSetSchema, item) : undefined;
      if (links?.unsubscribeHash === hash) {
        return { emailHash: links.emailHash, feedbackId: links.feedbackId, about: links.about };
      }
    }
    const item = await this.get(keys.unsubscribe(hash));
    return item ? parseItem(unsubscribeTokenSchema, item) : undefined;
  }

  /**
   * Stores a mail's links, one plain put: a link set stands alone, and one that is stored for a
   * send that then fails is simply never handed out (the next attempt issues new links).
   */
  async storeLinks(links: LinkSet): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: TokenRepository.linkSetItem(links) }));
  }

  /** Stores the links of many mails as `storeLinks` does, 25 to a BatchWriteItem request. */
  async storeLinkSets(sets: LinkSet[]): Promise<void> {
    await batchWrite(
      this.db,
      this.tableName,
      sets.map((links) => ({ put: TokenRepository.linkSetItem(links) })),
    );
  }

  private get(key: { PK: string; SK: string }) {
    return getItem(this.db, this.tableName, key, false);
  }

  /**
   * Issues the links of one mail to the address `emailHash`: a tracking token for each of
   * `feedbackIds`, and an unsubscribe token, for a mail `about` the recipient's feedback or an
   * action they follow. Nothing is stored yet (`storeLinks`).
   */
  static issueLinks(
    emailHash: string,
    feedbackIds: string[],
    at: Date,
    about: MailAbout,
    feedbackId?: string,
  ): IssuedLinks {
    const id = newId(at);
    const tracking = new Map(feedbackIds.map((fid) => [fid, newLocatorToken(id)]));
    const unsubscribe = newLocatorToken(id);
    return {
      linkSet: {
        id,
        emailHash,
        feedbackId,
        tracking:
          tracking.size > 0 ? Object.fromEntries([...tracking].map(([fid, token]) => [sha256(token), fid])) : undefined,
        unsubscribeHash: sha256(unsubscribe),
        about,
        createdAt: at.toISOString(),
      },
      tracking,
      unsubscribe,
    };
  }

  /** The stored form of a mail's links. */
  static linkSetItem(links: LinkSet) {
    return stored("LinkSet", keys.linkSet(links.id), links);
  }
}
