import { Duration } from "aws-cdk-lib";
import type { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { streamFilters, toLambdaFilterPattern } from "../../shared/stream/filters";
import { STREAM_PARALLELIZATION_FACTOR } from "../../shared/stream/mapping";
import { AppFunction } from "../function";
import { deadLetterQueue } from "./dead-letter";

export interface StreamProcessorProps {
  table: ITable;
}

/**
 * The stream function on the table's stream. Lambda event filtering (from `streamFilters`, the
 * same predicate the local poller applies) wakes it only for the records it acts on (pending
 * notifications, feedback, action changes and links, pending jobs). A failing record is retried
 * alone (partial batch responses, bisecting), boundedly; what still fails goes to the dead-letter
 * queue, and any message there raises the alarm. Beside it, the sweep function runs every minute
 * and sends the notifications that are due: retries after a failed send (with backoff), and any
 * send that never finished.
 */
export class StreamProcessor extends Construct {
  readonly handler: AppFunction;
  readonly sweep: AppFunction;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: StreamProcessorProps) {
    super(scope, id);

    this.handler = new AppFunction(this, "Handler", {
      entry: "functions/stream/handler.ts",
      serviceName: "feedback-stream",
      description: "Feedback platform stream processor (sends notifications)",
      timeout: Duration.seconds(60),
      otherWildcardActions:
        "dynamodb:ListStreams (granted for the DynamoDB event source) has no resource-level permissions either; the stream's own actions are granted on its ARN only.",
    });
    // Claims notifications and records their outcome (conditional updates), reads what it sends.
    this.handler.grantTable(props.table, "read-write");

    this.sweep = new AppFunction(this, "Sweep", {
      entry: "functions/sweep/handler.ts",
      serviceName: "feedback-sweep",
      description: "Feedback platform sweep (sends notifications that are due: retries, interrupted sends)",
      timeout: Duration.seconds(60),
    });
    // Reads the due list, claims and marks notifications (conditional updates), issues links.
    this.sweep.grantTable(props.table, "read-write");
    new Rule(this, "SweepSchedule", {
      description: "Runs the notification sweep every minute",
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sweep.function, { retryAttempts: 0 })],
    });

    ({ queue: this.deadLetterQueue, alarm: this.deadLetterAlarm } = deadLetterQueue(this, {
      feeds: "the on-failure destination of the stream event source mapping",
      alarmDescription:
        "Stream records that failed every retry are waiting in the dead-letter queue (notifications not sent).",
    }));

    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        // Up to ten batches of one stream shard run side by side (records of one item stay in
        // order): the lanes of a large fan-out, each its own job, run in parallel.
        parallelizationFactor: STREAM_PARALLELIZATION_FACTOR,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: streamFilters.map((filter) => FilterCriteria.filter(toLambdaFilterPattern(filter))),
      }),
    );
  }
}
