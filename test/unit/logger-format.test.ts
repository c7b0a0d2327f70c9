import { afterEach, describe, expect, it } from "vitest";
import { createLogger, formatReadable, logFormatFor } from "../../shared/logger";

/** What the logger writes to stdout and stderr while `act` runs. */
function printed(act: () => void): { stdout: string; stderr: string } {
  const out = { stdout: "", stderr: "" };
  const write = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string) => {
    out.stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    out.stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    act();
  } finally {
    process.stdout.write = write.stdout;
    process.stderr.write = write.stderr;
  }
  return out;
}

const level = process.env.POWERTOOLS_LOG_LEVEL;
afterEach(() => {
  if (level === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = level;
});

describe("log format", () => {
  it("is JSON on Lambda, readable text elsewhere, and what LOG_FORMAT says either way", () => {
    expect(logFormatFor({})).toBe("text");
    expect(logFormatFor({ AWS_LAMBDA_FUNCTION_NAME: "feedback-stream" })).toBe("json");
    expect(logFormatFor({ LOG_FORMAT: "json" })).toBe("json");
    expect(logFormatFor({ LOG_FORMAT: "JSON " })).toBe("json");
    expect(logFormatFor({ LOG_FORMAT: "text", AWS_LAMBDA_FUNCTION_NAME: "feedback-api" })).toBe("text");
    expect(logFormatFor({ LOG_FORMAT: "yaml" })).toBe("text");
  });

  it("writes one readable line per event: time, level, message and the event's own fields", () => {
    process.env.POWERTOOLS_LOG_LEVEL = "INFO";
    const out = printed(() =>
      createLogger("text").info("message sent", { id: "ack#01J", attempt: 2, note: "two words", outcome: { a: 1 } }),
    );
    expect(out.stderr).toBe("");
    const lines = out.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}message sent id=ack#01J attempt=2 note="two words" outcome=\{"a":1\}$/,
    );
    // Nothing of the JSON line's fixed attributes (service, sampling rate, timestamp) is repeated.
    expect(lines[0]).not.toContain("service");
    expect(lines[0]).not.toContain('{"level"');
  });

  it("writes warnings and errors to stderr, an error as its name and message on the same line", () => {
    process.env.POWERTOOLS_LOG_LEVEL = "INFO";
    const out = printed(() => {
      const logger = createLogger("text");
      logger.warn("send failed", { purpose: "ack#1" });
      logger.error("sweep failed", { error: new TypeError("no table\nat all") });
      logger.debug("metric", { metric: "MessagesSent" });
    });
    expect(out.stdout).toBe("");
    const lines = out.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}send failed purpose=ack#1$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ERROR sweep failed error="TypeError: no table\\nat all"$/);
  });

  it("writes Powertools' JSON, one object per line, with LOG_FORMAT=json", () => {
    process.env.POWERTOOLS_LOG_LEVEL = "INFO";
    const out = printed(() => createLogger("json", "feedback-test").info("message sent", { id: "ack#01J" }));
    const lines = out.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: "INFO",
      message: "message sent",
      service: "feedback-test",
      id: "ack#01J",
      timestamp: expect.any(String),
    });
  });

  it("formats the time as the machine's local clock time of the event", () => {
    const at = new Date("2026-12-05T12:01:02.345Z");
    const line = formatReadable({ timestamp: at.toISOString(), level: "INFO", message: "ready", port: 3000 });
    expect(line).toBe(`${at.toTimeString().slice(0, 8)} INFO  ready port=3000`);
  });
});
