import { describe, expect, it } from "vitest";
import { editValuesOf, keptValues, patchFromForm } from "../../functions/api/pages/console/forms";
import { InboxPage } from "../../functions/api/pages/console/inbox";
import { type FeedbackDetail, ItemPage } from "../../functions/api/pages/console/item";
import { PrivacyPage } from "../../functions/api/pages/console/privacy";
import { StaffPage } from "../../functions/api/pages/console/staff";
import { TokensPage } from "../../functions/api/pages/console/tokens";
import type { TimelineEntry } from "../../shared/entities/feedback";
import type { Role, Staff } from "../../shared/entities/staff";

const EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3)";
const RLO = "\u202E";

const person = (role: Role, email: string, id: string): Staff => ({
  id,
  email,
  role,
  active: true,
  createdAt: "2025-01-01T08:00:00.000Z",
  updatedAt: "2025-01-01T08:00:00.000Z",
});
const admin = person("admin", "admin@example.org", "01JADMIN0000000000000000AA");
const agent = person("agent", "agent@example.org", "01JAGENT0000000000000000AA");
const viewer = person("viewer", "viewer@example.org", "01JVIEWER000000000000000AA");
const staff = [admin, agent, viewer];
const as = (who: Staff) => ({ staff: who, csrfToken: `csrf-of-${who.role}`, timeZone: "Europe/Amsterdam" });

const item: FeedbackDetail = {
  id: "01JFEEDBACK0000000000000AA",
  status: "triaged",
  kind: "complaint",
  score: { type: "nps", value: 3 },
  message: `Line one ${EVIL}\n  indented ${RLO}gnp.exe`,
  email: "customer@example.com",
  name: `Mallory ${EVIL}`,
  consent: true,
  locale: "en",
  customerType: "internal",
  department: `Sales ${RLO}`,
  topic: `lifts ${EVIL}`,
  channel: "web",
  tags: ["access"],
  assignee: agent.id,
  createdAt: "2025-03-01T10:15:00.000Z",
  updatedAt: "2025-03-02T11:00:00.000Z",
  version: 3,
  timeline: [],
  mergedItems: ["01JDUPLICATE00000000000000"],
  messages: [],
};

