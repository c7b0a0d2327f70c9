import { describe, expect, it } from "vitest";
import { acknowledgementPurpose, keys } from "../../shared/db/keys";
import { createTableInput, indexNames, tableDefinition } from "../../shared/db/table";

describe("keys", () => {
  it("prefixes every entity so different kinds never share a key", () => {
    const built = [
      keys.feedback("01A"),
      keys.tracking("01A"),
      keys.unsubscribe("01A"),
      keys.suppression("01A"),
      keys.notification("01A"),
      keys.idempotency("intake", "01A"),
      keys.rateWindow("intake", "01A", 1),
    ].map((k) => `${k.PK}|${k.SK}`);
    expect(new Set(built).size).toBe(built.length);
  });

  it("keeps a feedback item and its timeline in one partition, the timeline sorted by entry id", () => {
    expect(keys.timelineEntry("01F", "01B").PK).toBe(keys.feedback("01F").PK);
    expect(keys.timelineEntry("01F", "01A").SK < keys.timelineEntry("01F", "01B").SK).toBe(true);
  });

  it("keys an acknowledgement by the feedback it is for, so there can only be one", () => {
    expect(keys.notification(acknowledgementPurpose("01F"))).toEqual(keys.notification(acknowledgementPurpose("01F")));
  });
});

describe("createTableInput", () => {
  it("declares every key attribute of the definition and a stream with both images", () => {
    const input = createTableInput("t");
    const declared = input.AttributeDefinitions?.map((a) => a.AttributeName);
    expect(declared).toEqual(expect.arrayContaining(["PK", "SK", "GSI1PK", "GSI1SK"]));
    expect(input.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: tableDefinition.streamViewType });
    expect(input.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(Object.values(indexNames));
  });
});
