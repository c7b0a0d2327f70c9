import { ActionRepository } from "./actions/repository";
import { AuthRepository } from "./auth/repository";
import type { Config } from "./config";
import { createDocumentClient, type DocumentClient } from "./db/client";
import { putAllNew } from "./db/transact";
import { FeedbackRepository } from "./feedback/repository";
import { GoalRepository } from "./goals/repository";
import { IdempotencyRepository } from "./idempotency/repository";
import { JobRepository } from "./jobs/repository";
import { NotificationRepository } from "./notifications/repository";
import { RateLimitRepository } from "./ratelimit/repository";
import { StaffRepository } from "./staff/repository";
import { SuppressionRepository } from "./suppression/repository";
import { TokenRepository } from "./tracking/repository";

/** What every use case works with: configuration, repositories and the clock. */
export interface Deps {
  config: Config;
  db: DocumentClient;
  feedback: FeedbackRepository;
  tokens: TokenRepository;
  notifications: NotificationRepository;
  suppressions: SuppressionRepository;
  idempotency: IdempotencyRepository;
  rateLimits: RateLimitRepository;
  staff: StaffRepository;
  auth: AuthRepository;
  goals: GoalRepository;
  actions: ActionRepository;
  jobs: JobRepository;
  /** Writes new items (e.g. a change's outbox entries) in one transaction. */
  writeAll: (items: Record<string, unknown>[]) => Promise<void>;
  now: () => Date;
}

/** Wires the repositories for a configuration; built once per process (cold start). */
export function createDeps(config: Config, options: { db?: DocumentClient; now?: () => Date } = {}): Deps {
  const db = options.db ?? createDocumentClient({ endpoint: config.dynamoEndpoint });
  const table = config.tableName;
  return {
    config,
    db,
    feedback: new FeedbackRepository(db, table),
    tokens: new TokenRepository(db, table),
    notifications: new NotificationRepository(db, table),
    suppressions: new SuppressionRepository(db, table),
    idempotency: new IdempotencyRepository(db, table),
    rateLimits: new RateLimitRepository(db, table),
    staff: new StaffRepository(db, table),
    auth: new AuthRepository(db, table),
    goals: new GoalRepository(db, table),
    actions: new ActionRepository(db, table),
    jobs: new JobRepository(db, table),
    writeAll: (items) => putAllNew(db, table, items),
    now: options.now ?? (() => new Date()),
  };
}
