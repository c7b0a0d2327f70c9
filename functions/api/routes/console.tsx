import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import * as z from "zod/mini";
import { linkFeedbackToAction } from "../../../shared/actions/service";
import { createApiToken, listApiTokens, revokeApiToken } from "../../../shared/auth/api-tokens";
import { allows } from "../../../shared/auth/permissions";
import type { Deps } from "../../../shared/deps";
import { apiTokenInputSchema } from "../../../shared/entities/auth";
import {
  feedbackPatchSchema,
  inboxQuerySchema,
  mergeInputSchema,
  replyInputSchema,
} from "../../../shared/entities/feedback";
import { inviteInputSchema, staffChangeSchema } from "../../../shared/entities/staff";
import { AppError, ConflictError, NotFoundError, ValidationError } from "../../../shared/errors";
import { feedbackCsv } from "../../../shared/feedback/csv";
import { type InboxPage as InboxResult, listFeedback, statusCounts } from "../../../shared/feedback/inbox";
import { itemLoop } from "../../../shared/feedback/loop-view";
import { replyToFeedback } from "../../../shared/feedback/replies";
import { getFeedbackDetail, mergeFeedback, updateFeedback } from "../../../shared/feedback/triage";
import { myGoals } from "../../../shared/goals/my-goals";
import { linkFeedbackToGoal } from "../../../shared/goals/service";
import { pageQuerySchema } from "../../../shared/paging";
import { privacyEraseInputSchema, privacyExportInputSchema } from "../../../shared/privacy/schema";
import { erasePersonalData, exportPersonalData } from "../../../shared/privacy/service";
import { changeStaff, inviteStaff, listStaff } from "../../../shared/staff/service";
import { liftStaffSuppression, recentSuppressionLifts, staffSuppressions } from "../../../shared/staff/suppression";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { readForm, validate } from "../middleware/body";
import { IDEMPOTENCY_KEY } from "../middleware/idempotency";
import { applyBulkForm } from "../pages/console/bulk-form";
import { isId } from "../pages/console/common";
import * as forms from "../pages/console/forms";
import { InboxPage } from "../pages/console/inbox";
import { ItemPage, type ItemPageProps } from "../pages/console/item";
import { ConsoleMessagePage } from "../pages/console/layout";
import { MyGoalsSummary } from "../pages/console/my-goals";
import { bulkFlash, conflictOf, erasureOf, flashOf } from "../pages/console/outcomes";
import { PrivacyPage } from "../pages/console/privacy";
import { StaffPage, type StaffPageProps } from "../pages/console/staff";
import { TokensPage, type TokensPageProps } from "../pages/console/tokens";

type C = Context<AppEnv>;
type Status = 200 | 201 | 400 | 403 | 404 | 409 | 422;

/** An error to show on the page the person came from (anything else goes to the error handler). */
const isClientError = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;
const statusOf = (error: AppError) => error.status as Status;
const csvQuerySchema = z.omit(inboxQuerySchema, { limit: true, cursor: true });
const download = (filename: string, type: string) => ({
  "Content-Type": type,
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "no-store",
});

