import type { AddressInfo } from "node:net";
import type { ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../functions/api/app";
import { listen } from "../../infra/local/http-server";
import type { Deps } from "../../shared/deps";
import { sha256 } from "../../shared/ids";
import { createApp } from "../helpers/app";
import { allFeedbackIds } from "../helpers/items";
import { createTestTable } from "../helpers/table";

// Intake over a real socket, as the local host and the intake benchmark serve it (@hono/node-server):
// there the body limit decides from the declared Content-Length without turning the request into a
// web stream, and a body sent without a length is limited while it streams in.

let deps: Deps;
let server: ServerType;
let url: string;

beforeAll(async () => {
  ({ deps } = await createTestTable());
  const app = createApp(deps, { clientAddress: () => "203.0.113.9" });
  server = await listen(app.fetch, "127.0.0.1", 0);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/feedback`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const json = { "content-type": "application/json" };

/** A body sent in pieces without a Content-Length (chunked), as a client streaming it would. */
const streamed = (text: string, pieces = 4) => {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
};

const post = (body: BodyInit, headers: Record<string, string> = json) =>
  fetch(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);

describe("intake over HTTP", () => {
  it("stores what a body with a Content-Length says, byte for byte", async () => {
    const message = "Zoë's café: the 🚆 left early, and the sign said «on time».";
    const body = JSON.stringify({ message, email: "z@example.com", consent: true, locale: "nl" });
    const response = await post(body);
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { id: string; trackingToken: string };
    const stored = await deps.feedback.get(answer.id);
    expect(stored).toMatchObject({ message, locale: "nl", acknowledgementOwed: true });
    expect(stored.trackingHash).toBe(sha256(answer.trackingToken));
  });

  it("stores a body sent without a Content-Length, read as it streams in", async () => {
    const message = "Sent in pieces, ".repeat(40);
    const response = await post(streamed(JSON.stringify({ message })));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await deps.feedback.get(id)).message).toBe(message);
  });

  it("refuses with 413, storing nothing, a body whose Content-Length is over the limit", async () => {
    const before = await allFeedbackIds(deps);
    const response = await post(JSON.stringify({ message: "x".repeat(MAX_BODY_BYTES) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(await allFeedbackIds(deps)).toEqual(before);
  });

  it("refuses with 413, storing nothing, a streamed body once it grows over the limit", async () => {
    const before = await allFeedbackIds(deps);
    const response = await post(streamed(JSON.stringify({ message: "x".repeat(MAX_BODY_BYTES) }), 16));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(await allFeedbackIds(deps)).toEqual(before);
  });

  it("answers a malformed body with 400 and a keep-alive connection goes on to store the next one", async () => {
    const refused = await post("{ message: ");
    expect(refused.status).toBe(400);
    const accepted = await post(JSON.stringify({ message: "after a refusal" }));
    expect(accepted.status).toBe(201);
    const { id } = (await accepted.json()) as { id: string };
    expect((await deps.feedback.get(id)).message).toBe("after a refusal");
  });
});
