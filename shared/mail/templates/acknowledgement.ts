import type { Locale } from "../../i18n/locales";
import { type MailBlock, type MailDocument, renderHtml, renderText } from "./layout";
import { mailStrings } from "./strings";
import { excerpt, singleLine } from "./text";

/** How much of the customer's message is quoted back: enough to recognise it, short enough to skim. */
export const quoteLength = 200;
const nameLength = 80;

/** What the acknowledgement needs; `name` and `message` are customer-written and untrusted. */
export interface AcknowledgementInput {
  locale: Locale;
  name?: string;
  message: string;
  trackingUrl: string;
  unsubscribeUrl: string;
}

/** A composed message body: the subject holds no customer text, so it is safe for a header as is. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** Composes the "thank you, we received your feedback" mail in the customer's locale, as text and HTML. */
export function composeAcknowledgement(input: AcknowledgementInput): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.acknowledgement;
  const name = input.name === undefined ? "" : excerpt(singleLine(input.name), nameLength);
  const quote = excerpt(singleLine(input.message), quoteLength);
  const blocks: MailBlock[] = [
    { kind: "paragraph", text: strings.common.greeting(name || undefined) },
    { kind: "paragraph", text: t.thanks },
  ];
  if (quote) blocks.push({ kind: "quote", text: quote });
  blocks.push(
    { kind: "paragraph", text: t.promise },
    { kind: "link", lead: t.trackLead, label: t.trackLabel, url: input.trackingUrl },
    { kind: "paragraph", text: t.closing },
  );
  const document: MailDocument = {
    locale: input.locale,
    subject: t.subject,
    blocks,
    unsubscribe: {
      lead: strings.common.unsubscribeLead,
      label: strings.common.unsubscribeLabel,
      url: input.unsubscribeUrl,
    },
  };
  return { subject: t.subject, text: renderText(document), html: renderHtml(document) };
}
