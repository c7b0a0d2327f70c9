import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type App, type CfnElement, Validations } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { publicRouteKeys } from "../../functions/api/web-routes";
import { createApp } from "../../infra/app";
import { lambdaBundling } from "../../infra/bundling";
import type { AppFunction } from "../../infra/function";
import type { FeedbackStack } from "../../infra/stack";
import { createTableInput, tableDefinition } from "../../shared/db/table";
import { streamFilters, toLambdaFilterPattern } from "../../shared/stream/filters";
import { loopEvents, loopMetrics } from "../../shared/telemetry";
import { facadeSegmentId, runTracedBundle, traceRoot } from "../helpers/traced-bundle";

type Assembly = ReturnType<App["synth"]>;

interface Synthesised {
  app: App;
  stack: FeedbackStack;
  assembly: Assembly;
  template: Template;
}

/**
 * Builds and synthesises the real app (cdk-nag registered, real esbuild bundling). Synthesis runs
 * the policy validation, so it throws on any finding that is not acknowledged. The environment is
 * empty so a developer's shell cannot leak parameters in.
 */
function synthesise(context: Record<string, unknown>): Synthesised {
  const { app, stack } = createApp({ env: {}, context });
  const assembly = app.synth();
  return { app, stack, assembly, template: Template.fromStack(stack) };
}

const logicalId = (stack: FeedbackStack, construct: IConstruct) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

type Statement = { Action: string | string[]; Resource: unknown };

