import { describe, expect, it } from "vitest";
import { createApp } from "../helpers/app";
import { unitDeps } from "../helpers/unit-deps";

const app = createApp(unitDeps(), { clientAddress: () => "198.51.100.1" });
const langOf = async (path: string, headers: Record<string, string> = {}) =>
  /<html lang="(\w+)"/.exec(await (await app.request(path, { headers })).text())?.[1];

describe("page language", () => {
  it("takes ?lang= first", async () => {
    expect(await langOf("/?lang=sv", { "accept-language": "nl" })).toBe("sv");
  });
  it("then the best supported Accept-Language", async () => {
    expect(await langOf("/", { "accept-language": "de-DE, nl;q=0.8, sv;q=0.9" })).toBe("sv");
    expect(await langOf("/", { "accept-language": "nl-BE" })).toBe("nl");
  });
  it("falls back to English", async () => {
    expect(await langOf("/", { "accept-language": "fr" })).toBe("en");
    expect(await langOf("/?lang=xx")).toBe("en");
  });
});
