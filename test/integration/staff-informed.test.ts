import { simpleParser } from "mailparser";
import { describe, expect, it, vi } from "vitest";

// Mail goes out through the stream: give it time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { sweep } from "../../functions/pipeline/sweep";
import { alertPurpose } from "../../shared/db/keys";
import type { MailTransport } from "../../shared/mail/types";
import { digestWeek, isoWeek } from "../../shared/staff/digest";
import { rawHeader } from "../helpers/local-stack-process";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { api, recordingTransport, submit, type World, world } from "../helpers/updates-world";

const call = async (w: World, as: SignedInStaff, method: string, path: string, body?: unknown) => {
  const response = await callJson(w.app, method, path, { as, via: "token", body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const mailsOf = <T extends { mail: { id: string } }>(sent: T[], prefix: string) =>
  sent.filter(({ mail }) => mail.id.startsWith(prefix));

describe("the weekly digest", () => {
  it("knows when the week turns in the organisation's time zone", () => {
    expect(isoWeek("2026-12-07")).toBe("2026-W50");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
    const digest = { timeZone: "Europe/Amsterdam", hour: 7 };
    // Monday 05:59 UTC is 06:59 in Amsterdam: last week's digest is still the one due.
    expect(digestWeek(new Date("2026-12-07T05:59:00Z"), digest)).toBe("2026-W49");
    expect(digestWeek(new Date("2026-12-07T06:00:00Z"), digest)).toBe("2026-W50");
    expect(digestWeek(new Date("2026-12-13T22:59:00Z"), digest)).toBe("2026-W50");
  });

  it("sends each person their digest once a week, in their language, even when the sweep runs twice at once", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    w.clock.now = Date.parse("2026-12-04T10:00:00Z");
    const alice = await signedInStaff(w.app, w.deps, "agent", { email: "alice@example.org", name: "Alice" });
    const bob = await signedInStaff(w.app, w.deps, "viewer", { email: "bob@example.org", name: "Bob" });
    const carol = await signedInStaff(w.app, w.deps, "agent", { email: "carol@example.org", name: "Carol" });
    expect((await call(w, alice, "PATCH", "/api/me", { locale: "sv" })).status).toBe(200);

    const goal = await api<{ id: string }>(w, "POST", "/api/goals", {
      title: { en: "Fewer ticket machine complaints", sv: "Färre klagomål på biljettautomater" },
      owner: alice.staff.id,
      ambassadors: [bob.staff.id, carol.staff.id],
      metric: { kind: "complaint_share", baseline: 50, target: 20, windowDays: 30 },
    });
    const feedback = [await submit(w, "The machine ate my card"), await submit(w, "Machine broken again")];
    await api(w, "POST", `/api/goals/${goal.id}/feedback`, { feedbackIds: feedback });
    await api(w, "POST", "/api/actions", { goalId: goal.id, title: "Replace the readers", dueDate: "2026-12-01" });
    // Bob switches his digest off; Carol keeps hers.
    expect((await call(w, bob, "PATCH", "/api/me", { digest: false })).status).toBe(200);
    await w.poller.idle();

    // Monday 08:00 UTC (the default zone), past the default hour 7: the week turned.
    w.clock.now = Date.parse("2026-12-07T08:00:00Z");
    const deadline = Date.now() + 60_000;
    const [first, second] = await Promise.all([
      sweep(w.deps, rec.transport, deadline),
      sweep(w.deps, rec.transport, deadline),
    ]);
    expect(first.digests.written + second.digests.written).toBe(2);
    await w.poller.idle();
    // Later that week, the sweep reads one item and writes nothing.
    w.clock.now = Date.parse("2026-12-09T12:00:00Z");
    expect((await sweep(w.deps, rec.transport, Date.now() + 60_000)).digests).toMatchObject({ written: 0, done: true });
    await w.poller.idle();

    const digests = mailsOf(rec.sent, "digest#");
    expect(digests.map(({ mail }) => mail.to).sort()).toEqual(["alice@example.org", "carol@example.org"]);
    expect(digests.every(({ mail }) => mail.id.startsWith("digest#2026-W50#"))).toBe(true);
    const toAlice = await simpleParser(digests.find(({ mail }) => mail.to === "alice@example.org")?.raw ?? "");
    expect(toAlice.subject).toBe("Dina mål den här veckan (2026-W50)");
    expect(toAlice.text).toContain("“Färre klagomål på biljettautomater”");
    expect(toAlice.text).toContain("Du äger det här målet.");
    expect(toAlice.text).toContain("2 nya synpunkter kopplade.");
    expect(toAlice.text).toContain("Försenad: ”Replace the readers”, skulle vara klar 2026-12-01.");
    expect(toAlice.text).toMatch(/Andel klagomål: 100\s%\s\(mål 20\s%\)\./u);
    // Its own off switch, not List-Unsubscribe: a link to the person's settings.
    expect(rawHeader(toAlice, "List-Unsubscribe")).toBeUndefined();
    expect(toAlice.text).toContain("/console/settings");
    const toCarol = await simpleParser(digests.find(({ mail }) => mail.to === "carol@example.org")?.raw ?? "");
    expect(toCarol.subject).toBe("Your goals this week (2026-W50)");
    expect(toCarol.text).toContain("You champion this goal.");

    // The next Monday, a new week: Alice and Carol get the next one; Bob, switched off, still none.
    w.clock.now = Date.parse("2026-12-14T07:30:00Z");
    expect((await sweep(w.deps, rec.transport, Date.now() + 60_000)).digests.written).toBe(2);
    await w.poller.idle();
    expect(mailsOf(rec.sent, "digest#2026-W51#")).toHaveLength(2);
    expect(mailsOf(rec.sent, "digest#").filter(({ mail }) => mail.to === "bob@example.org")).toHaveLength(0);
    expect([...rec.perPurpose().values()].every((n) => n === 1)).toBe(true);
  });
});

describe("immediate alerts", () => {
  it("alerts the staff subscribed to a detractor's or a complaint's topic or department, once per item and person", async () => {
    const rec = recordingTransport();
    // Every stream batch is handed to two invocations at once, as a retried Lambda may overlap the first.
    const w = await world(rec.transport, {}, { twice: true });
    const alice = await signedInStaff(w.app, w.deps, "agent", { email: "alice@example.org", name: "Alice" });
    const bob = await signedInStaff(w.app, w.deps, "viewer", { email: "bob@example.org", name: "Bob" });
    const topics = { topics: ["Ticket machines"], departments: [] };
    expect((await call(w, alice, "PATCH", "/api/me", { alerts: topics, locale: "nl" })).status).toBe(200);
    expect((await call(w, bob, "PATCH", "/api/me", { alerts: { topics: [], departments: ["finance"] } })).status).toBe(
      200,
    );
    expect((await call(w, bob, "PATCH", "/api/me", { alerts: { topics: [""], departments: [] } })).status).toBe(422);

    const complaint = await submit(w, "The <b>machine</b> ate my card", { topic: "ticket machines " });
    const detractor = await submit(w, "Slow reimbursements", {
      kind: "suggestion",
      topic: "expenses",
      customerType: "internal",
      department: "Finance",
      score: { type: "nps", value: 3 },
    });
    const both = await submit(w, "Is it always this slow?", {
      kind: "question",
      topic: "Ticket machines",
      department: "finance",
      score: { type: "csat", value: 2 },
    });
    // Neither a detractor nor a complaint: nobody is alerted.
    await submit(w, "Nice machines", {
      kind: "compliment",
      topic: "ticket machines",
      score: { type: "nps", value: 9 },
    });
    await submit(w, "Could be faster", {
      kind: "suggestion",
      topic: "ticket machines",
      score: { type: "csat", value: 3 },
    });
    await w.poller.idle();

    const alerts = mailsOf(rec.sent, "alert#");
    const sent = alerts.map(({ mail }) => `${mail.id.split("#")[1]} ${mail.to}`).sort();
    expect(sent).toEqual(
      [
        `${complaint} alice@example.org`,
        `${detractor} bob@example.org`,
        `${both} alice@example.org`,
        `${both} bob@example.org`,
      ].sort(),
    );
    expect([...rec.perPurpose().values()].every((n) => n === 1)).toBe(true);
    const toAlice = await simpleParser(
      alerts.find(({ mail }) => mail.id === `alert#${complaint}#${alice.staff.id}`)?.raw ?? "",
    );
    expect(toAlice.subject).toBe("Een klacht vraagt uw aandacht");
    expect(toAlice.html).toContain("The &lt;b&gt;machine&lt;/b&gt; ate my card");
    expect(toAlice.text).toContain(`/console/feedback/${complaint}`);
    const toBob = await simpleParser(
      alerts.find(({ mail }) => mail.id === `alert#${detractor}#${bob.staff.id}`)?.raw ?? "",
    );
    expect(toBob.subject).toBe("A detractor needs your attention");
    expect(toBob.text).toContain("Score: NPS 3.");
  });

  it("takes an erased customer's words out of an alert still to be sent, which then says [erased]", async () => {
    const rec = recordingTransport();
    let refusing = true;
    const transport: MailTransport = {
      name: "refusing alerts",
      async send(mail) {
        if (refusing && mail.id.startsWith("alert#")) throw new Error("mail server down");
        return rec.transport.send(mail);
      },
    };
    const w = await world(transport);
    const alice = await signedInStaff(w.app, w.deps, "agent", { email: "alice@example.org", name: "Alice" });
    const admin = await signedInStaff(w.app, w.deps, "admin", { email: "admin@example.org", name: "Admin" });
    expect(
      (await call(w, alice, "PATCH", "/api/me", { alerts: { topics: ["ticket machines"], departments: [] } })).status,
    ).toBe(200);
    const erased = await submit(w, "Ann Secret lost her card at Central", { email: "ann@example.com" });
    const kept = await submit(w, "Bob's card was eaten too", { email: "bob@example.com" });
    await w.poller.idle();
    const alertOf = async (id: string) => w.deps.notifications.find(alertPurpose(id, alice.staff.id));
    expect(await alertOf(erased)).toMatchObject({ status: "pending", attempts: 1 });

    expect((await call(w, admin, "POST", "/api/privacy/erase", { email: "ann@example.com" })).status).toBe(200);
    await w.poller.idle();
    expect((await alertOf(erased))?.content?.message).toBe("[erased]");
    expect((await alertOf(kept))?.content?.message).toBe("Bob's card was eaten too");

    // The mail server is back: the retry sends both alerts, the erased one without the words.
    refusing = false;
    w.clock.now += 24 * 3600_000;
    await sweep(w.deps, transport, Date.now() + 60_000);
    const alerts = mailsOf(rec.sent, "alert#").map(({ mail, raw }) => ({ id: mail.id, raw }));
    expect(alerts.map(({ id }) => id).sort()).toEqual(
      [alertPurpose(erased, alice.staff.id), alertPurpose(kept, alice.staff.id)].sort(),
    );
    const erasedMail = await simpleParser(alerts.find(({ id }) => id.includes(erased))?.raw ?? "");
    expect(erasedMail.text).toContain("[erased]");
    expect(JSON.stringify(alerts)).not.toContain("Ann Secret");
    expect(JSON.stringify(await w.deps.notifications.find(alertPurpose(erased, alice.staff.id)))).not.toContain(
      "Ann Secret",
    );
  });

  it("quotes [erased] in an alert written after the item's erasure, as the stream catches up", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const alice = await signedInStaff(w.app, w.deps, "agent", { email: "alice@example.org", name: "Alice" });
    const admin = await signedInStaff(w.app, w.deps, "admin", { email: "admin@example.org", name: "Admin" });
    expect(
      (await call(w, alice, "PATCH", "/api/me", { alerts: { topics: ["ticket machines"], departments: [] } })).status,
    ).toBe(200);
    await w.poller.idle();
    // The erasure lands after the item came in, just before the stream function writes its alert.
    let erased = false;
    const name = "erase-before-alert";
    w.deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const alerting =
          context.commandName === "TransactWriteItemsCommand" && JSON.stringify(args.input).includes('"alert#');
        if (alerting && !erased) {
          erased = true;
          expect((await call(w, admin, "POST", "/api/privacy/erase", { email: "ann@example.com" })).status).toBe(200);
        }
        return next(args);
      },
      { step: "initialize", name, priority: "high" },
    );
    const id = await submit(w, "Ann Secret lost her card at Central", { email: "ann@example.com" });
    await w.poller.idle();
    w.deps.db.middlewareStack.remove(name);
    expect(erased).toBe(true);

    // The alert was written quoting the item as it was by then: its first image holds no words.
    const written = w.delivered
      .flatMap((event) => event.Records)
      .filter((record) => record.eventName === "INSERT" && record.dynamodb?.Keys?.PK?.S?.includes("alert#"));
    expect(written).toHaveLength(1);
    expect(JSON.stringify(written)).not.toContain("Ann Secret");
    const [mail] = mailsOf(rec.sent, "alert#");
    expect(mail?.mail.id).toBe(alertPurpose(id, alice.staff.id));
    expect((await simpleParser(mail?.raw ?? "")).text).toContain("[erased]");
    expect(JSON.stringify(rec.sent)).not.toContain("Ann Secret");
  });
});
