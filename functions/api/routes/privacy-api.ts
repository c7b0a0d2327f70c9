import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../../shared/deps";
import { inboxQuerySchema } from "../../../shared/entities/feedback";
import { feedbackCsv } from "../../../shared/feedback/csv";
import { privacyEraseInputSchema, privacyExportInputSchema } from "../../../shared/privacy/schema";
import { erasePersonalData, exportPersonalData } from "../../../shared/privacy/service";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readJson, validate } from "../middleware/body";

/** The filters `GET /feedback/export.csv` takes: the inbox's, without paging. */
const csvQuerySchema = z.omit(inboxQuerySchema, { limit: true, cursor: true });

/**
 * Privacy (export and erase an address's data) and the CSV export of the inbox. Mounted under
 * `/api`, before `/api/feedback/:id`; the guard applies each route's permission.
 */
export function privacyApi(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/privacy/export", async (c) => {
      const { email } = validate(privacyExportInputSchema, await readJson(c));
      c.header("Cache-Control", "no-store");
      return c.json(await exportPersonalData(deps, email));
    })
    .post("/privacy/erase", async (c) => {
      const { email, keepMessages } = validate(privacyEraseInputSchema, await readJson(c));
      return c.json(await erasePersonalData(deps, principalOf(c), email, { keepMessages }));
    })
    .get("/feedback/export.csv", async (c) => {
      const csv = await feedbackCsv(deps, validate(csvQuerySchema, c.req.query()));
      const date = deps.now().toISOString().slice(0, 10);
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="feedback-${date}.csv"`,
        "Cache-Control": "no-store",
      });
    });
}
