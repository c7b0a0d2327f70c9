import { Annotations, Duration, Fn, Stack } from "aws-cdk-lib";
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
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { AppFunction } from "../function";
import { deadLetterQueue } from "./dead-letter";

export interface MailProps {
  /**
   * The domain mail is sent from (`example.org`): a domain identity with Easy DKIM and a custom
   * MAIL FROM domain (`mail.<domain>`) is created for it, and the sender must be an address of it.
   */
  mailDomain?: string;
  /**
   * The sender's address (no display name). With a mail domain it only names the address; without
   * one an email-address identity is created for it. With neither, nothing may send.
   */
  senderEmail?: string;
}

/** A DNS record the domain's zone needs for mail from it to be signed, aligned and trusted. */
export interface MailDnsRecord {
  /** What the record is for, e.g. `DKIM key 1`. */
  purpose: string;
  /** The record's full name, e.g. `mail.example.org`. */
  name: string;
  type: "CNAME" | "MX" | "TXT";
  /** The record's value as a zone file writes it (TXT values quoted). */
  value: string;
}

/**
 * SES v2 sending: a configuration set (reputation metrics, account suppression of bounces and
 * complaints, TLS required, its bounce and complaint events published to the default EventBridge
 * bus) and the identity mail is sent as. With a mail domain that is a domain identity signed with
 * Easy DKIM (2048-bit keys SES rotates) and a custom MAIL FROM domain `mail.<domain>`, so SPF and
 * DKIM both align with the From domain and DMARC passes; should the MAIL FROM's MX record be
 * missing, SES falls back to its own MAIL FROM rather than refusing mail. Without a domain, an
 * email-address identity (mail is signed by amazonses.com only, so it aligns with nothing). Alarms
 * watch the account's reputation rates well below the levels at which SES reviews the account
 * (their actions are set by the Monitoring construct).
 */
export class Mail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity?: EmailIdentity;
  /** The domain of the identity, when it is a domain identity. */
  readonly mailDomain?: string;
  /** The custom MAIL FROM domain (`mail.<domain>`), with a domain identity. */
  readonly mailFromDomain?: string;
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

    if (props.mailDomain) {
      this.mailDomain = props.mailDomain;
      this.mailFromDomain = `mail.${props.mailDomain}`;
      this.identity = new EmailIdentity(this, "Domain", {
        identity: Identity.domain(props.mailDomain),
        configurationSet: this.configurationSet,
        dkimSigning: true,
        dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
        mailFromDomain: this.mailFromDomain,
        mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
      });
    } else if (props.senderEmail) {
      this.identity = new EmailIdentity(this, "Sender", {
        identity: Identity.email(props.senderEmail),
        configurationSet: this.configurationSet,
      });
    } else {
      Annotations.of(this).addWarningV2(
        "feedback:noSenderEmail",
        "No sender address (context senderEmail / env FEEDBACK_SENDER_EMAIL) and no mail domain (context mailDomain / env FEEDBACK_MAIL_DOMAIN): no SES identity is created and the stream function may not send mail.",
      );
    }
  }

  /**
   * The records to add to the domain's DNS zone: the three Easy DKIM CNAMEs, the MAIL FROM
   * domain's MX and SPF records, and a DMARC policy to start with (`p=none`, reports to
   * `dmarc@<domain>`). Empty without a mail domain.
   */
  dnsRecords(): MailDnsRecord[] {
    const { identity, mailDomain, mailFromDomain } = this;
    if (!identity || !mailDomain || !mailFromDomain) return [];
    const dkim = [
      [identity.dkimDnsTokenName1, identity.dkimDnsTokenValue1],
      [identity.dkimDnsTokenName2, identity.dkimDnsTokenValue2],
      [identity.dkimDnsTokenName3, identity.dkimDnsTokenValue3],
    ] as const;
    return [
      ...dkim.map(([name, value], i) => ({ purpose: `DKIM key ${i + 1}`, name, type: "CNAME" as const, value })),
      {
        purpose: "MAIL FROM: where bounces return",
        name: mailFromDomain,
        type: "MX",
        value: Fn.join("", ["10 feedback-smtp.", Stack.of(this).region, ".amazonses.com"]),
      },
      {
        purpose: "MAIL FROM: SPF, SES may send for it",
        name: mailFromDomain,
        type: "TXT",
        value: '"v=spf1 include:amazonses.com ~all"',
      },
      {
        purpose: "DMARC policy (suggested start: monitor, then quarantine)",
        name: `_dmarc.${mailDomain}`,
        type: "TXT",
        value: `"v=DMARC1; p=none; rua=mailto:dmarc@${mailDomain}"`,
      },
    ];
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
 * to one dead-letter queue; a message there, or any function error, raises an alarm (sent to the
 * alarm topic by the Monitoring construct).
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
