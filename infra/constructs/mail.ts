import { Annotations, Stack } from "aws-cdk-lib";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";

export interface MailProps {
  /** The sender's address (no display name). Without it no identity is created and nothing may send. */
  senderEmail?: string;
}

/**
 * SES v2 sending: a configuration set (reputation metrics, account suppression of bounces and
 * complaints, TLS required) and, when a sender address is given, its email identity.
 */
export class Mail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly identity?: EmailIdentity;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      sendingEnabled: true,
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
