import { CfnOutput, Fn, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { Locale } from "../shared/i18n/locales";
import { loopMetrics } from "../shared/telemetry";
import { Api } from "./constructs/api";
import { Mail, SesEvents } from "./constructs/mail";
import { Monitoring } from "./constructs/monitoring";
import { StreamProcessor } from "./constructs/stream-processor";
import { FeedbackTable } from "./constructs/table";

export interface FeedbackStackProps extends StackProps {
  /**
   * The domain mail is sent from: an SES domain identity with Easy DKIM and the MAIL FROM domain
   * `mail.<domain>`; the DNS records it needs are stack outputs. @default none
   */
  mailDomain?: string;
  /**
   * Plain sender address. With a mail domain it must be of that domain (default `feedback@<domain>`);
   * without one, an SES email identity is created for it. With neither, nothing may send.
   */
  senderEmail?: string;
  /** `Reply-To` of every mail (`Support <support@example.org>`). @default none: replies go to the sender */
  replyTo?: string;
  /** An address subscribed to the alarm topic. @default none */
  alarmEmail?: string;
  /** Display name in the From header. @default "Feedback" */
  senderName?: string;
  /** Base URL of links in mail. @default the HTTP API's own URL */
  publicUrl?: string;
  /** The first admin of a fresh deployment (staff sign-in). @default none */
  adminEmail?: string;
  /** Intake requests per minute per client, 0 turns the limit off. @default the function's own default */
  intakeRateLimit?: number;
  /** Mail sent per second across every sender: the account's SES sending quota. @default 14 */
  mailRatePerSecond?: number;
  /** The language of staff texts given as one string, and the fallback for readers. @default "en" */
  defaultLocale?: Locale;
  /** The organisation's IANA time zone, in which pages show times. @default the functions' own: Europe/Amsterdam */
  timeZone?: string;
  /** The hour (0-23, in `timeZone`) from which Monday's weekly digests go out. @default 7 */
  digestHour?: number;
  /** Links per lane: a fan-out to more customers is split into up to ten lanes run side by side. @default 1000 */
  jobLaneSize?: number;
}

/**
 * The whole platform: the table and its stream, the api function behind an HTTP API, the stream
 * and sweep functions that send notifications through SES, the SES events function that suppresses bounced
 * and complaining addresses, with their least-privilege grants.
 */
export class FeedbackStack extends Stack {
  readonly table: FeedbackTable;
  readonly mail: Mail;
  readonly api: Api;
  readonly stream: StreamProcessor;
  readonly sesEvents: SesEvents;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: FeedbackStackProps = {}) {
    super(scope, id, props);

    const sender = senderAddress(props.mailDomain, props.senderEmail);
    this.table = new FeedbackTable(this, "Data");
    this.mail = new Mail(this, "Mail", { mailDomain: props.mailDomain, senderEmail: props.senderEmail });
    this.api = new Api(this, "Api", { table: this.table.table });
    this.stream = new StreamProcessor(this, "Stream", { table: this.table.table });
    this.sesEvents = new SesEvents(this, "SesEvents", {
      table: this.table.table,
      configurationSetName: this.mail.configurationSetName,
    });

    // The same configuration reaches every function (shared/config.ts reads it).
    const environment: Record<string, string> = {
      TABLE_NAME: this.table.table.tableName,
      PUBLIC_URL: props.publicUrl ?? this.api.url,
      MAIL_TRANSPORT: "ses",
      // On Lambda, localhost is the function's own sandbox (its runtime API): no webhook goes there.
      WEBHOOK_ALLOW_LOCALHOST: "false",
      SES_CONFIGURATION_SET: this.mail.configurationSetName,
      // The loop's metrics per stack: two stacks in one account do not add up each other's.
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(this.stackName),
    };
    if (sender) environment.MAIL_FROM = `${props.senderName ?? "Feedback"} <${sender}>`;
    if (props.replyTo) environment.MAIL_REPLY_TO = props.replyTo;
    if (props.adminEmail) environment.ADMIN_EMAIL = props.adminEmail;
    if (props.intakeRateLimit !== undefined) environment.INTAKE_RATE_LIMIT = String(props.intakeRateLimit);
    if (props.mailRatePerSecond !== undefined) environment.MAIL_RATE_PER_SECOND = String(props.mailRatePerSecond);
    if (props.defaultLocale) environment.DEFAULT_LOCALE = props.defaultLocale;
    if (props.timeZone) environment.TIME_ZONE = props.timeZone;
    if (props.digestHour !== undefined) environment.DIGEST_HOUR = String(props.digestHour);
    if (props.jobLaneSize !== undefined) environment.JOB_LANE_SIZE = String(props.jobLaneSize);
    const functions = [
      this.api.publicHandler.function,
      this.api.staffHandler.function,
      this.stream.handler.function,
      this.stream.sweep.function,
      this.sesEvents.handler.function,
    ];
    for (const fn of functions) {
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    }

    // Only the stream and sweep functions send mail; the web functions get no SES rights at all.
    this.mail.grantSend(this.stream.handler.function);
    this.mail.grantSend(this.stream.sweep.function);

    this.monitoring = new Monitoring(this, "Monitoring", {
      metricsNamespace: environment.POWERTOOLS_METRICS_NAMESPACE as string,
      functions: {
        publicApi: this.api.publicHandler,
        staffApi: this.api.staffHandler,
        stream: this.stream.handler,
        sweep: this.stream.sweep,
        sesEvents: this.sesEvents.handler,
      },
      deadLetterQueues: { stream: this.stream.deadLetterQueue, sesEvents: this.sesEvents.deadLetterQueue },
      reputation: { bounceRate: this.mail.bounceRateAlarm, complaintRate: this.mail.complaintRateAlarm },
      otherAlarms: [this.stream.deadLetterAlarm, this.sesEvents.deadLetterAlarm, this.sesEvents.errorAlarm],
      alarmEmail: props.alarmEmail,
    });

    // What the domain's DNS zone needs, one output per record: `name TYPE value`.
    this.mail.dnsRecords().forEach((record, i) => {
      new CfnOutput(this, `MailDnsRecord${i + 1}`, {
        description: `DNS record for mail: ${record.purpose}`,
        value: Fn.join(" ", [record.name, record.type, record.value]),
      });
    });
    new CfnOutput(this, "AlarmTopicArn", {
      value: this.monitoring.topic.topicArn,
      description: "Every alarm of the stack notifies this SNS topic",
    });
    new CfnOutput(this, "DashboardName", {
      value: this.monitoring.dashboard.dashboardName,
      description: "The CloudWatch dashboard of the loop's health",
    });
    new CfnOutput(this, "ApiUrl", { value: this.api.url, description: "The HTTP API's URL" });
    new CfnOutput(this, "TableName", { value: this.table.table.tableName });
    new CfnOutput(this, "DeadLetterQueueUrl", {
      value: this.stream.deadLetterQueue.queueUrl,
      description: "Stream records that failed every retry",
    });
    new CfnOutput(this, "SesEventsDeadLetterQueueUrl", {
      value: this.sesEvents.deadLetterQueue.queueUrl,
      description: "SES bounce and complaint events that could not be applied",
    });
  }
}

/** The CloudWatch namespace of a stack's loop metrics: the default one for the default stack name. */
export function metricsNamespace(stackName: string): string {
  return stackName === "FeedbackLoop" ? loopMetrics.defaultNamespace : `FeedbackLoop/${stackName}`;
}

/** The address mail is sent from: the given one, which must be of the mail domain when there is one, or `feedback@<domain>`. */
function senderAddress(mailDomain: string | undefined, senderEmail: string | undefined): string | undefined {
  if (!mailDomain) return senderEmail;
  if (!senderEmail) return `feedback@${mailDomain}`;
  if (senderEmail.split("@").pop()?.toLowerCase() !== mailDomain.toLowerCase()) {
    throw new Error(`senderEmail must be an address of mailDomain ${mailDomain}, got "${senderEmail}"`);
  }
  return senderEmail;
}
