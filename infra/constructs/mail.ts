import { Annotations, Duration, Stack } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { EventBus, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import {
  ConfigurationSet,
  type ConfigurationSetEventDestination,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { AppFunction } from "../function";
import { deadLetterQueue } from "./dead-letter";

export interface MailProps {
  /** The sender's address (no display name). Without it no identity is created and nothing may send. */
  senderEmail?: string;
}

/**
 * SES v2 sending: a configuration set (reputation metrics, account suppression of bounces and
 * complaints, TLS required, its bounce and complaint events published to the default EventBridge
 * bus) and, when a sender address is given, its email identity. Alarms watch the account's
 * reputation rates well below the levels at which SES reviews the account.
 *
 * The alarms (here and in SesEvents) have no actions, on purpose: an SNS topic for them would need
 * a KMS key of its own for cdk-nag (AwsSolutions-SNS2, server-side encryption), so they only change
 * state in CloudWatch. Point them at a topic of your own to be paged.
 */
export class Mail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity?: EmailIdentity;
  /** Bounce and complaint events of the configuration set, to the account's default event bus. */
  readonly eventDestination: ConfigurationSetEventDestination;
  /** `Reputation.BounceRate` at or above 2% (SES reviews the account at 5%). */
  readonly bounceRateAlarm: Alarm;
  /** `Reputation.ComplaintRate` at or above 0.05% (SES reviews the account at 0.1%). */
  readonly complaintRateAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      sendingEnabled: true,
    });
    // SES publishes to the default bus only; the SesEvents rule picks the events up there.
    this.eventDestination = this.configurationSet.addEventDestination("FeedbackEvents", {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, "DefaultBus", "default")),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    // The account's reputation rates (no dimensions): SES computes them over a representative
    // volume of recent mail, so one datapoint above the threshold is worth a look.
    const reputation = (metricName: string) =>
      new Metric({ namespace: "AWS/SES", metricName, statistic: "Maximum", period: Duration.hours(1) });
    this.bounceRateAlarm = new Alarm(this, "BounceRateAlarm", {
      alarmDescription:
        "SES account bounce rate is at or above 2% (SES reviews the account at 5%, and may pause sending at 10%).",
      metric: reputation("Reputation.BounceRate"),
      threshold: 0.02,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.complaintRateAlarm = new Alarm(this, "ComplaintRateAlarm", {
      alarmDescription:
        "SES account complaint rate is at or above 0.05% (SES reviews the account at 0.1%, and may pause sending at 0.5%).",
      metric: reputation("Reputation.ComplaintRate"),
      threshold: 0.0005,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    if (props.senderEmail) {
      this.identity = new EmailIdentity(this, "Sender", {
        identity: Identity.email(props.senderEmail),
        configurationSet: this.configurationSet,
      });
    } else {
      Annotations.of(this).addWarningV2(
        "feedback:noSenderEmail",
        "No sender address (context senderEmail / env FEEDBACK_SENDER_EMAIL): no SES identity is created and the stream function may not send mail.",
      );
    }
  }

  get configurationSetName(): string {
    return this.configurationSet.configurationSetName;
  }

  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * `ses:SendEmail` / `ses:SendRawEmail` (SES v2 SendEmail authorises as both, depending on the
   * content) on the sender identity and the configuration set only. No-op without a sender.
   */
  grantSend(grantee: IGrantable): void {
    if (!this.identity) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
      }),
    );
  }
}

export interface SesEventsProps {
  table: ITable;
  /** The configuration set whose events are handled (other mail of the account is not ours). */
  configurationSetName: string;
}

/**
 * Bounces and complaints suppress the address: an EventBridge rule on the default bus sends SES's
 * "Email Bounced" and "Email Complaint Received" events of our configuration set to the SES events
 * function (functions/ses-events), which writes suppression items. What cannot be delivered to the
 * function (EventBridge's retries exhausted) or fails in it (Lambda's async retries exhausted) goes
 * to one dead-letter queue; a message there, or any function error, raises an alarm (no SNS topic:
 * see Mail).
 */
export class SesEvents extends Construct {
  readonly handler: AppFunction;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly errorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: SesEventsProps) {
    super(scope, id);

    this.handler = new AppFunction(this, "Handler", {
      entry: "functions/ses-events/handler.ts",
      serviceName: "feedback-ses-events",
      description: "Feedback platform SES events (suppresses bounced and complaining addresses)",
    });
    // It only writes suppression items (UpdateItem); read-write is the narrowest grant that writes.
    this.handler.grantTable(props.table, "read-write");

    ({ queue: this.deadLetterQueue, alarm: this.deadLetterAlarm } = deadLetterQueue(this, {
      feeds: "of the SES events rule's Lambda target and of the function's asynchronous invocations",
      alarmDescription:
        "SES bounce or complaint events that could not be applied are waiting in the dead-letter queue (addresses not suppressed).",
    }));

    // Events that fail inside the function: Lambda retries an async invocation, then gives up here.
    this.handler.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.rule = new Rule(this, "Rule", {
      description: "SES bounces and complaints of the feedback configuration set, to the SES events function",
      eventPattern: {
        source: ["aws.ses"],
        detailType: ["Email Bounced", "Email Complaint Received"],
        // SES tags every event with the configuration set it was sent through.
        detail: { mail: { tags: { "ses:configuration-set": [props.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.handler.function, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 10,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });

    this.errorAlarm = new Alarm(this, "ErrorAlarm", {
      alarmDescription: "The SES events function failed on a bounce or complaint event (it is retried).",
      metric: this.handler.function.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
