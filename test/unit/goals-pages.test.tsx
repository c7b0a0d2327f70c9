import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../functions/api/middleware/security";
import { ActionPage } from "../../functions/api/pages/console/action";
import { statusChoices } from "../../functions/api/pages/console/action-forms";
import { GoalsPage } from "../../functions/api/pages/console/goals";
import { actionsByStatus } from "../../functions/api/pages/console/goals-board";
import { scriptSafeJson } from "../../functions/api/pages/console/goals-chart";
import { goalsFlashOf, progressLabel } from "../../functions/api/pages/console/goals-common";
import { GoalDetailPage } from "../../functions/api/pages/console/goals-detail";
import { goalPatchFrom, goalValuesOf } from "../../functions/api/pages/console/goals-values";
import { assetRoutes } from "../../functions/api/routes/assets";
import { assetHref } from "../../functions/api/static-assets";
import type { Action, ActionStatus } from "../../shared/entities/action";
import type { Feedback } from "../../shared/entities/feedback";
import type { Goal } from "../../shared/entities/goal";
import type { GoalProgress } from "../../shared/entities/metric";
import type { Role, Staff } from "../../shared/entities/staff";
import { loopFigures } from "../../shared/goals/loop";

const EVIL = "</script><script>alert(1)</script>";

const person = (role: Role, email: string, id: string): Staff => ({
  id,
  email,
  role,
  active: true,
  createdAt: "2025-01-01T08:00:00.000Z",
  updatedAt: "2025-01-01T08:00:00.000Z",
});
const manager = person("manager", "manager@example.org", "01JMANAGER00000000000000AA");
const agent = person("agent", "agent@example.org", "01JAGENT0000000000000000AA");
const viewer = person("viewer", "viewer@example.org", "01JVIEWER000000000000000AA");
const staff = [manager, agent, viewer];
const as = (who: Staff) => ({ staff: who, csrfToken: `csrf-of-${who.role}`, timeZone: "Europe/Amsterdam" });

const goal: Goal = {
  id: "01JGOAL00000000000000000AA",
  title: { en: `Fewer complaints about billing ${EVIL}` },
  description: "Bring the complaint share down",
  owner: manager.id,
  ambassadors: [],
  dueDate: "2025-12-31",
  status: "active",
  metric: { kind: "complaint_share", scope: { topic: "billing" }, baseline: 60, target: 20, windowDays: 30 },
  createdAt: "2025-03-01T10:00:00.000Z",
  updatedAt: "2025-03-01T10:00:00.000Z",
  version: 1,
};
const child: Goal = { ...goal, id: "01JGOAL00000000000000000BB", title: { en: "Team billing" }, parentId: goal.id };

const progress: GoalProgress = {
  value: 40,
  responses: 20,
  baseline: 60,
  target: 20,
  progress: 0.5,
  progressClamped: 0.5,
  windowDays: 30,
  windowStart: "2025-03-08",
  windowEnd: "2025-04-06",
  series: [
    { weekStart: "2025-03-01", value: 62.5, responses: 8 },
    { weekStart: "2025-03-08", value: null, responses: 0 },
    { weekStart: "2025-03-15", value: 33.333333, responses: 12 },
  ],
};

const action = (id: string, status: ActionStatus, title: string): Action => ({
  id,
  goalId: goal.id,
  title: { en: title },
  status,
  owner: "Billing team",
  createdAt: "2025-03-02T10:00:00.000Z",
  updatedAt: "2025-03-02T10:00:00.000Z",
  version: 1,
});
const actions = [
  action("01JACTION000000000000000AA", "proposed", "Send clearer invoices"),
  action("01JACTION000000000000000BB", "planned", "Explain the new tariff"),
  action("01JACTION000000000000000CC", "done", "Fix the double charge"),
  action("01JACTION000000000000000DD", "planned", "Call back every complainant"),
];

const feedback: Feedback = {
  id: "01JFEEDBACK0000000000000AA",
  status: "triaged",
  kind: "complaint",
  message: "I was charged twice <b>again</b>",
  consent: false,
  locale: "en",
  customerType: "external",
  topic: "billing",
  channel: "api",
  tags: [],
  goalId: goal.id,
  createdAt: "2025-03-03T10:00:00.000Z",
  updatedAt: "2025-03-03T10:00:00.000Z",
  version: 2,
};

const render = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const goalPage = (who: Staff = manager) =>
  render(
    <GoalDetailPage
      viewer={as(who)}
      goal={goal}
      goals={[goal, child]}
      actions={actions}
      progress={progress}
      linked={[feedback]}
      loop={loopFigures([feedback])}
      staff={staff}
    />,
  );

