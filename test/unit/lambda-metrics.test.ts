import { Metrics } from "@aws-lambda-powertools/metrics";
import { describe, expect, it } from "vitest";
import { metrics, metricsTelemetry } from "../../functions/observability";
import { loopEvents, loopMetrics } from "../../shared/telemetry";

describe("the loop's events as Powertools metrics (EMF)", () => {
  it("adds each event as a Count under its metric name, with the one service dimension", () => {
    const target = new Metrics({ namespace: "FeedbackTest", serviceName: loopMetrics.service });
    const telemetry = metricsTelemetry(target);
    telemetry.count("messageSent");
    telemetry.count("messageSent");
    telemetry.count("loopClosed", 3);
    const emf = target.serializeMetrics() as unknown as Record<string, unknown> & {
      _aws: {
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
      };
    };
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe("FeedbackTest");
    expect(directive?.Dimensions).toEqual([["service"]]);
    expect(emf.service).toBe("loop");
    expect(directive?.Metrics.map((m) => [m.Name, m.Unit]).sort()).toEqual([
      [loopEvents.loopClosed, "Count"],
      [loopEvents.messageSent, "Count"],
    ]);
    expect(emf[loopEvents.messageSent]).toEqual([1, 1]);
    expect(emf[loopEvents.loopClosed]).toBe(3);
  });

  it("publishes under the stack's namespace from the environment, else the default", () => {
    // The module-level instance read POWERTOOLS_METRICS_NAMESPACE when it was created.
    metrics.addMetric(loopEvents.feedbackReceived, "Count", 1);
    const emf = metrics.serializeMetrics() as unknown as { _aws: { CloudWatchMetrics: { Namespace: string }[] } };
    metrics.clearMetrics();
    expect(emf._aws.CloudWatchMetrics[0]?.Namespace).toBe(
      process.env.POWERTOOLS_METRICS_NAMESPACE || loopMetrics.defaultNamespace,
    );
  });
});