const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
  id: `01JENTRY${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
  feedbackId: item.id,
  type: "received",
  at: "2025-03-01T10:15:00.000Z",
  actor: "customer",
  public: true,
  ...over,
});

const timeline: TimelineEntry[] = [
  entry({}),
  entry({
    type: "changed",
    actor: admin.id,
    at: "2025-03-02T09:00:00.000Z",
    public: false,
    version: 2,
    details: {
      changes: [
        { field: "status", from: "new", to: "triaged" },
        { field: "assignee", from: null, to: agent.id },
        { field: "tags", from: [], to: ["access", "lifts"] },
      ],
    },
  }),
  entry({ type: "note", actor: agent.id, public: false, version: 3, details: { text: `Called back ${EVIL}` } }),
  entry({
    type: "merged_from",
    actor: agent.id,
    public: false,
    version: 3,
    details: { from: "01JDUPLICATE00000000000000" },
  }),
];

const render = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
/** The page's text as a reader sees it: tags removed, entities decoded, whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

function expectNothingLive(html: string) {
  expect(html).not.toContain("<script");
  expect(html).not.toContain("<img");
  // No event handler attribute on a real tag (escaped text and attribute values may say "onerror=").
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son\w+=/i);
  expect(html).not.toMatch(/(href|src|action)="\s*javascript:/i);
  expect(html).not.toContain(RLO);
}

describe("console pages escape what customers write", () => {
  it("shows a hostile message in the inbox only as text, with the bidi override made visible", async () => {
    const html = await render(
      <InboxPage
        viewer={as(agent)}
        staff={staff}
        counts={{ new: 1, triaged: 2, planned: 0, done: 0, closed: 0, merged: 0 }}
        filters={{ topic: `<b>${EVIL}` }}
        items={[item]}
        nextCursor="abc"
      />,
    );
    expectNothingLive(html);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("[U+202E]");
    expect(html).toMatch(/<td class="excerpt" dir="auto">/);
    expect(html).toContain('href="/console?topic=%3Cb%3E');
    expect(html).toContain("/console/export.csv?topic=");
  });

  it("shows a hostile message, name, topic and note on the item page only as text", async () => {
    const html = await render(<ItemPage viewer={as(agent)} item={{ ...item, timeline }} staff={staff} />);
    expectNothingLive(html);
    expect(html).toMatch(/<blockquote class="message" dir="auto">Line one &lt;script&gt;/);
    // Whitespace is kept as written (the stylesheet shows it with pre-wrap).
    expect(html).toMatch(/\n {2}indented <span class="control"[^>]*>\[U\+202E\]<\/span>gnp\.exe<\/blockquote>/);
    expect(textOf(html)).toContain(`Mallory ${EVIL}`);
    expect(textOf(html)).toContain(`Called back ${EVIL}`);
  });
});

describe("the item page", () => {
  it("shows each change in the timeline as old → new, people by address", async () => {
    const text = textOf(await render(<ItemPage viewer={as(agent)} item={{ ...item, timeline }} staff={staff} />));
    expect(text).toContain("Status: New → Triaged");
    expect(text).toContain("Assignee: none → agent@example.org");
    expect(text).toContain("Tags: none → access, lifts");
    // In the organisation's zone (Amsterdam: CET in winter), named.
    expect(text).toContain("admin@example.org , 2025-03-02 10:00 CET");
    expect(text).toContain("Customer , 2025-03-01 11:15 CET");
    expect(text).toContain("Merged 01JDUPLICATE00000000000000 into this item");
  });

  it("shows each message's delivery state, and its outcome on the timeline", async () => {
    const messages: FeedbackDetail["messages"] = [
      {
        purpose: "ack#1",
        kind: "acknowledgement",
        status: "sent",
        attempts: 1,
        createdAt: "2025-03-01T10:15:00.000Z",
        sentAt: "2025-03-01T10:15:02.000Z",
      },
      {
        purpose: "update#01JACTION00000000000000AA#will#h",
        kind: "update",
        status: "pending",
        attempts: 2,
        createdAt: "2025-03-03T08:00:00.000Z",
        nextAttemptAt: "2025-03-03T08:04:00.000Z",
        lastError: `SMTP 451 ${EVIL}`,
        actionId: "01JACTION00000000000000AA",
        phase: "will",
      },
      {
        purpose: "update#a#did#h",
        kind: "update",
        status: "failed",
        attempts: 6,
        createdAt: "2025-03-04T08:00:00.000Z",
        failedAt: "2025-03-04T10:00:00.000Z",
        phase: "did",
      },
      {
        purpose: "update#b#did#h",
        kind: "update",
        status: "suppressed",
        attempts: 0,
        createdAt: "2025-03-05T08:00:00.000Z",
        phase: "did",
      },
    ];
    const outcomes = [
      entry({
        type: "message_sent",
        actor: "system",
        public: false,
        details: { kind: "update", phase: "did", actionId: "01JACTION00000000000000AA" },
      }),
      entry({
        type: "message_failed",
        actor: "system",
        public: false,
        details: { kind: "update", phase: "will", attempts: 6, error: `refused ${EVIL}` },
      }),
      entry({ type: "message_suppressed", actor: "system", public: false, details: { kind: "acknowledgement" } }),
    ];
    const html = await render(
      <ItemPage viewer={as(agent)} item={{ ...item, messages, timeline: outcomes }} staff={staff} />,
    );
    expectNothingLive(html);
    const text = textOf(html);
    expect(text).toContain("Messages to the customer");
    expect(text).toMatch(/Acknowledgement Sent 1 sent/);
    expect(text).toMatch(/Update \(we will\) about the action Pending SMTP 451 .* 2 next attempt/);
    expect(text).toMatch(/Update \(you said, we did\) Failed 6 gave up/);
    expect(text).toMatch(/Update \(you said, we did\) Suppressed 0 queued/);
    expect(text).toContain("Sent the “you said, we did” update about the action to the customer.");
    expect(text).toContain("Gave up sending the “we will” update after 6 attempts: refused");
    expect(text).toContain("Did not send the message: the customer's address is suppressed");
  });

  it("puts the session's CSRF token and the version in the edit form, and a merge form", async () => {
    const html = await render(<ItemPage viewer={as(agent)} item={{ ...item, timeline }} staff={staff} />);
    const posts = html.match(/<form method="post"/g) ?? [];
    // Sign out, edit, merge, and a reply (the customer gave an address and consent).
    expect(posts.length).toBe(item.email && item.consent ? 4 : 3);
    expect(html.match(/name="_csrf" value="csrf-of-agent"/g)?.length).toBe(posts.length);
    expect(html).toContain('name="version" value="3"');
    expect(html).toContain(`action="/console/feedback/${item.id}/merge"`);
  });

  it("is read-only for viewers", async () => {
    const html = await render(<ItemPage viewer={as(viewer)} item={{ ...item, timeline }} staff={staff} />);
    expect(html).not.toContain(`action="/console/feedback/${item.id}"`);
    expect(html).not.toContain("/merge");
    expect(html).not.toContain('href="/console/privacy"');
  });

  it("after a conflict keeps what the person typed, shows what changed, and bases the form on the values now", async () => {
    // The person saw version 2 (status triaged, topic "lifts") and changed status and topic and wrote a
    // note; meanwhile someone else set the kind and moved it to version 3.
    const seen = { ...editValuesOf({ ...item, version: 2 }), topic: "lifts" };
    const form: Record<string, string> = {
      version: "2",
      ...Object.fromEntries(Object.entries(seen).map(([k, v]) => [`was_${k}`, v])),
      ...seen,
      status: "closed",
      topic: "Lifts at platform 3",
      note: "Checked with facilities <b>today</b>",
    };
    const current = { ...item, kind: "question" as const, topic: "lifts", version: 3 };
    const changedSince = [
      entry({
        type: "changed",
        actor: admin.id,
        version: 3,
        public: false,
        details: { changes: [{ field: "kind", from: "complaint", to: "question" }] },
      }),
    ];
    const html = await render(
      <ItemPage
        viewer={as(agent)}
        item={{ ...current, timeline }}
        staff={staff}
        edit={{ values: keptValues(form, current), seen: editValuesOf(current), version: 3 }}
        conflict={{ changedSince, current: { ...current } }}
      />,
    );
    const text = textOf(html);
    expect(text).toContain("Someone else changed this item since you opened it");
    expect(text).toContain("Kind: Complaint → Question");
    expect(html).toMatch(/<option value="closed" selected="">Closed<\/option>/);
    expect(html).toContain('name="topic" value="Lifts at platform 3"');
    expect(html).toContain("Checked with facilities &lt;b&gt;today&lt;/b&gt;</textarea>");
    // The field the person did not touch shows its value now, so saving again does not undo it.
    expect(html).toMatch(/<option value="question" selected="">Question<\/option>/);
    expect(html).toContain('name="version" value="3"');
    expect(html).toContain('name="was_kind" value="question"');
  });
});

describe("the edit form's post", () => {
  it("becomes a patch of only the fields the person changed", () => {
    const form = {
      version: "4",
      status: "planned",
      was_status: "triaged",
      kind: "complaint",
      was_kind: "complaint",
      tags: "a,  b",
      was_tags: "a, b",
      topic: "",
      was_topic: "lifts",
      assignee: "",
      was_assignee: "",
      note: "  ",
    };
    expect(patchFromForm(form)).toEqual({ version: 4, status: "planned", topic: null });
  });
});

describe("other console pages", () => {
  it("lets admins manage staff and shows others the list only", async () => {
    const forAdmin = await render(<StaffPage viewer={as(admin)} staff={staff} />);
    expect(forAdmin).toContain('action="/console/staff"');
    expect(forAdmin).toContain(`action="/console/staff/${agent.id}"`);
    const forAgent = await render(<StaffPage viewer={as(agent)} staff={staff} />);
    expect(forAgent).toContain("agent@example.org");
    expect(forAgent).not.toContain('action="/console/staff');
    expect(forAgent).not.toContain('href="/console/privacy"');
  });

  it("shows a new token once, and names tokens as text", async () => {
    const apiToken = {
      id: "01JTOKEN00000000000000000A",
      staffId: agent.id,
      name: EVIL,
      createdAt: "2025-03-01T10:15:00.000Z",
      createdBy: agent.id,
    };
    const html = await render(
      <TokensPage
        viewer={as(agent)}
        ownerId={agent.id}
        tokens={[apiToken]}
        staff={staff}
        created={{ token: "fbt_secret", apiToken }}
      />,
    );
    expectNothingLive(html);
    expect(html).toContain('value="fbt_secret"');
    expect(html).toContain(`action="/console/tokens/${apiToken.id}/revoke"`);
  });

  it("asks for confirmation before erasing", async () => {
    const html = await render(<PrivacyPage viewer={as(admin)} erased={{ feedbackItems: 2, notifications: 5 }} />);
    expect(html).toMatch(/name="confirm" value="yes" required=""/);
    expect(textOf(html)).toContain("Feedback items erased 2");
  });
});

describe("the staff page's suppressed addresses", () => {
  const evil = person("agent", `x${EVIL}@example.org`, "01JEVIL00000000000000000AA");
  const suppressions = new Map([
    [agent.id, { reason: "bounce" as const, suppressedAt: "2025-02-01T09:00:00.000Z", stopsSignIn: true }],
    [viewer.id, { reason: "unsubscribed" as const, suppressedAt: "2025-02-02T09:00:00.000Z", stopsSignIn: false }],
  ]);
  const lifts = [
    {
      id: "01JLIFT000000000000000000A",
      emailHash: "ab".repeat(32),
      staffId: evil.id,
      reason: "complaint" as const,
      suppressedAt: "2025-01-01T09:00:00.000Z",
      liftedAt: "2025-02-03T09:00:00.000Z",
      liftedBy: admin.id,
    },
  ];
  const everyone = [...staff, evil];

  it("says which addresses are suppressed and why; only admins get the lift form", async () => {
    const forAdmin = await render(
      <StaffPage viewer={as(admin)} staff={staff} suppressions={suppressions} lifts={lifts} everyone={everyone} />,
    );
    const words = textOf(forAdmin);
    expect(words).toContain("Suppressed : the address bounced");
    expect(words).toContain("Sign-in links are not sent to this address");
    expect(words).toContain("Sign-in links still arrive");
    expect(forAdmin).toContain(`action="/console/staff/${agent.id}/suppression"`);
    expect(forAdmin).toContain('name="_csrf" value="csrf-of-admin"');
    expect(forAdmin).not.toContain(`action="/console/staff/${admin.id}/suppression"`);
    const forAgent = await render(
      <StaffPage viewer={as(agent)} staff={staff} suppressions={suppressions} lifts={lifts} everyone={everyone} />,
    );
    expect(textOf(forAgent)).toContain("Suppressed");
    expect(forAgent).not.toContain("/suppression");
  });

  it("lists lifted suppressions with who, when, whose address and the reason it had, escaped", async () => {
    const html = await render(<StaffPage viewer={as(viewer)} staff={staff} lifts={lifts} everyone={everyone} />);
    const audit = textOf(html.slice(html.indexOf("Suppressions lifted")));
    expect(audit).toContain("admin@example.org");
    expect(audit).toContain("abababababab");
    expect(audit).toContain("marked as spam");
    expectNothingLive(html);
  });
});

describe("the item page's loop", () => {
  const goal = { id: "01JGOAL0000000000000000000", title: { en: `Lifts ${EVIL}` }, status: "active" as const };
  const action = {
    id: "01JACTION00000000000000000",
    goalId: goal.id,
    title: { nl: `Liften ${EVIL}` },
    status: "done" as const,
  };
  const loop = { goal, actions: [action], allGoals: [goal], allActions: [action] };
  const timeline = [
    entry({ type: "linked_goal", details: { changes: [{ field: "goalId", from: null, to: goal.id }] } }),
    entry({ type: "linked_action", details: { actionId: action.id, title: "old title" } }),
    entry({
      type: "action_changed",
      details: {
        actionId: action.id,
        title: action.title,
        changes: [
          { field: "status", from: "in_progress", to: "done" },
          { field: "weDid", from: null, to: { en: "x" } },
        ],
      },
    }),
  ];

  it("lists the goal and actions with their status, and names them on the timeline, escaped", async () => {
    const messages = [
      {
        purpose: `update#${action.id}#did#h`,
        kind: "update" as const,
        status: "sent" as const,
        attempts: 1,
        createdAt: "2025-03-03T08:00:00.000Z",
        sentAt: "2025-03-03T08:00:01.000Z",
        actionId: action.id,
        phase: "did" as const,
      },
    ];
    const html = await render(
      <ItemPage viewer={as(agent)} item={{ ...item, timeline, messages }} staff={staff} loop={loop} />,
    );
    const words = textOf(html);
    // The messages name the action they were about.
    expect(words).toMatch(/Update \(you said, we did\) about “ ?Liften/);
    expect(words).toContain("Serves goal");
    expect(words).toContain("Linked to goal");
    expect(words).toContain("Linked to action");
    expect(words).toContain("moved from in progress to done");
    expect(words).toContain("We did text changed");
    expect(words).not.toMatch(/Linked goal|Action changed/);
    expect(html).toContain(`href="/console/goals/${goal.id}"`);
    expect(html).toContain(`href="/console/actions/${action.id}"`);
    // The action's current title (its only language, Dutch) names it, not the one the entry kept.
    expect(words).toContain("Liften");
    expect(words).not.toContain("old title");
    expectNothingLive(html);
  });
});

describe("times on console pages", () => {
  it("are in the viewer's organisation's zone, named, summer and winter", async () => {
    const summer = { ...admin, lastSignInAt: "2025-07-01T10:00:00.000Z" };
    const html = await render(
      <StaffPage viewer={{ ...as(admin), timeZone: "Europe/Amsterdam" }} staff={[summer, agent]} />,
    );
    expect(html).toContain('<time datetime="2025-07-01T10:00:00.000Z">2025-07-01 12:00 CEST</time>');
    const elsewhere = await render(
      <StaffPage viewer={{ ...as(admin), timeZone: "America/New_York" }} staff={[summer, agent]} />,
    );
    expect(elsewhere).toContain("2025-07-01 06:00 GMT-4");
    // A page rendered at the same time for another zone does not leak its zone into this one.
    const [a, b] = await Promise.all([
      render(<StaffPage viewer={{ ...as(admin), timeZone: "UTC" }} staff={[summer]} />),
      render(<StaffPage viewer={{ ...as(admin), timeZone: "Asia/Tokyo" }} staff={[summer]} />),
    ]);
    expect(a).toContain("2025-07-01 10:00 UTC");
    expect(b).toContain("2025-07-01 19:00 GMT+9");
  });
});
