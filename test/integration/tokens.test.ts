import { randomUUID } from "node:crypto";
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import { keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { sha256 } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";

/** A token's id and secret: the secret is base64url, so it may itself contain "_". */
function parts(token: string) {
  const match = /^fbk_([0-9A-Z]{26})_(.+)$/.exec(token);
  if (!match) throw new Error(`not an API token: ${token}`);
  return { id: match[1] ?? "", secret: match[2] ?? "" };
}

import { createTestTable } from "../helpers/table";

type Created = {
  token: string;
  apiToken: { id: string; staffId: string; name: string; createdAt: string; createdBy: string; revokedAt?: string };
};

let deps: Deps;
let app: App;
let admin: SignedInStaff;
let agent: SignedInStaff;
let otherAgent: SignedInStaff;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  admin = await signedInStaff(app, deps, "admin");
  agent = await signedInStaff(app, deps, "agent");
  otherAgent = await signedInStaff(app, deps, "agent");
});

async function createToken(as: SignedInStaff, body: Record<string, unknown> = { name: "nightly export" }) {
  const response = await callJson(app, "POST", "/api/tokens", { as, body });
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

const me = (token: string) => app.request("/api/me", { headers: { authorization: `Bearer ${token}` } });

/** Every item of the (small, test-only) table, as stored: secrets must appear in none of them. */
async function everyStoredItem(): Promise<string> {
  const items: unknown[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new ScanCommand({ TableName: deps.config.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return JSON.stringify(items);
}

describe("API tokens", () => {
  it("shows the token once, in the answer that creates it, and stores only a hash of its secret", async () => {
    const { token, apiToken } = await createToken(agent);
    expect(token).toMatch(/^fbk_[0-9A-HJKMNP-TV-Z]{26}_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(`fbk_${apiToken.id}_`)).toBe(true);
    expect(apiToken).toEqual({
      id: apiToken.id,
      staffId: agent.staff.id,
      name: "nightly export",
      createdAt: expect.any(String),
      createdBy: agent.staff.id,
    });
    const secret = token.slice(`fbk_${apiToken.id}_`.length);

    const { Item } = await deps.db.send(
      new GetCommand({ TableName: deps.config.tableName, Key: keys.apiToken(apiToken.id) }),
    );
    expect(Item?.secretHash).toBe(sha256(secret));
    expect(JSON.stringify(Item)).not.toContain(secret);
    expect(await everyStoredItem()).not.toContain(secret);
  });

  it("lists the caller's tokens without their secrets", async () => {
    const { token, apiToken } = await createToken(agent, { name: "listed" });
    const response = await callJson(app, "GET", "/api/tokens", { as: agent, via: "token" });
    expect(response.status).toBe(200);
    const text = await response.text();
    const { items, nextCursor } = JSON.parse(text) as { items: Created["apiToken"][]; nextCursor: null };
    expect(items.map((t) => t.id)).toContain(apiToken.id);
    expect(items.every((t) => t.staffId === agent.staff.id)).toBe(true);
    expect(nextCursor).toBeNull();
    expect(text).not.toContain(parts(token).secret);
    expect(text).not.toMatch(/secret/i);
  });

  it("signs its owner in until it is revoked, then answers 401", async () => {
    const { token, apiToken } = await createToken(agent, { name: "to revoke" });
    expect(await (await me(token)).json()).toMatchObject({ staff: { id: agent.staff.id } });

    const revoke = await callJson(app, "DELETE", `/api/tokens/${apiToken.id}`, { as: agent });
    expect(revoke.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    const listed = (await (await callJson(app, "GET", "/api/tokens", { as: agent })).json()) as {
      items: Created["apiToken"][];
    };
    expect(listed.items.find((t) => t.id === apiToken.id)?.revokedAt).toEqual(expect.any(String));
  });

  it("answers 401 to a tampered token", async () => {
    const { token: first } = await createToken(agent, { name: "first" });
    const { token: second } = await createToken(agent, { name: "second" });
    const { id: id1, secret: secret1 } = parts(first);
    const { id: id2, secret: secret2 } = parts(second);
    const flipped = `${secret1.slice(0, -1)}${secret1.endsWith("A") ? "B" : "A"}`;
    const tampered = [
      `fbk_${id1}_${flipped}`, // one character of the secret changed
      `fbk_${id1}_${secret2}`, // another token's secret
      `fbk_${id2}_${secret1}`,
      `fbk_${id1}_${secret1}x`, // too long
      `fbk_${id1}`,
      secret1,
      `fbk_${id1.toLowerCase()}_${secret1}`,
    ];
    for (const token of tampered) expect({ token, status: (await me(token)).status }).toEqual({ token, status: 401 });
    expect((await me(first)).status).toBe(200);
  });

  it("refuses an agent who creates a token for someone else, and lets an admin do it", async () => {
    const refused = await callJson(app, "POST", "/api/tokens", {
      as: agent,
      body: { name: "for another", staffId: otherAgent.staff.id },
    });
    expect(refused.status).toBe(403);
    const tokensOfOther = (await deps.auth.apiTokenPage(otherAgent.staff.id, 100)).items.map((t) => t.name);
    expect(tokensOfOther).not.toContain("for another");

    const { token, apiToken } = await createToken(admin, { name: "for the agent", staffId: otherAgent.staff.id });
    expect(apiToken).toMatchObject({ staffId: otherAgent.staff.id, createdBy: admin.staff.id });
    // The token acts as its owner, with the owner's role, not as the admin who made it.
    expect(await (await me(token)).json()).toMatchObject({ staff: { id: otherAgent.staff.id, role: "agent" } });
    const asOwner = await app.request("/api/staff", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: `nope-${randomUUID()}@example.org`, role: "admin" }),
    });
    expect(asOwner.status).toBe(403);
  });

  it("answers 422 when an admin creates a token for someone who is not staff", async () => {
    const response = await callJson(app, "POST", "/api/tokens", {
      as: admin,
      body: { name: "ghost", staffId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" },
    });
    expect(response.status).toBe(422);
  });

  it("answers 4xx, not 500, to a staffId too long to be a key", async () => {
    const response = await callJson(app, "POST", "/api/tokens", {
      as: admin,
      body: { name: "long", staffId: "X".repeat(2100) },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("answers 422 to a token without a name", async () => {
    const response = await callJson(app, "POST", "/api/tokens", { as: agent, body: { name: "" } });
    expect(response.status).toBe(422);
  });

  it("refuses an agent who lists someone else's tokens, and lets an admin do it", async () => {
    const path = `/api/tokens?staffId=${otherAgent.staff.id}`;
    expect((await callJson(app, "GET", path, { as: agent })).status).toBe(403);
    const byAdmin = await callJson(app, "GET", path, { as: admin });
    expect(byAdmin.status).toBe(200);
    const { items } = (await byAdmin.json()) as { items: Created["apiToken"][] };
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((t) => t.staffId === otherAgent.staff.id)).toBe(true);
  });

  it("does not find another's token for an agent who revokes it (404), and it keeps working", async () => {
    const { token, apiToken } = await createToken(otherAgent, { name: "not yours" });
    const response = await callJson(app, "DELETE", `/api/tokens/${apiToken.id}`, { as: agent, via: "token" });
    expect(response.status).toBe(404);
    expect((await me(token)).status).toBe(200);
  });

  it("lets an admin revoke anyone's token", async () => {
    const { token, apiToken } = await createToken(otherAgent, { name: "admin revokes" });
    const response = await callJson(app, "DELETE", `/api/tokens/${apiToken.id}`, { as: admin });
    expect(response.status).toBe(204);
    expect((await me(token)).status).toBe(401);
  });

  it("answers 404 to revoking a token that does not exist", async () => {
    const response = await callJson(app, "DELETE", "/api/tokens/01ARZ3NDEKTSV4RRFFQ69G5FAV", { as: admin });
    expect(response.status).toBe(404);
  });
});