/** Every statement of the IAM policies attached to the function's role. */
function roleStatements(template: Template, stack: FeedbackStack, fn: AppFunction): Statement[] {
  const roleId = logicalId(stack, fn.role);
  const policies = Object.values(template.findResources("AWS::IAM::Policy")) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } };
  }[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** The stack's outputs of DNS records for mail, by logical id. */
const dnsOutputs = (template: Template) =>
  Object.fromEntries(Object.entries(template.findOutputs("*")).filter(([id]) => id.startsWith("MailDnsRecord")));

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe("FeedbackStack with every parameter", () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({
      mailDomain: "Example.com",
      senderEmail: "feedback@example.com",
      replyTo: "Acme Support <support@example.com>",
      alarmEmail: "ops@example.com",
      senderName: "Acme Feedback",
      publicUrl: "https://feedback.example.com/",
      adminEmail: "admin@example.com",
      intakeRateLimit: "12",
      mailRatePerSecond: "40",
      defaultLocale: "nl",
      timeZone: "Europe/Stockholm",
      digestHour: "6",
      jobLaneSize: "500",
    });
  });

  describe("table", () => {
    it("has exactly the keys, indexes and attributes of tableDefinition (as the local table)", () => {
      const local = createTableInput("ignored");
      const tables = s.template.findResources("AWS::DynamoDB::Table");
      expect(Object.keys(tables)).toHaveLength(1);
      const table = Object.values(tables)[0] as { Properties: Record<string, unknown> };
      const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
        a.AttributeName.localeCompare(b.AttributeName);
      expect(table.Properties.KeySchema).toEqual(local.KeySchema);
      expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
      expect([...(table.Properties.AttributeDefinitions as { AttributeName: string }[])].sort(byName)).toEqual(
        [...(local.AttributeDefinitions ?? [])].sort(byName as never),
      );
    });

    it("is on-demand, with PITR, the stream view, TTL, deletion protection, and retained", () => {
      s.template.hasResource("AWS::DynamoDB::Table", {
        Properties: {
          BillingMode: "PAY_PER_REQUEST",
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
          TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
          DeletionProtectionEnabled: true,
        },
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
      });
    });
  });

  describe("functions", () => {
    /** A function's staged code asset: the cloud assembly stages it under the hash its S3 key is named by. */
    function assetDir(fn: AppFunction) {
      const resource = s.template.findResources("AWS::Lambda::Function")[logicalId(s.stack, fn.function)];
      const hash = String(resource?.Properties?.Code?.S3Key ?? "").replace(/\.zip$/, "");
      return join(s.assembly.directory, `asset.${hash}`);
    }
    /** Imports a web function's bundle as Lambda does, from its staged code asset; returns its folder and handler. */
    async function bootBundle(fn: AppFunction) {
      const dir = assetDir(fn);
      Object.assign(process.env, {
        TABLE_NAME: "bundle-test",
        PUBLIC_URL: "https://feedback.example.com",
        AWS_REGION: "eu-west-1",
      });
      const { handler } = (await import(pathToFileURL(join(dir, "index.mjs")).href)) as {
        handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;
      };
      return { dir, handler };
    }
    const event = (path: string) => ({
      version: "2.0",
      routeKey: "$default",
      rawPath: path,
      rawQueryString: "",
      headers: { host: "feedback.example.com" },
      requestContext: {
        http: { method: "GET", path, sourceIp: "198.51.100.1", protocol: "HTTP/1.1", userAgent: "test" },
        requestId: "r-1",
        stage: "$default",
        domainName: "feedback.example.com",
      },
      isBase64Encoded: false,
    });
    const context = { awsRequestId: "a-1", functionName: "web", getRemainingTimeInMillis: () => 10_000 };

    it("ships a public bundle that boots on its own and serves the form, the API document and its reference", async () => {
      const { dir, handler } = await bootBundle(s.stack.api.publicHandler);
      expect(existsSync(join(dir, "assets"))).toBe(false);
      for (const path of ["/", "/openapi.json", "/docs", "/assets/site.css"]) {
        const answer = await handler(event(path), context);
        expect([path, answer.statusCode]).toEqual([path, 200]);
        expect(answer.body?.length).toBeGreaterThan(100);
      }
      // The console is not in it.
      expect((await handler(event("/console/sign-in"), context)).statusCode).toBe(404);
    });

    it("ships a staff bundle that boots on its own and serves the sign-in page and the chart scripts", async () => {
      const { dir, handler } = await bootBundle(s.stack.api.staffHandler);
      expect(readdirSync(join(dir, "assets")).sort()).toEqual(["chart.umd.min.js", "goal-chart.js"]);
      for (const path of ["/console/sign-in", "/assets/goal-chart.js", "/assets/chart.umd.min.js"]) {
        const answer = await handler(event(path), context);
        expect([path, answer.statusCode]).toEqual([path, 200]);
        expect(answer.body?.length).toBeGreaterThan(100);
      }
      expect((await handler(event("/"), context)).statusCode).toBe(404);
    });

    it("trace an invocation of the shipped public bundle: the handler's subsegment with its cold start, and its DynamoDB calls with their errors", async () => {
      const notFound = {
        __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        message: "Requested resource not found",
      };
      // Two health checks: the first reads the table, the second finds no table.
      const run = await runTracedBundle(
        assetDir(s.stack.api.publicHandler),
        [event("/healthz"), event("/healthz")],
        [
          { status: 200, body: {} },
          { status: 400, body: notFound },
        ],
        4,
      );

      expect(run.statusCodes).toEqual([200, 503]);
      const handlers = run.segments.filter((segment) => segment.name === "## index.handler");
      const dynamo = run.segments.filter((segment) => segment.name === "DynamoDB");
      expect([handlers.length, dynamo.length]).toEqual([2, 2]);
      for (const [i, handler] of handlers.entries()) {
        expect(handler).toMatchObject({ trace_id: traceRoot, parent_id: facadeSegmentId });
        expect(handler.annotations).toEqual({ ColdStart: i === 0, Service: "feedback-public" });
        // The SDK v3 call is a subsegment of the invocation's, with its operation and table.
        expect(dynamo[i]).toMatchObject({
          trace_id: traceRoot,
          parent_id: handler.id,
          namespace: "aws",
          aws: { operation: "GetItem", table_name: "traced-bundle", region: "eu-west-1" },
        });
        // The call carried the trace on to DynamoDB.
        expect(run.calls[i]).toEqual({
          target: "DynamoDB_20120810.GetItem",
          traceHeader: `Root=${traceRoot};Parent=${dynamo[i]?.id};Sampled=1`,
        });
      }
      expect(dynamo[0]?.http?.response?.status).toBe(200);
      expect(dynamo[0]?.error).toBeUndefined();
      expect(dynamo[1]).toMatchObject({ error: true, http: { response: { status: 400 } } });
      expect(dynamo[1]?.cause?.exceptions?.[0]).toMatchObject({ type: "ResourceNotFoundException" });
    });

    it("all run Node 24 on arm64 with tracing, their log group and the full environment", () => {
      for (const [handler, service, timeout] of [
        [s.stack.api.publicHandler, "feedback-public", 10],
        [s.stack.api.staffHandler, "feedback-staff", 10],
        [s.stack.stream.handler, "feedback-stream", 60],
        [s.stack.stream.sweep, "feedback-sweep", 60],
      ] as const) {
        const fn = s.template.findResources("AWS::Lambda::Function")[logicalId(s.stack, handler.function)];
        expect(fn).toBeDefined();
        expect(fn?.Properties).toMatchObject({
          Runtime: "nodejs24.x",
          Architectures: ["arm64"],
          Handler: "index.handler",
          MemorySize: 512,
          Timeout: timeout,
          TracingConfig: { Mode: "Active" },
          LoggingConfig: { LogGroup: { Ref: logicalId(s.stack, handler.logGroup) } },
          Environment: {
            Variables: {
              POWERTOOLS_SERVICE_NAME: service,
              POWERTOOLS_LOG_LEVEL: "INFO",
              TABLE_NAME: { Ref: logicalId(s.stack, s.stack.table.table) },
              PUBLIC_URL: "https://feedback.example.com",
              MAIL_TRANSPORT: "ses",
              MAIL_FROM: "Acme Feedback <feedback@example.com>",
              MAIL_REPLY_TO: "Acme Support <support@example.com>",
              POWERTOOLS_METRICS_NAMESPACE: "FeedbackLoop",
              SES_CONFIGURATION_SET: { Ref: logicalId(s.stack, s.stack.mail.configurationSet) },
              ADMIN_EMAIL: "admin@example.com",
              INTAKE_RATE_LIMIT: "12",
              MAIL_RATE_PER_SECOND: "40",
              DEFAULT_LOCALE: "nl",
              TIME_ZONE: "Europe/Stockholm",
              DIGEST_HOUR: "6",
              JOB_LANE_SIZE: "500",
            },
          },
        });
      }
    });

    it("are bundled as ESM with the createRequire banner and the AWS SDK inside", () => {
      const assets = readdirSync(s.assembly.directory).filter((name) => name.startsWith("asset."));
      const bundles = assets.map((dir) => readFileSync(join(s.assembly.directory, dir, "index.mjs"), "utf8"));
      // The public and staff web functions, stream (with the sweep) and SES events.
      expect(bundles).toHaveLength(5);
      for (const code of bundles) {
        // Booleans, not the code itself, so a failure does not print a 700 kB bundle.
        expect(code.startsWith(lambdaBundling.banner)).toBe(true);
        // No import of the SDK is left for the runtime to satisfy: the client is in the bundle.
        expect(/from\s*["']@aws-sdk\//.test(code)).toBe(false);
        expect(code.includes("DynamoDB_20120810")).toBe(true);
        // Every function is traced (its SDK clients captured) and publishes the loop's metrics as EMF.
        expect(code.includes("captureAWSv3Client")).toBe(true);
        expect(code.includes("CloudWatchMetrics")).toBe(true);
        // Built with the aliases of infra/bundling.ts too: semver's `gte`, not its ranges.
        expect(code.includes("Invalid comparator")).toBe(false);
      }
    });

    it("keep their logs a month (functions and API access logs)", () => {
      const groups = Object.values(s.template.findResources("AWS::Logs::LogGroup"));
      expect(groups).toHaveLength(6);
      for (const group of groups) expect(group.Properties.RetentionInDays).toBe(30);
    });
  });

  describe("sweep", () => {
    it("runs every minute, without retries of its own (the next run is the retry)", () => {
      const rules = Object.values(s.template.findResources("AWS::Events::Rule")).filter(
        (rule) => rule.Properties.ScheduleExpression,
      );
      expect(rules).toHaveLength(1);
      expect(rules[0]?.Properties).toMatchObject({
        ScheduleExpression: "rate(1 minute)",
        State: "ENABLED",
        Targets: [
          {
            Arn: { "Fn::GetAtt": [logicalId(s.stack, s.stack.stream.sweep.function), "Arn"] },
            RetryPolicy: { MaximumRetryAttempts: 0 },
          },
        ],
      });
    });
  });

  describe("stream event source mapping", () => {
    it("runs ten batches of a shard side by side, reports item failures, bisects, retries boundedly and sends what still fails to the DLQ", () => {
      s.template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
        FunctionName: { Ref: logicalId(s.stack, s.stack.stream.handler.function) },
        EventSourceArn: { "Fn::GetAtt": [logicalId(s.stack, s.stack.table.table), "StreamArn"] },
        StartingPosition: "TRIM_HORIZON",
        BatchSize: 25,
        ParallelizationFactor: 10,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 86_400,
        DestinationConfig: {
          OnFailure: { Destination: { "Fn::GetAtt": [logicalId(s.stack, s.stack.stream.deadLetterQueue), "Arn"] } },
        },
      });
    });

    it("filters with the patterns built from streamFilters", () => {
      const mappings = Object.values(s.template.findResources("AWS::Lambda::EventSourceMapping"));
      expect(mappings).toHaveLength(1);
      const filters = mappings[0]?.Properties.FilterCriteria.Filters as { Pattern: string }[];
      expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual(streamFilters.map(toLambdaFilterPattern));
      expect(JSON.parse(filters[0]?.Pattern ?? "null")).toEqual(
        toLambdaFilterPattern(streamFilters[0] as (typeof streamFilters)[number]),
      );
    });

    it("has an encrypted, TLS-only dead-letter queue kept 14 days, and an alarm on it", () => {
      s.template.hasResourceProperties("AWS::SQS::Queue", {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      s.template.hasResourceProperties("AWS::SQS::QueuePolicy", {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          ]),
        },
      });
      s.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [
          {
            Name: "QueueName",
            Value: { "Fn::GetAtt": [logicalId(s.stack, s.stack.stream.deadLetterQueue), "QueueName"] },
          },
        ],
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
    });
  });

  describe("HTTP API", () => {
    it("routes the public paths to the public function, and $default to the staff function", () => {
      s.template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
      s.template.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
      const integrations = s.template.findResources("AWS::ApiGatewayV2::Integration");
      const target = (fn: AppFunction) =>
        Object.entries(integrations).find(
          ([, r]) =>
            JSON.stringify(r.Properties.IntegrationUri) ===
            JSON.stringify({ "Fn::GetAtt": [logicalId(s.stack, fn.function), "Arn"] }),
        )?.[0];
      const publicIntegration = target(s.stack.api.publicHandler);
      const staffIntegration = target(s.stack.api.staffHandler);
      expect(publicIntegration && staffIntegration).toBeTruthy();
      const routes = Object.values(s.template.findResources("AWS::ApiGatewayV2::Route")).map((r) => ({
        key: r.Properties.RouteKey as string,
        to: JSON.stringify(r.Properties.Target),
      }));
      const to = (integration: string | undefined) =>
        JSON.stringify({ "Fn::Join": ["", ["integrations/", { Ref: integration }]] });
      expect(routes.find((r) => r.key === "$default")?.to).toBe(to(staffIntegration));
      expect(
        routes
          .filter((r) => r.key !== "$default")
          .map((r) => r.key)
          .sort(),
      ).toEqual([...publicRouteKeys].sort());
      for (const route of routes.filter((r) => r.key !== "$default")) expect(route.to).toBe(to(publicIntegration));
    });

    it("has a throttled, auto-deployed $default stage with JSON access logs", () => {
      const stages = Object.values(s.template.findResources("AWS::ApiGatewayV2::Stage"));
      expect(stages).toHaveLength(1);
      const stage = stages[0]?.Properties;
      expect(stage).toMatchObject({
        StageName: "$default",
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        AccessLogSettings: { DestinationArn: { "Fn::GetAtt": [logicalId(s.stack, s.stack.api.accessLogs), "Arn"] } },
      });
      expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({ requestId: "$context.requestId" });
    });
  });

  describe("SES", () => {
    it("has a configuration set with reputation metrics, suppression of bounces and complaints, TLS", () => {
      s.template.hasResourceProperties("AWS::SES::ConfigurationSet", {
        ReputationOptions: { ReputationMetricsEnabled: true },
        SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
        DeliveryOptions: { TlsPolicy: "REQUIRE" },
      });
    });

    it("has a domain identity with Easy DKIM and the MAIL FROM domain mail.<domain>, using the configuration set", () => {
      const identities = Object.values(s.template.findResources("AWS::SES::EmailIdentity"));
      expect(identities).toHaveLength(1);
      expect(identities[0]?.Properties).toEqual({
        EmailIdentity: "example.com",
        ConfigurationSetAttributes: {
          ConfigurationSetName: { Ref: logicalId(s.stack, s.stack.mail.configurationSet) },
        },
        DkimAttributes: { SigningEnabled: true },
        DkimSigningAttributes: { NextSigningKeyLength: "RSA_2048_BIT" },
        // Without its MX record SES sends with its own MAIL FROM rather than refusing the mail.
        MailFromAttributes: { MailFromDomain: "mail.example.com", BehaviorOnMxFailure: "USE_DEFAULT_VALUE" },
      });
    });

    it("outputs every DNS record the domain needs: three DKIM CNAMEs, the MAIL FROM MX and SPF, a DMARC policy", () => {
      const outputs = dnsOutputs(s.template);
      const identity = logicalId(s.stack, s.stack.mail.identity as IConstruct);
      const dkim = (n: number) => ({
        "Fn::Join": [
          " ",
          [
            { "Fn::GetAtt": [identity, `DkimDNSTokenName${n}`] },
            "CNAME",
            { "Fn::GetAtt": [identity, `DkimDNSTokenValue${n}`] },
          ],
        ],
      });
      expect(Object.values(outputs).map((output) => output.Value)).toEqual([
        dkim(1),
        dkim(2),
        dkim(3),
        {
          "Fn::Join": [
            " ",
            [
              "mail.example.com MX",
              { "Fn::Join": ["", ["10 feedback-smtp.", { Ref: "AWS::Region" }, ".amazonses.com"]] },
            ],
          ],
        },
        'mail.example.com TXT "v=spf1 include:amazonses.com ~all"',
        '_dmarc.example.com TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"',
      ]);
      for (const output of Object.values(outputs)) expect(output.Description).toMatch(/^DNS record for mail: /);
    });
  });

  describe("SES bounces and complaints", () => {
    const configurationSetRef = () => ({ Ref: logicalId(s.stack, s.stack.mail.configurationSet) });

    it("publishes the configuration set's bounce and complaint events to the default EventBridge bus", () => {
      s.template.resourceCountIs("AWS::SES::ConfigurationSetEventDestination", 1);
      s.template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
        ConfigurationSetName: configurationSetRef(),
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ["bounce", "complaint"],
          EventBridgeDestination: {
            EventBusArn: {
              "Fn::Join": ["", Match.arrayWith([":event-bus/default"])],
            },
          },
        },
      });
    });

    it("routes SES's bounce and complaint events of this configuration set to the SES events function", () => {
      const rules = Object.values(s.template.findResources("AWS::Events::Rule")).filter(
        (rule) => rule.Properties.EventPattern,
      );
      expect(rules).toHaveLength(1);
      expect(rules[0]?.Properties.EventPattern).toEqual({
        source: ["aws.ses"],
        "detail-type": ["Email Bounced", "Email Complaint Received"],
        detail: { mail: { tags: { "ses:configuration-set": [configurationSetRef()] } } },
      });
      const dlqArn = { "Fn::GetAtt": [logicalId(s.stack, s.stack.sesEvents.deadLetterQueue), "Arn"] };
      expect(rules[0]?.Properties.Targets).toEqual([
        {
          Id: expect.any(String),
          Arn: { "Fn::GetAtt": [logicalId(s.stack, s.stack.sesEvents.handler.function), "Arn"] },
          DeadLetterConfig: { Arn: dlqArn },
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        },
      ]);
      s.template.hasResourceProperties("AWS::Lambda::Permission", {
        Action: "lambda:InvokeFunction",
        FunctionName: { "Fn::GetAtt": [logicalId(s.stack, s.stack.sesEvents.handler.function), "Arn"] },
        Principal: "events.amazonaws.com",
        SourceArn: { "Fn::GetAtt": [logicalId(s.stack, s.stack.sesEvents.rule), "Arn"] },
      });
      // What fails in the function itself, after Lambda's async retries, lands in the same queue.
      s.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
        FunctionName: { Ref: logicalId(s.stack, s.stack.sesEvents.handler.function) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: dlqArn } },
      });
    });

    it("runs the SES events function on Node 24 arm64, with the configuration, the table and no SES right", () => {
      const handler = s.stack.sesEvents.handler;
      const fn = s.template.findResources("AWS::Lambda::Function")[logicalId(s.stack, handler.function)];
      expect(fn?.Properties).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        TracingConfig: { Mode: "Active" },
        LoggingConfig: { LogGroup: { Ref: logicalId(s.stack, handler.logGroup) } },
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: "feedback-ses-events",
            TABLE_NAME: { Ref: logicalId(s.stack, s.stack.table.table) },
            PUBLIC_URL: "https://feedback.example.com",
          },
        },
      });
      const statements = roleStatements(s.template, s.stack, handler);
      const actions = actionsOf(statements);
      expect(actions).toContain("dynamodb:UpdateItem");
      expect(actions).not.toContain("dynamodb:Scan");
      expect(actions.filter((action) => action.toLowerCase().startsWith("ses:"))).toEqual([]);
      expect(JSON.stringify(statements)).not.toContain("/index/*");
      const sqs = statements.find((st) => actionsOf([st]).includes("sqs:SendMessage"));
      expect(sqs?.Resource).toEqual({ "Fn::GetAtt": [logicalId(s.stack, s.stack.sesEvents.deadLetterQueue), "Arn"] });
    });

    it("alarms on the account's reputation rates, below the levels at which SES reviews the account", () => {
      for (const [metricName, threshold] of [
        ["Reputation.BounceRate", 0.02],
        ["Reputation.ComplaintRate", 0.0005],
      ] as const) {
        const alarms = Object.values(s.template.findResources("AWS::CloudWatch::Alarm")).filter(
          (alarm) => alarm.Properties.MetricName === metricName,
        );
        expect(alarms, metricName).toHaveLength(1);
        expect(alarms[0]?.Properties).toMatchObject({
          Namespace: "AWS/SES",
          Threshold: threshold,
          ComparisonOperator: "GreaterThanOrEqualToThreshold",
          TreatMissingData: "notBreaching",
        });
        // The account's own rates, not a dimension's.
        expect(alarms[0]?.Properties.Dimensions).toBeUndefined();
      }
    });

    it("alarms on the SES events function's errors and on its dead-letter queue", () => {
      const dlq = s.stack.sesEvents.deadLetterQueue;
      s.template.hasResourceProperties("AWS::SQS::Queue", {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      s.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [logicalId(s.stack, dlq), "QueueName"] } }],
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
      s.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/Lambda",
        MetricName: "Errors",
        Dimensions: [{ Name: "FunctionName", Value: { Ref: logicalId(s.stack, s.stack.sesEvents.handler.function) } }],
        Statistic: "Sum",
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
      s.template.hasOutput("SesEventsDeadLetterQueueUrl", { Value: { Ref: logicalId(s.stack, dlq) } });
    });
  });

  describe("monitoring", () => {
    const topicRef = () => ({ Ref: logicalId(s.stack, s.stack.monitoring.topic) });
    const alarmsOf = (metricName: string) =>
      Object.values(s.template.findResources("AWS::CloudWatch::Alarm")).filter(
        (alarm) => alarm.Properties.MetricName === metricName,
      );

    it("sends every alarm of the stack, and its return to OK, to one encrypted, TLS-only topic", () => {
      const alarms = Object.values(s.template.findResources("AWS::CloudWatch::Alarm"));
      expect(alarms).toHaveLength(13);
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions, alarm.Properties.AlarmDescription).toEqual([topicRef()]);
        expect(alarm.Properties.OKActions).toEqual([topicRef()]);
      }
      s.template.resourceCountIs("AWS::SNS::Topic", 1);
      const key = logicalId(s.stack, s.stack.monitoring.topic.masterKey as IConstruct);
      s.template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: { "Fn::GetAtt": [key, "Arn"] } });
      s.template.hasResourceProperties("AWS::KMS::Key", {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: "cloudwatch.amazonaws.com" },
              Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
              Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
            }),
          ]),
        },
      });
      s.template.hasResourceProperties("AWS::SNS::TopicPolicy", {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          ]),
        },
      });
      s.template.hasResourceProperties("AWS::SNS::Subscription", {
        Protocol: "email",
        Endpoint: "ops@example.com",
        TopicArn: topicRef(),
      });
      s.template.hasOutput("AlarmTopicArn", { Value: topicRef() });
    });

    it.each([
      ["MessagesFailed", 900],
      ["JobsStalled", 900],
      ["JobItemsGivenUp", 900],
    ])("alarms on the loop's %s metric, from the stack's namespace", (metricName, period) => {
      const alarms = alarmsOf(metricName);
      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.Properties).toMatchObject({
        Namespace: "FeedbackLoop",
        Dimensions: [{ Name: "service", Value: loopMetrics.service }],
        Statistic: "Sum",
        Period: period,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
      });
    });

    it("alarms when the stream function is ten minutes behind its stream", () => {
      const alarms = alarmsOf("IteratorAge");
      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.Properties).toMatchObject({
        Namespace: "AWS/Lambda",
        Dimensions: [{ Name: "FunctionName", Value: { Ref: logicalId(s.stack, s.stack.stream.handler.function) } }],
        Statistic: "Maximum",
        Threshold: 600_000,
        EvaluationPeriods: 2,
      });
    });

    it("alarms on the errors of every function", () => {
      const functions = alarmsOf("Errors").map((alarm) => alarm.Properties.Dimensions[0].Value.Ref);
      expect(functions.sort()).toEqual(
        [
          s.stack.api.publicHandler,
          s.stack.api.staffHandler,
          s.stack.stream.handler,
          s.stack.stream.sweep,
          s.stack.sesEvents.handler,
        ]
          .map((fn) => logicalId(s.stack, fn.function))
          .sort(),
      );
    });

    it("has a dashboard of the loop, the failures, stalled jobs, queues, the stream's lag, SES reputation and errors", () => {
      const dashboards = Object.values(s.template.findResources("AWS::CloudWatch::Dashboard"));
      expect(dashboards).toHaveLength(1);
      const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
      for (const metric of [...Object.values(loopEvents), "ApproximateNumberOfMessagesVisible", "IteratorAge"]) {
        expect(body, metric).toContain(metric);
      }
      expect(body).toContain("Reputation.BounceRate");
      expect(body).toContain("Reputation.ComplaintRate");
      expect(body).toContain("AWS/Lambda");
      expect(body).toContain('\\"type\\":\\"alarm\\"');
      s.template.hasOutput("DashboardName", {
        Value: { Ref: logicalId(s.stack, s.stack.monitoring.dashboard) },
      });
    });
  });

  describe("IAM", () => {
    it("gives the web functions no SES action at all", () => {
      for (const fn of [s.stack.api.publicHandler, s.stack.api.staffHandler]) {
        const statements = roleStatements(s.template, s.stack, fn);
        expect(statements.length).toBeGreaterThan(0);
        expect(actionsOf(statements).filter((action) => action.toLowerCase().startsWith("ses:"))).toEqual([]);
      }
    });

    it.each([
      ["stream", () => s.stack.stream.handler],
      ["sweep", () => s.stack.stream.sweep],
    ])("lets the %s function send only as the identity and through the configuration set", (_, fn) => {
      const sesStatements = roleStatements(s.template, s.stack, fn()).filter((st) =>
        actionsOf([st]).some((action) => action.startsWith("ses:")),
      );
      expect(sesStatements).toHaveLength(1);
      const [statement] = sesStatements;
      expect([statement?.Action].flat().sort()).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
      const resources = JSON.stringify(statement?.Resource);
      expect(statement?.Resource).toHaveLength(2);
      expect(resources).toContain(":identity/");
      expect(resources).toContain(`{"Ref":"${logicalId(s.stack, s.stack.mail.identity as IConstruct)}"}`);
      expect(resources).toContain(":configuration-set/");
      expect(resources).toContain(`{"Ref":"${logicalId(s.stack, s.stack.mail.configurationSet)}"}`);
      expect(resources).not.toContain('"*"');
    });

    it("grants the web, stream and sweep functions the table and its named index only, never index/*", () => {
      for (const fn of [
        s.stack.api.publicHandler,
        s.stack.api.staffHandler,
        s.stack.stream.handler,
        s.stack.stream.sweep,
      ]) {
        const statements = roleStatements(s.template, s.stack, fn);
        const table = statements.find((st) => actionsOf([st]).includes("dynamodb:PutItem"));
        expect(table).toBeDefined();
        expect(JSON.stringify(table?.Resource)).toContain(`/index/${tableDefinition.indexes.lists.name}`);
        expect(JSON.stringify(statements)).not.toContain("/index/*");
        expect(actionsOf(statements)).not.toContain("dynamodb:Scan");
      }
    });
  });

  it("outputs the API URL, the table name and the DLQ URL", () => {
    s.template.hasOutput("ApiUrl", {
      Value: { "Fn::GetAtt": [logicalId(s.stack, s.stack.api.httpApi), "ApiEndpoint"] },
    });
    s.template.hasOutput("TableName", { Value: { Ref: logicalId(s.stack, s.stack.table.table) } });
    s.template.hasOutput("DeadLetterQueueUrl", { Value: { Ref: logicalId(s.stack, s.stack.stream.deadLetterQueue) } });
  });

  describe("cdk-nag (AwsSolutions)", () => {
    const acknowledgements = (root: IConstruct) =>
      root.node.findAll().flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
          .map(([id, reason]) => ({ id, reason, at: construct.node.path })),
      );

    const report = () =>
      JSON.parse(readFileSync(join(s.assembly.directory, "validation-report.json"), "utf8")) as {
        pluginReports: {
          pluginName: string;
          conclusion: string;
          violations: unknown[];
          suppressedViolations?: { acknowledgedId: string; acknowledgedAt: string; reason: string }[];
        }[];
      };

    it("ran and left no unacknowledged finding (synthesis would have thrown)", () => {
      const nag = report().pluginReports.find((r) => r.pluginName === "AwsSolutions");
      expect(nag).toBeDefined();
      expect(nag?.violations).toEqual([]);
      expect(nag?.conclusion).toBe("success");
    });

    it("acknowledges, for the SES events, only its dead-letter queue's SQS3 and its role's X-Ray wildcard", () => {
      const acks = acknowledgements(s.app).filter((ack) => ack.at.startsWith("FeedbackLoop/SesEvents/"));
      expect(acks.map(({ id, at }) => ({ id, at })).sort((a, b) => a.at.localeCompare(b.at))).toEqual([
        { id: "AwsSolutions::AwsSolutions-SQS3", at: "FeedbackLoop/SesEvents/DeadLetterQueue" },
        { id: "AwsSolutions::AwsSolutions-IAM5[Resource::*]", at: "FeedbackLoop/SesEvents/Handler/Role" },
      ]);
      expect(acknowledgements(s.app).filter((ack) => ack.at.startsWith("FeedbackLoop/Mail"))).toEqual([]);
    });

    it("has a specific reason on every acknowledgement, and every acknowledgement is used", () => {
      const acks = acknowledgements(s.app);
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) expect(ack.reason.trim().length, `${ack.at} ${ack.id}`).toBeGreaterThan(40);

      const suppressed = report().pluginReports.flatMap((r) => r.suppressedViolations ?? []);
      for (const ack of acks) {
        expect(
          suppressed.some((v) => v.acknowledgedId === ack.id && v.acknowledgedAt === ack.at),
          `unused acknowledgement ${ack.id} at ${ack.at}`,
        ).toBe(true);
      }
    });
  });
});

