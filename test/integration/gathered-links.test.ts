import { beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../shared/deps";
import type { LinkSet } from "../../shared/entities/links";
import { gathered } from "../../shared/gathered";
import { sha256 } from "../../shared/ids";
import { TokenRepository } from "../../shared/repositories/tokens";
import { injectFaults } from "../helpers/faults";
import { createTestTable } from "../helpers/table";

let deps: Deps;

beforeAll(async () => {
  ({ deps } = await createTestTable());
});

/** Counts the BatchWriteItem requests the client sends while `run` runs. */
async function batchRequests(run: () => Promise<unknown>): Promise<number> {
  let requests = 0;
  const name = `count-${Math.random().toString(36).slice(2)}`;
  deps.db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "BatchWriteItemCommand") requests += 1;
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    await run();
  } finally {
    deps.db.middlewareStack.remove(name);
  }
  return requests;
}

/** The links of one mail to its own address, and the unsubscribe token that opens them. */
function mailLinks(i: number): { links: LinkSet; unsubscribe: string } {
  const issued = TokenRepository.issueLinks(sha256(`reader${i}@example.org`), [], new Date(), "feedback");
  return { links: issued.linkSet, unsubscribe: issued.unsubscribe };
}

const storeTogether = () => gathered((sets: LinkSet[]) => deps.tokens.storeLinkSets(sets), { max: 25, waitMs: 10 });

describe("a page's link sets stored together", () => {
  it("stores the links of 60 side-by-side mails in three requests, each of them working", async () => {
    const store = storeTogether();
    const mails = Array.from({ length: 60 }, (_, i) => mailLinks(i));
    const requests = await batchRequests(() => Promise.all(mails.map((mail) => store(mail.links))));
    expect(requests).toBe(3);
    for (const mail of [mails[0], mails[24], mails[25], mails[59]]) {
      expect(await deps.tokens.findUnsubscribe(mail?.unsubscribe ?? "")).toMatchObject({
        emailHash: mail?.links.emailHash,
      });
    }
  });

  it("gathers links stored a moment apart, and each store settles only once its own links can be read", async () => {
    const store = storeTogether();
    const [first, second] = [mailLinks(100), mailLinks(101)];
    const requests = await batchRequests(async () => {
      const stored = store(first.links);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const next = store(second.links);
      await stored;
      expect(await deps.tokens.findUnsubscribe(first.unsubscribe)).toBeDefined();
      await next;
    });
    expect(requests).toBe(1);
  });

  it("rejects each store whose request failed, and only those", async () => {
    const store = storeTogether();
    const mails = Array.from({ length: 30 }, (_, i) => mailLinks(200 + i));
    const faults = injectFaults(deps.db, [{ command: "BatchWriteItemCommand", fault: "internal", times: 1 }]);
    try {
      const results = await Promise.allSettled(mails.map((mail) => store(mail.links)));
      expect(results.slice(0, 25).every((r) => r.status === "rejected")).toBe(true);
      expect(results.slice(25).every((r) => r.status === "fulfilled")).toBe(true);
      expect(await deps.tokens.findUnsubscribe(mails[0]?.unsubscribe ?? "")).toBeUndefined();
      expect(await deps.tokens.findUnsubscribe(mails[29]?.unsubscribe ?? "")).toBeDefined();
    } finally {
      faults.remove();
    }
  });
});
