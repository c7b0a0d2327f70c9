import { Hono } from "hono";
import { boardQuerySchema, youSaidWeDid } from "../../../shared/actions/board";
import type { Deps } from "../../../shared/deps";
import { feedbackInputSchema } from "../../../shared/entities/feedback";
import { MalformedRequestError } from "../../../shared/errors";
import { submitFeedback } from "../../../shared/feedback/intake";
import { getTrackingView } from "../../../shared/feedback/tracking";
import type { AppEnv } from "../env";
import { readJson, validate } from "../middleware/body";

/** Printable ASCII, 1 to 255 characters: what the `Idempotency-Key` header may hold. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Public JSON API: intake and tracking. */
export function feedbackApi(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/feedback", async (c) => {
      const idempotencyKey = c.req.header("idempotency-key");
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new MalformedRequestError("Idempotency-Key must be 1 to 255 printable ASCII characters");
      }
      const input = validate(feedbackInputSchema, await readJson(c));
      const submitted = await submitFeedback(deps, input, { idempotencyKey });
      return c.json(submitted, 201);
    })
    .get("/track/:token", async (c) => c.json(await getTrackingView(deps, c.req.param("token"))))
    .get("/you-said-we-did", async (c) => c.json(await youSaidWeDid(deps, validate(boardQuerySchema, c.req.query()))));
}
