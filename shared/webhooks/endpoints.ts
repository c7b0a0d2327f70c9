import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import type {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointView,
  WebhookInput,
  WebhookPatch,
} from "../entities/webhook";
import { ConflictError, NotFoundError } from "../errors";
import { isUlid, newId, newToken } from "../ids";
import { type Page, type PageQuery, readPage } from "../paging";
import { VersionConflictError } from "../repositories/feedback";
import { BY_HAND_BUDGET_MS, deliverWebhook } from "./deliver";
import { checkEndpointUrl } from "./url";

const view = ({ secret: _, ...endpoint }: WebhookEndpoint): WebhookEndpointView => endpoint;

/** The prefix of every endpoint secret, so one found in a log or a config file says what it is. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

/**
 * Registers an endpoint (admins). Its signing secret is generated here and is in the answer once;
 * it is stored so that each delivery can be signed with it, and never shown again.
 */
export async function createWebhook(
  deps: Deps,
  actor: Principal,
  input: WebhookInput,
): Promise<{ webhook: WebhookEndpointView; secret: string }> {
  const url = checkEndpointUrl(input.url, deps.config.webhooks.allowLocalhost);
  const now = deps.now().toISOString();
  const endpoint: WebhookEndpoint = {
    id: newId(deps.now()),
    url,
    events: [...new Set(input.events)],
    format: input.format,
    active: input.active,
    ...(input.description ? { description: input.description } : {}),
    secret: `${WEBHOOK_SECRET_PREFIX}${newToken()}`,
    createdAt: now,
    createdBy: actor.staff.id,
    updatedAt: now,
    version: 1,
  };
  await deps.webhooks.createEndpoint(endpoint);
  return { webhook: view(endpoint), secret: endpoint.secret };
}

/** A page of the endpoints, oldest first, without their secrets. */
export async function listWebhooks(deps: Deps, query: PageQuery): Promise<Page<WebhookEndpointView>> {
  const page = await readPage(query, (limit, startKey) => deps.webhooks.endpointPage(limit, startKey));
  return { ...page, items: page.items.map(view) };
}

async function endpointOf(deps: Deps, id: string): Promise<WebhookEndpoint> {
  const endpoint = isUlid(id) ? await deps.webhooks.getEndpoint(id) : undefined;
  if (!endpoint) throw new NotFoundError("webhook not found");
  return endpoint;
}

/** One endpoint, without its secret. */
export async function getWebhook(deps: Deps, id: string): Promise<WebhookEndpointView> {
  return view(await endpointOf(deps, id));
}

/** Changes an endpoint based on the version the admin saw (a stale one is a 409). */
export async function updateWebhook(deps: Deps, id: string, patch: WebhookPatch): Promise<WebhookEndpointView> {
  const current = await endpointOf(deps, id);
  const conflict = () =>
    new ConflictError("someone else changed this webhook since you loaded it", "version_conflict", {
      current: view(current),
    });
  if (patch.version !== current.version) throw conflict();
  const { description, version: _, ...rest } = patch;
  const next: WebhookEndpoint = {
    ...current,
    ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
    ...(patch.url !== undefined ? { url: checkEndpointUrl(patch.url, deps.config.webhooks.allowLocalhost) } : {}),
    ...(patch.events ? { events: [...new Set(patch.events)] } : {}),
    updatedAt: deps.now().toISOString(),
    version: current.version + 1,
  };
  if (description === null) delete next.description;
  else if (description !== undefined) next.description = description;
  try {
    await deps.webhooks.updateEndpoint(next, current.version);
  } catch (error) {
    if (error instanceof VersionConflictError) throw conflict();
    throw error;
  }
  return view(next);
}

/** Deletes an endpoint: nothing more is written for it, and what is pending for it ends failed. */
export async function deleteWebhook(deps: Deps, id: string): Promise<void> {
  if (!isUlid(id) || !(await deps.webhooks.deleteEndpoint(id))) throw new NotFoundError("webhook not found");
}

/** A page of an endpoint's deliveries, newest first, with their state. */
export async function listDeliveries(deps: Deps, id: string, query: PageQuery): Promise<Page<WebhookDelivery>> {
  const endpoint = await endpointOf(deps, id);
  return readPage(query, (limit, startKey) => deps.webhooks.deliveryPage(endpoint.id, limit, startKey));
}

/**
 * Sends a delivery again by hand, now: a new attempt of the same delivery (same id, same body,
 * signed anew), recorded on it with who asked. A delivery being sent right now is a 409. Answers
 * the delivery as the attempt left it.
 */
export async function resendDelivery(
  deps: Deps,
  actor: Principal,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const ref = { endpointId, eventId: deliveryId };
  const found = isUlid(endpointId) && isUlid(deliveryId) ? await deps.webhooks.getDelivery(ref) : undefined;
  if (!found) throw new NotFoundError("delivery not found");
  const due = await deps.webhooks.resend(ref, actor.staff.id, deps.now());
  if (!due) throw new ConflictError("this delivery is being sent right now; look again in a moment");
  // Within an API request (10 seconds on AWS): the endpoint gets a little less than the usual timeout.
  await deliverWebhook(deps, ref, { deadline: Date.now() + BY_HAND_BUDGET_MS });
  return (await deps.webhooks.getDelivery(ref)) ?? due;
}
