import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getItem, getParsed, newPut, sendPut } from "../db/access";
import type { DocumentClient } from "../db/client";
import { conditionFailed } from "../db/failures";
import { epochSeconds, parseItem } from "../db/items";
import { keys } from "../db/keys";
import {
  type ApiToken,
  apiTokenSchema,
  type MagicLink,
  magicLinkSchema,
  type Session,
  sessionSchema,
} from "../entities/auth";
import { isUlid } from "../ids";
import { listQuery, parsedPage } from "./list-page";

/** Magic links, sessions and API tokens: credentials, each stored only as a hash of its secret. */
export class AuthRepository {
  constructor(
    private readonly db: DocumentClient,
    private readonly tableName: string,
  ) {}

  /** The stored form of a new magic link (written with the mail that carries it). */
  static magicLinkItem(tokenHash: string, link: MagicLink) {
    return {
      ...keys.magicLink(tokenHash),
      entityType: "MagicLink",
      ...link,
      expiresAt: epochSeconds(new Date(link.validUntil)) + 3600,
    };
  }

  /**
   * Uses a magic link once: marks it used if it exists, is unused and still valid at `now`.
   * Returns the link, or undefined when it cannot sign anyone in.
   */
  async useMagicLink(tokenHash: string, now: Date): Promise<MagicLink | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.magicLink(tokenHash),
          UpdateExpression: "SET usedAt = :now",
          ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(usedAt) AND validUntil > :now",
          ExpressionAttributeValues: { ":now": now.toISOString() },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Attributes ? parseItem(magicLinkSchema, Attributes) : undefined;
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
  }

  /** Stores a new session. */
  async createSession(tokenHash: string, session: Session): Promise<void> {
    const item = {
      ...keys.session(tokenHash),
      entityType: "Session",
      ...session,
      expiresAt: epochSeconds(new Date(session.validUntil)),
    };
    await sendPut(this.db, newPut(this.tableName, item));
  }

  /** A session by its token's hash, if it has not expired at `now`. */
  async findSession(tokenHash: string, now: Date): Promise<Session | undefined> {
    const Item = await getItem(this.db, this.tableName, keys.session(tokenHash));
    if (!Item) return undefined;
    const session = parseItem(sessionSchema, Item);
    return session.validUntil > now.toISOString() ? session : undefined;
  }

  /** Ends a session. */
  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.session(tokenHash) }));
  }

  /** Stores a new API token. */
  async createApiToken(token: ApiToken): Promise<void> {
    const item = {
      ...keys.apiToken(token.id),
      ...keys.apiTokenIndex(token.staffId, token.id),
      entityType: "ApiToken",
      ...token,
    };
    await sendPut(this.db, newPut(this.tableName, item));
  }

  /** An API token by id. */
  async getApiToken(id: string): Promise<ApiToken | undefined> {
    if (!isUlid(id)) return undefined;
    return getParsed(this.db, this.tableName, keys.apiToken(id), apiTokenSchema);
  }

  /** A page of a staff member's API tokens, oldest first. */
  apiTokenPage(staffId: string, limit: number, startKey?: Record<string, unknown>) {
    const list = listQuery(this.tableName, keys.apiTokenIndex(staffId, "").GSI1PK);
    return parsedPage(this.db, list, apiTokenSchema, limit, startKey);
  }

  /** Revokes an API token; revoking twice keeps the first time. */
  async revokeApiToken(id: string, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.apiToken(id),
        UpdateExpression: "SET revokedAt = if_not_exists(revokedAt, :now)",
        ConditionExpression: "attribute_exists(PK)",
        ExpressionAttributeValues: { ":now": now.toISOString() },
      }),
    );
  }
}
