import { Hono } from "hono";
import type { Deps } from "../../../shared/deps";
import { kudosInputSchema, recognitionQuerySchema, routeInputSchema } from "../../../shared/entities/recognition";
import { preferencesSchema } from "../../../shared/entities/staff";
import { giveKudos, recognitionSummary, routeCompliment } from "../../../shared/recognition/service";
import { updatePreferences } from "../../../shared/staff/service";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readJson, validate } from "../middleware/body";
import { idempotencyKeyOf } from "../middleware/idempotency";

/** People recognised and kept informed: compliments routed, kudos, the recognition summary, one's own settings. */
export function peopleApi(deps: Deps) {
  return new Hono<AppEnv>()
    .patch("/me", async (c) => {
      const preferences = validate(preferencesSchema, await readJson(c));
      return c.json(await updatePreferences(deps, principalOf(c), preferences));
    })
    .post("/feedback/:id/route", async (c) => {
      const input = validate(routeInputSchema, await readJson(c));
      return c.json(await routeCompliment(deps, principalOf(c), c.req.param("id"), input));
    })
    .post("/kudos", async (c) => {
      const idempotencyKey = idempotencyKeyOf(c);
      const input = validate(kudosInputSchema, await readJson(c));
      return c.json(await giveKudos(deps, principalOf(c), input, { idempotencyKey }), 201);
    })
    .get("/recognition", async (c) =>
      c.json(await recognitionSummary(deps, validate(recognitionQuerySchema, c.req.query()))),
    );
}
