import { Duration, Stack } from "aws-cdk-lib";
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { type LoopEvent, loopEvents, loopMetrics } from "../../shared/telemetry";
import type { AppFunction } from "../function";

export interface MonitoringProps {
  /** The namespace the functions publish the loop's metrics under (`POWERTOOLS_METRICS_NAMESPACE`). */
  metricsNamespace: string;
  functions: {
    publicApi: AppFunction;
    staffApi: AppFunction;
    stream: AppFunction;
    sweep: AppFunction;
    sesEvents: AppFunction;
  };
  deadLetterQueues: { stream: Queue; sesEvents: Queue };
  /** The SES reputation metrics the Mail construct alarms on. */
  reputation: { bounceRate: Alarm; complaintRate: Alarm };
  /** Alarms made elsewhere that go to the same topic (dead-letter queues, the SES events function's errors). */
  otherAlarms: Alarm[];
  /** An address subscribed to the alarm topic (it must confirm the subscription). @default none */
  alarmEmail?: string;
}

/** An alarm that calls when a count reaches `threshold` within one period. */
const countAlarm = (
  scope: Construct,
  id: string,
  metric: IMetric,
  alarmDescription: string,
  threshold = 1,
  evaluationPeriods = 1,
) =>
  new Alarm(scope, id, {
    alarmDescription,
    metric,
    threshold,
    evaluationPeriods,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

/**
 * The loop's health in one place: a CloudWatch dashboard (what came in, what went out and what
 * closed, what failed, the queues and the stream's lag, the SES reputation, the functions' errors)
 * and alarms on what calls for a person, every one of them sent to one SNS topic. The topic is
 * encrypted with a key of its own (CloudWatch may use it to publish) and takes TLS only.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  /** Every alarm whose state changes go to the topic. */
  readonly alarms: Alarm[];
  readonly messagesFailedAlarm: Alarm;
  readonly jobsStalledAlarm: Alarm;
  readonly jobItemsGivenUpAlarm: Alarm;
  readonly iteratorAgeAlarm: Alarm;
  readonly functionErrorAlarms: Alarm[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    const key = new Key(this, "AlarmTopicKey", {
      description: "Encrypts the feedback platform's alarm topic",
      enableKeyRotation: true,
    });
    this.topic = new Topic(this, "AlarmTopic", {
      displayName: "Feedback platform alarms",
      masterKey: key,
      enforceSSL: true,
    });
    // CloudWatch publishes to an encrypted topic only when the key lets it.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        // Only for this account's alarms, not any CloudWatch caller (confused deputy).
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const loop = (event: LoopEvent, period = Duration.minutes(5)) =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName: loopEvents[event],
        dimensionsMap: { service: loopMetrics.service },
        statistic: "Sum",
        period,
      });
    const { publicApi, staffApi, stream, sweep, sesEvents } = props.functions;

    this.messagesFailedAlarm = countAlarm(
      this,
      "MessagesFailedAlarm",
      loop("messageFailed", Duration.minutes(15)),
      "A message used its last attempt and ended failed: a customer or staff member was not told. The item's timeline and the function's logs (send failed) say why.",
    );
    this.jobsStalledAlarm = countAlarm(
      this,
      "JobsStalledAlarm",
      loop("jobStalled", Duration.minutes(15)),
      "The sweep resumed a job whose cursor had stopped moving (its stream record failed past its retries). Look for stream record failed in the stream function's logs.",
    );
    this.jobItemsGivenUpAlarm = countAlarm(
      this,
      "JobItemsGivenUpAlarm",
      loop("jobItemGivenUp", Duration.minutes(15)),
      "A job went on past feedback items it could not handle; they are recorded on the job (the action's page) and on their timelines.",
    );
    this.iteratorAgeAlarm = countAlarm(
      this,
      "StreamIteratorAgeAlarm",
      stream.function.metric("IteratorAge", { statistic: "Maximum", period: Duration.minutes(5) }),
      "The stream function is more than 10 minutes behind the table's stream (records retried, or too slow): mail and counts are late, and records older than a day are lost to the dead-letter queue.",
      Duration.minutes(10).toMilliseconds(),
      2,
    );
    const errors = (fn: AppFunction) => fn.function.metricErrors({ period: Duration.minutes(5), statistic: "Sum" });
    this.functionErrorAlarms = [
      countAlarm(
        this,
        "PublicApiErrorAlarm",
        errors(publicApi),
        "The public web function failed invocations (crashes or timeouts; errors it answered are not counted).",
      ),
      countAlarm(
        this,
        "StaffApiErrorAlarm",
        errors(staffApi),
        "The staff web function failed invocations (crashes or timeouts; errors it answered are not counted).",
      ),
      countAlarm(
        this,
        "StreamErrorAlarm",
        errors(stream),
        "The stream function failed invocations (its batches are retried).",
      ),
      countAlarm(
        this,
        "SweepErrorAlarm",
        errors(sweep),
        "The sweep function failed: retries, interrupted sends and stalled jobs wait for the next run.",
      ),
    ];

    this.alarms = [
      this.messagesFailedAlarm,
      this.jobsStalledAlarm,
      this.jobItemsGivenUpAlarm,
      this.iteratorAgeAlarm,
      ...this.functionErrorAlarms,
      props.reputation.bounceRate,
      props.reputation.complaintRate,
      ...props.otherAlarms,
    ];
    const action = new SnsAction(this.topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }

    const hourly = Duration.hours(1);
    const alarmLine = (alarm: Alarm, label: string) => ({ ...alarm.toAnnotation(), label });
    const reputation = (metricName: string, label: string) =>
      new Metric({ namespace: "AWS/SES", metricName, statistic: "Maximum", period: hourly, label });
    const byFunction = (fn: AppFunction, label: string) =>
      fn.function.metricErrors({ statistic: "Sum", period: Duration.minutes(5), label });

    this.dashboard = new Dashboard(this, "Dashboard", {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new TextWidget({
            markdown:
              "# Feedback loop\nWhat came in and what closed, what went out and what did not, and whether the pipeline keeps up. Alarms go to the alarm topic.",
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: "The loop (per hour)",
            left: [
              loop("feedbackReceived", hourly).with({ label: "feedback received" }),
              loop("messageSent", hourly).with({ label: "messages sent" }),
              loop("loopClosed", hourly).with({ label: "loops closed (outcome told)" }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: "Messages not sent (per hour)",
            left: [
              loop("sendRetrying", hourly).with({ label: "failed attempts (retried)" }),
              loop("messageFailed", hourly).with({ label: "ended failed" }),
              loop("messageSuppressed", hourly).with({ label: "suppressed" }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: "Webhooks (per hour)",
            left: [
              loop("webhookSent", hourly).with({ label: "delivered" }),
              loop("webhookFailed", hourly).with({ label: "ended failed" }),
            ],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: "Stalled jobs",
            left: [
              loop("jobStalled").with({ label: "jobs resumed by the sweep" }),
              loop("jobItemGivenUp").with({ label: "items a job went on past" }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: "Dead-letter queues (messages)",
            left: [
              props.deadLetterQueues.stream.metricApproximateNumberOfMessagesVisible({ label: "stream records" }),
              props.deadLetterQueues.sesEvents.metricApproximateNumberOfMessagesVisible({ label: "SES events" }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: "Stream iterator age (max, ms)",
            left: [stream.function.metric("IteratorAge", { statistic: "Maximum", label: "iterator age" })],
            leftAnnotations: [alarmLine(this.iteratorAgeAlarm, "alarm")],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: "SES reputation (account)",
            left: [
              reputation("Reputation.BounceRate", "bounce rate"),
              reputation("Reputation.ComplaintRate", "complaint rate"),
            ],
            leftAnnotations: [
              alarmLine(props.reputation.bounceRate, "bounce alarm"),
              alarmLine(props.reputation.complaintRate, "complaint alarm"),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: "Lambda errors",
            left: [
              byFunction(publicApi, "public web"),
              byFunction(staffApi, "staff web"),
              byFunction(stream, "stream"),
              byFunction(sweep, "sweep"),
              byFunction(sesEvents, "SES events"),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: "People recognised and staff informed (per day)",
            left: [
              loop("complimentRouted", Duration.days(1)).with({ label: "compliments routed (per person)" }),
              loop("kudosGiven", Duration.days(1)).with({ label: "kudos given" }),
              loop("alertRaised", Duration.days(1)).with({ label: "alerts to staff" }),
              loop("digestWritten", Duration.days(1)).with({ label: "weekly digests written" }),
            ],
            width: 24,
          }),
        ],
        [new AlarmStatusWidget({ title: "Alarms", alarms: this.alarms as IAlarm[], width: 24 })],
      ],
    });
  }
}
