import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableDefinition } from "../../shared/db/table";
import { entities, isEntityType, isStreamEntityType } from "../../shared/entities/catalogue";
import { matchesStreamFilters, streamFilters } from "../../shared/stream/filters";

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });

describe("the entity catalogue", () => {
  it("names every index of the table, and only those", () => {
    const used = new Set(Object.values(entities).flatMap((entity) => [...entity.indexes]));
    expect([...used].sort()).toEqual(Object.keys(tableDefinition.indexes).sort());
  });

  it("holds every entity type the code writes or reads", () => {
    const written = new Set<string>();
    for (const file of [...sourceFiles("shared"), ...sourceFiles("functions"), ...sourceFiles("infra")]) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/entityType(?::| ===) "([A-Za-z]+)"|stored\("([A-Za-z]+)"/g)) {
        written.add(match[1] ?? match[2] ?? "");
      }
    }
    expect(written.size).toBeGreaterThan(10);
    for (const type of written) expect(isEntityType(type), type).toBe(true);
  });

  it("derives one stream filter per declared interest, and only for entities with one", () => {
    const interests = Object.values(entities).flatMap((entity) => ("stream" in entity ? [...entity.stream] : []));
    expect(streamFilters).toHaveLength(interests.length);
    for (const filter of streamFilters) expect(isStreamEntityType(filter.newImage.entityType?.[0])).toBe(true);
    expect(isStreamEntityType("TimelineEntry")).toBe(false);
    expect(isStreamEntityType("Notification")).toBe(true);
  });

  it("lets through the records the stream function acts on, and nothing else", () => {
    const record = (eventName: string, image: Record<string, { S?: string; N?: string }>) => ({
      eventName,
      dynamodb: { NewImage: image },
    });
    const notification = (status: string, attempts: string, kind = "update", toldBy = "stream") =>
      ({
        entityType: { S: "Notification" },
        status: { S: status },
        toldBy: { S: toldBy },
        kind: { S: kind },
        attempts: { N: attempts },
      }) as const;
    expect(matchesStreamFilters(record("INSERT", notification("pending", "0")))).toBe(true);
    // Written already claimed by its sender (one attempt): the stream leaves it to the sender.
    expect(matchesStreamFilters(record("INSERT", notification("pending", "1")))).toBe(false);
    expect(matchesStreamFilters(record("MODIFY", notification("sent", "1")))).toBe(true);
    expect(matchesStreamFilters(record("MODIFY", notification("pending", "1")))).toBe(false);
    // What became of other messages is read from the notifications themselves: nothing to react to.
    expect(matchesStreamFilters(record("MODIFY", notification("failed", "3")))).toBe(false);
    expect(matchesStreamFilters(record("MODIFY", notification("sent", "1", "acknowledgement")))).toBe(false);
    // A job's page sets the told-at of what it sent itself; an update sent is still an event for webhooks.
    expect(matchesStreamFilters(record("MODIFY", notification("sent", "1", "update", "page")))).toBe(true);
    // An action's change is observed through its timeline entry, which says what changed.
    const actionEntry = (type: string) => ({ entityType: { S: "ActionTimelineEntry" }, type: { S: type } });
    expect(matchesStreamFilters(record("INSERT", actionEntry("changed")))).toBe(true);
    expect(matchesStreamFilters(record("INSERT", actionEntry("linked_feedback")))).toBe(false);
    // A webhook delivery is sent from its insert, unless its writer claimed it; retries are the sweep's.
    const delivery = (status: string, attempts: string) => ({
      entityType: { S: "WebhookDelivery" },
      status: { S: status },
      attempts: { N: attempts },
    });
    expect(matchesStreamFilters(record("INSERT", delivery("pending", "0")))).toBe(true);
    expect(matchesStreamFilters(record("MODIFY", delivery("pending", "1")))).toBe(false);
    expect(matchesStreamFilters(record("INSERT", { entityType: { S: "WebhookEndpoint" } }))).toBe(false);
    expect(matchesStreamFilters(record("INSERT", { entityType: { S: "Feedback" } }))).toBe(true);
    expect(matchesStreamFilters(record("INSERT", { entityType: { S: "Action" } }))).toBe(false);
    expect(matchesStreamFilters(record("MODIFY", { entityType: { S: "Action" } }))).toBe(false);
    expect(matchesStreamFilters(record("INSERT", { entityType: { S: "TimelineEntry" } }))).toBe(false);
    expect(matchesStreamFilters(record("MODIFY", { entityType: { S: "Job" }, status: { S: "done" } }))).toBe(false);
  });
});
