import { type Context, Hono } from "hono";
import type { Deps } from "../../../shared/deps";
import { webhookInputSchema, webhookPatchSchema } from "../../../shared/entities/webhook";
import { AppError, NotFoundError } from "../../../shared/errors";
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
import { readForm, validate } from "../middleware/body";
import { pageValuesFrom } from "../pages/console/forms";
import { ConsoleMessagePage } from "../pages/console/layout";
import {
  type WebhookFormValues,
  WebhookPage,
  type WebhookPageProps,
  WebhooksPage,
  type WebhooksPageProps,
} from "../pages/console/webhooks";

type C = Context<AppEnv>;
type Status = 200 | 201 | 404 | 409 | 422;

const isClientError = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;

/** What the endpoint form posted: its fields, with every ticked event. */
async function postedWebhook(c: C): Promise<WebhookFormValues> {
  const form = await readForm(c);
  const all = await c.req.parseBody({ all: true });
  const events = [all.events ?? []].flat().filter((v): v is string => typeof v === "string");
  return {
    url: form.url ?? "",
    description: form.description ?? "",
    events,
    format: form.format ?? "json",
    active: form.active === "on",
  };
}

const inputOf = (values: WebhookFormValues) => ({
  url: values.url,
  events: values.events,
  format: values.format,
  active: values.active,
  ...(values.description.trim() ? { description: values.description.trim() } : {}),
});

const flashes: Record<string, string> = {
  saved: "Saved.",
  resent: "Sent again: the delivery shows what came of it.",
  deleted: "The webhook was deleted.",
};

/** The console's webhook pages (admins; the guard applies the permission). */
export function consoleWebhooksRoutes(deps: Deps) {
  const viewerOf = (c: C) => ({
    staff: principalOf(c).staff,
    csrfToken: principalOf(c).csrfToken,
    timeZone: deps.config.timeZone,
  });
  const flashOf = (c: C) => flashes[Object.keys(c.req.query()).find((key) => key in flashes) ?? ""];
  const pageOf = (c: C) => validate(pageQuerySchema, pageValuesFrom(c.req.query()));
  const notFound = (c: C) =>
    c.html(
      <ConsoleMessagePage viewer={viewerOf(c)} title="Not found" message="There is no webhook with this id." />,
      404,
    );

  const listPage = async (c: C, props: Partial<WebhooksPageProps>, status: Status) => {
    const query = pageOf(c);
    const [page, staff] = await Promise.all([listWebhooks(deps, query), deps.staff.list()]);
    const paging = { nextCursor: page.nextCursor, paged: Boolean(query.cursor) };
    return c.html(
      <WebhooksPage viewer={viewerOf(c)} webhooks={page.items} staff={staff} {...paging} {...props} />,
      status,
    );
  };

  const detailPage = async (c: C, id: string, props: Partial<WebhookPageProps>, status: Status) => {
    const query = pageOf(c);
    try {
      const [webhook, page, staff] = await Promise.all([
        getWebhook(deps, id),
        listDeliveries(deps, id, query),
        deps.staff.list(),
      ]);
      const paging = { nextCursor: page.nextCursor, paged: Boolean(query.cursor) };
      return c.html(
        <WebhookPage
          viewer={viewerOf(c)}
          webhook={webhook}
          deliveries={page.items}
          staff={staff}
          {...paging}
          {...props}
        />,
        status,
      );
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(c);
      throw error;
    }
  };

  return new Hono<AppEnv>()
    .get("/console/webhooks", (c) => listPage(c, { flash: flashOf(c) }, 200))
    .post("/console/webhooks", async (c) => {
      const values = await postedWebhook(c);
      try {
        const created = await createWebhook(deps, principalOf(c), validate(webhookInputSchema, inputOf(values)));
        return listPage(c, { created, flash: "The webhook was added." }, 201);
      } catch (error) {
        if (!isClientError(error)) throw error;
        return listPage(c, { values, error: `Not added: ${error.message}.` }, error.status as Status);
      }
    })
    .get("/console/webhooks/:id", (c) => detailPage(c, c.req.param("id"), { flash: flashOf(c) }, 200))
    .post("/console/webhooks/:id", async (c) => {
      const id = c.req.param("id");
      const values = await postedWebhook(c);
      const version = Number((await readForm(c)).version);
      try {
        const patch = validate(webhookPatchSchema, {
          ...inputOf(values),
          description: values.description.trim() || null,
          version,
        });
        await updateWebhook(deps, id, patch);
        return c.redirect(`/console/webhooks/${id}?saved=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c);
        if (!isClientError(error)) throw error;
        const kept = Number.isSafeInteger(version) ? { version } : {};
        return detailPage(c, id, { values, ...kept, error: `Not saved: ${error.message}.` }, error.status as Status);
      }
    })
    .post("/console/webhooks/:id/delete", async (c) => {
      try {
        await deleteWebhook(deps, c.req.param("id"));
        return c.redirect("/console/webhooks?deleted=1", 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c);
        throw error;
      }
    })
    .post("/console/webhooks/:id/deliveries/:deliveryId/resend", async (c) => {
      const id = c.req.param("id");
      try {
        await resendDelivery(deps, principalOf(c), id, c.req.param("deliveryId"));
        return c.redirect(`/console/webhooks/${id}?resent=1`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) return notFound(c);
        if (!isClientError(error)) throw error;
        return detailPage(c, id, { error: `Not sent again: ${error.message}.` }, error.status as Status);
      }
    });
}
