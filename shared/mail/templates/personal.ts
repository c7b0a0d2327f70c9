import type { Locale } from "../../i18n/locales";
import type { ComposedMail } from "./acknowledgement";
import { quoteLength } from "./acknowledgement";
import { type MailBlock, renderHtml, renderText } from "./layout";
import { mailStrings } from "./strings";
import { excerpt, singleLine } from "./text";

/** What a personal message needs: the customer's own words (untrusted), staff's text, and links. */
export interface PersonalInput {
  kind: "ending" | "reply";
  locale: Locale;
  name?: string;
  message: string;
  /** Staff's words: what came of the feedback, or the reply. */
  text: string;
  trackingUrl: string;
  unsubscribeUrl: string;
}

/**
 * Composes what one customer is told personally about their feedback, in their locale: what came
 * of it when staff ended it by hand, or a reply. Their own words are quoted back; the subject holds
 * no customer or staff text.
 */
export function composePersonal(input: PersonalInput): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.personal;
  const name = input.name === undefined ? "" : excerpt(singleLine(input.name), 80);
  const quote = excerpt(singleLine(input.message), quoteLength);
  const blocks: MailBlock[] = [{ kind: "paragraph", text: strings.common.greeting(name || undefined) }];
  if (quote) blocks.push({ kind: "paragraph", text: t.youSaid }, { kind: "quote", text: quote });
  blocks.push(
    { kind: "paragraph", text: t.lead[input.kind] },
    { kind: "quote", text: input.text.trim() },
    { kind: "link", lead: t.trackLead, label: t.trackLabel, url: input.trackingUrl },
    { kind: "paragraph", text: t.closing[input.kind] },
  );
  const subject = t.subject[input.kind];
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

/**
 * The confirmation a visitor asked for when they subscribed to an action, in their language. It
 * carries no unsubscribe: nothing more is sent unless its link is followed.
 */
export function composeSubscription(input: { locale: Locale; title: string; confirmUrl: string }): ComposedMail {
  const strings = mailStrings[input.locale];
  const t = strings.subscription;
  const document = {
    locale: input.locale,
    subject: t.subject,
    blocks: [
      { kind: "paragraph", text: strings.common.greeting(undefined) },
      { kind: "paragraph", text: t.asked(singleLine(input.title)) },
      { kind: "link", lead: t.confirmLead, label: t.confirmLabel, url: input.confirmUrl },
      { kind: "paragraph", text: t.ignore },
    ] satisfies MailBlock[],
  };
  return { subject: t.subject, text: renderText(document), html: renderHtml(document) };
}
