import type { Locale } from "../i18n/locales";

/** One message ready to send: composed, localised, with its unsubscribe link when it has one. */
export interface OutgoingMail {
  /**
   * Stable id of what this message is for (the notification's purpose, e.g. `ack#01J...`): the
   * same notification always yields the same id, which the transports use for the Message-ID and
   * the outbox file name, so a repeated send can be recognised.
   */
  id: string;
  to: string;
  /** The recipient's display name, when known. */
  toName?: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  /**
   * RFC 2369 / RFC 8058: the https link that unsubscribes on GET (page) and on POST (one click).
   * Mail to customers has one; staff sign-in and invitation mail has none.
   */
  unsubscribeUrl?: string;
}

/** Sends composed mail: `outbox` (.eml files), `smtp` (nodemailer) or `ses` (SES v2). */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}
