import { Hono } from "hono";
import type { Deps } from "../../../shared/deps";
import { webhookInputSchema, webhookPatchSchema } from "../../../shared/entities/webhook";
import { pageQuerySchema } from "../../../shared/paging";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  resendDelivery,
  updateWebhook,
} from "../../../shared/webhooks/endpoints";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readJson, validate } from "../middleware/body";

/** Outbound webhooks in the staff API (admins; the guard applies the permission). */
export function webhooksApi(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/webhooks", async (c) => c.json(await listWebhooks(deps, validate(pageQuerySchema, c.req.query()))))
    .post("/webhooks", async (c) => {
      const input = validate(webhookInputSchema, await readJson(c));
      return c.json(await createWebhook(deps, principalOf(c), input), 201);
    })
    .get("/webhooks/:id", async (c) => c.json(await getWebhook(deps, c.req.param("id"))))
    .patch("/webhooks/:id", async (c) => {
      const patch = validate(webhookPatchSchema, await readJson(c));
      return c.json(await updateWebhook(deps, c.req.param("id"), patch));
    })
    .delete("/webhooks/:id", async (c) => {
      await deleteWebhook(deps, c.req.param("id"));
      return c.body(null, 204);
    })
    .get("/webhooks/:id/deliveries", async (c) =>
      c.json(await listDeliveries(deps, c.req.param("id"), validate(pageQuerySchema, c.req.query()))),
    )
    .post("/webhooks/:id/deliveries/:deliveryId/resend", async (c) =>
      c.json(await resendDelivery(deps, principalOf(c), c.req.param("id"), c.req.param("deliveryId"))),
    );
}
