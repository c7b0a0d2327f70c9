import type { MetricKind } from "../../entities/goal";
import type { DigestGoal } from "../../entities/notification";
import type { Locale } from "../../i18n/locales";
import type { ComposedMail } from "./acknowledgement";
import { quoteLength } from "./acknowledgement";
import { type MailBlock, type MailDocument, renderHtml, renderText } from "./layout";
import { mailStrings } from "./strings";
import { excerpt, singleLine } from "./text";
import { formatMetric } from "./update";

// Mail to staff members about people: in their own language (their staff record's, else the
// organisation's default). No link in it stops it; their preferences in the console do.

const render = (document: MailDocument): ComposedMail => ({
  subject: document.subject,
  text: renderText(document),
  html: renderHtml(document),
});

/**
 * A compliment routed to a person it praises: the customer's words quoted (untrusted: made one
 * line of plain text here, escaped by the HTML renderer), never the customer's name or address.
 */
export function composeCompliment(input: {
  locale: Locale;
  name?: string;
  message: string;
  from: "customer" | "colleague";
  department?: string;
  recognitionUrl: string;
}): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.people;
  const department = input.department ? excerpt(singleLine(input.department), 100) : undefined;
  return render({
    locale: input.locale,
    subject: t.compliment.subject,
    blocks: [
      {
        kind: "paragraph",
        text: strings.common.greeting(input.name ? excerpt(singleLine(input.name), 80) : undefined),
      },
      { kind: "paragraph", text: t.compliment.lead(input.from, department) },
      { kind: "quote", text: excerpt(singleLine(input.message), quoteLength * 4) },
      { kind: "paragraph", text: t.compliment.closing },
      { kind: "link", lead: t.recognitionLead, label: t.recognitionLabel, url: input.recognitionUrl },
    ] satisfies MailBlock[],
    footnote: t.footnote,
  });
}

/** Kudos from a colleague: who gave them (in the subject too: staff's own name), and why. */
export function composeKudos(input: {
  locale: Locale;
  name?: string;
  from: string;
  reason: string;
  recognitionUrl: string;
}): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.people;
  const from = excerpt(singleLine(input.from), 80);
  return render({
    locale: input.locale,
    subject: t.kudos.subject(from),
    blocks: [
      {
        kind: "paragraph",
        text: strings.common.greeting(input.name ? excerpt(singleLine(input.name), 80) : undefined),
      },
      { kind: "paragraph", text: t.kudos.lead(from) },
      { kind: "quote", text: input.reason.trim() },
      { kind: "paragraph", text: t.kudos.closing },
      { kind: "link", lead: t.recognitionLead, label: t.recognitionLabel, url: input.recognitionUrl },
    ] satisfies MailBlock[],
    footnote: t.footnote,
  });
}

/** The weekly digest of the goals someone owns or champions; its footer links their settings, where it is switched off. */
export function composeDigest(input: {
  locale: Locale;
  name?: string;
  week: string;
  goals: DigestGoal[];
  consoleUrl: string;
  settingsUrl: string;
}): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.people.digest;
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: strings.common.greeting(input.name ? excerpt(singleLine(input.name), 80) : undefined) },
    { kind: "paragraph", text: t.lead },
  ];
  for (const goal of input.goals) {
    const lines = [t.role[goal.role], t.newFeedback(goal.newFeedback)];
    if (goal.metric) {
      const { kind, unit, now, weekAgo, target } = goal.metric;
      const metricKind = kind as MetricKind;
      const format = (value: number) => formatMetric(metricKind, value, input.locale, unit);
      const name = strings.update.metricNames[metricKind] ?? kind;
      lines.push(
        t.metric(
          name.charAt(0).toUpperCase() + name.slice(1),
          now === null ? t.noValue : format(now),
          weekAgo === null ? undefined : format(weekAgo),
          format(target),
        ),
      );
    }
    lines.push(t.told(goal.told));
    lines.push(
      ...(goal.overdue.length === 0
        ? [t.noOverdue]
        : goal.overdue.map((a) => t.overdue(excerpt(singleLine(a.title), 120), a.dueDate))),
    );
    blocks.push(
      { kind: "paragraph", text: `“${excerpt(singleLine(goal.title), 120)}”` },
      { kind: "quote", text: lines.join("\n") },
    );
  }
  blocks.push({ kind: "link", lead: t.consoleLead, label: t.consoleLabel, url: input.consoleUrl });
  const subject = t.subject(input.week);
  return render({
    locale: input.locale,
    subject,
    blocks,
    unsubscribe: { lead: t.offLead, label: t.offLabel, url: input.settingsUrl },
  });
}

/** An alert: a detractor or a complaint on a topic or department the recipient subscribed to. */
export function composeAlert(input: {
  locale: Locale;
  name?: string;
  message: string;
  kind: string;
  score?: { type: string; value: number };
  topic?: string;
  department?: string;
  itemUrl: string;
  settingsUrl: string;
}): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.people.alert;
  const about = [
    ...(input.topic ? [t.topic(excerpt(singleLine(input.topic), 100))] : []),
    ...(input.department ? [t.department(excerpt(singleLine(input.department), 100))] : []),
  ].join(" ");
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: strings.common.greeting(input.name ? excerpt(singleLine(input.name), 80) : undefined) },
    { kind: "paragraph", text: t.lead(about) },
    { kind: "quote", text: excerpt(singleLine(input.message), quoteLength * 4) },
  ];
  if (input.score) blocks.push({ kind: "paragraph", text: t.score(input.score.type, input.score.value) });
  blocks.push({ kind: "link", lead: t.itemLead, label: t.itemLabel, url: input.itemUrl });
  const subject = input.kind === "complaint" ? t.subject.complaint : t.subject.detractor;
  return render({
    locale: input.locale,
    subject,
    blocks,
    unsubscribe: { lead: t.offLead, label: t.offLabel, url: input.settingsUrl },
  });
}
