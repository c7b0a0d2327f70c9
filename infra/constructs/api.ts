import { Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpApi, type HttpMethod, HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { publicRouteKeys } from "../../functions/api/web-routes";
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
 * The two web functions behind one HTTP API: the public routes (`functions/api/web-routes.ts`) go
 * to the public function, and the `$default` route sends every other method and path to the staff
 * function; each is a Hono app that does its own routing. The `$default` stage is throttled and
 * writes JSON access logs to its own log group.
 */
export class Api extends Construct {
  /** The public web function: form, intake, tracking, board, unsubscribe, API document, health. */
  readonly publicHandler: AppFunction;
  /** The staff web function: sign-in, console, staff API (and every path the public one does not take). */
  readonly staffHandler: AppFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.publicHandler = new AppFunction(this, "PublicHandler", {
      entry: "functions/api/public-handler.ts",
      serviceName: "feedback-public",
      description: "Feedback platform: the public web function (form, intake, tracking, board)",
    });
    this.staffHandler = new AppFunction(this, "StaffHandler", {
      // The goal page's chart scripts, served by the app from next to its bundle.
      assets: ["node_modules/chart.js/dist/chart.umd.min.js", "functions/api/assets/goal-chart.js"],
      entry: "functions/api/staff-handler.ts",
      serviceName: "feedback-staff",
      description: "Feedback platform: the staff web function (sign-in, console, staff API)",
    });
    // Intake writes a feedback item, its timeline and its notification in one transaction; staff
    // changes write items, timelines and jobs.
    this.publicHandler.grantTable(props.table, "read-write");
    this.staffHandler.grantTable(props.table, "read-write");

    // Every path the public function does not take goes to the staff function (`$default`).
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "Feedback platform",
      defaultIntegration: new HttpLambdaIntegration("StaffIntegration", this.staffHandler.function),
      createDefaultStage: false,
    });
    const publicIntegration = new HttpLambdaIntegration("PublicIntegration", this.publicHandler.function);
    const publicByDesign =
      "Public by design: customers submit feedback and open tracking and unsubscribe links without an account; those links carry their own unguessable tokens. Abuse is bounded by the stage throttle and the app's per-client rate limits. Staff routes are authorised by the app (session or API token) against its route table.";
    for (const key of publicRouteKeys) {
      const [method = "ANY", path = "/"] = key.split(" ");
      const [route] = this.httpApi.addRoutes({
        path,
        methods: [method as HttpMethod],
        integration: publicIntegration,
      });
      if (route) {
        Validations.of(route).acknowledge({ id: "AwsSolutions::AwsSolutions-APIG4", reason: publicByDesign });
      }
    }
    const defaultRoute = this.httpApi.node.findChild("DefaultRoute");
    Validations.of(defaultRoute).acknowledge({ id: "AwsSolutions::AwsSolutions-APIG4", reason: publicByDesign });

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