/** The text of the chart's data element, as the browser's parser ends it (at the first `</script`). */
function chartDataIn(html: string): string {
  const start = html.indexOf('<script type="application/json" id="goal-chart-data">');
  expect(start).toBeGreaterThanOrEqual(0);
  const from = html.indexOf(">", start) + 1;
  return html.slice(from, html.toLowerCase().indexOf("</script", from));
}

describe("the goal page's chart", () => {
  it("embeds the data as JSON that a title with </script> cannot break out of", async () => {
    const html = await goalPage();
    const json = chartDataIn(html);
    expect(json).not.toMatch(/[<>&]/);
    const data = JSON.parse(json);
    expect(data).toEqual({
      title: goal.title.en,
      label: "Complaint share",
      unit: "%",
      counted: "responses",
      baseline: 60,
      target: 20,
      weeks: ["2025-03-01", "2025-03-08", "2025-03-15"],
      values: [62.5, null, 33.333333],
      responses: [8, 0, 12],
    });
    // The only scripts: the data block and the two external files (no inline code anywhere).
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual([
      '<script type="application/json" id="goal-chart-data">',
      '<script src="/assets/chart.umd.min.js" defer="">',
      '<script src="/assets/goal-chart.js" defer="">',
    ]);
    expect(html).not.toContain("<script>alert(1)");
    // The title elsewhere (heading, canvas label) is escaped text.
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("escapes every character that could end the script element or start markup", () => {
    const text = scriptSafeJson({ a: "</script><!-- & \u2028" });
    expect(text).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
    expect(JSON.parse(text)).toEqual({ a: "</script><!-- & \u2028" });
  });

  it("has a canvas with an accessible description and the weekly values in a table", async () => {
    const html = await goalPage();
    expect(html).toMatch(
      /<canvas id="goal-chart" role="img" aria-label="Complaint share by week since 2025-03-01, against the baseline 60% and the target 20%/,
    );
    const table = html.slice(
      html.indexOf('<table class="weekly-values">'),
      html.indexOf("</table>", html.indexOf('<table class="weekly-values">')),
    );
    const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((m) => textOf(m[1] ?? "").trim());
    expect(rows).toEqual(["2025-03-01 62.5% 8", "2025-03-08 no data 0", "2025-03-15 33.3% 12"]);
  });

  it("shows no chart for a goal without a metric, and a note instead of a progress bar", async () => {
    const html = await render(
      <GoalDetailPage
        viewer={as(viewer)}
        goal={{ ...goal, metric: undefined }}
        goals={[goal]}
        actions={[]}
        progress={null}
        linked={[]}
        loop={loopFigures([])}
        staff={staff}
      />,
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<canvas");
  });
});

describe("progress labels", () => {
  const at = (value: number | null, baseline: number, target: number): GoalProgress => {
    const p = value === null || target === baseline ? null : (value - baseline) / (target - baseline);
    return {
      ...progress,
      value,
      baseline,
      target,
      progress: p,
      progressClamped: p === null ? null : Math.min(1, Math.max(0, p)),
    };
  };

  it("reads right for a target below the baseline", () => {
    expect(progressLabel("complaint_share", at(6, 10, 5))).toBe("Complaint share 6.0% — 80% of the way from 10% to 5%");
    expect(progressLabel("complaint_share", at(4, 10, 5))).toBe(
      "Complaint share 4.0% — 120% of the way from 10% to 5%, target reached",
    );
    expect(progressLabel("complaint_share", at(12, 10, 5))).toBe(
      "Complaint share 12.0% — further from the target than the baseline (from 10% to 5%)",
    );
  });

  it("reads right for a target above the baseline, and without data", () => {
    expect(progressLabel("nps", at(20, 10, 30))).toBe("NPS 20 — 50% of the way from 10 to 30");
    expect(progressLabel("csat", at(4.25, 3.5, 4.5))).toBe("CSAT 4.3 — 75% of the way from 3.5 to 4.5");
    expect(progressLabel("nps", at(null, 10, 30))).toBe(
      "NPS: no feedback in the last 30 days — the goal is from 10 to 30",
    );
  });

  it("labels the progress bar with the sentence, clamped to 0..100", async () => {
    const html = await goalPage();
    expect(textOf(html)).toContain("Complaint share 40.0% — 50% of the way from 60% to 20%");
    expect(html).toContain('<progress max="100" value="50" aria-labelledby="goal-progress-label">');
  });

  it("shows the hierarchy with levels and progress on the goals page", async () => {
    const node = { ...goal, level: 0, children: [{ ...child, level: 1, children: [] }] };
    const html = await render(
      <GoalsPage
        viewer={as(viewer)}
        tree={[node]}
        goals={[goal, child]}
        progress={new Map([[goal.id, progress]])}
        loop={{
          overall: loopFigures([feedback]),
          goals: [{ goalId: goal.id, title: goal.title, ...loopFigures([feedback]) }],
        }}
        staff={staff}
      />,
    );
    const text = textOf(html);
    expect(text).toContain("Organisation goal: Fewer complaints about billing");
    expect(text).toContain("Department goal: Team billing");
    expect(html).toMatch(/<ul class="goal-tree"><li>.*<ul class="goal-tree"><li>/s);
    expect(html).not.toContain("<script");
    // A viewer may not set goals.
    expect(html).not.toContain('action="/console/goals"');
  });
});

describe("the action board", () => {
  it("puts each action in the column of its status", async () => {
    const html = await goalPage();
    const column = (status: string) => {
      const start = html.indexOf(`data-status="${status}"`);
      return textOf(html.slice(start, html.indexOf("</section>", start)));
    };
    expect(column("proposed")).toContain("Send clearer invoices");
    expect(column("planned")).toContain("Explain the new tariff");
    expect(column("planned")).toContain("Call back every complainant");
    expect(column("done")).toContain("Fix the double charge");
    expect(column("in_progress")).toContain("None.");
    expect(column("dropped")).toContain("None.");
    expect(column("proposed")).not.toContain("Explain the new tariff");
    expect(Object.fromEntries(Object.entries(actionsByStatus(actions)).map(([s, list]) => [s, list.length]))).toEqual({
      proposed: 1,
      planned: 2,
      in_progress: 0,
      done: 1,
      dropped: 0,
    });
  });

  it("shows the forms by permission", async () => {
    const forManager = await goalPage(manager);
    expect(forManager).toContain(`action="/console/goals/${goal.id}/actions"`);
    expect(forManager).toContain(`action="/console/goals/${goal.id}/feedback"`);
    expect(forManager).toContain(`action="/console/goals/${goal.id}"`);
    const forAgent = await goalPage(agent);
    expect(forAgent).toContain(`action="/console/goals/${goal.id}/actions"`);
    expect(forAgent).not.toContain(`action="/console/goals/${goal.id}"`);
    const forViewer = await goalPage(viewer);
    expect(forViewer).not.toContain('method="post" action="/console/goals');
  });

  it("lists the linked feedback with links to the items, as text", async () => {
    const html = await goalPage(viewer);
    expect(html).toContain(`href="/console/feedback/${feedback.id}"`);
    expect(html).toContain("I was charged twice &lt;b&gt;again&lt;/b&gt;");
  });
});

describe("the action page", () => {
  it("offers only the statuses the action may move to", async () => {
    // Forward moves may skip steps; none goes back.
    expect(statusChoices("proposed")).toEqual(["proposed", "planned", "in_progress", "done", "dropped"]);
    expect(statusChoices("in_progress")).toEqual(["in_progress", "done", "dropped"]);
    expect(statusChoices("done")).toEqual(["done"]);
    const planned = actions[1] as Action;
    const html = await render(
      <ActionPage viewer={as(agent)} action={planned} goal={goal} timeline={[]} linked={[]} staff={staff} />,
    );
    const select = html.slice(
      html.indexOf('<select id="edit-status"'),
      html.indexOf("</select>", html.indexOf('<select id="edit-status"')),
    );
    expect([...select.matchAll(/<option value="(\w+)"/g)].map((m) => m[1])).toEqual([
      "planned",
      "in_progress",
      "done",
      "dropped",
    ]);
    expect(html).toContain(`<input type="hidden" name="version" value="1"/>`);
    expect(html).not.toContain("Updates to customers");
  });

  it("shows how far each phase's updates to customers have come", async () => {
    const planned = actions[1] as Action;
    const updates = [
      { phase: "will" as const, done: true, customers: 120, failed: 0 },
      { phase: "did" as const, done: false, customers: 40, failed: 2 },
    ];
    const html = await render(
      <ActionPage
        viewer={as(agent)}
        action={planned}
        goal={goal}
        timeline={[]}
        linked={[]}
        staff={staff}
        updates={updates}
      />,
    );
    const text = html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("Updates to customers");
    expect(text).toContain("“We will”: written for 120 customers.");
    expect(text).toContain(
      "“You said, we did”: being written (40 customers so far) ; 2 items could not be handled (see each item&#39;s timeline) .",
    );
  });
});

describe("the goal forms", () => {
  it("send only what the person changed, the metric as a whole", () => {
    const seen = goalValuesOf(goal);
    const form = {
      version: "3",
      ...seen,
      ...Object.fromEntries(Object.entries(seen).map(([k, v]) => [`was_${k}`, v])),
      title_en: "A new title",
      title_sv: "En ny titel",
      target: "15",
      dueDate: "",
    };
    // Only the languages that changed: English rewritten, Swedish added, Dutch left alone.
    expect(goalPatchFrom(form)).toEqual({
      version: 3,
      title: { en: "A new title", sv: "En ny titel" },
      dueDate: null,
      metric: { kind: "complaint_share", scope: { topic: "billing" }, baseline: 60, target: 15, windowDays: 30 },
    });
  });

  it("reads the flash back from counts and ids only", () => {
    expect(goalsFlashOf({ linked: "2", failed: "1", failedIds: "01JX,<b>" })).toBe(
      "Linked 2 items. 1 item could not be linked (unknown ids): 01JX.",
    );
    expect(goalsFlashOf({ actionAdded: "1" })).toBe("Action added.");
    expect(goalsFlashOf({ linked: "<b>" })).toBeUndefined();
  });
});

describe("the chart's scripts", () => {
  const assets = assetRoutes();

  it.each(["chart.umd.min.js", "goal-chart.js"] as const)(
    "serves %s as JavaScript, long cached by its hash",
    async (name) => {
      const href = assetHref(name);
      expect(href).toMatch(new RegExp(`^/assets/${name.replaceAll(".", "\\.")}\\?v=[\\w-]{16}$`));
      const versioned = await assets.request(href);
      expect(versioned.status).toBe(200);
      expect(versioned.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(versioned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const body = await versioned.text();
      expect(body.length).toBeGreaterThan(1000);
      const plain = await assets.request(`/assets/${name}`);
      expect(plain.headers.get("cache-control")).toBe("public, max-age=86400, must-revalidate");
      const again = await assets.request(`/assets/${name}`, {
        headers: { "if-none-match": plain.headers.get("etag") ?? "" },
      });
      expect(again.status).toBe(304);
    },
  );

  it("draws with Chart.js from the page's data, with no inline code of its own", async () => {
    const body = await (await assets.request("/assets/goal-chart.js")).text();
    expect(body).toContain('getElementById("goal-chart-data")');
    expect(body).toContain("new Chart(canvas");
  });

  it("are allowed by the CSP on the goal pages only", async () => {
    const app = new Hono().use(securityHeaders("'none'", false)).get("*", (c) => c.text("ok"));
    const csp = async (path: string) => (await app.request(path)).headers.get("content-security-policy") ?? "";
    expect(await csp(`/console/goals/${goal.id}`)).toMatch(/; script-src 'self'$/);
    for (const path of [
      "/",
      "/embed",
      "/track/x",
      "/console",
      "/console/goals",
      "/console/feedback/x",
      "/console/actions/x",
    ]) {
      expect(await csp(path), path).toContain("default-src 'none'");
      expect(await csp(path), path).not.toContain("script-src");
    }
  });
});

describe("the goal page's loop figures and its list", () => {
  it("agree on what is done, and show apart who cannot be told", async () => {
    const linked = [
      // Done by hand before it kept a done-at.
      { ...feedback, id: "01JDONE1000000000000000000", status: "done" as const },
      { ...feedback, id: "01JDONE2000000000000000000", status: "done" as const, doneAt: "2025-03-05T10:00:00.000Z" },
      // Reopened: it keeps its done-at, but neither the figures nor the list count it done.
      { ...feedback, id: "01JREOPENED000000000000000", status: "triaged" as const, doneAt: "2025-03-04T10:00:00.000Z" },
      { ...feedback, id: "01JOPEN0000000000000000000" },
    ];
    const html = await render(
      <GoalDetailPage
        viewer={as(manager)}
        goal={goal}
        goals={[goal, child]}
        actions={actions}
        progress={progress}
        linked={linked}
        loop={loopFigures(linked)}
        staff={staff}
      />,
    );
    const text = textOf(html);
    expect(text).toMatch(/Done 2 /);
    expect(text).toContain("newest first (4; 2 done)");
    expect(html.match(/class="status status-done"/g) ?? []).toHaveLength(2);
    // The fixture's submitter left no address: nobody can be told.
    expect(text).toContain("Cannot be told 4 anonymous (no address), 0 without consent");
  });
});
