import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { buildMimeMessage } from "../mime";
import type { MailTransport, OutgoingMail } from "../types";
import { MailSendError } from "./error";

/** A transport that sends the raw message through Amazon SES v2 and returns SES's MessageId. */
export function createSesTransport(options: {
  from: string;
  configurationSet?: string;
  client?: SESv2Client;
}): MailTransport {
  // Raw content, so the List-Unsubscribe and other headers built here reach the recipient
  // unchanged. SES's own MessageId is returned because its bounce and complaint events use it.
  const client = options.client ?? new SESv2Client({});
  return {
    name: "ses",
    async send(mail: OutgoingMail) {
      const built = await buildMimeMessage(mail, { from: options.from });
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
        throw new MailSendError("ses", mail.id, error);
      }
    },
  };
}
