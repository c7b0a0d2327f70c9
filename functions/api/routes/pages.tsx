import { type Context, Hono } from "hono";
import { boardQuerySchema, youSaidWeDid } from "../../../shared/actions/board";
import { confirmSubscription, requestSubscription } from "../../../shared/actions/subscribe";
import type { Deps } from "../../../shared/deps";
import { feedbackInputSchema } from "../../../shared/entities/feedback";
import { subscribeInputSchema } from "../../../shared/entities/subscriber";
import { NotFoundError, ValidationError } from "../../../shared/errors";
import { submitFeedback } from "../../../shared/feedback/intake";
import { getTrackingView } from "../../../shared/feedback/tracking";
import { isLocale } from "../../../shared/i18n/locales";
import { textIn } from "../../../shared/i18n/texts";
import { logger } from "../../../shared/logger";
import { checkUnsubscribeToken, unsubscribe } from "../../../shared/suppression/unsubscribe";
import type { AppEnv } from "../env";
import { readForm, validate } from "../middleware/body";
import { BoardPage } from "../pages/board";
import { FormPage } from "../pages/form";
import { pageLocale } from "../pages/locale";
import { strings } from "../pages/strings";
import { SubscribePage } from "../pages/subscribe";
import { ThanksPage } from "../pages/thanks";
import { TrackPage } from "../pages/track";
import { UnsubscribePage } from "../pages/unsubscribe";
import { subscribeLimited } from "./feedback";

const present = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);

/** Maps the form's fields to the intake input; empty optional fields mean "not given". */
function formToInput(form: Record<string, string>) {
  const nps = present(form.nps);
  return {
    message: form.message ?? "",
    kind: form.kind,
    score: nps === undefined ? undefined : { type: "nps", value: Number(nps) },
    topic: present(form.topic),
    customerType: form.customerType,
    department: present(form.department),
    praises: present(form.praises),
    name: present(form.name),
    email: present(form.email)?.trim(),
    consent: form.consent === "yes",
    creditName: form.creditName === "yes",
    locale: isLocale(form.locale) ? form.locale : undefined,
    channel: form.embed === "1" ? "embed" : "web",
  };
}

/** The public pages: form, embeddable form, thank-you, tracking and unsubscribe. */
export function pages(deps: Deps) {
  const formPage = (c: Context<AppEnv>, embed: boolean) => c.html(<FormPage locale={pageLocale(c)} embed={embed} />);
  return new Hono<AppEnv>()
    .get("/", (c) => formPage(c, false))
    .get("/embed", (c) => formPage(c, true))
    .post("/feedback", async (c) => {
      const form = await readForm(c);
      const embed = form.embed === "1";
      const locale = isLocale(form.locale) ? form.locale : pageLocale(c);
      if (present(form.website)) {
        // A bot filled the field people cannot see: thank it and store nothing.
        logger.info("honeypot field filled; feedback dropped", { requestId: c.get("requestId") });
        return c.html(<ThanksPage locale={locale} embed={embed} emailed={false} />);
      }
      try {
        const input = validate(feedbackInputSchema, formToInput(form));
        const submitted = await submitFeedback(deps, input);
        return c.html(
          <ThanksPage
            locale={locale}
            embed={embed}
            trackingUrl={submitted.trackingUrl}
            emailed={Boolean(input.email && input.consent)}
          />,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // The API's messages are English; the form names each invalid field in the page's language.
        const fieldErrors = strings(locale).fieldErrors;
        const errors = Object.fromEntries(
          Object.keys(error.fields ?? {}).map((path) => {
            const field = path.split(".")[0] ?? path;
            return [field, field in fieldErrors ? fieldErrors[field as keyof typeof fieldErrors] : fieldErrors.other];
          }),
        );
        return c.html(<FormPage locale={locale} embed={embed} state={{ values: form, errors }} />, 422);
      }
    })
    .get("/you-said-we-did", async (c) => {
      const locale = pageLocale(c);
      const query = validate(boardQuerySchema, c.req.query());
      const page = await youSaidWeDid(deps, { ...query, status: "done" }, locale);
      // The roadmap heads the first page; older pages go on with what was done.
      const promised = query.cursor
        ? undefined
        : (await youSaidWeDid(deps, { ...query, status: "planned", limit: 50 }, locale)).items;
      return c.html(
        <BoardPage
          locale={locale}
          promised={promised}
          invalidEmail={c.req.query("invalid") === "1"}
          timeZone={deps.config.timeZone}
          {...page}
        />,
      );
    })
    .post("/you-said-we-did/:actionId/subscribe", async (c) => {
      const locale = pageLocale(c);
      const form = await readForm(c);
      const parsed = subscribeInputSchema.safeParse({ email: form.email ?? "", locale });
      if (!parsed.success) return c.redirect(`/you-said-we-did?lang=${locale}&invalid=1#promised`, 303);
      await subscribeLimited(deps, parsed.data.email);
      await requestSubscription(deps, c.req.param("actionId"), parsed.data);
      return c.html(<SubscribePage locale={locale} state="sent" />, 202);
    })
    .get("/subscribe/confirm/:token", async (c) => {
      try {
        const subscriber = await confirmSubscription(deps, c.req.param("token"));
        const action = await deps.actions.get(subscriber.actionId);
        const title = textIn(action?.title, subscriber.locale, deps.config.defaultLocale);
        return c.html(<SubscribePage locale={subscriber.locale} state="confirmed" title={title} />);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        return c.html(<SubscribePage locale={pageLocale(c)} state="invalid" />, 404);
      }
    })
    .get("/track/:token", async (c) => {
      const token = c.req.param("token");
      // The language the submitter wrote in, unless they pick another with ?lang=.
      const lang = c.req.query("lang");
      const view = await getTrackingView(deps, token, isLocale(lang) ? lang : undefined);
      const locale = isLocale(lang) ? lang : view.feedback.locale;
      return c.html(<TrackPage locale={locale} view={view} path={`/track/${token}`} timeZone={deps.config.timeZone} />);
    })
    .get("/unsubscribe/:token", async (c) => {
      const token = c.req.param("token");
      const { about } = await checkUnsubscribeToken(deps, token);
      return c.html(<UnsubscribePage locale={pageLocale(c)} token={token} done={false} about={about} />);
    })
    .post("/unsubscribe/:token", async (c) => {
      // RFC 8058 one-click: authorised by the unguessable token itself, so no CSRF check applies.
      await unsubscribe(deps, c.req.param("token"));
      return c.html(<UnsubscribePage locale={pageLocale(c)} token="" done={true} />);
    });
}
