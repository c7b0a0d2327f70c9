import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { isLocale, type Locale, locales } from "../shared/i18n/locales";
import { isTimeZone } from "../shared/i18n/time";
import { parseReplyTo } from "../shared/mail/mime";
import { FeedbackStack } from "./stack";

/**
 * The stack's parameters: each from CDK context (`-c key=value`, or cdk.json) first, then from the
 * environment variable, then the default. Nothing is required: `cdk synth` works with none.
 */
export const parameters = {
  stackName: { context: "stackName", env: "FEEDBACK_STACK_NAME", default: "FeedbackLoop" },
  mailDomain: { context: "mailDomain", env: "FEEDBACK_MAIL_DOMAIN", default: undefined },
  senderEmail: { context: "senderEmail", env: "FEEDBACK_SENDER_EMAIL", default: undefined },
  replyTo: { context: "replyTo", env: "FEEDBACK_REPLY_TO", default: undefined },
  alarmEmail: { context: "alarmEmail", env: "FEEDBACK_ALARM_EMAIL", default: undefined },
  senderName: { context: "senderName", env: "FEEDBACK_SENDER_NAME", default: "Feedback" },
  publicUrl: { context: "publicUrl", env: "FEEDBACK_PUBLIC_URL", default: undefined },
  adminEmail: { context: "adminEmail", env: "FEEDBACK_ADMIN_EMAIL", default: undefined },
  intakeRateLimit: { context: "intakeRateLimit", env: "FEEDBACK_INTAKE_RATE_LIMIT", default: undefined },
  mailRatePerSecond: { context: "mailRatePerSecond", env: "FEEDBACK_MAIL_RATE_PER_SECOND", default: undefined },
  defaultLocale: { context: "defaultLocale", env: "FEEDBACK_DEFAULT_LOCALE", default: undefined },
  timeZone: { context: "timeZone", env: "FEEDBACK_TIME_ZONE", default: undefined },
  digestHour: { context: "digestHour", env: "FEEDBACK_DIGEST_HOUR", default: undefined },
  jobLaneSize: { context: "jobLaneSize", env: "FEEDBACK_JOB_LANE_SIZE", default: undefined },
  account: { context: "account", env: undefined, default: undefined },
  region: { context: "region", env: undefined, default: undefined },
} as const;

type ParameterName = keyof typeof parameters;

function read(app: App, name: ParameterName, env: Record<string, string | undefined>): string | undefined {
  const parameter = parameters[name];
  const fromContext: unknown = app.node.tryGetContext(parameter.context);
  const value = fromContext ?? (parameter.env ? env[parameter.env] : undefined) ?? parameter.default;
  if (value === undefined || value === null || String(value).trim() === "") return undefined;
  return String(value).trim();
}

const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function email(name: ParameterName, value: string | undefined): string | undefined {
  if (value !== undefined && !emailPattern.test(value)) {
    throw new Error(`${name} must be a plain email address (no display name), got "${value}"`);
  }
  return value;
}

const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function domain(name: ParameterName, value: string | undefined): string | undefined {
  if (value !== undefined && !domainPattern.test(value)) {
    throw new Error(`${name} must be a domain name such as example.org, got "${value}"`);
  }
  return value?.toLowerCase();
}

/** A Reply-To, checked by the same parser the functions use at start-up, so a deployment cannot fail there. */
function mailbox(name: ParameterName, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    parseReplyTo(value);
  } catch {
    throw new Error(`${name} must be one address, like "Support <support@example.org>", got "${value}"`);
  }
  return value;
}

function url(name: ParameterName, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`${name} must be an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, "");
}

function locale(name: ParameterName, value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if (!isLocale(value)) throw new Error(`${name} must be ${locales.join(", ")}, got "${value}"`);
  return value;
}

/** A time zone, checked as the functions check it at start-up (`Intl`), so a deployment cannot fail there. */
function timeZone(name: ParameterName, value: string | undefined): string | undefined {
  if (value !== undefined && !isTimeZone(value)) {
    throw new Error(`${name} must be an IANA time zone such as Europe/Amsterdam, got "${value}"`);
  }
  return value;
}

/** A whole number from `min` to `max`, checked as the functions' config checks it at start-up. */
function count(
  name: ParameterName,
  value: string | undefined,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new Error(`${name} must be a whole number ${range}, got "${value}"`);
  }
  return n;
}

export interface CreateAppOptions extends AppProps {
  /** Where parameters fall back to when not in context. @default process.env */
  env?: Record<string, string | undefined>;
}

/** Builds the app: the stack from its parameters, checked by cdk-nag's AWS Solutions rules. */
export function createApp(options: CreateAppOptions = {}): { app: App; stack: FeedbackStack } {
  const { env = process.env, ...appProps } = options;
  const app = new App(appProps);
  // Any finding that is not acknowledged (next to the resource it is about) fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const account = read(app, "account", env);
  const region = read(app, "region", env);
  const stack = new FeedbackStack(app, read(app, "stackName", env) ?? "FeedbackLoop", {
    description: "Closed-loop customer feedback platform",
    // Environment-agnostic unless the context pins one.
    env: account || region ? { account, region } : undefined,
    mailDomain: domain("mailDomain", read(app, "mailDomain", env)),
    senderEmail: email("senderEmail", read(app, "senderEmail", env)),
    replyTo: mailbox("replyTo", read(app, "replyTo", env)),
    alarmEmail: email("alarmEmail", read(app, "alarmEmail", env)),
    senderName: read(app, "senderName", env),
    publicUrl: url("publicUrl", read(app, "publicUrl", env)),
    adminEmail: email("adminEmail", read(app, "adminEmail", env)),
    intakeRateLimit: count("intakeRateLimit", read(app, "intakeRateLimit", env)),
    mailRatePerSecond: count("mailRatePerSecond", read(app, "mailRatePerSecond", env)),
    defaultLocale: locale("defaultLocale", read(app, "defaultLocale", env)),
    timeZone: timeZone("timeZone", read(app, "timeZone", env)),
    digestHour: count("digestHour", read(app, "digestHour", env), 0, 23),
    jobLaneSize: count("jobLaneSize", read(app, "jobLaneSize", env), 10),
  });
  return { app, stack };
}

const isEntryPoint = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) createApp();
