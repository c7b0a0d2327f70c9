import type { MiddlewareHandler } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../../shared/deps";
import { ConflictError } from "../../../shared/errors";
import { sha256 } from "../../../shared/ids";
import type { AppEnv } from "../env";
import { principalOf } from "./auth";
import { IDEMPOTENCY_KEY } from "./idempotency";

const SCOPE = "form";
/** How long a form sent again waits for the first one to finish before it says so. */
const WAIT_MS = 5_000;
const POLL_MS = 200;

const settledSchema = z.object({ location: z.string() });

/**
 * Console forms are sent once: each carries its own key (`_once`, with the CSRF field), and the
 * same form sent again (a double click, a reload that posts again, a retry after a timeout) is
 * answered with where the first one went, without doing it twice. A form that was refused (an
 * error on the page) gives its key back, so it can be sent again. The key is the signed-in staff
 * member's: one person's key is nothing to another's.
 */
export function formOnce(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    const form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    if (c.req.method !== "POST" || !form) return next();
    // A body that does not parse is the handler's to refuse (400), not this one's.
    const once = await c.req.parseBody().then(
      (body) => body._once,
      () => undefined,
    );
    if (typeof once !== "string" || !IDEMPOTENCY_KEY.test(once)) return next();
    const keyHash = sha256(`${principalOf(c).staff.id}\n${c.req.path}\n${once}`);

    for (const until = Date.now() + WAIT_MS; !(await deps.idempotency.claim(SCOPE, keyHash, deps.now())); ) {
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
    if (c.res.status === 303 && location) await deps.idempotency.settle(SCOPE, keyHash, { location });
    else await deps.idempotency.release(SCOPE, keyHash);
  };
}
