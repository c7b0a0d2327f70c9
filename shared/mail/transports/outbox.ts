import { randomUUID } from "node:crypto";
import { link, mkdir, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildMimeMessage, encodeMailId, messageIdFor } from "../mime";
import type { MailTransport, OutgoingMail } from "../types";
import { MailSendError } from "./error";

/** Where the outbox transport puts (or found) the message with this id. */
export function outboxFile(outboxDir: string, mailId: string): string {
  return join(outboxDir, `${encodeMailId(mailId)}.eml`);
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}

/** A transport that writes each message to `<outboxDir>/<encoded id>.eml`, once per mail id. */
export function createOutboxTransport(options: { from: string; replyTo?: string; outboxDir: string }): MailTransport {
  // A file that already exists means the message was sent before, so the send succeeds without
  // writing: repeating a notification is a no-op locally, as the stable id intends.
  return {
    name: "outbox",
    async send(mail: OutgoingMail) {
      const file = outboxFile(options.outboxDir, mail.id);
      const messageId = messageIdFor(mail.id, options.from);
      try {
        await stat(file);
        return { messageId };
      } catch (error) {
        if (!hasCode(error, "ENOENT")) throw new MailSendError("outbox", mail.id, error);
      }
      const built = await buildMimeMessage(mail, { from: options.from, replyTo: options.replyTo });
      // Written whole under a name no reader looks for, then linked into place: a reader never sees
      // half a message, and link(2), unlike rename, fails when the target exists, so of two racing
      // sends exactly one wins.
      const temp = join(options.outboxDir, `.${encodeMailId(mail.id)}.${randomUUID()}.tmp`);
      try {
        await mkdir(options.outboxDir, { recursive: true });
        await writeFile(temp, built.raw, { flag: "wx" });
        try {
          await link(temp, file);
        } catch (error) {
          if (!hasCode(error, "EEXIST")) throw error;
        }
      } catch (error) {
        throw new MailSendError("outbox", mail.id, error);
      } finally {
        await unlink(temp).catch(() => {});
      }
      return { messageId: built.messageId };
    },
  };
}
