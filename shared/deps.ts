import type { Config } from "./config";
import { createDocumentClient, type DocumentClient } from "./db/client";
import { putAllNew } from "./db/transact";
import { ActionRepository } from "./repositories/actions";
import { AuthRepository } from "./repositories/auth";
import { FeedbackRepository } from "./repositories/feedback";
import { GoalRepository } from "./repositories/goals";
import { IdempotencyRepository } from "./repositories/idempotency";
import { JobRepository } from "./repositories/jobs";
import { NotificationRepository } from "./repositories/notifications";
import { RateLimitRepository } from "./repositories/rate-limits";
import { RecognitionRepository } from "./repositories/recognition";
import { StaffRepository } from "./repositories/staff";
import { SubscriberRepository } from "./repositories/subscribers";
import { SuppressionRepository } from "./repositories/suppressions";
import { TimelineRepository } from "./repositories/timeline";
import { TokenRepository } from "./repositories/tokens";
import { WebhookRepository } from "./repositories/webhooks";
import { loggedTelemetry, type Telemetry } from "./telemetry";

/** What every use case works with: configuration, repositories, the clock and where events are counted. */
export interface Deps {
  config: Config;
  db: DocumentClient;
  feedback: FeedbackRepository;
  timeline: TimelineRepository;
  tokens: TokenRepository;
  notifications: NotificationRepository;
  suppressions: SuppressionRepository;
  subscribers: SubscriberRepository;
  idempotency: IdempotencyRepository;
  rateLimits: RateLimitRepository;
  staff: StaffRepository;
  auth: AuthRepository;
  goals: GoalRepository;
  actions: ActionRepository;
  jobs: JobRepository;
  webhooks: WebhookRepository;
  recognition: RecognitionRepository;
  /** Writes new items (e.g. a change's outbox entries) in one transaction. */
  writeAll: (items: Record<string, unknown>[]) => Promise<void>;
  now: () => Date;
  /** Counts the loop's business events (metrics on Lambda, a debug log line locally). */
  telemetry: Telemetry;
}

/** Wires the repositories for a configuration; built once per process (cold start). */
export function createDeps(
  config: Config,
  options: { db?: DocumentClient; now?: () => Date; telemetry?: Telemetry } = {},
): Deps {
  const db = options.db ?? createDocumentClient({ endpoint: config.dynamoEndpoint });
  const table = config.tableName;
  return {
    config,
    db,
    feedback: new FeedbackRepository(db, table),
    timeline: new TimelineRepository(db, table),
    tokens: new TokenRepository(db, table),
    notifications: new NotificationRepository(db, table),
    suppressions: new SuppressionRepository(db, table),
    subscribers: new SubscriberRepository(db, table),
    idempotency: new IdempotencyRepository(db, table),
    rateLimits: new RateLimitRepository(db, table),
    staff: new StaffRepository(db, table),
    auth: new AuthRepository(db, table),
    goals: new GoalRepository(db, table),
    actions: new ActionRepository(db, table),
    jobs: new JobRepository(db, table),
    webhooks: new WebhookRepository(db, table),
    recognition: new RecognitionRepository(db, table),
    writeAll: (items) => putAllNew(db, table, items),
    now: options.now ?? (() => new Date()),
    telemetry: options.telemetry ?? loggedTelemetry(),
  };
}
