import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { classifyFailure, conditionFailed, lostRace } from "../../shared/db/failures";

const meta = { $metadata: {} };
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled [${codes.join(", ")}]`,
    CancellationReasons: codes.map((Code) => ({ Code })),
    ...meta,
  });

describe("the one classifier of failed calls", () => {
  it("tells a failed condition, a refusal for now and anything else apart", () => {
    expect(classifyFailure(new ConditionalCheckFailedException({ message: "no", ...meta }))).toBe("condition");
    expect(classifyFailure(cancelled("None", "ConditionalCheckFailed"))).toBe("condition");
    expect(classifyFailure(cancelled("ConditionalCheckFailed", "TransactionConflict"))).toBe("retry");
    expect(classifyFailure(cancelled("ThrottlingError"))).toBe("retry");
    expect(classifyFailure(new ProvisionedThroughputExceededException({ message: "slow down", ...meta }))).toBe(
      "retry",
    );
    expect(classifyFailure(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe("retry");
    expect(classifyFailure(cancelled("ValidationError"))).toBe("fatal");
    expect(classifyFailure(new TypeError("a bug"))).toBe("fatal");
    expect(classifyFailure("not an error")).toBe("fatal");
  });

  it("names which action of a transaction failed its condition", () => {
    const error = cancelled("None", "ConditionalCheckFailed");
    expect(conditionFailed(error)).toBe(true);
    expect(conditionFailed(error, 0)).toBe(false);
    expect(conditionFailed(error, 1)).toBe(true);
    expect(conditionFailed(error, 5)).toBe(false);
    expect(conditionFailed(new ConditionalCheckFailedException({ message: "no", ...meta }))).toBe(true);
    expect(conditionFailed(new Error("other"))).toBe(false);
  });

  it("counts a concurrent transaction on the item as a lost race, and throttling not", () => {
    expect(lostRace(cancelled("TransactionConflict"))).toBe(true);
    expect(lostRace(cancelled("ConditionalCheckFailed"))).toBe(true);
    expect(lostRace(cancelled("None", "TransactionConflict"), 0)).toBe(false);
    expect(lostRace(cancelled("None", "TransactionConflict"), 1)).toBe(true);
    expect(lostRace(cancelled("ThrottlingError"))).toBe(false);
    expect(lostRace(new ConditionalCheckFailedException({ message: "no", ...meta }))).toBe(true);
    expect(lostRace(new ProvisionedThroughputExceededException({ message: "slow down", ...meta }))).toBe(false);
  });
});
