import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../functions/api/app";
import type { Deps } from "../../shared/deps";
import { createApp } from "../helpers/app";
import { callJson, type SignedInStaff, signedInStaff } from "../helpers/staff";
import { createTestTable } from "../helpers/table";

/** A JSON body is read in the charset its Content-Type declares; one we cannot read is a 415. */

let deps: Deps;
let app: App;
let admin: SignedInStaff;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  app = createApp(deps, { clientAddress: () => randomUUID() });
  admin = await signedInStaff(app, deps, "admin");
});

/** How many feedback items the inbox holds (the tests store far fewer than a page). */
const storedItems = async () =>
  ((await (await callJson(app, "GET", "/api/feedback?limit=100", { as: admin })).json()) as { items: unknown[] }).items
    .length;

const post = (body: Buffer, contentType: string) =>
  app.request("/api/feedback", {
    method: "POST",
    headers: { "content-type": contentType },
    body: new Uint8Array(body),
  });

async function trackedMessage(response: Response): Promise<string> {
  expect(response.status).toBe(201);
  const { trackingToken } = (await response.json()) as { trackingToken: string };
  const view = (await (await app.request(`/api/track/${trackingToken}`)).json()) as { feedback: { message: string } };
  return view.feedback.message;
}

describe("JSON bodies in a declared charset", () => {
  it.each([
    "application/json; charset=iso-8859-1",
    'application/json; charset="ISO-8859-1"',
    "application/json;charset=latin1",
  ])("stores the accented letters of a body sent as %s", async (type) => {
    const body = Buffer.from(JSON.stringify({ message: "Café crème, señor: ÅÄÖ åäö" }), "latin1");
    expect(await trackedMessage(await post(body, type))).toBe("Café crème, señor: ÅÄÖ åäö");
  });

  it("reads UTF-8 when the charset says so, or says nothing", async () => {
    const body = Buffer.from(JSON.stringify({ message: "Café crème 🚌" }), "utf8");
    expect(await trackedMessage(await post(body, "application/json; charset=UTF-8"))).toBe("Café crème 🚌");
    expect(await trackedMessage(await post(body, "application/json"))).toBe("Café crème 🚌");
  });

  it("reads a US-ASCII body", async () => {
    const body = Buffer.from('{"message":"plain \\u00e9 text"}', "ascii");
    expect(await trackedMessage(await post(body, "application/json; charset=us-ascii"))).toBe("plain é text");
  });

  it.each(["utf-16", "shift_jis", "klingon"])(
    "refuses charset=%s with 415 in the error shape, and stores nothing",
    async (charset) => {
      const before = await storedItems();
      const response = await post(
        Buffer.from(JSON.stringify({ message: "hello" })),
        `application/json; charset=${charset}`,
      );
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        error: { code: "unsupported_media_type", message: expect.stringContaining("iso-8859-1") },
      });
      expect(await storedItems()).toBe(before);
    },
  );
});
