import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { Config } from "../config";
import { parseReplyTo, parseSender } from "./mime";
import { createOutboxTransport } from "./transports/outbox";
import { createSesTransport } from "./transports/ses";
import { createSmtpTransport } from "./transports/smtp";
import type { MailTransport } from "./types";

export { MailDeferredError, MailSendError } from "./transports/error";

/**
 * The transport the configuration names; throws at once on a From, Reply-To or SMTP setting that
 * could never send.
 */
export function createMailTransport(config: Config["mail"], options: { sesClient?: SESv2Client } = {}): MailTransport {
  // Fail at start-up rather than on the first customer's mail.
  parseSender(config.from);
  if (config.replyTo !== undefined) parseReplyTo(config.replyTo);
  const headers = { from: config.from, replyTo: config.replyTo };
  switch (config.transport) {
    case "outbox":
      return createOutboxTransport({ ...headers, outboxDir: config.outboxDir });
    case "smtp":
      if (!config.smtpUrl) throw new Error("mail transport smtp needs an SMTP URL (SMTP_URL)");
      return createSmtpTransport({ ...headers, smtpUrl: config.smtpUrl });
    case "ses":
      return createSesTransport({
        ...headers,
        configurationSet: config.sesConfigurationSet,
        client: options.sesClient,
      });
  }
}