describe("FeedbackStack with no parameters", () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({});
  });

  it("synthesises environment-agnostic, with PUBLIC_URL the HTTP API's own URL", () => {
    expect(s.stack.environment).toBe("aws://unknown-account/unknown-region");
    const fn =
      s.template.findResources("AWS::Lambda::Function")[logicalId(s.stack, s.stack.api.publicHandler.function)];
    expect(fn?.Properties.Environment.Variables.PUBLIC_URL).toEqual({
      "Fn::GetAtt": [logicalId(s.stack, s.stack.api.httpApi), "ApiEndpoint"],
    });
    expect(fn?.Properties.Environment.Variables).not.toHaveProperty("MAIL_FROM");
    expect(fn?.Properties.Environment.Variables).not.toHaveProperty("ADMIN_EMAIL");
  });

  it("creates no identity, grants no SES right, outputs no DNS record, and warns about the missing sender", () => {
    s.template.resourceCountIs("AWS::SES::EmailIdentity", 0);
    expect(dnsOutputs(s.template)).toEqual({});
    s.template.resourceCountIs("AWS::SNS::Subscription", 0);
    s.template.resourceCountIs("AWS::SES::ConfigurationSet", 1);
    for (const fn of [s.stack.api.publicHandler, s.stack.api.staffHandler, s.stack.stream.handler]) {
      expect(actionsOf(roleStatements(s.template, s.stack, fn)).some((a) => a.startsWith("ses:"))).toBe(false);
    }
    Annotations.fromStack(s.stack).hasWarning("/FeedbackLoop/Mail", Match.stringLikeRegexp("No sender address"));
  });
});

