import { describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { createTestTable } from "../helpers/table";

describe("POST /api/feedback", () => {
  it("stores the item and answers 201 with a tracking link", async () => {
    const { deps } = await createTestTable();
    const app = createApp(deps, { clientAddress: () => "203.0.113.7" });
    const response = await app.request("/api/feedback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "The <b>app</b> is slow", email: "a@example.com", consent: true, locale: "nl" }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; trackingToken: string; trackingUrl: string; status: string };
    expect(body.status).toBe("new");
    expect(body.trackingUrl).toBe(`http://feedback.test/track/${body.trackingToken}`);
    const track = await app.request(`/api/track/${body.trackingToken}`);
    expect(track.status).toBe(200);
    const view = await track.json();
    expect(view).toMatchObject({ status: "new", feedback: { message: "The <b>app</b> is slow", locale: "nl" } });
    expect(JSON.stringify(view)).not.toContain("a@example.com");
    const page = await app.request(`/track/${body.trackingToken}`);
    expect(await page.text()).toContain("The &lt;b&gt;app&lt;/b&gt; is slow");
  });
});
