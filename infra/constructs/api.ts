import { Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpApi, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { AppFunction } from "../function";

export interface ApiProps {
  table: ITable;
  /** @default 50 requests per second, bursts of 100 */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** One JSON line per request, with the HTTP API's own `$context` variables. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    time: "$context.requestTime",
    ip: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    method: "$context.httpMethod",
    path: "$context.path",
    routeKey: "$context.routeKey",
    protocol: "$context.protocol",
    status: "$context.status",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    integrationError: "$context.integrationErrorMessage",
    error: "$context.error.message",
  }),
);

/**
 * The api function behind an HTTP API: the `$default` route sends every method and path (the root
 * included) to the Hono app, which does its own routing. The `$default` stage is throttled and
 * writes JSON access logs to its own log group.
 */
export class Api extends Construct {
  readonly handler: AppFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.handler = new AppFunction(this, "Handler", {
      // The goal page's chart scripts, served by the app from next to its bundle.
      assets: ["node_modules/chart.js/dist/chart.umd.min.js", "functions/api/assets/goal-chart.js"],
      entry: "functions/api/handler.ts",
      serviceName: "feedback-api",
      description: "Feedback platform HTTP API (Hono)",
    });
    // Intake writes a feedback item, its timeline and its notification in one transaction.
    this.handler.grantTable(props.table, "read-write");

    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "Feedback platform",
      defaultIntegration: new HttpLambdaIntegration("LambdaIntegration", this.handler.function),
      createDefaultStage: false,
    });
    const defaultRoute = this.httpApi.node.findChild("DefaultRoute");
    Validations.of(defaultRoute).acknowledge({
      id: "AwsSolutions::AwsSolutions-APIG4",
      reason:
        "Public by design: customers submit feedback and open tracking and unsubscribe links without an account; those links carry their own unguessable tokens. Abuse is bounded by the stage throttle and the app's per-client intake rate limit.",
    });

    this.accessLogs = new LogGroup(this, "AccessLogs", { retention: RetentionDays.ONE_MONTH });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });
  }

  /** The API's own URL (`https://<id>.execute-api.<region>.amazonaws.com`, no trailing slash). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
