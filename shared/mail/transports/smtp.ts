import { createTransport } from "nodemailer";
import { buildMimeMessage } from "../mime";
import type { MailTransport, OutgoingMail } from "../types";
import { MailDeferredError, MailSendError } from "./error";

/** A transport that sends through the SMTP server at `smtpUrl` (`smtp://user:pass@host:587`). */
export function createSmtpTransport(options: { from: string; replyTo?: string; smtpUrl: string }): MailTransport {
  // Handed over as raw bytes built here, so SMTP delivers exactly what the other transports would.
  // One transporter for the process: it holds the parsed settings; each send opens its own connection.
  const transporter = createTransport(options.smtpUrl);
  return {
    name: "smtp",
    async send(mail: OutgoingMail) {
      const built = await buildMimeMessage(mail, { from: options.from, replyTo: options.replyTo });
      try {
        await transporter.sendMail({ envelope: built.envelope, raw: built.raw });
      } catch (error) {
        const later = smtpRefusalForNow(error);
        if (later) throw new MailDeferredError("smtp", mail.id, error, later.retryAfterSeconds, later.appliesToAll);
        throw new MailSendError("smtp", mail.id, error);
      }
      return { messageId: built.messageId };
    },
  };
}

/**
 * Whether the SMTP server refused for now because of a limit: 421 (the service is not available
 * now) or a 4xx reply that names a rate, quota or limit. Other 4xx replies (greylisting, a full
 * mailbox) are ordinary failed attempts, retried with backoff up to the bound.
 */
export function smtpRefusalForNow(error: unknown): { retryAfterSeconds: number; appliesToAll: boolean } | undefined {
  const { responseCode, response } = (error ?? {}) as { responseCode?: number; response?: string };
  if (typeof responseCode !== "number" || responseCode < 400 || responseCode >= 500) return undefined;
  const text = String(response ?? "");
  if (/quota|daily|per day/i.test(text)) return { retryAfterSeconds: 3600, appliesToAll: true };
  if (responseCode === 421 || /rate|too many|limit|exceeded|try (again )?later/i.test(text)) {
    return { retryAfterSeconds: 60, appliesToAll: responseCode === 421 };
  }
  return undefined;
}
