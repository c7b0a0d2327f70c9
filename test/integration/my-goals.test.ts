import { beforeAll, describe, expect, it } from "vitest";
import { createAction, updateAction } from "../../shared/actions/service";
import type { Principal } from "../../shared/auth/principal";
import { createDocumentClient } from "../../shared/db/client";
import { createDeps, type Deps } from "../../shared/deps";
import { feedbackInputSchema } from "../../shared/entities/feedback";
import type { Staff } from "../../shared/entities/staff";
import { submitFeedback } from "../../shared/feedback/intake";
import { updateFeedback } from "../../shared/feedback/triage";
import { myGoals } from "../../shared/goals/my-goals";
import { createGoal, linkFeedbackToGoal, updateGoal } from "../../shared/goals/service";
import { createStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

const NOW = new Date("2026-06-15T12:00:00Z");

let deps: Deps;
let ann: Staff;
let bob: Staff;
let asAnn: Principal;

beforeAll(async () => {
  const table = await createTestTable();
  deps = createDeps(table.config, {
    db: createDocumentClient({ endpoint: table.endpoint, region: "local" }),
    now: () => NOW,
  });
  ann = await createStaff(deps, "manager");
  bob = await createStaff(deps, "manager");
  asAnn = { staff: ann, via: "session" };
});

/** A complaint given `minutesAgo` minutes before now. */
const submit = async (message: string, minutesAgo: number) =>
  (
    await submitFeedback(
      { ...deps, now: () => new Date(NOW.getTime() - minutesAgo * 60_000) },
      feedbackInputSchema.parse({ message, kind: "complaint" }),
    )
  ).id;

describe("My goals", () => {
  it("lists the active goals a person owns, then those they champion, with what waits on them", async () => {
    const owned = await createGoal(deps, {
      title: "Fewer repeat calls",
      owner: ann.id,
      dueDate: "2026-09-30",
      metric: { kind: "measure", unit: "calls", baseline: 40, target: 20, windowDays: 30 },
    });
    const overdueGoal = await createGoal(deps, { title: "Answer within a day", owner: ann.id, dueDate: "2026-06-01" });
    const championed = await createGoal(deps, { title: "Clear letters", owner: bob.id, ambassadors: [ann.id] });
    const dropped = await createGoal(deps, { title: "An old goal", owner: ann.id });
    await updateGoal(deps, dropped.id, { version: dropped.version, status: "dropped" });
    await createGoal(deps, { title: "Bob's alone", owner: bob.id });

    // Three items linked to the owned goal: two wait on Ann (new → triaged by the link), one was closed.
    const ids = [await submit("first", 30), await submit("second", 20), await submit("third", 10)];
    await linkFeedbackToGoal(deps, asAnn, owned.id, ids);
    await updateFeedback(deps, asAnn, ids[2] as string, { version: 2, status: "closed" });
    // Actions: one past its due date, one past it but dropped, one due later.
    const late = await createAction(deps, asAnn, { goalId: owned.id, title: "Call back", dueDate: "2026-06-10" });
    const droppedAction = await createAction(deps, asAnn, {
      goalId: owned.id,
      title: "Old plan",
      dueDate: "2026-05-01",
    });
    await updateAction(deps, asAnn, droppedAction.id, { version: droppedAction.version, status: "dropped" });
    await createAction(deps, asAnn, { goalId: owned.id, title: "Later", dueDate: "2026-07-01" });

    const mine = await myGoals(deps, ann.id);
    expect(mine.map((m) => [m.goal.title.en, m.role])).toEqual([
      ["Answer within a day", "owner"],
      ["Fewer repeat calls", "owner"],
      ["Clear letters", "ambassador"],
    ]);
    const repeat = mine.find((m) => m.goal.id === owned.id);
    expect(repeat?.linked).toBe(3);
    expect(repeat?.newest.map((f) => f.message)).toEqual(["third", "second", "first"]);
    expect(repeat?.waiting.unacted.map((f) => f.message).sort()).toEqual(["first", "second"]);
    expect(repeat?.waiting.overdueActions.map((a) => a.id)).toEqual([late.id]);
    expect(repeat?.waiting.goalOverdue).toBe(false);
    expect(repeat?.progress).toMatchObject({ value: null, baseline: 40, target: 20 });
    expect(mine.find((m) => m.goal.id === overdueGoal.id)?.waiting.goalOverdue).toBe(true);
    expect(mine.find((m) => m.goal.id === championed.id)?.progress).toBeNull();

    // Both Bob's own, neither due: made in the same moment here, so in either order.
    expect((await myGoals(deps, bob.id)).map((m) => m.goal.title.en).sort()).toEqual(["Bob's alone", "Clear letters"]);
  });
});
