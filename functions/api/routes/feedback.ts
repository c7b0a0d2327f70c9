import { Hono } from "hono";
import { boardQuerySchema, youSaidWeDid } from "../../../shared/actions/board";
import { requestSubscription } from "../../../shared/actions/subscribe";
import type { Deps } from "../../../shared/deps";
import { feedbackInputSchema } from "../../../shared/entities/feedback";
import { subscribeInputSchema } from "../../../shared/entities/subscriber";
import { submitFeedback } from "../../../shared/feedback/intake";
import { getTrackingView } from "../../../shared/feedback/tracking";
import { isLocale } from "../../../shared/i18n/locales";
import type { AppEnv } from "../env";
import { readJson, validate } from "../middleware/body";
import { idempotencyKeyOf } from "../middleware/idempotency";
import { limitPerAddress } from "../middleware/rate-limit";

/** Public JSON API: intake and tracking. */
export function feedbackApi(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/feedback", async (c) => {
      const idempotencyKey = idempotencyKeyOf(c);
      const input = validate(feedbackInputSchema, await readJson(c));
      const submitted = await submitFeedback(deps, input, { idempotencyKey });
      return c.json(submitted, 201);
    })
    .get("/track/:token", async (c) => {
      const lang = c.req.query("lang");
      return c.json(await getTrackingView(deps, c.req.param("token"), isLocale(lang) ? lang : undefined));
    })
    .get("/you-said-we-did", async (c) => c.json(await youSaidWeDid(deps, validate(boardQuerySchema, c.req.query()))))
    .post("/you-said-we-did/:actionId/subscribe", async (c) => {
      const input = validate(subscribeInputSchema, await readJson(c));
      await subscribeLimited(deps, input.email);
      await requestSubscription(deps, c.req.param("actionId"), input);
      return c.json({ ok: true }, 202);
    });
}

/** A visitor may ask to be told about an action a few times an hour per address (and per client, in the app). */
export const subscribeLimited = (deps: Deps, email: string) =>
  limitPerAddress(deps.rateLimits, "subscribe-address", email, 5, 3600, deps.now());
