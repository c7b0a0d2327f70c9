import type { MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../../shared/deps";
import { ConflictError } from "../../../shared/errors";
import { sha256 } from "../../../shared/ids";
import { logger } from "../../../shared/logger";
import type { AppEnv } from "../env";
import { principalOf } from "./auth";
import { IDEMPOTENCY_KEY } from "./idempotency";

const SCOPE = "form";
/** How long a form sent again waits for the first one to finish before it says so. */
const WAIT_MS = 5_000;
const POLL_MS = 200;
/** How long a claim holds while its form runs: longer than a web function may run (30 s). */
const LEASE_SECONDS = 120;
/** Fields every form carries that say nothing of what it asks. */
const FORM_FRAME = new Set(["_csrf", "_once"]);

const settledSchema = z.object({ location: z.string() });

/**
 * Console forms are sent once: each carries its own key (`_once`, with the CSRF field), and the
 * same form sent again (a double click, a reload that posts again, a retry after a timeout) is
 * answered with where the first one went, without doing it twice. A form that was refused (an
 * error on the page) gives its key back, so it can be sent again. The key is the signed-in staff
 * member's: one person's key is nothing to another's. The key covers what the form asks, so the
 * same key with other fields (a browser that restores an old key on Back) is a new request.
 */
export function formOnce(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    const form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    if (c.req.method !== "POST" || !form) return next();
    // A body that does not parse is the handler's to refuse (400), not this one's.
    const body = await c.req.parseBody({ all: true }).then(
      (parsed) => parsed,
      () => undefined,
    );
    const once = body?._once;
    if (!body || typeof once !== "string" || !IDEMPOTENCY_KEY.test(once)) return next();
    const keyHash = sha256(JSON.stringify([principalOf(c).staff.id, c.req.path, once, await fieldsOf(body)]));

    for (
      const until = Date.now() + WAIT_MS;
      !(await deps.idempotency.claim(SCOPE, keyHash, deps.now(), LEASE_SECONDS));
    ) {
      const earlier = await deps.idempotency.find(SCOPE, keyHash, deps.now());
      const settled = settledSchema.safeParse(earlier?.response);
      if (settled.success) return c.redirect(settled.data.location, 303);
      // Still running (or given back meanwhile, and claimed again on the next round).
      if (Date.now() > until) {
        throw new ConflictError("this form is being sent already; reload the page in a moment to see it done");
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await next();
    const location = c.res.headers.get("location");
    try {
      if (c.res.status === 303 && location) await deps.idempotency.settle(SCOPE, keyHash, { location }, deps.now());
      else await deps.idempotency.release(SCOPE, keyHash);
    } catch (error) {
      // The form was done (or refused) all the same: its answer stands, and the claim runs out.
      logger.warn("a form's key was not recorded", { path: c.req.path, error: String(error) });
    }
  };
}

/** What a form asks, in a stable order: every field but the frame, and each file by its content's hash. */
async function fieldsOf(body: Record<string, unknown>): Promise<[string, string[]][]> {
  const named = Object.entries(body).filter(([name]) => !FORM_FRAME.has(name));
  const fields = await Promise.all(
    named.map(async ([name, value]) => {
      const values = await Promise.all(
        [value].flat().map(async (v) => (v instanceof File ? `file:${sha256(await v.text())}` : String(v))),
      );
      return [name, values] as [string, string[]];
    }),
  );
  return fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
