import { Duration, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/**
 * A dead-letter queue (encrypted, TLS only, 14 days) and the alarm that calls for a person when
 * anything lands in it. Created as `DeadLetterQueue` and `DeadLetterAlarm` in `scope`.
 */
export function deadLetterQueue(scope: Construct, props: { feeds: string; alarmDescription: string }) {
  const queue = new Queue(scope, "DeadLetterQueue", {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: "AwsSolutions::AwsSolutions-SQS3",
    reason: `This queue is itself a dead-letter queue: ${props.feeds}. Nothing consumes it automatically (its alarm calls for a person), so it needs no DLQ of its own.`,
  });
  const alarm = new Alarm(scope, "DeadLetterAlarm", {
    alarmDescription: props.alarmDescription,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return { queue, alarm };
}
