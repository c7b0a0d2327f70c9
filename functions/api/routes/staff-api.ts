import { Hono } from "hono";
import type * as z from "zod/mini";
import { createApiToken, listApiTokens, revokeApiToken, tokenListQuerySchema } from "../../../shared/auth/api-tokens";
import type { Deps } from "../../../shared/deps";
import { apiTokenInputSchema } from "../../../shared/entities/auth";
import {
  feedbackPatchSchema,
  inboxQuerySchema,
  mergeInputSchema,
  replyInputSchema,
} from "../../../shared/entities/feedback";
import { inviteInputSchema, staffChangeSchema } from "../../../shared/entities/staff";
import { bulkInputSchema, bulkUpdate } from "../../../shared/feedback/bulk";
import { listFeedback, statusCounts } from "../../../shared/feedback/inbox";
import { replyToFeedback } from "../../../shared/feedback/replies";
import { getFeedbackDetail, mergeFeedback, updateFeedback } from "../../../shared/feedback/triage";
import { pageQuerySchema } from "../../../shared/paging";
import { changeStaff, inviteStaff, listStaff } from "../../../shared/staff/service";
import { liftStaffSuppression } from "../../../shared/staff/suppression";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readJson, validate } from "../middleware/body";
import { idempotencyKeyOf } from "../middleware/idempotency";

const query = <S extends z.ZodMiniType>(schema: S, values: Record<string, string>) => validate(schema, values);

/** The staff JSON API (signed in; the guard applies each route's permission). */
export function staffApi(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/me", (c) => {
      const { staff, csrfToken } = principalOf(c);
      return c.json({ staff, csrfToken: csrfToken ?? null });
    })
    .get("/feedback", async (c) => c.json(await listFeedback(deps, query(inboxQuerySchema, c.req.query()))))
    .get("/feedback/counts", async (c) => c.json(await statusCounts(deps)))
    .post("/feedback/bulk", async (c) =>
      c.json(await bulkUpdate(deps, principalOf(c), validate(bulkInputSchema, await readJson(c)))),
    )
    .get("/feedback/:id", async (c) => c.json(await getFeedbackDetail(deps, c.req.param("id"))))
    .patch("/feedback/:id", async (c) => {
      const patch = validate(feedbackPatchSchema, await readJson(c));
      return c.json(await updateFeedback(deps, principalOf(c), c.req.param("id"), patch));
    })
    .post("/feedback/:id/replies", async (c) => {
      const idempotencyKey = idempotencyKeyOf(c);
      const { message } = validate(replyInputSchema, await readJson(c));
      return c.json(await replyToFeedback(deps, principalOf(c), c.req.param("id"), message, { idempotencyKey }), 201);
    })
    .post("/feedback/:id/merge", async (c) => {
      const { intoId } = validate(mergeInputSchema, await readJson(c));
      return c.json(await mergeFeedback(deps, principalOf(c), c.req.param("id"), intoId));
    })
    .get("/staff", async (c) => c.json(await listStaff(deps, query(pageQuerySchema, c.req.query()))))
    .post("/staff", async (c) => {
      const input = validate(inviteInputSchema, await readJson(c));
      return c.json(await inviteStaff(deps, principalOf(c), input), 201);
    })
    .patch("/staff/:id", async (c) => {
      const change = validate(staffChangeSchema, await readJson(c));
      return c.json(await changeStaff(deps, c.req.param("id"), change));
    })
    .delete("/staff/:id/suppression", async (c) =>
      c.json(await liftStaffSuppression(deps, principalOf(c), c.req.param("id"))),
    )
    .get("/tokens", async (c) =>
      c.json(await listApiTokens(deps, principalOf(c), query(tokenListQuerySchema, c.req.query()))),
    )
    .post("/tokens", async (c) => {
      const input = validate(apiTokenInputSchema, await readJson(c));
      return c.json(await createApiToken(deps, principalOf(c), input), 201);
    })
    .delete("/tokens/:id", async (c) => {
      await revokeApiToken(deps, principalOf(c), c.req.param("id"));
      return c.body(null, 204);
    });
}
