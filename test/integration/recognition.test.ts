import { simpleParser } from "mailparser";
import { describe, expect, it, vi } from "vitest";

// Mail goes out through the stream: give it time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { sweep } from "../../functions/pipeline/sweep";
import type { MailTransport } from "../../shared/mail/types";
import { rawHeader } from "../helpers/local-stack-process";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { hashOf, recordingTransport, submit, type World, world } from "../helpers/updates-world";

const call = async (w: World, as: SignedInStaff, method: string, path: string, body?: unknown) => {
  const response = await callJson(w.app, method, path, { as, via: "token", body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const mailsOf = <T extends { mail: { id: string } }>(sent: T[], prefix: string) =>
  sent.filter(({ mail }) => mail.id.startsWith(prefix));

/** A team: an admin, and three colleagues in two departments, one of whom reads Dutch. */
async function team(w: World) {
  const admin = await signedInStaff(w.app, w.deps, "admin");
  const alice = await signedInStaff(w.app, w.deps, "agent", { email: "alice@example.org", name: "Alice Andersson" });
  const bob = await signedInStaff(w.app, w.deps, "viewer", { email: "bob@example.org", name: "Bob Berg" });
  const carol = await signedInStaff(w.app, w.deps, "agent", { email: "carol@example.org", name: "Carol Clark" });
  for (const [person, department] of [
    [alice, "Service desk"],
    [bob, "service desk "],
  ] as const) {
    const changed = await call(w, admin, "PATCH", `/api/staff/${person.staff.id}`, { department });
    expect(changed.status).toBe(200);
  }
  // The staff page's form sets a department too.
  const posted = await w.app.request(`/console/staff/${carol.staff.id}`, {
    method: "POST",
    headers: { authorization: admin.bearer, "content-type": "application/x-www-form-urlencoded" },
    body: "department=Sales",
  });
  expect(posted.status).toBe(303);
  expect((await w.deps.staff.get(carol.staff.id))?.department).toBe("Sales");
  expect((await call(w, alice, "PATCH", "/api/me", { locale: "nl" })).status).toBe(200);
  return { admin, alice, bob, carol };
}

describe("compliments reach the people they praise", () => {
  it("routes a colleague's compliment to a person and to a department, each told once in their language", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { alice, bob, carol } = await team(w);

    // Naming a colleague is for compliments from colleagues: anything else is refused, and stores nothing.
    const refused = await w.app.request("/api/feedback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "Great", kind: "compliment", praises: "Alice Andersson" }),
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
      "praises",
    );
    // Whether the name matches anyone, the public gets the same answer.
    const unknown = await submit(w, "Thanks, whoever you are", {
      kind: "compliment",
      customerType: "internal",
      praises: "Nobody On Staff",
    });
    expect(unknown).toMatch(/^[0-9A-Z]{26}$/);

    const message = 'Alice fixed my laptop <script>alert("x")</script> & stayed late';
    const id = await submit(w, message, {
      kind: "compliment",
      customerType: "internal",
      department: "Finance <b>",
      praises: "alice andersson",
    });
    const first = await call(w, carol, "POST", `/api/feedback/${id}/route`, { staffIds: [alice.staff.id] });
    expect(first).toEqual({ status: 200, json: { routedTo: [alice.staff.id], alreadyRouted: [] } });
    // The whole department, which includes Alice (departments compare without case and spacing).
    const second = await call(w, carol, "POST", `/api/feedback/${id}/route`, { department: "SERVICE DESK" });
    expect(second.status).toBe(200);
    expect(second.json.routedTo).toEqual([bob.staff.id]);
    expect(second.json.alreadyRouted).toEqual([alice.staff.id]);
    await w.poller.idle();
    // And once more, after the mail went out: nobody is told twice.
    const third = await call(w, carol, "POST", `/api/feedback/${id}/route`, {
      staffIds: [alice.staff.id, bob.staff.id],
    });
    expect(third.json.routedTo).toEqual([]);
    await w.poller.idle();

    const compliments = mailsOf(rec.sent, "compliment#");
    expect(compliments.map(({ mail }) => mail.to).sort()).toEqual(["alice@example.org", "bob@example.org"]);
    expect([...rec.perPurpose().values()].every((n) => n === 1)).toBe(true);
    const toAlice = await simpleParser(compliments.find(({ mail }) => mail.to === "alice@example.org")?.raw ?? "");
    expect(toAlice.subject).toBe("Een compliment voor u");
    expect(toAlice.text).toContain("Een collega van Finance <b> stuurde ons een compliment over u:");
    expect(toAlice.text).toContain('<script>alert("x")</script>');
    // Escaped in the HTML part: the customer's words are text, never markup.
    expect(toAlice.html).not.toContain("<script>");
    expect(toAlice.html).toContain("&lt;script&gt;");
    expect(toAlice.html).toContain("Finance &lt;b&gt;");
    // Staff mail: no unsubscribe link, and never the customer's address.
    expect(rawHeader(toAlice, "List-Unsubscribe")).toBeUndefined();
    const toBob = await simpleParser(compliments.find(({ mail }) => mail.to === "bob@example.org")?.raw ?? "");
    expect(toBob.subject).toBe("A compliment for you");

    // The item's timeline records each routing.
    const detail = await call(w, carol, "GET", `/api/feedback/${id}`);
    const routedEntries = (
      detail.json.timeline as { type: string; details: { to: string[]; delivery?: string } }[]
    ).filter((e) => e.type === "compliment_routed");
    expect(routedEntries.flatMap((e) => e.details.to).sort()).toEqual([alice.staff.id, bob.staff.id].sort());
    // Each shows where its mail is.
    expect(routedEntries.map((e) => e.details.delivery)).toEqual(["sent", "sent"]);
    const page = await (
      await w.app.request(`/console/feedback/${id}`, { headers: { authorization: carol.bearer } })
    ).text();
    expect(page).toContain("told by mail once (Sent)");

    // Only compliments are routed; viewers cannot route; a department nobody works in is a 422.
    const complaint = await submit(w, "The lift is broken");
    const notCompliment = await call(w, carol, "POST", `/api/feedback/${complaint}/route`, {
      staffIds: [alice.staff.id],
    });
    expect(notCompliment.status).toBe(409);
    expect((notCompliment.json.error as { code: string }).code).toBe("not_a_compliment");
    expect((await call(w, bob, "POST", `/api/feedback/${id}/route`, { staffIds: [carol.staff.id] })).status).toBe(403);
    expect((await call(w, carol, "POST", `/api/feedback/${id}/route`, { department: "Nowhere" })).status).toBe(422);
    expect((await call(w, carol, "POST", `/api/feedback/${id}/route`, {})).status).toBe(422);
    expect(
      (await call(w, carol, "POST", `/api/feedback/${id}/route`, { staffIds: ["01JUNKNOWN0000000000000000"] })).status,
    ).toBe(422);
  });

  it("quotes [erased] when the customer's words are erased while their compliment is being routed", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { admin, alice, carol } = await team(w);
    const words = "Alice Andersson helped me, Ann Secret, at the desk";
    const id = await submit(w, words, { kind: "compliment", email: "ann@example.com" });
    await w.poller.idle();

    // The erasure lands between routing's read of the item and its write of the mail.
    let erasing = false;
    const name = "erase-before-routing";
    w.deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: { TransactItems?: { ConditionCheck?: unknown }[] } }).input;
        const routing =
          context.commandName === "TransactWriteItemsCommand" && JSON.stringify(input).includes(`compliment#${id}`);
        if (routing && !erasing) {
          erasing = true;
          const erased = await call(w, admin, "POST", "/api/privacy/erase", { email: "ann@example.com" });
          expect(erased.json).toMatchObject({ feedbackItems: 1 });
          // The stream function has reacted to the erasure before the mail is written.
          await w.poller.idle();
        }
        return next(args);
      },
      { step: "initialize", name, priority: "high" },
    );
    const routed = await call(w, carol, "POST", `/api/feedback/${id}/route`, { staffIds: [alice.staff.id] });
    w.deps.db.middlewareStack.remove(name);
    expect(erasing).toBe(true);
    expect(routed.status).toBe(200);
    expect(routed.json).toEqual({ routedTo: [alice.staff.id], alreadyRouted: [] });
    await w.poller.idle();

    const [mail] = mailsOf(rec.sent, "compliment#");
    expect(mail?.mail.to).toBe("alice@example.org");
    expect((await simpleParser(mail?.raw ?? "")).text).toContain("[erased]");
    expect(JSON.stringify(rec.sent)).not.toContain("Ann Secret");
  });

  it("takes an erased customer's words out of a routed compliment still to be sent", async () => {
    const rec = recordingTransport();
    let refusing = true;
    const transport: MailTransport = {
      name: "refusing compliments",
      async send(mail) {
        if (refusing && mail.id.startsWith("compliment#")) throw new Error("mail server down");
        return rec.transport.send(mail);
      },
    };
    const w = await world(transport);
    const { admin, alice, carol } = await team(w);
    const id = await submit(w, "Alice helped me, Ann Secret, at the desk", {
      kind: "compliment",
      email: "ann@example.com",
    });
    const routed = await call(w, carol, "POST", `/api/feedback/${id}/route`, { staffIds: [alice.staff.id] });
    expect(routed.json).toEqual({ routedTo: [alice.staff.id], alreadyRouted: [] });
    await w.poller.idle();
    const purpose = `compliment#${id}#${alice.staff.id}`;
    expect(await w.deps.notifications.find(purpose)).toMatchObject({ status: "pending", attempts: 1 });

    expect((await call(w, admin, "POST", "/api/privacy/erase", { email: "ann@example.com" })).status).toBe(200);
    await w.poller.idle();
    expect((await w.deps.notifications.find(purpose))?.content?.message).toBe("[erased]");

    refusing = false;
    w.clock.now += 24 * 3600_000;
    await sweep(w.deps, transport, Date.now() + 60_000);
    const [mail] = mailsOf(rec.sent, "compliment#");
    expect(mail?.mail.id).toBe(purpose);
    expect((await simpleParser(mail?.raw ?? "")).text).toContain("[erased]");
    expect(JSON.stringify(rec.sent)).not.toContain("Ann Secret");
  });

  it("tells an unsubscribed colleague anyway: an unsubscribe from customer mail does not stop staff mail", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { alice, carol } = await team(w);
    await w.deps.suppressions.suppress(hashOf(alice.staff.email), "unsubscribed", w.deps.now());
    const id = await submit(w, "Lovely service", { kind: "compliment" });
    expect((await call(w, carol, "POST", `/api/feedback/${id}/route`, { staffIds: [alice.staff.id] })).status).toBe(
      200,
    );
    await w.poller.idle();
    expect(mailsOf(rec.sent, "compliment#").map(({ mail }) => mail.to)).toEqual(["alice@example.org"]);
    const customer = await simpleParser(mailsOf(rec.sent, "compliment#")[0]?.raw ?? "");
    expect(customer.text).toContain("Een klant stuurde ons een compliment over u:");
  });
});

