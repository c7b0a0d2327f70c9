import type { Context } from "hono";
import type { Deps } from "../../../shared/deps";
import { type Feedback, inboxQuerySchema } from "../../../shared/entities/feedback";
import { feedbackIdsSchema } from "../../../shared/entities/goal";
import { AppError, ValidationError } from "../../../shared/errors";
import { listFeedback } from "../../../shared/feedback/inbox";
import type { AppEnv } from "../env";
import { principalOf } from "../middleware/auth";
import { validate } from "../middleware/body";
import { GoalsMessagePage } from "../pages/console/goals";
import { feedbackIdsFrom } from "../pages/console/goals-values";
import { type FeedbackPick, pickFiltersFrom } from "../pages/console/pick-feedback";

/** How many items of the inbox a goal's or action's page offers to link at once. */
const PICK_SHOWN = 25;
export type C = Context<AppEnv>;
export type Status = 200 | 400 | 404 | 409 | 413 | 415 | 422;

/** An error to show on the page the person came from (anything else goes to the error handler). */
export const isClientError = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;
/** The status a refused form answers with. */
export const statusOf = (error: AppError) => error.status as Status;
/** The version a form was based on, when it is one. */
export const versionOf = (form: Record<string, string>) => {
  const version = Number(form.version);
  return Number.isSafeInteger(version) && version >= 1 ? version : undefined;
};
/** The record a version conflict carries as it is now, if it is one. */
export function currentOf<T>(error: AppError, schema: { safeParse(value: unknown): { success: boolean; data?: T } }) {
  const parsed = schema.safeParse(error.details?.current);
  return parsed.success ? parsed.data : undefined;
}

/** What the goal and action pages of the console share: who is looking, not-found pages, and link forms. */
export function consoleForms(deps: Deps) {
  const viewerOf = (c: C) => ({
    staff: principalOf(c).staff,
    csrfToken: principalOf(c).csrfToken,
    timeZone: deps.config.timeZone,
  });
  const notFound = (c: C, what: "goal" | "action") =>
    c.html(
      <GoalsMessagePage
        viewer={viewerOf(c)}
        title="Not found"
        message={`There is no ${what} with this id.`}
        back={{ href: "/console/goals", text: "All goals" }}
      />,
      404,
    );

  /**
   * The items a goal's or action's page offers to link: a page of the inbox under the filters its
   * URL asks for (`pickStatus`, `pickKind`, `pickTopic`), leaving out merged items and those `linked`.
   */
  const pickOf = async (c: C, linked: (item: Feedback) => boolean): Promise<FeedbackPick> => {
    const filters = pickFiltersFrom(c.req.query());
    try {
      const query = validate(inboxQuerySchema, { ...filters, limit: PICK_SHOWN });
      const page = await listFeedback(deps, query);
      const candidates = page.items.filter((item) => item.status !== "merged" && !linked(item));
      return { filters, candidates, more: page.nextCursor !== null };
    } catch (error) {
      if (!isClientError(error)) throw error;
      return { filters, candidates: [], more: false, error: error.message };
    }
  };

  /**
   * The ids a link form names: the items chosen from the list (`picked` checkboxes) and those
   * given by id, checked as the API checks them (at least one, at most 100).
   */
  const idsFrom = async (c: C, text: string | undefined) => {
    const picked = [(await c.req.parseBody({ all: true })).picked ?? []]
      .flat()
      .filter((v): v is string => typeof v === "string");
    const feedbackIds = [...new Set([...picked, ...feedbackIdsFrom(text)])];
    if (feedbackIds.length === 0) {
      throw new ValidationError("choose items from the list or give their ids", { feedbackIds: "none chosen" });
    }
    return validate(feedbackIdsSchema, { feedbackIds });
  };

  return { viewerOf, notFound, pickOf, idsFrom };
}