/** The staff console (server-rendered pages that work without JavaScript). The guard applies each route's permission. */
export function consoleRoutes(deps: Deps) {
  const viewerOf = (c: C) => ({
    staff: principalOf(c).staff,
    csrfToken: principalOf(c).csrfToken,
    timeZone: deps.config.timeZone,
  });
  const notFound = (c: C, message = "There is no feedback item with this id.") =>
    c.html(<ConsoleMessagePage viewer={viewerOf(c)} title="Not found" message={message} />, 404);
  const loadItem = async (id: string) => {
    try {
      const [item, staff] = await Promise.all([getFeedbackDetail(deps, id), deps.staff.list()]);
      return [item, staff, await itemLoop(deps, item)] as const;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  const itemPage = async (c: C, id: string, props: Partial<ItemPageProps>, status: Status) => {
    const loaded = await loadItem(id);
    if (!loaded) return notFound(c);
    const [item, staff, loop] = loaded;
    return c.html(<ItemPage viewer={viewerOf(c)} item={item} staff={staff} loop={loop} {...props} />, status);
  };

  /** The inbox for query or form values; filters that do not validate show as an error, with no items. */
  const inbox = async (
    c: C,
    values: Record<string, string>,
    notice: { flash?: string; error?: string },
    status: Status,
    opening?: Child,
  ) => {
    const filters = forms.filtersFrom(values);
    const [staff, counts, goals] = await Promise.all([deps.staff.list(), statusCounts(deps), deps.goals.list()]);
    let page: InboxResult = { items: [], nextCursor: null };
    let error = notice.error;
    try {
      page = await listFeedback(deps, validate(inboxQuerySchema, { ...filters, cursor: values.cursor || undefined }));
    } catch (e) {
      if (!isClientError(e)) throw e;
      [error, status] = [`These filters do not work: ${e.message}.`, 400];
    }
    const props = { ...page, viewer: viewerOf(c), staff, counts, filters, goals, paged: Boolean(values.cursor) };
    return c.html(<InboxPage {...props} flash={notice.flash} error={error} opening={opening} />, status);
  };

  /** The person's goals in short, if they own or champion any and may read goals. */
  const myGoalsOpening = async (c: C) => {
    const { staff } = principalOf(c);
    if (!allows(staff.role, "goals:read")) return undefined;
    const [goals, people] = await Promise.all([myGoals(deps, staff.id), deps.staff.list()]);
    return goals.length > 0 ? <MyGoalsSummary goals={goals} staff={people} /> : undefined;
  };

  /** The page of a console list that `?cursor=` asks for. */
  const pageOf = (c: C) => validate(pageQuerySchema, forms.pageValuesFrom(c.req.query()));

  const staffPage = async (c: C, props: Partial<StaffPageProps>, status: Status) => {
    const query = pageOf(c);
    const page = await listStaff(deps, query);
    const [suppressions, lifts, everyone] = await Promise.all([
      staffSuppressions(deps, page.items),
      recentSuppressionLifts(deps),
      deps.staff.list(),
    ]);
    const paging = { nextCursor: page.nextCursor, paged: Boolean(query.cursor) };
    const audit = { suppressions, lifts, everyone };
    return c.html(<StaffPage viewer={viewerOf(c)} staff={page.items} {...audit} {...paging} {...props} />, status);
  };

  const tokensPage = async (c: C, ownerId: string, props: Partial<TokensPageProps>, status: Status) => {
    const query = pageOf(c);
    const [page, staff] = await Promise.all([
      listApiTokens(deps, principalOf(c), { ...query, staffId: ownerId }),
      deps.staff.list(),
    ]);
    const paging = { nextCursor: page.nextCursor, paged: Boolean(query.cursor) };
    return c.html(
      <TokensPage viewer={viewerOf(c)} ownerId={ownerId} tokens={page.items} staff={staff} {...paging} {...props} />,
      status,
    );
  };

  return new Hono<AppEnv>()
    .get("/console", async (c) => {
      // The console opens on the person's goals: above the unfiltered first page of the inbox.
      const opening = Object.keys(c.req.query()).length === 0 ? await myGoalsOpening(c) : undefined;
      return inbox(c, c.req.query(), { flash: bulkFlash(c.req.query()) }, 200, opening);
    })
    .get("/console/export.csv", async (c) => {
      const parsed = csvQuerySchema.safeParse(forms.filtersFrom(c.req.query()));
      if (!parsed.success) return inbox(c, c.req.query(), {}, 400);
      const date = deps.now().toISOString().slice(0, 10);
      return c.body(
        await feedbackCsv(deps, parsed.data),
        200,
        download(`feedback-${date}.csv`, "text/csv; charset=utf-8"),
      );
    })
    .post("/console/bulk", async (c) => {
      const form = await readForm(c);
      const all = await c.req.parseBody({ all: true });
      const ids = [all.ids ?? []].flat().filter((v): v is string => typeof v === "string");
      const back = Object.fromEntries(new URLSearchParams(form.return ?? ""));
      try {
        const results = await applyBulkForm(deps, principalOf(c), ids, form);
        const failed = results.filter((r) => !r.ok).map((r) => r.id);
        const counts = { done: String(results.length - failed.length), failed: String(failed.length) };
        const failedIds = failed.filter(isId).slice(0, 20).join(",");
        return c.redirect(forms.hrefWith("/console", forms.filtersFrom(back), { ...counts, failedIds }), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return inbox(c, back, { error: `Nothing was changed: ${error.message}.` }, 422);
      }
    })
    .get("/console/feedback/:id", async (c) => {
      const id = c.req.param("id");
      const pick = c.req.query("pick")?.slice(0, 100);
      return isId(id) ? itemPage(c, id, { flash: flashOf(c.req.query()), pick }, 200) : notFound(c);
    })
    .post("/console/feedback/:id", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c);
      const form = await readForm(c);
      try {
        await updateFeedback(deps, principalOf(c), id, validate(feedbackPatchSchema, forms.patchFromForm(form)));
        return c.redirect(`/console/feedback/${id}?saved=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c);
        if (!isClientError(error)) throw error;
        const loaded = await loadItem(id);
        if (!loaded) return notFound(c);
        const [item, staff, loop] = loaded;
        const seenVersion = Number(form.version);
        if (error.code === "version_conflict") {
          const { base, changedSince, current } = conflictOf(error, item, seenVersion);
          const edit = { values: forms.keptValues(form, base), seen: forms.editValuesOf(base), version: base.version };
          const conflict = { changedSince, current };
          return c.html(<ItemPage viewer={viewerOf(c)} {...{ item, staff, loop, edit, conflict }} />, 409);
        }
        const version = Number.isSafeInteger(seenVersion) && seenVersion >= 1 ? seenVersion : item.version;
        const edit = { values: forms.postedValues(form, item), seen: forms.seenValues(form, item), version };
        const message = `Not saved: ${error.message}.`;
        return c.html(
          <ItemPage viewer={viewerOf(c)} {...{ item, staff, loop, edit }} error={message} />,
          statusOf(error),
        );
      }
    })
    .post("/console/feedback/:id/replies", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c);
      const form = await readForm(c);
      try {
        const { message } = validate(replyInputSchema, { message: form.message ?? "" });
        // The form's own key: the same form sent twice sends one reply.
        const idempotencyKey = form.replyKey && IDEMPOTENCY_KEY.test(form.replyKey) ? form.replyKey : undefined;
        await replyToFeedback(deps, principalOf(c), id, message, { idempotencyKey });
        return c.redirect(`/console/feedback/${id}?replied=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c);
        if (!isClientError(error)) throw error;
        return itemPage(c, id, { error: `Not sent: ${error.message}.`, reply: form.message }, statusOf(error));
      }
    })
    .post("/console/feedback/:id/goal", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c);
      const { goalId = "" } = await readForm(c);
      try {
        if (!isId(goalId)) throw new ValidationError("choose a goal from the list", { goalId: "unknown goal" });
        const [result] = (await linkFeedbackToGoal(deps, principalOf(c), goalId, [id])).results;
        if (result && !result.ok) {
          if (result.error.code === "not_found") return notFound(c);
          throw new ConflictError(result.error.message);
        }
        return c.redirect(`/console/feedback/${id}?linked=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError)
          return itemPage(c, id, { error: "Not linked: there is no such goal." }, 422);
        if (!isClientError(error)) throw error;
        return itemPage(c, id, { error: `Not linked: ${error.message}.` }, statusOf(error));
      }
    })
    .post("/console/feedback/:id/actions", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c);
      const { actionId = "" } = await readForm(c);
      try {
        if (!isId(actionId))
          throw new ValidationError("choose an action from the list", { actionId: "unknown action" });
        const [result] = (await linkFeedbackToAction(deps, principalOf(c), actionId, [id])).results;
        if (result && !result.ok) throw new ConflictError(result.error.message);
        return c.redirect(`/console/feedback/${id}?linked=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) {
          return itemPage(c, id, { error: "Not linked: there is no such action or item." }, 422);
        }
        if (!isClientError(error)) throw error;
        return itemPage(c, id, { error: `Not linked: ${error.message}.` }, statusOf(error));
      }
    })
    .post("/console/feedback/:id/merge", async (c) => {
      const id = c.req.param("id");
      if (!isId(id)) return notFound(c);
      const form = await readForm(c);
      try {
        const { intoId } = validate(mergeInputSchema, { intoId: form.intoId?.trim() ?? "" });
        if (!isId(intoId)) throw new NotFoundError();
        await mergeFeedback(deps, principalOf(c), id, intoId);
        return c.redirect(`/console/feedback/${id}?merged=1`, 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        // The item itself was found when the page loads again, so a NotFoundError is about intoId.
        const unknown = error instanceof NotFoundError;
        const message = `Not merged: ${unknown ? "there is no feedback item with that id" : error.message}.`;
        return itemPage(c, id, { error: message, intoId: form.intoId }, unknown ? 422 : statusOf(error));
      }
    })
    .get("/console/staff", (c) => staffPage(c, { flash: flashOf(c.req.query()) }, 200))
    .post("/console/staff", async (c) => {
      const form = await readForm(c);
      try {
        await inviteStaff(deps, principalOf(c), validate(inviteInputSchema, forms.inviteFrom(form)));
        return c.redirect("/console/staff?invited=1", 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return staffPage(c, { error: `Not invited: ${error.message}.`, invite: form }, statusOf(error));
      }
    })
    .post("/console/staff/:id", async (c) => {
      const id = c.req.param("id");
      const form = await readForm(c);
      try {
        if (!isId(id)) throw new NotFoundError("staff member not found");
        const change = validate(staffChangeSchema, forms.staffChangeFrom(form));
        if (change.role === undefined && change.active === undefined && change.department === undefined) {
          throw new ValidationError("choose a role, a department, or activate or deactivate", { role: "missing" });
        }
        await changeStaff(deps, id, change);
        return c.redirect("/console/staff?changed=1", 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return staffPage(c, { error: `Not changed: ${error.message}.` }, statusOf(error));
      }
    })
    .post("/console/staff/:id/suppression", async (c) => {
      const id = c.req.param("id");
      await readForm(c);
      try {
        if (!isId(id)) throw new NotFoundError("staff member not found");
        await liftStaffSuppression(deps, principalOf(c), id);
        return c.redirect("/console/staff?lifted=1", 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return staffPage(c, { error: `Not lifted: ${error.message}.` }, statusOf(error));
      }
    })
    .get("/console/tokens", (c) => {
      const asked = c.req.query("staffId");
      const ownerId = asked && isId(asked) ? asked : principalOf(c).staff.id;
      return tokensPage(c, ownerId, { flash: flashOf(c.req.query()) }, 200);
    })
    .post("/console/tokens", async (c) => {
      const form = await readForm(c);
      const me = principalOf(c).staff.id;
      try {
        const staffId = form.staffId && form.staffId !== me ? form.staffId : undefined;
        if (staffId !== undefined && !isId(staffId)) throw new ValidationError("unknown staff member", { staffId: "" });
        const input = validate(apiTokenInputSchema, { name: form.name?.trim() ?? "", staffId });
        const created = await createApiToken(deps, principalOf(c), input);
        // The secret is on this page only: no redirect, so it never lands in a URL or history entry.
        return tokensPage(c, created.apiToken.staffId, { created }, 201);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return tokensPage(c, me, { error: `Not created: ${error.message}.`, name: form.name }, statusOf(error));
      }
    })
    .post("/console/tokens/:id/revoke", async (c) => {
      const form = await readForm(c);
      const owner = form.staffId && isId(form.staffId) ? form.staffId : undefined;
      try {
        const id = c.req.param("id");
        if (!isId(id)) throw new NotFoundError("token not found");
        await revokeApiToken(deps, principalOf(c), id);
        return c.redirect(forms.hrefWith("/console/tokens", {}, { revoked: "1", staffId: owner }), 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        const ownerId = owner ?? principalOf(c).staff.id;
        return tokensPage(c, ownerId, { error: `Not revoked: ${error.message}.` }, statusOf(error));
      }
    })
    .get("/console/privacy", (c) => c.html(<PrivacyPage viewer={viewerOf(c)} erased={erasureOf(c.req.query())} />))
    .post("/console/privacy/export", async (c) => {
      const form = await readForm(c);
      try {
        const { email } = validate(privacyExportInputSchema, { email: form.email?.trim() || undefined });
        const data = await exportPersonalData(deps, email);
        return c.body(
          JSON.stringify(data, null, 2),
          200,
          download("personal-data.json", "application/json; charset=utf-8"),
        );
      } catch (error) {
        if (!isClientError(error)) throw error;
        const values = { exportEmail: form.email };
        return c.html(
          <PrivacyPage viewer={viewerOf(c)} error={`Nothing exported: ${error.message}.`} values={values} />,
          statusOf(error),
        );
      }
    })
    .post("/console/privacy/erase", async (c) => {
      const form = await readForm(c);
      const keepMessages = form.keepMessages === "yes";
      try {
        const input = validate(privacyEraseInputSchema, { email: form.email?.trim() || undefined, keepMessages });
        if (form.confirm !== "yes") {
          throw new ValidationError("tick the box to confirm that the data is erased for good", {
            confirm: "required",
          });
        }
        const result = await erasePersonalData(deps, principalOf(c), input.email, { keepMessages });
        const counts = { feedbackItems: String(result.feedbackItems), notifications: String(result.notifications) };
        return c.redirect(forms.hrefWith("/console/privacy", {}, counts), 303);
      } catch (error) {
        if (!isClientError(error)) throw error;
        const values = { eraseEmail: form.email, keepMessages };
        const message = `Nothing was erased: ${error.message}.`;
        return c.html(<PrivacyPage viewer={viewerOf(c)} error={message} values={values} />, statusOf(error));
      }
    });
}
