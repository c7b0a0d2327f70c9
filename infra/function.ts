import { fileURLToPath } from "node:url";
import { Duration, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { tableDefinition } from "../shared/db/table";
import { lambdaBundling } from "./bundling";

/** The repository root: entries are given relative to it, and esbuild resolves from it. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export interface AppFunctionProps {
  /** Entry file, relative to the repository root (e.g. `functions/api/handler.ts`). */
  entry: string;
  /** Powertools service name; also names what the function is for in the logs and traces. */
  serviceName: string;
  description?: string;
  environment?: Record<string, string>;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds */
  timeout?: Duration;
  /** @default one month */
  logRetention?: RetentionDays;
  /** Powertools log level. @default INFO */
  logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR";
  /** Files (repository-relative) to place next to the bundle, under `assets/`: static files it serves. */
  assets?: string[];
  /**
   * Why else, beyond X-Ray, the role holds an action on `*` (an action without resource-level
   * permissions), for the cdk-nag acknowledgement.
   */
  otherWildcardActions?: string;
}

/** Item and index reads the code does (GetItem, Query, transaction condition checks); no Scan. */
const readActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
];
/** Item writes; a TransactWriteItems call is authorised as the writes it contains. */
const writeActions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];

/**
 * The project's one Lambda shape: Node 24 on arm64, an ESM bundle built by the local esbuild (no
 * Docker) with the AWS SDK bundled and tree-shaken from its ESM builds, X-Ray tracing, and its own
 * log group with a retention. The role is the function's own: logs go to that log group only, and
 * table access is granted per function with `grantTable`.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });

    // An own role instead of the AWSLambdaBasicExecutionRole managed policy, whose log rights
    // cover every log group of the account: this one may write to its own log group only.
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of the ${props.serviceName} function`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? "INFO",
        ...props.environment,
      },
      bundling: {
        // The settings the bundle benchmark measures too (infra/bundling.ts): ESM for Node 24 with
        // the createRequire banner, ESM builds first (mainFields), minified, the same aliases.
        format: lambdaBundling.format === "esm" ? OutputFormat.ESM : OutputFormat.CJS,
        target: lambdaBundling.target,
        mainFields: [...lambdaBundling.mainFields],
        minify: lambdaBundling.minify,
        banner: lambdaBundling.banner,
        // The CDK has no `alias` option: esbuild's own flag, `--alias:NAME=PATH` for each.
        esbuildArgs: { "--alias": Object.entries(lambdaBundling.alias).map(([name, path]) => `${name}=${path}`) },
        sourceMap: false,
        // Bundle the SDK instead of using the runtime's copy: the versions the lock file pins, and only
        // the code that is used.
        bundleAwsSDK: true,
        externalModules: [],
        forceDockerBundling: false,
        commandHooks: props.assets
          ? {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => [
                `mkdir -p "${outputDir}/assets"`,
                ...(props.assets ?? []).map((file) => `cp "${inputDir}/${file}" "${outputDir}/assets/"`),
              ],
            }
          : undefined,
      },
    });

    Validations.of(this.role).acknowledge({
      id: "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
      reason: [
        "xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) have no resource-level permissions, so IAM only accepts them on *.",
        props.otherWildcardActions,
      ]
        .filter(Boolean)
        .join(" "),
    });
  }

  /**
   * Read-write or read-only access to the table's items and to its indexes, each index named (from
   * `tableDefinition`) rather than `index/*`.
   */
  grantTable(table: ITable, access: "read-write" | "read" = "read-write"): void {
    const indexArns = Object.values(tableDefinition.indexes).map((index) => `${table.tableArn}/index/${index.name}`);
    this.role.addToPolicy(
      new PolicyStatement({
        actions: access === "read" ? readActions : [...readActions, ...writeActions],
        resources: [table.tableArn, ...indexArns],
      }),
    );
  }
}
