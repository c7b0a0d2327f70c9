import { describe, expect, inject, it } from "vitest";
import { closedLoopSteps, measureClosedLoop } from "../../bench/closed-loop";

describe("what a closed loop costs on DynamoDB", () => {
  it("closes the loop for a customer within its budget of billed write units, priced by the service's rules", async () => {
    const loop = await measureClosedLoop(inject("dynamoEndpoint"), 1);
    // The loop really closed: the acknowledgement, "we will" and "you said, we did".
    expect(loop.messages).toBe(3);
    expect(loop.steps.map((s) => s.name)).toEqual([...closedLoopSteps]);
    for (const step of loop.steps) expect(step.figures.writeUnits, step.name).toBeGreaterThan(0);
    // The budget this code keeps (BENCHMARKS.md has each step); the aim is 50.
    expect(loop.total.writeUnits).toBeLessThanOrEqual(95);
    // Told-at and timeline-only changes rewrite no index entry: the index share stays small.
    const indexUnits = loop.steps.reduce((sum, s) => sum + s.figures.indexWriteUnits, 0);
    expect(indexUnits).toBeLessThanOrEqual(30);
  });
});
