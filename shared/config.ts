import * as z from "zod/mini";
import { type Locale, locales } from "./i18n/locales";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./i18n/time";

const mailTransports = ["outbox", "smtp", "ses"] as const;
export type MailTransportName = (typeof mailTransports)[number];

const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  PUBLIC_URL: z.url(),
  MAIL_TRANSPORT: z._default(z.enum(mailTransports), "outbox"),
  MAIL_FROM: z._default(z.string().check(z.minLength(3)), "Feedback <feedback@localhost>"),
  MAIL_REPLY_TO: z.optional(z.string().check(z.minLength(3))),
  OUTBOX_DIR: z._default(z.string(), ".data/outbox"),
  SMTP_URL: z.optional(z.url()),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  ADMIN_EMAIL: z.optional(z.email()),
  INTAKE_RATE_LIMIT: z._default(z.coerce.number().check(z.int(), z.gte(0)), 30),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  EMBED_ORIGINS: z._default(z.string(), "*"),
  MAIL_RATE_PER_SECOND: z._default(z.coerce.number().check(z.int(), z.gte(0)), 14),
  MAIL_MAX_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(20)), 6),
  MAIL_RETRY_SECONDS: z._default(z.coerce.number().check(z.gt(0)), 60),
  MAIL_CLAIM_SECONDS: z._default(z.coerce.number().check(z.gt(0)), 300),
  JOB_LANE_SIZE: z._default(z.coerce.number().check(z.int(), z.gte(10)), 1000),
  BOARD_COUNT_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(3600)), 60),
  WEBHOOK_MAX_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(20)), 8),
  WEBHOOK_RETRY_SECONDS: z._default(z.coerce.number().check(z.gt(0)), 60),
  WEBHOOK_TIMEOUT_SECONDS: z._default(z.coerce.number().check(z.gt(0), z.lte(60)), 10),
  WEBHOOK_ALLOW_LOCALHOST: z._default(
    z.enum(["true", "false"], "WEBHOOK_ALLOW_LOCALHOST must be true or false"),
    "true",
  ),
  DEFAULT_LOCALE: z._default(z.enum(locales, "DEFAULT_LOCALE must be en, nl or sv"), "en"),
  TIME_ZONE: z._default(
    z.string().check(z.refine(isTimeZone, "TIME_ZONE must be an IANA time zone, such as Europe/Amsterdam")),
    DEFAULT_TIME_ZONE,
  ),
  DIGEST_HOUR: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(23)), 7),
});

export type Config = {
  tableName: string;
  publicUrl: string;
  mail: {
    transport: MailTransportName;
    from: string;
    /** Where replies go (`Reply-To`), when not to the sender: e.g. a support mailbox people read. */
    replyTo?: string;
    outboxDir: string;
    smtpUrl?: string;
    sesConfigurationSet?: string;
  };
  /** How mail goes out, whatever the transport. */
  delivery: {
    /** Messages per second across every sender (the SES sending quota); 0 means no limit. */
    ratePerSecond: number;
    /** Attempts before a message ends as failed. */
    maxAttempts: number;
    /** The first retry's delay; each further retry waits twice as long. */
    retrySeconds: number;
    /**
     * How long a sender holds a notification it claimed: longer than a send can take (the stream
     * function's timeout), so a live sender never loses its claim; when it runs out, the sender
     * died and the sweep sends the notification again.
     */
    claimSeconds: number;
    /**
     * How many of an action's linked items one lane of a fan-out takes at least: an action with
     * more is split into lanes (at most ten) that run side by side.
     */
    laneSize: number;
  };
  /** Outbound webhooks: how their deliveries are sent and retried. */
  webhooks: {
    /** Attempts before a delivery ends as failed. */
    maxAttempts: number;
    /** The first retry's delay; each further retry waits twice as long. */
    retrySeconds: number;
    /** How long one attempt may wait for the receiver's answer. */
    timeoutSeconds: number;
    /** Whether endpoints on this machine (`localhost`, `127.0.0.1`, `[::1]`, also over http) are allowed. */
    allowLocalhost: boolean;
  };
  adminEmail?: string;
  /** Intake requests per minute per client; 0 turns the limit off. */
  intakeRateLimit: number;
  /** How old the public board's counts of an action may be before it counts them again, in seconds (0: on every view). */
  boardCountSeconds: number;
  dynamoEndpoint?: string;
  /** CSP `frame-ancestors` sources allowed to embed the form ("*" = any site). */
  embedOrigins: string;
  /** The language of staff-written texts given as a plain string, and of the fallback for a reader whose language has none. */
  defaultLocale: Locale;
  /** The organisation's IANA time zone: every time shown to customers and staff is in it, named. */
  timeZone: string;
  /** When the weekly digest goes out: from this hour on Monday, in the organisation's time zone. */
  digest: { timeZone: string; hour: number };
};

/**
 * Reads the configuration once from the environment and fails fast, naming every variable that is
 * missing or wrong.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`configuration is invalid: ${problems}`);
  }
  const e = parsed.data;
  if (e.MAIL_TRANSPORT === "smtp" && !e.SMTP_URL) {
    throw new Error("configuration is invalid: SMTP_URL is required when MAIL_TRANSPORT is smtp");
  }
  return {
    tableName: e.TABLE_NAME,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ""),
    mail: {
      transport: e.MAIL_TRANSPORT,
      from: e.MAIL_FROM,
      replyTo: e.MAIL_REPLY_TO,
      outboxDir: e.OUTBOX_DIR,
      smtpUrl: e.SMTP_URL,
      sesConfigurationSet: e.SES_CONFIGURATION_SET,
    },
    delivery: {
      ratePerSecond: e.MAIL_RATE_PER_SECOND,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retrySeconds: e.MAIL_RETRY_SECONDS,
      claimSeconds: e.MAIL_CLAIM_SECONDS,
      laneSize: e.JOB_LANE_SIZE,
    },
    webhooks: {
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retrySeconds: e.WEBHOOK_RETRY_SECONDS,
      timeoutSeconds: e.WEBHOOK_TIMEOUT_SECONDS,
      allowLocalhost: e.WEBHOOK_ALLOW_LOCALHOST === "true",
    },
    adminEmail: e.ADMIN_EMAIL,
    intakeRateLimit: e.INTAKE_RATE_LIMIT,
    boardCountSeconds: e.BOARD_COUNT_SECONDS,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    embedOrigins: e.EMBED_ORIGINS,
    defaultLocale: e.DEFAULT_LOCALE,
    timeZone: e.TIME_ZONE,
    digest: { timeZone: e.TIME_ZONE, hour: e.DIGEST_HOUR },
  };
}
