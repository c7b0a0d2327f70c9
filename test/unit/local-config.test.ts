import { describe, expect, it } from "vitest";
import { readLocalSettings } from "../../infra/local/local-config";

describe("the local host's settings", () => {
  it("listens on the loopback interface unless HOST names another address", () => {
    expect(readLocalSettings({}).host).toBe("127.0.0.1");
    expect(readLocalSettings({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(readLocalSettings({ HOST: "::1", PORT: "4000" })).toMatchObject({ host: "::1", port: 4000 });
  });

  it("keeps the links in mail on localhost, whatever address it listens on", () => {
    expect(readLocalSettings({ HOST: "0.0.0.0", PORT: "4000" }).appEnv.PUBLIC_URL).toBe("http://localhost:4000");
  });
});
