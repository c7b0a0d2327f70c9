import { describe, expect, it } from "vitest";
import { feedbackInputSchema } from "../../shared/entities/feedback";

const parse = (body: unknown) => feedbackInputSchema.safeParse(body);
const firstMessage = (body: unknown) => parse(body).error?.issues[0]?.message;

describe("feedbackInputSchema", () => {
  it("fills the documented defaults", () => {
    expect(parse({ message: "Hello" }).data).toEqual({
      message: "Hello",
      kind: "suggestion",
      consent: false,
      locale: "en",
      customerType: "external",
      channel: "api",
      creditName: false,
    });
  });

  it("requires a message that is not only whitespace", () => {
    expect(firstMessage({})).toBe("message is required");
    expect(firstMessage({ message: " \n\t " })).toBe("message is required");
    expect(firstMessage({ message: 42 })).toBe("message must be a string");
  });

  it("counts characters, not UTF-16 units, against the 5000 limit", () => {
    expect(parse({ message: "😀".repeat(5000) }).success).toBe(true);
    expect(firstMessage({ message: "a".repeat(5001) })).toBe("message must be at most 5000 characters");
  });

  it("keeps hostile text exactly as given", () => {
    const message = "<script>alert(1)</script>\u202Egnp.exe\u0007 ﷽";
    expect(parse({ message }).data?.message).toBe(message);
  });

  it("refuses NUL characters", () => {
    expect(parse({ message: "a\u0000b" }).success).toBe(false);
  });

  it.each([
    [{ type: "nps", value: 0 }, true],
    [{ type: "nps", value: 10 }, true],
    [{ type: "nps", value: 11 }, false],
    [{ type: "nps", value: 7.5 }, false],
    [{ type: "csat", value: 1 }, true],
    [{ type: "csat", value: 0 }, false],
    [{ type: "stars", value: 3 }, false],
  ])("checks score %j (valid: %s)", (score, valid) => {
    expect(parse({ message: "m", score }).success).toBe(valid);
  });

  it("checks the email address, kind, locale and customer type", () => {
    expect(firstMessage({ message: "m", email: "not-an-address" })).toBe("email must be a valid address");
    expect(firstMessage({ message: "m", kind: "rant" })).toBe(
      "kind must be complaint, suggestion, compliment or question",
    );
    expect(firstMessage({ message: "m", locale: "de" })).toBe("locale must be en, nl or sv");
    expect(firstMessage({ message: "m", customerType: "vip" })).toBe("customerType must be external or internal");
  });

  it("limits name, topic and channel lengths", () => {
    expect(parse({ message: "m", name: "n".repeat(201) }).success).toBe(false);
    expect(parse({ message: "m", topic: "t".repeat(101) }).success).toBe(false);
    expect(parse({ message: "m", channel: "c".repeat(51) }).success).toBe(false);
  });
});
