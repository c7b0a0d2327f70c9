import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BOARD_NAMED_FINDERS, finderTally, publicFinders } from "../../shared/actions/finders";
import type { Deps } from "../../shared/deps";
import { newId } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
});

/** A complaint through the public intake, by someone who gave their name and agreed to be named. */
async function namedComplaint(name: string): Promise<string> {
  const response = await app.request("/api/feedback", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "The reader at gate 3 is broken", kind: "complaint", name, creditName: true }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe("the finders the public board names", () => {
  it("names a few of those who agreed and counts the rest, reading only the items it names", async () => {
    const actionId = newId();
    const names = Array.from({ length: BOARD_NAMED_FINDERS + 8 }, (_, i) => `Finder ${String(i).padStart(2, "0")}`);
    const ids = [];
    for (const name of names) ids.push(await namedComplaint(name));
    await deps.actions.creditFinders(
      ids.map((feedbackId) => ({
        actionId,
        feedbackId,
        at: new Date().toISOString(),
        customerType: "external",
        named: true,
      })),
    );

    let itemsRead = 0;
    const name = `count-${Math.random().toString(36).slice(2)}`;
    deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: { RequestItems?: Record<string, { Keys?: unknown[] }> } }).input;
        if (context.commandName === "BatchGetItemCommand") {
          for (const request of Object.values(input.RequestItems ?? {})) itemsRead += request.Keys?.length ?? 0;
        }
        return next(args);
      },
      { step: "initialize", name },
    );
    const finders = await publicFinders(deps, await finderTally(deps, actionId)).finally(() =>
      deps.db.middlewareStack.remove(name),
    );

    expect(finders.named).toHaveLength(BOARD_NAMED_FINDERS);
    expect(finders.others).toBe(8);
    expect(itemsRead).toBe(BOARD_NAMED_FINDERS);
    // The same names on every read, in alphabetical order.
    expect(finders.named).toEqual([...finders.named].sort((a, b) => a.localeCompare(b, "en")));
    expect((await publicFinders(deps, await finderTally(deps, actionId))).named).toEqual(finders.named);
  });
});
