import { describe, expect, it } from "vitest";
import { youSaidWeDid } from "../../shared/actions/board";
import { goalAndAction, link, move, recordingTransport, submit, world } from "../helpers/updates-world";

describe("the public board's counts", () => {
  it("counts an action's links once a minute however often the board is read, and at once after the action changed", async () => {
    // The board keeps its counts for a minute here (the other tests count on every view).
    const w = await world(recordingTransport().transport, { BOARD_COUNT_SECONDS: "60" });
    const { action } = await goalAndAction(w);
    await link(w, action.id, [await submit(w, "The reader at gate 3 is broken")]);
    await move(w, action, [{ status: "planned", weWill: "We will replace the readers" }]);
    const onBoard = async () =>
      (await youSaidWeDid(w.deps, { status: "planned", limit: 20 })).items.find((item) => item.id === action.id);

    expect((await onBoard())?.customers).toBe(1);
    await link(w, action.id, [await submit(w, "Gate 4's reader too"), await submit(w, "And gate 5's")]);

    let counts = 0;
    const name = `count-${Math.random().toString(36).slice(2)}`;
    w.deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: { Select?: string } }).input;
        if (context.commandName === "QueryCommand" && input.Select === "COUNT") counts += 1;
        return next(args);
      },
      { step: "initialize", name },
    );
    try {
      // Within the minute: the counts kept a moment ago, and no link counted again.
      expect((await onBoard())?.customers).toBe(1);
      expect(counts).toBe(0);
      // A minute on, the links are counted again.
      w.clock.now += 61_000;
      expect((await onBoard())?.customers).toBe(3);
      expect(counts).toBeGreaterThan(0);
    } finally {
      w.deps.db.middlewareStack.remove(name);
    }

    // A change of the action has the board count again at once.
    await link(w, action.id, [await submit(w, "Gate 6 as well")]);
    expect((await onBoard())?.customers).toBe(3);
    w.clock.now += 1_000;
    await move(w, action, [{ status: "in_progress" }]);
    expect((await onBoard())?.customers).toBe(4);
  });
});
