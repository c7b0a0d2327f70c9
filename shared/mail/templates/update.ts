import * as z from "zod/mini";
import type { UpdatePhase } from "../../db/keys";
import { updatePhases } from "../../db/keys";
import type { MetricKind } from "../../entities/goal";
import { goalStandingSchema } from "../../entities/goal";
import type { Locale } from "../../i18n/locales";
import type { ComposedMail } from "./acknowledgement";
import { quoteLength } from "./acknowledgement";
import { type MailBlock, renderHtml, renderText } from "./layout";
import { mailStrings } from "./strings";
import { excerpt, singleLine } from "./text";

/** At most this many of a customer's messages are quoted; the rest are counted. */
export const MAX_QUOTES = 3;

/** An update as prepared for sending: what the customer said, what we will do or did, and links. */
export const updateContentSchema = z.object({
  phase: z.enum(updatePhases),
  /** Staff's text in the customer's language: what we will do, what we did, or why it will not happen. */
  text: z.string(),
  /** The customer's own messages (untrusted), each with its tracking link. */
  items: z.array(z.object({ message: z.string(), trackingUrl: z.string() })),
  /** How many more of the customer's messages the update covers than are quoted. */
  more: z.number(),
  /** To someone who asked to be told (no feedback of theirs to quote): the action's title. */
  asked: z.optional(z.string()),
  /** The goal, its title in the customer's language, and where its metric stood when the update was written. */
  goal: z.optional(z.extend(goalStandingSchema, { title: z.string() })),
  unsubscribeUrl: z.string(),
});
export type UpdateContent = z.infer<typeof updateContentSchema>;

/** A metric's value as people read it in `locale`: "6%", "4.2", "+35", "12"; a measure in its unit: "4.25 days". */
export function formatMetric(kind: MetricKind, value: number, locale: Locale, unit?: string): string {
  switch (kind) {
    case "complaint_share":
      return new Intl.NumberFormat(locale, { style: "unit", unit: "percent", maximumFractionDigits: 1 }).format(value);
    case "csat":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case "nps":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: "exceptZero" }).format(value);
    case "count":
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case "measure": {
      const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
      return unit === undefined ? number : unit === "%" ? `${number}%` : `${number} ${unit}`;
    }
  }
}

/**
 * Where the goal's metric stands: once the work is done, against where it started ("complaint
 * share 6%, down from 10%"); before, against the target only ("complaint share 10%; our target is
 * 5%"), so a promise claims no progress that has not happened. Undefined when the metric has no
 * value yet, or the action was dropped.
 */
export function standingLine(
  locale: Locale,
  goal: UpdateContent["goal"],
  phase: UpdatePhase = "did",
): string | undefined {
  const metric = goal?.metric;
  if (!metric || metric.value === null || phase === "dropped") return undefined;
  const t = mailStrings[locale].update;
  const now = formatMetric(metric.kind, metric.value, locale, metric.unit);
  if (phase === "will") {
    return `${t.metricNames[metric.kind]} ${t.change.target(now, formatMetric(metric.kind, metric.target, locale, metric.unit))}`;
  }
  const from = formatMetric(metric.kind, metric.baseline, locale, metric.unit);
  const change =
    now === from
      ? t.change.same(now)
      : metric.value < metric.baseline
        ? t.change.down(now, from)
        : t.change.up(now, from);
  return `${t.metricNames[metric.kind]} ${change}`;
}

/**
 * Composes a "we will" or "you said, we did" update in the customer's locale, as text and HTML:
 * the customer's own words quoted back (each with its tracking link), staff's text, the goal and
 * where its metric stands. The subject holds no customer or staff text.
 */
export function composeUpdate(input: UpdateContent & { locale: Locale; name?: string }): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.update;
  const name = input.name === undefined ? "" : excerpt(singleLine(input.name), 80);
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: strings.common.greeting(name || undefined) },
    input.items.length === 0 && input.asked !== undefined
      ? { kind: "paragraph", text: strings.subscription.youAsked(singleLine(input.asked)) }
      : { kind: "paragraph", text: t.youSaid },
  ];
  const quoted = input.items.slice(0, MAX_QUOTES);
  for (const item of quoted) {
    blocks.push(
      { kind: "quote", text: excerpt(singleLine(item.message), quoteLength) },
      { kind: "link", lead: t.trackLead, label: t.trackLabel, url: item.trackingUrl },
    );
  }
  const more = input.more + input.items.length - quoted.length;
  if (more > 0) blocks.push({ kind: "paragraph", text: t.more(more) });
  blocks.push({ kind: "paragraph", text: t.lead[input.phase] }, { kind: "quote", text: singleLine(input.text) });
  if (input.goal) blocks.push({ kind: "paragraph", text: t.goal(singleLine(input.goal.title)) });
  const standing = standingLine(input.locale, input.goal, input.phase);
  if (standing) blocks.push({ kind: "paragraph", text: `${t.standingLead} ${standing}.` });
  blocks.push({ kind: "paragraph", text: t.closing[input.phase] });
  const subject = t.subject[input.phase];
  const document = {
    locale: input.locale,
    subject,
    blocks,
    unsubscribe: {
      lead: strings.common.unsubscribeLead,
      label: strings.common.unsubscribeLabel,
      url: input.unsubscribeUrl,
    },
  };
  return { subject, text: renderText(document), html: renderHtml(document) };
}
