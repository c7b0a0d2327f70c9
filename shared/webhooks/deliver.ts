import { persist } from "../db/failures";
import type { Deps } from "../deps";
import type { WebhookDelivery, WebhookEndpoint, WebhookEventBody } from "../entities/webhook";
import { textIn } from "../i18n/texts";
import { logger } from "../logger";
import { nextAttemptAt } from "../outbox/retry";
import { sweepDue } from "../outbox/sweep";
import type { DeliveryRef } from "../repositories/webhooks";
import { deliveryBody } from "./payload";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";
import { checkResolvedHost } from "./url";

export type WebhookOutcome = "sent" | "retrying" | "failed" | "held";

/** What an attempt keeps of its caller's time to record its outcome. */
const RECORD_RESERVE_MS = 1_500;
/** How long an attempt asked for by hand, in an API request, may wait for the endpoint. */
export const BY_HAND_BUDGET_MS = 8_000;

/** How many deliveries of a sweep are sent at once. */
const SWEEP_CONCURRENCY = 8;

/**
 * Writes the delivery of an event to every active endpoint that wants its type, each keyed by
 * (endpoint, event): a record handled again finds them written and writes nothing twice. The
 * stream function then sends each from its insert record. `read` is the endpoints as the caller read
 * them a moment ago (the stream function, once per invocation). Answers how many were written now.
 */
export async function recordWebhookEvent(
  deps: Deps,
  given: WebhookEventBody,
  read: Promise<WebhookEndpoint[]> = deps.webhooks.allEndpoints(),
): Promise<number> {
  const endpoints = (await read).filter((e) => e.active && e.events.includes(given.type));
  if (endpoints.length === 0) return 0;
  const event = await withActionTitle(deps, given);
  let written = 0;
  for (const endpoint of endpoints) {
    const at = deps.now().toISOString();
    const delivery: WebhookDelivery = {
      id: event.id,
      endpointId: endpoint.id,
      event,
      status: "pending",
      attempts: 0,
      createdAt: at,
      updatedAt: at,
    };
    if (await deps.webhooks.createDelivery(delivery, deps.config.delivery.claimSeconds, deps.now())) written += 1;
  }
  return written;
}

/**
 * An action's event with the action's title (staff's words, in the default language) added, so a
 * chat line can name it. An action that cannot be read leaves the event as it is.
 */
async function withActionTitle(deps: Deps, event: WebhookEventBody): Promise<WebhookEventBody> {
  const part = event.type === "update.sent" ? "update" : event.type === "action.status_changed" ? "action" : undefined;
  if (!part) return event;
  const data = event.data as Record<string, Record<string, unknown> | undefined>;
  const actionId = data[part]?.[part === "update" ? "actionId" : "id"];
  const action = typeof actionId === "string" && actionId ? await deps.actions.get(actionId) : undefined;
  if (!action) return event;
  const { defaultLocale } = deps.config;
  const title = textIn(action.title, defaultLocale, defaultLocale);
  return { ...event, data: { ...data, [part]: { ...data[part], title } } };
}

/** Why an attempt failed, in a line: the receiver's answer, or what stopped the request. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "no answer before the timeout";
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${cause.code}: ${cause.message ?? error.message}` : error.message;
}

/**
 * One attempt of one delivery: claims it (one sender at a time, only when due), signs the body
 * with the endpoint's secret and POSTs it with a timeout. A 2xx answer marks it sent; anything
 * else (another status, a refused connection, a timeout, a redirect) is a failed attempt, due
 * again after a doubling backoff until the attempts are used up, then failed. A delivery whose
 * endpoint was deleted or deactivated meanwhile ends failed at once.
 */
export async function deliverWebhook(
  deps: Deps,
  ref: DeliveryRef,
  options: { deadline?: number } = {},
): Promise<WebhookOutcome> {
  const deadline = options.deadline ?? Date.now() + 60_000;
  const claimed = await deps.webhooks.claim(ref, deps.now(), deps.config.delivery.claimSeconds);
  if (!claimed) return "held";
  const { timeoutSeconds, allowLocalhost } = deps.config.webhooks;
  const endpoint = await deps.webhooks.getEndpoint(ref.endpointId);
  let failure: { error: string; statusCode?: number };
  if (!endpoint?.active) {
    failure = { error: endpoint ? "the endpoint is inactive" : "the endpoint was deleted" };
    await deps.webhooks.recordFailure(ref, failure, deps.now(), undefined);
    deps.telemetry.count("webhookFailed");
    return "failed";
  }
  const body = deliveryBody(claimed.event, endpoint.format);
  // The wall clock, not the domain's: receivers compare it with theirs to refuse replays.
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    await checkResolvedHost(endpoint.url, allowLocalhost);
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "feedback-loop-webhooks/1",
        "webhook-id": claimed.id,
        "webhook-event": claimed.event.type,
        [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, timestamp, body),
      },
      body,
      // A redirect could lead anywhere (a private address): it counts as a failed attempt.
      redirect: "manual",
      // Within the configured timeout, and within the caller's time, keeping enough to record what came of it.
      signal: AbortSignal.timeout(
        Math.min(timeoutSeconds * 1000, Math.max(1000, deadline - Date.now() - RECORD_RESERVE_MS)),
      ),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) {
      await persist(() => deps.webhooks.markSent(ref, response.status, deps.now()), deadline);
      deps.telemetry.count("webhookSent");
      return "sent";
    }
    failure = { statusCode: response.status, error: `the endpoint answered ${response.status}` };
  } catch (error) {
    failure = { error: describe(error) };
  }
  const retryAt = nextAttemptAt(deps.config.webhooks, claimed.attempts, deps.now());
  await deps.webhooks.recordFailure(ref, failure, deps.now(), retryAt);
  logger.warn("webhook attempt failed", { ...ref, attempt: claimed.attempts, retryAt, error: failure.error });
  if (!retryAt) deps.telemetry.count("webhookFailed");
  return retryAt ? "retrying" : "failed";
}

/**
 * Sends the webhook deliveries that are due: retries whose time has come, and any whose send never
 * finished (its sender died, or its stream record was never handled). Part of every sweep.
 */
export async function deliverDueWebhooks(deps: Deps, options: { deadline?: number; pageSize?: number } = {}) {
  const deadline = options.deadline ?? Date.now() + 60_000;
  return sweepDue<DeliveryRef, WebhookOutcome>({
    page: (limit, startKey) => deps.webhooks.due(deps.now(), limit, startKey),
    send: (ref) => deliverWebhook(deps, ref, { deadline }),
    deadline,
    pageSize: options.pageSize,
    concurrency: SWEEP_CONCURRENCY,
  });
}
