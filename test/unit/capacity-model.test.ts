import { describe, expect, it } from "vitest";
import { type IndexModel, indexEntry, itemSize, readUnits, writeUnits } from "../../bench/capacity-model";

const byStatus = (projection: IndexModel["projection"]): IndexModel => ({
  name: "GSI2",
  partitionKey: "GSI2PK",
  sortKey: "GSI2SK",
  projection,
});

const feedback = (extra: Record<string, unknown> = {}) => ({
  PK: "FEEDBACK#01J",
  SK: "FEEDBACK",
  GSI2PK: "STATUS#new",
  GSI2SK: "01J",
  message: "x".repeat(1500),
  version: 1,
  ...extra,
});

describe("the capacity model", () => {
  it("sizes items as DynamoDB does: names and values, numbers by their digits", () => {
    expect(itemSize({ a: "abc" })).toBe(4);
    expect(itemSize({ name: "Zoë" })).toBe(4 + 4);
    expect(itemSize({ n: 12345 })).toBe(1 + 4);
    expect(itemSize({ ok: true, none: null })).toBe(2 + 1 + 4 + 1);
    expect(itemSize({ list: ["a", "b"] })).toBe(4 + 3 + 2 * (1 + 1));
    expect(itemSize({ map: { k: "v" } })).toBe(3 + 3 + 1 + 1 + 1);
    expect(itemSize({ set: new Set(["ab", "c"]) })).toBe(3 + 3);
  });

  it("bills a write by the larger of the item before and after, in whole KB, and a transaction twice", () => {
    const small = { PK: "A", SK: "B", v: "x" };
    const large = { ...small, v: "x".repeat(2100) };
    expect(writeUnits(undefined, small, { indexes: [] })).toEqual({ table: 1, indexes: 0 });
    expect(writeUnits(large, small, { indexes: [] })).toEqual({ table: 3, indexes: 0 });
    expect(writeUnits(undefined, small, { indexes: [], transactional: true })).toEqual({ table: 2, indexes: 0 });
    expect(writeUnits(small, undefined, { indexes: [] })).toEqual({ table: 1, indexes: 0 });
  });

  it("bills an index one write for a new entry, two when its key moves, and none when nothing it projects changed", () => {
    const all = [byStatus("ALL")];
    const keysOnly = [byStatus("KEYS_ONLY")];
    const before = feedback();
    // A new item: its 1.6 KB entry on an index that projects everything costs 2, a key-only entry 1.
    expect(writeUnits(undefined, before, { indexes: all }).indexes).toBe(2);
    expect(writeUnits(undefined, before, { indexes: keysOnly }).indexes).toBe(1);
    // A status change moves the entry: a removal and a new entry.
    const moved = feedback({ GSI2PK: "STATUS#done", version: 2 });
    expect(writeUnits(before, moved, { indexes: keysOnly }).indexes).toBe(2);
    // A change the index does not project leaves it alone; projecting everything rewrites the entry.
    const told = feedback({ outcomeToldAt: "2026-12-04T00:00:00Z", version: 2 });
    expect(writeUnits(before, told, { indexes: keysOnly }).indexes).toBe(0);
    expect(writeUnits(before, told, { indexes: all }).indexes).toBe(2);
    expect(writeUnits(before, told, { indexes: [byStatus({ include: ["version"] })] }).indexes).toBe(1);
    // Leaving the index is one write.
    const { GSI2PK: _pk, GSI2SK: _sk, ...unlisted } = before;
    expect(writeUnits(before, unlisted, { indexes: keysOnly }).indexes).toBe(1);
  });

  it("projects the table keys, the index keys and what it includes", () => {
    expect(indexEntry(feedback(), byStatus({ include: ["version"] }))).toEqual({
      PK: "FEEDBACK#01J",
      SK: "FEEDBACK",
      GSI2PK: "STATUS#new",
      GSI2SK: "01J",
      version: 1,
    });
    expect(indexEntry({ PK: "A", SK: "B" }, byStatus("KEYS_ONLY"))).toBeUndefined();
  });

  it("bills reads per 4 KB: half for eventual, one for strong, two for transactional", () => {
    expect(readUnits(0, "eventual")).toBe(0.5);
    expect(readUnits(4096, "strong")).toBe(1);
    expect(readUnits(4097, "eventual")).toBe(1);
    expect(readUnits(100, "transactional")).toBe(2);
  });
});