describe("kudos between colleagues", () => {
  it("lets anyone, a viewer too, give a colleague kudos: told once, and counted on the recognition summary", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { alice, bob, carol } = await team(w);
    const given = await call(w, bob, "POST", "/api/kudos", {
      to: alice.staff.id,
      reason: "  Covered my <em>shift</em> on Friday  ",
    });
    expect(given.status).toBe(201);
    expect(given.json).toMatchObject({ fromStaffId: bob.staff.id, toStaffId: alice.staff.id });
    expect(given.json.reason).toBe("Covered my <em>shift</em> on Friday");
    await w.poller.idle();
    const kudos = mailsOf(rec.sent, "kudos#");
    expect(kudos).toHaveLength(1);
    const parsed = await simpleParser(kudos[0]?.raw ?? "");
    expect(kudos[0]?.mail.to).toBe("alice@example.org");
    expect(parsed.subject).toBe("Kudos van Bob Berg");
    expect(parsed.html).toContain("Covered my &lt;em&gt;shift&lt;/em&gt; on Friday");

    // Not to yourself, not to someone unknown, not without a reason: 422, and nothing stored.
    expect((await call(w, bob, "POST", "/api/kudos", { to: bob.staff.id, reason: "Me" })).status).toBe(422);
    expect((await call(w, bob, "POST", "/api/kudos", { to: "01JUNKNOWN0000000000000000", reason: "x" })).status).toBe(
      422,
    );
    expect((await call(w, bob, "POST", "/api/kudos", { to: alice.staff.id, reason: "   " })).status).toBe(422);
    w.clock.now += 60_000;
    expect((await call(w, carol, "POST", "/api/kudos", { to: bob.staff.id, reason: "Great demo" })).status).toBe(201);

    const id = await submit(w, "Thank you Alice", { kind: "compliment" });
    await call(w, carol, "POST", `/api/feedback/${id}/route`, { staffIds: [alice.staff.id] });
    await w.poller.idle();
    expect(mailsOf(rec.sent, "kudos#")).toHaveLength(2);

    const summary = await call(w, bob, "GET", "/api/recognition");
    expect(summary.status).toBe(200);
    const people = summary.json.people as {
      staffId: string;
      complimentsReceived: number;
      kudosReceived: number;
      kudosGiven: number;
    }[];
    const of = (id: string) => people.find((p) => p.staffId === id);
    expect(of(alice.staff.id)).toMatchObject({ complimentsReceived: 1, kudosReceived: 1, kudosGiven: 0 });
    expect(of(bob.staff.id)).toMatchObject({ complimentsReceived: 0, kudosReceived: 1, kudosGiven: 1 });
    expect(of(carol.staff.id)).toMatchObject({ complimentsReceived: 0, kudosReceived: 0, kudosGiven: 1 });
    const departments = summary.json.departments as { department: string | null; kudosReceived: number }[];
    // Departments compare without case and spacing: Alice's "Service desk" and Bob's "service desk" are one.
    expect(departments.filter((d) => d.department?.toLowerCase() === "service desk")).toHaveLength(1);
    expect(departments.find((d) => d.department?.toLowerCase() === "service desk")).toMatchObject({
      complimentsReceived: 1,
      kudosReceived: 2,
      kudosGiven: 1,
    });
    expect(departments.find((d) => d.department === "Sales")).toMatchObject({ kudosGiven: 1 });
    expect((summary.json.kudos as { reason: string }[]).map((k) => k.reason)).toEqual([
      "Great demo",
      "Covered my <em>shift</em> on Friday",
    ]);

    // A period before any of it: nothing. A period the wrong way round, or too long: 422.
    const empty = await call(w, bob, "GET", "/api/recognition?from=2020-01-01&to=2020-01-31");
    expect(empty.json.people).toEqual([]);
    expect((await call(w, bob, "GET", "/api/recognition?from=2020-02-01&to=2020-01-01")).status).toBe(422);
    expect((await call(w, bob, "GET", "/api/recognition?from=2020-01-01&to=2022-01-01")).status).toBe(422);
    expect((await call(w, bob, "GET", "/api/recognition?from=2020-13-45")).status).toBe(422);
  });

  it("gives kudos once however often the same request or the same console form is sent", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { alice, bob } = await team(w);
    const give = (key: string, reason = "Fixed the printer") =>
      callJson(w.app, "POST", "/api/kudos", {
        as: bob,
        via: "token",
        body: { to: alice.staff.id, reason },
        headers: { "idempotency-key": key },
      });
    const first = await give("kudos-1");
    const again = await give("kudos-1");
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual(await first.json());
    expect((await give("kudos-1", "Something else")).status).toBe(422);

    const page = await (await w.app.request("/console/recognition", { headers: { cookie: bob.cookie } })).text();
    const kudosKey = /name="kudosKey" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const post = () =>
      w.app.request("/console/kudos", {
        method: "POST",
        headers: { cookie: bob.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([
          ["_csrf", bob.csrfToken],
          ["to", alice.staff.id],
          ["reason", "And the coffee machine"],
          ["kudosKey", kudosKey],
        ]).toString(),
      });
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(303);
    await w.poller.idle();
    expect(mailsOf(rec.sent, "kudos#")).toHaveLength(2);
    const summary = await call(w, bob, "GET", "/api/recognition");
    expect((summary.json.kudos as { reason: string }[]).map((k) => k.reason).sort()).toEqual([
      "And the coffee machine",
      "Fixed the printer",
    ]);
  });
});