describe("FeedbackStack with a sender address and no mail domain", () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({ senderEmail: "feedback@example.net", stackName: "Staging" });
  });

  it("creates an email-address identity for the sender, with no DNS records to output", () => {
    const identities = Object.values(s.template.findResources("AWS::SES::EmailIdentity"));
    expect(identities.map((identity) => identity.Properties.EmailIdentity)).toEqual(["feedback@example.net"]);
    expect(identities[0]?.Properties.MailFromAttributes).toBeUndefined();
    expect(dnsOutputs(s.template)).toEqual({});
  });

  it("publishes and alarms on the loop's metrics under a namespace of its own stack", () => {
    const fn = s.template.findResources("AWS::Lambda::Function")[logicalId(s.stack, s.stack.stream.handler.function)];
    expect(fn?.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe("FeedbackLoop/Staging");
    s.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "MessagesFailed",
      Namespace: "FeedbackLoop/Staging",
    });
  });
});

describe("parameters", () => {
  it("rejects a malformed sender address, public URL or rate limit before building anything", () => {
    expect(() => createApp({ env: {}, context: { senderEmail: "Feedback <x@example.com>" } })).toThrow(/senderEmail/);
    expect(() => createApp({ env: {}, context: { publicUrl: "feedback.example.com" } })).toThrow(/publicUrl/);
    expect(() => createApp({ env: {}, context: { intakeRateLimit: "-1" } })).toThrow(/intakeRateLimit/);
    expect(() => createApp({ env: {}, context: { defaultLocale: "de" } })).toThrow(/defaultLocale/);
    expect(() => createApp({ env: {}, context: { mailDomain: "https://example.org" } })).toThrow(/mailDomain/);
    expect(() =>
      createApp({ env: {}, context: { mailDomain: "example.org", senderEmail: "feedback@example.com" } }),
    ).toThrow(/senderEmail must be an address of mailDomain example.org/);
    expect(() => createApp({ env: {}, context: { replyTo: "a@example.org, b@example.org" } })).toThrow(/replyTo/);
    expect(() => createApp({ env: {}, context: { alarmEmail: "ops" } })).toThrow(/alarmEmail/);
    expect(() => createApp({ env: {}, context: { timeZone: "Europe/Atlantis" } })).toThrow(/timeZone/);
    expect(() => createApp({ env: {}, context: { digestHour: "24" } })).toThrow(
      /digestHour must be a whole number from 0 to 23/,
    );
    expect(() => createApp({ env: {}, context: { jobLaneSize: "5" } })).toThrow(
      /jobLaneSize must be a whole number >= 10/,
    );
  });

  it("reads the environment when the context has no value, and the context first", () => {
    expect(() => createApp({ env: { FEEDBACK_ADMIN_EMAIL: "not-an-address" } })).toThrow(/adminEmail/);
    const { stack } = createApp({
      env: { FEEDBACK_ADMIN_EMAIL: "not-an-address", FEEDBACK_STACK_NAME: "FromEnv" },
      context: { adminEmail: "admin@example.com", account: "123456789012", region: "eu-west-1" },
    });
    expect(stack.stackName).toBe("FromEnv");
    expect(stack.environment).toBe("aws://123456789012/eu-west-1");
  });
});
