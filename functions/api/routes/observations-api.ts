import { Hono } from "hono";
import type { Deps } from "../../../shared/deps";
import { observationInputSchema } from "../../../shared/entities/observation";
import { importObservationsCsv, listObservations, recordObservation } from "../../../shared/goals/observations";
import { pageQuerySchema } from "../../../shared/paging";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readCsv, readJson, validate } from "../middleware/body";

/** A goal's observations of its measure: one at a time, a page of them, or a CSV file of them. */
export function observationsApi(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/goals/:id/observations", async (c) => {
      const input = validate(observationInputSchema, await readJson(c));
      return c.json(await recordObservation(deps, principalOf(c), c.req.param("id"), input), 201);
    })
    .get("/goals/:id/observations", async (c) =>
      c.json(await listObservations(deps, c.req.param("id"), validate(pageQuerySchema, c.req.query()))),
    )
    .post("/goals/:id/observations.csv", async (c) =>
      c.json(await importObservationsCsv(deps, principalOf(c), c.req.param("id"), await readCsv(c)), 201),
    );
}
