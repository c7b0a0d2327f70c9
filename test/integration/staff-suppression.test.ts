import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import { keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { normaliseEmail, sha256 } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { callJson, createStaff, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

let deps: Deps;
let app: App;
let admin: SignedInStaff;
let agent: SignedInStaff;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  admin = await signedInStaff(app, deps, "admin", { email: "boss@example.org" });
  agent = await signedInStaff(app, deps, "agent");
});

const hashOf = (email: string) => sha256(normaliseEmail(email));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const staffPage = async (as: SignedInStaff) => {
  const response = await app.request("/console/staff", { headers: { cookie: as.cookie } });
  expect(response.status).toBe(200);
  return response.text();
};

const liftForm = (as: SignedInStaff, staffId: string, csrf: string | undefined) =>
  app.request(`/console/staff/${staffId}/suppression`, {
    method: "POST",
    headers: { cookie: as.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(csrf === undefined ? {} : { _csrf: csrf }).toString(),
  });

const lifts = async () => {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.tableName,
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": keys.suppressionLift("x").PK },
    }),
  );
  return Items;
};

describe("suppressed staff addresses", () => {
  it("shows each suppressed staff address with its reason and whether sign-in mail still arrives", async () => {
    const bounced = await createStaff(deps, "manager", { email: "Bounced@Example.org" });
    const unsubscribed = await createStaff(deps, "viewer", { email: "left-a-list@example.org" });
    await deps.suppressions.suppress(hashOf(bounced.email), "bounce", new Date("2026-03-02T10:00:00Z"));
    await deps.suppressions.suppress(hashOf(unsubscribed.email), "unsubscribed", deps.now());

    const page = text(await staffPage(agent));
    const row = (email: string) => page.slice(page.indexOf(email), page.indexOf(email) + 300);
    expect(row("Bounced@Example.org")).toContain("Suppressed : the address bounced");
    expect(row("Bounced@Example.org")).toContain("Sign-in links are not sent to this address");
    expect(row("left-a-list@example.org")).toContain("unsubscribed");
    expect(row("left-a-list@example.org")).toContain("Sign-in links still arrive");
    expect(row(admin.staff.email)).toContain("Delivered");
    // An agent sees the state, but no control to lift it.
    expect(page).not.toContain("Lift suppression");
    expect(text(await staffPage(admin))).toContain("Lift suppression");
  });

  it("lets an admin lift a suppression by form (with the CSRF token only), and audits it", async () => {
    const person = await createStaff(deps, "agent", { email: "complained@example.org" });
    await deps.suppressions.suppress(hashOf(person.email), "complaint", new Date("2026-04-01T08:00:00Z"));

    expect((await liftForm(admin, person.id, undefined)).status).toBe(403);
    expect((await liftForm(agent, person.id, agent.csrfToken)).status).toBe(403);
    expect(await deps.suppressions.reasonFor(hashOf(person.email))).toBe("complaint");
    expect(await lifts()).toHaveLength(0);

    const lifted = await liftForm(admin, person.id, admin.csrfToken);
    expect(lifted.status).toBe(303);
    expect(lifted.headers.get("location")).toBe("/console/staff?lifted=1");
    expect(await deps.suppressions.reasonFor(hashOf(person.email))).toBeUndefined();
    const [record] = await lifts();
    expect(record).toMatchObject({
      emailHash: hashOf(person.email),
      staffId: person.id,
      reason: "complaint",
      suppressedAt: "2026-04-01T08:00:00.000Z",
      liftedBy: admin.staff.id,
    });

    const page = text(await staffPage(admin));
    const audit = page.slice(page.indexOf("Suppressions lifted"));
    expect(audit).toContain("boss@example.org");
    expect(audit).toContain("complained@example.org");
    expect(audit).toContain(hashOf(person.email).slice(0, 12));
    expect(audit).toContain("marked as spam");

    // Lifting again: nothing to lift.
    const again = await liftForm(admin, person.id, admin.csrfToken);
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain("Not lifted: this address is not suppressed.");
  });

  it("lifts through the staff API: 200 with the audit record, 409 when not suppressed, 404 for nobody", async () => {
    const person = await createStaff(deps, "viewer", { email: "erased@example.org" });
    await deps.suppressions.suppress(hashOf(person.email), "erased", deps.now());
    const refused = await callJson(app, "DELETE", `/api/staff/${person.id}/suppression`, { as: agent, via: "token" });
    expect(refused.status).toBe(403);

    const answer = await callJson(app, "DELETE", `/api/staff/${person.id}/suppression`, { as: admin, via: "token" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ staffId: person.id, reason: "erased", liftedBy: admin.staff.id });
    expect(await deps.suppressions.isSuppressed(hashOf(person.email))).toBe(false);

    const again = await callJson(app, "DELETE", `/api/staff/${person.id}/suppression`, { as: admin, via: "token" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict" } });
    const nobody = await callJson(app, "DELETE", "/api/staff/01JNOBODY000000000000000AA/suppression", {
      as: admin,
      via: "token",
    });
    expect(nobody.status).toBe(404);
  });

  it("does not lift a suppression that changed after it was read", async () => {
    const person = await createStaff(deps, "agent", { email: "again@example.org" });
    await deps.suppressions.suppress(hashOf(person.email), "bounce", new Date("2026-01-01T00:00:00Z"));
    const stale = {
      id: "01JSTALE00000000000000000A",
      emailHash: hashOf(person.email),
      staffId: person.id,
      reason: "unsubscribed" as const,
      suppressedAt: "2025-12-01T00:00:00.000Z",
      liftedAt: deps.now().toISOString(),
      liftedBy: admin.staff.id,
    };
    expect(await deps.suppressions.lift(stale)).toBe(false);
    expect(await deps.suppressions.reasonFor(hashOf(person.email))).toBe("bounce");
  });
});
