import { createTransport } from "nodemailer";
import { buildMimeMessage } from "../mime";
import type { MailTransport, OutgoingMail } from "../types";
import { MailSendError } from "./error";

/** A transport that sends through the SMTP server at `smtpUrl` (`smtp://user:pass@host:587`). */
export function createSmtpTransport(options: { from: string; smtpUrl: string }): MailTransport {
  // Handed over as raw bytes built here, so SMTP delivers exactly what the other transports would.
  // One transporter for the process: it holds the parsed settings; each send opens its own connection.
  const transporter = createTransport(options.smtpUrl);
  return {
    name: "smtp",
    async send(mail: OutgoingMail) {
      const built = await buildMimeMessage(mail, { from: options.from });
      try {
        await transporter.sendMail({ envelope: built.envelope, raw: built.raw });
      } catch (error) {
        throw new MailSendError("smtp", mail.id, error);
      }
      return { messageId: built.messageId };
    },
  };
}
