import { type Context, Hono } from "hono";
import type { Deps } from "../../../shared/deps";
import { kudosInputSchema, recognitionQuerySchema, routeInputSchema } from "../../../shared/entities/recognition";
import { preferencesSchema } from "../../../shared/entities/staff";
import { AppError, NotFoundError } from "../../../shared/errors";
import { getFeedbackDetail } from "../../../shared/feedback/triage";
import { giveKudos, recognitionSummary, routeCompliment } from "../../../shared/recognition/service";
import { updatePreferences } from "../../../shared/staff/service";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readForm, validate } from "../middleware/body";
import { IDEMPOTENCY_KEY } from "../middleware/idempotency";
import { isId } from "../pages/console/common";
import { parseTags } from "../pages/console/forms";
import { ItemPage } from "../pages/console/item";
import { ConsoleMessagePage } from "../pages/console/layout";
import { RecognitionPage, type RecognitionPageProps, SettingsPage } from "../pages/console/people";

type C = Context<AppEnv>;
type Status = 200 | 400 | 404 | 409 | 422;
const isClientError = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;

/** The console's people pages: routing a compliment, recognition and kudos, one's own settings. */
export function consolePeopleRoutes(deps: Deps) {
  const viewerOf = (c: C) => ({
    staff: principalOf(c).staff,
    csrfToken: principalOf(c).csrfToken,
    timeZone: deps.config.timeZone,
  });

  const recognitionPage = async (
    c: C,
    query: Record<string, string | undefined>,
    props: Partial<RecognitionPageProps>,
    status: Status,
  ) => {
    const staff = await deps.staff.list();
    let summary: RecognitionPageProps["summary"];
    let error = props.error;
    try {
      summary = await recognitionSummary(deps, validate(recognitionQuerySchema, query));
    } catch (e) {
      if (!isClientError(e)) throw e;
      // A period that does not work shows the last 30 days, and says why.
      summary = await recognitionSummary(deps, {});
      [error, status] = [`This period does not work: ${e.message}.`, 422];
    }
    const period = { from: query.from, to: query.to };
    return c.html(
      <RecognitionPage viewer={viewerOf(c)} summary={summary} staff={staff} period={period} {...props} error={error} />,
      status,
    );
  };

  const settingsPage = async (c: C, props: { flash?: string; error?: string }, status: Status) => {
    const me = (await deps.staff.get(principalOf(c).staff.id)) ?? principalOf(c).staff;
    return c.html(
      <SettingsPage viewer={viewerOf(c)} me={me} defaultLocale={deps.config.defaultLocale} {...props} />,
      status,
    );
  };

  return new Hono<AppEnv>()
    .post("/console/feedback/:id/route", async (c) => {
      const id = c.req.param("id");
      const notFound = () =>
        c.html(
          <ConsoleMessagePage
            viewer={viewerOf(c)}
            title="Not found"
            message="There is no feedback item with this id."
          />,
          404,
        );
      if (!isId(id)) return notFound();
      await readForm(c);
      const all = await c.req.parseBody({ all: true });
      const staffIds = [all.staffIds ?? []].flat().filter((v): v is string => typeof v === "string" && v !== "");
      const department = typeof all.department === "string" && all.department.trim() ? all.department : undefined;
      try {
        const input = validate(routeInputSchema, { staffIds, department });
        const routed = await routeCompliment(deps, principalOf(c), id, input);
        return c.redirect(
          `/console/feedback/${id}?routed=${routed.routedTo.length}&already=${routed.alreadyRouted.length}`,
          303,
        );
      } catch (error) {
        if (error instanceof NotFoundError) return notFound();
        if (!isClientError(error)) throw error;
        const [item, staff] = await Promise.all([getFeedbackDetail(deps, id), deps.staff.list()]);
        return c.html(
          <ItemPage viewer={viewerOf(c)} item={item} staff={staff} error={`Not routed: ${error.message}.`} />,
          error.status as Status,
        );
      }
    })
    .get("/console/recognition", (c) => {
      const query = c.req.query();
      const flash = query.given === "1" ? "Kudos given: your colleague is told by mail." : undefined;
      return recognitionPage(c, { from: query.from || undefined, to: query.to || undefined }, { flash }, 200);
    })
    .post("/console/kudos", async (c) => {
      const form = await readForm(c);
      try {
        // The form's own key: the same form sent twice gives the kudos once.
        const idempotencyKey = form.kudosKey && IDEMPOTENCY_KEY.test(form.kudosKey) ? form.kudosKey : undefined;
        await giveKudos(
          deps,
          principalOf(c),
          validate(kudosInputSchema, { to: form.to ?? "", reason: form.reason ?? "" }),
          { idempotencyKey },
        );
        return c.redirect("/console/recognition?given=1", 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        const kudos = { to: form.to, reason: form.reason };
        return recognitionPage(c, {}, { kudos, error: `No kudos given: ${error.message}.` }, error.status as Status);
      }
    })
    .get("/console/settings", (c) =>
      settingsPage(c, { flash: c.req.query("saved") === "1" ? "Your settings are saved." : undefined }, 200),
    )
    .post("/console/settings", async (c) => {
      const form = await readForm(c);
      try {
        const preferences = validate(preferencesSchema, {
          locale: form.locale || undefined,
          digest: form.digest === "true" ? true : form.digest === "false" ? false : undefined,
          alerts: { topics: parseTags(form.topics ?? ""), departments: parseTags(form.departments ?? "") },
        });
        await updatePreferences(deps, principalOf(c), preferences);
        return c.redirect("/console/settings?saved=1", 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return settingsPage(c, { error: `Not saved: ${error.message}.` }, error.status as Status);
      }
    });
}
