import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Locale } from "../../i18n/locales";
import { safeUrl } from "./text";

/** A piece of a mail body. All text is plain: the HTML renderer escapes it. */
export type MailBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "quote"; text: string }
  | { kind: "link"; lead: string; label: string; url: string };

/** A message kind's content, rendered the same way into the text and the HTML part. */
export interface MailDocument {
  locale: Locale;
  subject: string;
  blocks: MailBlock[];
  /** Why the recipient gets the mail, and the link that stops it (mail to customers). */
  unsubscribe?: { lead: string; label: string; url: string };
  /** Why the recipient gets the mail, for mail that no link may stop (staff sign-in). */
  footnote?: string;
}

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

// hono's `html` only goes async when handed a Promise or a callback-carrying value; we pass
// neither, so a Promise here would be a programming error rather than something to await.
function sync(markup: Markup): HtmlEscapedString {
  if (markup instanceof Promise) throw new Error("mail markup unexpectedly asynchronous");
  return markup;
}

function textBlock(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "quote":
      return block.text
        .split(/\r?\n/)
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    case "link":
      return `${block.lead}\n${safeUrl(block.url, "link URL")}`;
  }
}

/** The plain-text part: paragraphs, a `> ` quote, links spelled out, and an RFC 3676 signature separator before the footer. */
export function renderText(doc: MailDocument): string {
  const footer = doc.unsubscribe
    ? `-- \n${doc.unsubscribe.lead}\n${safeUrl(doc.unsubscribe.url, "unsubscribe URL")}`
    : doc.footnote && `-- \n${doc.footnote}`;
  return `${[...doc.blocks.map(textBlock), ...(footer ? [footer] : [])].join("\n\n")}\n`;
}

const styles = {
  body: "margin:0;padding:24px 12px;background:#f4f4f5;color:#18181b;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5",
  card: "max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px",
  quote: "margin:16px 0;padding:8px 16px;border-left:4px solid #d4d4d8;color:#3f3f46;white-space:pre-line",
  link: "color:#1d4ed8",
  footer: "max-width:560px;margin:16px auto 0;padding:0 24px;color:#71717a;font-size:13px",
};

function renderBlock(block: MailBlock): HtmlEscapedString {
  switch (block.kind) {
    case "paragraph":
      return sync(html`<p>${block.text}</p>`);
    case "quote":
      return sync(html`<blockquote style="${styles.quote}">${block.text}</blockquote>`);
    case "link":
      return sync(
        html`<p>${block.lead}<br><a href="${safeUrl(block.url, "link URL")}" style="${styles.link}">${block.label}</a></p>`,
      );
  }
}

/** The HTML part: a minimal, inline-styled document in which every text and URL is escaped by hono's `html`. */
export function renderHtml(doc: MailDocument): string {
  const footer = doc.unsubscribe
    ? html`<p style="${styles.footer}">${doc.unsubscribe.lead} <a href="${safeUrl(doc.unsubscribe.url, "unsubscribe URL")}" style="${styles.link}">${doc.unsubscribe.label}</a></p>`
    : doc.footnote
      ? html`<p style="${styles.footer}">${doc.footnote}</p>`
      : "";
  const markup = html`<!doctype html>
<html lang="${doc.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.subject}</title>
</head>
<body style="${styles.body}">
<div style="${styles.card}">
${doc.blocks.map(renderBlock)}
</div>
${footer}
</body>
</html>
`;
  return sync(markup).toString();
}
