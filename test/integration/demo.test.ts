import { describe, expect, it, vi } from "vitest";

// Three hundred items through intake, triage and two actions: give it time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { demoMeasure, loadDemoData } from "../../infra/local/demo";
import { digestPurpose, updateJobId } from "../../shared/db/keys";
import type { Goal } from "../../shared/entities/goal";
import { listObservations } from "../../shared/goals/observations";
import { goalMetricProgress } from "../../shared/metrics/progress";
import { recognitionSummary } from "../../shared/recognition/service";
import { digestWeek } from "../../shared/staff/digest";
import { createTestTable } from "../helpers/table";

describe("npm run demo's sample data", () => {
  it("loads once: feedback, staff, and a goal per demo action with the loop closed or promised", async () => {
    const { deps } = await createTestTable({ ADMIN_EMAIL: "admin@example.org" });
    const stored = await loadDemoData(deps);
    expect(stored).toBeGreaterThan(100);
    expect(await loadDemoData(deps)).toBe(0);

    const goals = await deps.goals.list();
    expect(goals.map((g) => g.title.en).sort()).toEqual([
      "Buses and trams on time",
      "Fewer complaints about the mobile app",
      demoMeasure.title,
    ]);
    // The measured goal: a year of weekly observations, most of them from before it was set.
    const measured = goals.find((g) => g.title.en === demoMeasure.title);
    expect(measured?.metric).toMatchObject({ kind: "measure", unit: "%" });
    const observations = await listObservations(deps, measured?.id ?? "", { limit: 100 });
    expect(observations.items).toHaveLength(demoMeasure.weeks);
    const progress = await goalMetricProgress(deps, measured as Goal, deps.now());
    expect(progress?.series).toHaveLength(demoMeasure.weeks);
    expect(progress?.series.every((week) => week.responses === 1)).toBe(true);
    expect(progress?.value).toBe(observations.items[0]?.value);

    const actions = await deps.actions.list();
    expect(actions.map((a) => a.status).sort()).toEqual(["done", "planned", "proposed"]);
    // The promised action has a confirmed subscriber from the roadmap.
    const promised = actions.find((a) => a.status === "planned");
    expect(await deps.subscribers.countConfirmed(promised?.id ?? "")).toBe(1);
    // Every text customers read is written in all three languages.
    for (const goal of goals) expect(Object.keys(goal.title).sort()).toEqual(["en", "nl", "sv"]);
    for (const action of actions.filter((a) => a.status !== "proposed")) {
      expect(Object.keys(action.weWill ?? {}).sort()).toEqual(["en", "nl", "sv"]);
      expect(await deps.actions.countLinked(action.id)).toBeGreaterThan(0);
      // The fan-out of each phase the action began was written with it (the stream sends it).
      expect(await deps.jobs.get(updateJobId(action.id, "will"))).toMatchObject({ kind: "action_change" });
    }
    const done = actions.find((a) => a.status === "done");
    expect(await deps.jobs.get(updateJobId(done?.id ?? "", "did"))).toMatchObject({ kind: "action_change" });

    // People recognised: compliments routed (one to a whole department), kudos, each owed one mail.
    const recognition = await recognitionSummary(deps, {});
    expect(recognition.compliments.length).toBeGreaterThanOrEqual(3);
    expect(recognition.kudos.map((k) => k.reason)).toHaveLength(2);
    expect(recognition.departments.map((d) => d.department)).toEqual(
      expect.arrayContaining(["Customer service", "Operations"]),
    );
    const staff = await deps.staff.list();
    const sofia = staff.find((s) => s.email === "sofia.lind@example.org");
    expect(recognition.people.find((p) => p.staffId === sofia?.id)).toMatchObject({
      complimentsReceived: 2,
      kudosReceived: 1,
    });
    // This week's digest for each owner and champion of a goal is in the outbox.
    const week = digestWeek(deps.now(), deps.config.digest);
    const admin = staff.find((s) => s.email === "admin@example.org");
    const maria = staff.find((s) => s.email === "maria.jansen@example.org");
    expect(await deps.notifications.find(digestPurpose(week, admin?.id ?? ""))).toMatchObject({ kind: "digest" });
    expect(await deps.notifications.find(digestPurpose(week, maria?.id ?? ""))).toMatchObject({
      kind: "digest",
      recipient: { locale: "nl" },
    });
  });
});
