import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Api } from "./constructs/api";
import { Mail, SesEvents } from "./constructs/mail";
import { StreamProcessor } from "./constructs/stream-processor";
import { FeedbackTable } from "./constructs/table";

export interface FeedbackStackProps extends StackProps {
  /** Plain sender address; an SES email identity is created for it. Without it nothing may send. */
  senderEmail?: string;
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

  constructor(scope: Construct, id: string, props: FeedbackStackProps = {}) {
    super(scope, id, props);

    this.table = new FeedbackTable(this, "Data");
    this.mail = new Mail(this, "Mail", { senderEmail: props.senderEmail });
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
      SES_CONFIGURATION_SET: this.mail.configurationSetName,
    };
    if (props.senderEmail) environment.MAIL_FROM = `${props.senderName ?? "Feedback"} <${props.senderEmail}>`;
    if (props.adminEmail) environment.ADMIN_EMAIL = props.adminEmail;
    if (props.intakeRateLimit !== undefined) environment.INTAKE_RATE_LIMIT = String(props.intakeRateLimit);
    if (props.mailRatePerSecond !== undefined) environment.MAIL_RATE_PER_SECOND = String(props.mailRatePerSecond);
    const functions = [
      this.api.handler.function,
      this.stream.handler.function,
      this.stream.sweep.function,
      this.sesEvents.handler.function,
    ];
    for (const fn of functions) {
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    }

    // Only the stream and sweep functions send mail; the api function gets no SES rights at all.
    this.mail.grantSend(this.stream.handler.function);
    this.mail.grantSend(this.stream.sweep.function);

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
