import type { Locale } from "../../i18n/locales";
import type { ComposedMail } from "./acknowledgement";
import { quoteLength } from "./acknowledgement";
import { type MailBlock, type MailDocument, renderHtml, renderText } from "./layout";
import { mailStrings } from "./strings";
import { excerpt, singleLine } from "./text";

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
