import * as z from "zod/mini";
import type { Deps } from "../deps";
import type { SuppressionReason } from "../entities/suppression";
import { normaliseEmail, sha256 } from "../ids";

/**
 * SES's own bounce and complaint events, as the configuration set publishes them to EventBridge
 * ("Email Bounced", "Email Complaint Received"): the event's `detail` is SES's event record. Only
 * what suppression needs is read; everything else SES adds is allowed and ignored.
 */
const recipientSchema = z.looseObject({ emailAddress: z.string() });

const mailSchema = z.looseObject({
  messageId: z.string().check(z.minLength(1)),
  /** SES adds `ses:configuration-set` (and other `ses:` tags) to every event of a configuration set. */
  tags: z.optional(z.record(z.string(), z.array(z.string()))),
});

export const bounceTypes = ["Permanent", "Transient", "Undetermined"] as const;
export type BounceType = (typeof bounceTypes)[number];

const sesEventDetailSchema = z.discriminatedUnion("eventType", [
  z.looseObject({
    eventType: z.literal("Bounce"),
    bounce: z.looseObject({
      bounceType: z.enum(bounceTypes),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(recipientSchema).check(z.minLength(1)),
    }),
    mail: mailSchema,
  }),
  z.looseObject({
    eventType: z.literal("Complaint"),
    complaint: z.looseObject({
      complaintFeedbackType: z.optional(z.string()),
      complainedRecipients: z.array(recipientSchema).check(z.minLength(1)),
    }),
    mail: mailSchema,
  }),
]);

/** A bounce or complaint as suppression sees it: which mail, what happened, to which addresses. */
export type SesFeedbackEvent = {
  messageId: string;
  /** The configuration set the mail was sent through, when SES tagged the event with it. */
  configurationSet?: string;
  /** Plain addresses, as given (display names removed), each once. */
  addresses: string[];
  /** Recipients whose address could not be read (so cannot be suppressed). */
  unreadable: number;
} & ({ type: "bounce"; bounceType: BounceType; bounceSubType?: string } | { type: "complaint"; feedbackType?: string });

/** An event detail that is not a bounce or complaint this code can read. */
export class SesEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`SES event detail is not a readable bounce or complaint: ${problems.join("; ")}`);
    this.name = "SesEventError";
  }
}

export type SesEventParseResult = { ok: true; event: SesFeedbackEvent } | { ok: false; error: SesEventError };

const plainAddress = /^[^\s<>@]+@[^\s<>@]+$/;

/**
 * The plain address of a recipient as SES reports it: `a@b`, or `Name <a@b>` /
 * `"Doe, Jane" <a@b>` when the mail was addressed with a display name. Undefined when there is no
 * address in it.
 */
export function extractAddress(value: string): string | undefined {
  const bracketed = /<([^<>]*)>\s*$/.exec(value);
  const candidate = (bracketed ? bracketed[1] : value)?.trim() ?? "";
  return plainAddress.test(candidate) ? candidate : undefined;
}

/**
 * Reads an SES event detail. Never throws: a malformed detail comes back as an error naming what is
 * wrong, so a caller with several events handles the others.
 */
export function parseSesEventDetail(detail: unknown): SesEventParseResult {
  const parsed = sesEventDetailSchema.safeParse(detail);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "detail"}: ${issue.message}`);
    return { ok: false, error: new SesEventError(problems) };
  }
  const d = parsed.data;
  const recipients = d.eventType === "Bounce" ? d.bounce.bouncedRecipients : d.complaint.complainedRecipients;
  const extracted = recipients.map((r) => extractAddress(r.emailAddress));
  const seen = new Set<string>();
  const addresses = extracted.filter((a): a is string => {
    if (a === undefined || seen.has(normaliseEmail(a))) return false;
    seen.add(normaliseEmail(a));
    return true;
  });
  const common = {
    messageId: d.mail.messageId,
    configurationSet: d.mail.tags?.["ses:configuration-set"]?.[0],
    addresses,
    unreadable: extracted.filter((a) => a === undefined).length,
  };
  const event: SesFeedbackEvent =
    d.eventType === "Bounce"
      ? { ...common, type: "bounce", bounceType: d.bounce.bounceType, bounceSubType: d.bounce.bounceSubType }
      : { ...common, type: "complaint", feedbackType: d.complaint.complaintFeedbackType };
  return { ok: true, event };
}

/**
 * Why the event's addresses must get no more mail, or undefined when they still may: a permanent
 * bounce (the address does not exist or refuses mail) and every complaint suppress; a transient or
 * undetermined bounce (mailbox full, server down) does not, since the next mail may arrive.
 */
export function suppressionReasonFor(
  event: SesFeedbackEvent,
): Extract<SuppressionReason, "bounce" | "complaint"> | undefined {
  if (event.type === "complaint") return "complaint";
  return event.bounceType === "Permanent" ? "bounce" : undefined;
}

export type SesEventOutcome = {
  event: SesFeedbackEvent;
  /** The reason the addresses were suppressed under, or undefined when nothing was suppressed. */
  reason?: "bounce" | "complaint";
  /** The hashes of the addresses suppressed (the form the suppression list holds). */
  suppressed: string[];
};

/**
 * Applies one SES bounce or complaint event: suppresses its addresses (by hash of the normalised
 * address) when `suppressionReasonFor` says so. Safe to repeat: suppression keeps the first time
 * and reason. Throws `SesEventError` for a detail it cannot read.
 */
export async function applySesEvent(deps: Deps, detail: unknown): Promise<SesEventOutcome> {
  const parsed = parseSesEventDetail(detail);
  if (!parsed.ok) throw parsed.error;
  const { event } = parsed;
  const reason = suppressionReasonFor(event);
  if (!reason) return { event, suppressed: [] };
  const now = deps.now();
  const hashes = event.addresses.map((address) => sha256(normaliseEmail(address)));
  for (const hash of hashes) await deps.suppressions.suppress(hash, reason, now);
  return { event, reason, suppressed: hashes };
}
