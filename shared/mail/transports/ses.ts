import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { buildMimeMessage } from "../mime";
import type { MailTransport, OutgoingMail } from "../types";
import { MailDeferredError, MailSendError } from "./error";

/** A transport that sends the raw message through Amazon SES v2 and returns SES's MessageId. */
export function createSesTransport(options: {
  from: string;
  replyTo?: string;
  configurationSet?: string;
  client?: SESv2Client;
}): MailTransport {
  // Raw content, so the List-Unsubscribe and other headers built here reach the recipient
  // unchanged. SES's own MessageId is returned because its bounce and complaint events use it.
  const client = options.client ?? new SESv2Client({});
  return {
    name: "ses",
    async send(mail: OutgoingMail) {
      const built = await buildMimeMessage(mail, { from: options.from, replyTo: options.replyTo });
      try {
        const result = await client.send(
          new SendEmailCommand({
            FromEmailAddress: built.envelope.from,
            Destination: { ToAddresses: built.envelope.to },
            Content: { Raw: { Data: built.raw } },
            ConfigurationSetName: options.configurationSet || undefined,
          }),
        );
        return { messageId: result.MessageId ?? built.messageId };
      } catch (error) {
        const later = sesRefusalForNow(error);
        if (later) throw new MailDeferredError("ses", mail.id, error, later.retryAfterSeconds, later.appliesToAll);
        throw new MailSendError("ses", mail.id, error);
      }
    },
  };
}

/**
 * Whether SES refused for now: the sending rate (throttling) or the day's quota is used up, or
 * sending is paused for the account. Retrying at once cannot help; trying later will.
 */
export function sesRefusalForNow(error: unknown): { retryAfterSeconds: number; appliesToAll: boolean } | undefined {
  if (!(error instanceof Error)) return undefined;
  const text = `${error.name} ${error.message}`;
  if (/daily message quota|sending quota|LimitExceeded/i.test(text))
    return { retryAfterSeconds: 3600, appliesToAll: true };
  if (/SendingPaused|AccountSuspended/i.test(text)) return { retryAfterSeconds: 3600, appliesToAll: true };
  if (/TooManyRequests|Throttl|maximum sending rate/i.test(text)) return { retryAfterSeconds: 2, appliesToAll: false };
  return undefined;
}
