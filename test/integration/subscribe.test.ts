import { simpleParser } from "mailparser";
import { describe, expect, it, vi } from "vitest";

// Updates run through the stream: give them time on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

import { rawHeader } from "../helpers/local-stack-process";
import {
  api,
  consenting,
  goalAndAction,
  link,
  move,
  recordingTransport,
  submit,
  updatesOf,
  type World,
  world,
} from "../helpers/updates-world";

const subscribe = (w: World, actionId: string, body: unknown) =>
  w.app.request(`/api/you-said-we-did/${actionId}/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const confirmations = <T extends { mail: { id: string; to: string } }>(sent: T[], to: string) =>
  sent.filter(({ mail }) => mail.id.startsWith("subscribe#") && mail.to === to);

describe("the public asks to be told", () => {
  it("tells a confirmed subscriber once per phase, in their language, and only after the confirmation", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { action } = await goalAndAction(w);
    await link(w, action.id, [await submit(w, "The readers are broken", consenting("ada@example.com"))]);
    await move(w, action, [
      {
        status: "planned",
        title: { sv: "Byt kortläsarna" },
        weWill: { en: "We will replace the readers", sv: "Vi byter läsarna" },
      },
    ]);
    await w.poller.idle();

    const asked = await subscribe(w, action.id, { email: "Vera@Example.se", locale: "sv" });
    expect(asked.status).toBe(202);
    await w.poller.idle();
    const [confirmation] = confirmations(rec.sent, "Vera@Example.se");
    expect(confirmation).toBeDefined();
    const parsed = await simpleParser(confirmation?.raw ?? "");
    expect(parsed.subject).toBe("Bekräfta att du vill höra från oss");
    expect(parsed.text).toContain("Byt kortläsarna");
    // Not an update: nothing to unsubscribe from yet, and nothing is sent without the confirmation.
    expect(rawHeader(parsed, "List-Unsubscribe")).toBeUndefined();
    expect(updatesOf(rec.sent).filter(({ mail }) => mail.to === "Vera@Example.se")).toHaveLength(0);
    const roadmap = await api<{ items: { subscribers: number }[] }>(w, "GET", "/api/you-said-we-did?status=planned");
    expect(roadmap.items[0]?.subscribers).toBe(0);

    const link_ = /\/subscribe\/confirm\/([\w-]+)/.exec(parsed.text ?? "")?.[0] ?? "";
    const confirmed = await w.app.request(link_);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Du hör från oss");
    // Following the link again changes nothing.
    expect((await w.app.request(link_)).status).toBe(200);
    await w.poller.idle();
    const will = updatesOf(rec.sent).filter(({ mail }) => mail.to === "Vera@Example.se");
    expect(will).toHaveLength(1);
    const willText = (await simpleParser(will[0]?.raw ?? "")).text ?? "";
    expect(willText).toContain("Du bad oss hålla dig uppdaterad om ”Byt kortläsarna”");
    expect(willText).toContain("Vi byter läsarna");
    const after = await api<{ items: { subscribers: number }[] }>(w, "GET", "/api/you-said-we-did?status=planned");
    expect(after.items[0]?.subscribers).toBe(1);

    // Asking again once confirmed: the same answer, and no second confirmation.
    expect((await subscribe(w, action.id, { email: "vera@example.se" })).status).toBe(202);
    // The Swedish subscriber is part of the audience: a "we did" in English only is refused for them.
    const refused = await w.app.request(`/api/actions/${action.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: w.manager.bearer },
      body: JSON.stringify({ version: action.version, status: "done", weDid: "We replaced the readers" }),
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { missing: unknown } }).error.missing).toEqual([
      { locale: "sv", customers: 1 },
    ]);
    await move(w, action, [{ status: "done", weDid: { en: "We replaced the readers", sv: "Vi har bytt läsarna" } }]);
    await w.poller.idle();
    expect(confirmations(rec.sent, "vera@example.se")).toHaveLength(0);
    const toVera = updatesOf(rec.sent).filter(({ mail }) => mail.to.toLowerCase() === "vera@example.se");
    expect(toVera.map(({ mail }) => mail.id.split("#")[2])).toEqual(["will", "did"]);
    const did = await simpleParser(toVera[1]?.raw ?? "");
    expect(did.subject).toBe("Du sa, vi gjorde");
    expect(did.text).toContain("Vi har bytt läsarna");
    expect(rawHeader(did, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    // The customer who wrote the feedback was told once per phase, as before.
    expect(updatesOf(rec.sent).filter(({ mail }) => mail.to === "ada@example.com")).toHaveLength(2);
  });

  it("tells a subscriber who also wrote feedback once per phase, not twice", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { action } = await goalAndAction(w);
    await link(w, action.id, [await submit(w, "Gate 9 is broken", consenting("bo@example.com"))]);
    await move(w, action, [{ status: "planned", weWill: "We will fix gate 9" }]);
    await w.poller.idle();
    expect((await subscribe(w, action.id, { email: "bo@example.com" })).status).toBe(202);
    await w.poller.idle();
    const text = (await simpleParser(confirmations(rec.sent, "bo@example.com")[0]?.raw ?? "")).text ?? "";
    expect((await w.app.request(/\/subscribe\/confirm\/[\w-]+/.exec(text)?.[0] ?? "")).status).toBe(200);
    await move(w, action, [{ status: "done", weDid: "We fixed gate 9" }]);
    await w.poller.idle();
    const toBo = updatesOf(rec.sent).filter(({ mail }) => mail.to === "bo@example.com");
    expect(toBo.map(({ mail }) => mail.id.split("#")[2])).toEqual(["will", "did"]);
  });

  it("an update's unsubscribe page says what kind of mail it came from, what stops and what does not", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { action } = await goalAndAction(w);
    await link(w, action.id, [await submit(w, "Gate 4 sticks", consenting("cy@example.com"))]);
    await move(w, action, [{ status: "planned", weWill: "We will oil gate 4" }]);
    await w.poller.idle();
    expect((await subscribe(w, action.id, { email: "di@example.com" })).status).toBe(202);
    await w.poller.idle();
    const text = (await simpleParser(confirmations(rec.sent, "di@example.com")[0]?.raw ?? "")).text ?? "";
    expect((await w.app.request(/\/subscribe\/confirm\/[\w-]+/.exec(text)?.[0] ?? "")).status).toBe(200);
    await move(w, action, [{ status: "done", weDid: "We oiled gate 4" }]);
    await w.poller.idle();

    const pageFrom = async (to: string) => {
      const [update] = updatesOf(rec.sent).filter(({ mail }) => mail.to === to);
      const url = rawHeader(await simpleParser(update?.raw ?? ""), "List-Unsubscribe") ?? "";
      const path = /\/unsubscribe\/[\w-]+/.exec(url)?.[0] ?? "";
      const page = await w.app.request(`${path}?lang=en`);
      expect(page.status).toBe(200);
      return (await page.text()).replace(/\s+/g, " ");
    };
    const follower = await pageFrom("di@example.com");
    expect(follower).toContain("asked to follow");
    expect(follower).not.toContain("feedback you gave us");
    const customer = await pageFrom("cy@example.com");
    expect(customer).toContain("feedback you gave us");
    expect(customer).not.toContain("asked to follow");
    for (const page of [follower, customer]) {
      expect(page).toContain("about your feedback and about the actions you follow");
      expect(page).toContain("the emails you use to sign in are not affected");
    }
  });

  it("refuses what is not a request, reveals nothing, and limits requests per address", async () => {
    const rec = recordingTransport();
    const w = await world(rec.transport);
    const { action } = await goalAndAction(w);
    // Not on the roadmap yet (proposed), and unknown: 404.
    expect((await subscribe(w, action.id, { email: "x@example.com" })).status).toBe(404);
    expect((await subscribe(w, "01JUNKNOWN0000000000000000", { email: "x@example.com" })).status).toBe(404);
    await move(w, action, [{ status: "planned" }]);
    expect((await subscribe(w, action.id, { email: "not an address" })).status).toBe(422);
    expect((await subscribe(w, action.id, { email: "x@example.com", locale: "de" })).status).toBe(422);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await subscribe(w, action.id, { email: "y@example.com" })).status);
    expect(answers).toEqual([202, 202, 202, 202, 202, 429]);
    expect((await w.app.request("/subscribe/confirm/not-a-token")).status).toBe(404);
  });
});
