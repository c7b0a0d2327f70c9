import { Logger, type LogItem, LogLevelThreshold } from "@aws-lambda-powertools/logger";

/** How log lines are written: Powertools' structured JSON, or one readable line per event. */
export type LogFormat = "json" | "text";

/**
 * `LOG_FORMAT` when it names a format; otherwise JSON on Lambda (CloudWatch Logs Insights reads
 * it) and readable text everywhere else (`npm start`, tests).
 */
export function logFormatFor(env: Record<string, string | undefined> = process.env): LogFormat {
  const chosen = env.LOG_FORMAT?.trim().toLowerCase();
  if (chosen === "json" || chosen === "text") return chosen;
  return env.AWS_LAMBDA_FUNCTION_NAME ? "json" : "text";
}

/** Attributes every Powertools line carries that a person reading a terminal does not need. */
const quietKeys = new Set([
  "timestamp",
  "level",
  "message",
  "service",
  "sampling_rate",
  "xray_trace_id",
  "cold_start",
  "function_arn",
  "function_memory_size",
  "function_name",
  "function_request_id",
]);

const bare = /^[^\s"=]+$/;

function readableValue(value: unknown): string {
  if (typeof value === "string") return bare.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "undefined";
  // An error as Powertools formats it: its name and message are what the line needs.
  if (typeof value === "object" && "message" in value && "stack" in value) {
    const { name, message } = value as { name?: unknown; message?: unknown };
    return JSON.stringify(`${String(name ?? "Error")}: ${String(message)}`);
  }
  return JSON.stringify(value);
}

/**
 * One log event as one readable line: `12:01:02 INFO message sent id=... attempt=2`. The time is
 * the machine's local time; nested values are compact JSON; line breaks in messages are escaped,
 * so an event never spans lines.
 */
export function formatReadable(attributes: Record<string, unknown>): string {
  const at = new Date(String(attributes.timestamp ?? Date.now()));
  const time = Number.isNaN(at.getTime()) ? "--:--:--" : at.toTimeString().slice(0, 8);
  const level = String(attributes.level ?? "INFO").padEnd(5);
  const message = String(attributes.message ?? "").replace(/\r?\n/g, "\\n");
  const fields = Object.entries(attributes)
    .filter(([key, value]) => !quietKeys.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${readableValue(value)}`);
  return [time, level, message, ...fields].join(" ").trimEnd();
}

/** Powertools' logger, printing each event as one readable line instead of JSON. */
class ReadableLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    log.prepareForPrint();
    const line = `${formatReadable(log.getAttributes())}\n`;
    if (logLevel >= LogLevelThreshold.WARN) process.stderr.write(line);
    else process.stdout.write(line);
  }
}

/** A logger in the given format (the level from `POWERTOOLS_LOG_LEVEL`, as Powertools reads it). */
export function createLogger(format: LogFormat, serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? "feedback") {
  return format === "json" ? new Logger({ serviceName }) : new ReadableLogger({ serviceName });
}

/** The one logger of the functions and the local host: JSON on Lambda and with `LOG_FORMAT=json`, readable otherwise. */
export const logger: Logger = createLogger(logFormatFor());
