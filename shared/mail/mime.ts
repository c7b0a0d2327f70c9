import { createHash } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { safeUrl, singleLine } from "./templates/text";
import type { OutgoingMail } from "./types";

/** A message ready for any transport: the exact bytes, its Message-ID and the SMTP envelope. */
export interface BuiltMessage {
  raw: Buffer;
  /** With angle brackets, as in the header: `<local@domain>`. */
  messageId: string;
  envelope: { from: string; to: string[] };
}

const maxEncodedIdLength = 120;

/** Encodes a mail id as `[A-Za-z0-9_-]` only, for file names and Message-IDs (`ack#01J` → `ack_2301J`). */
export function encodeMailId(id: string): string {
  // Injective (each other character becomes `_` plus the hex of its UTF-8 bytes, `_` included), so
  // two different notifications can never share an outbox file and suppress each other.
  if (id === "") throw new Error("mail id is empty");
  const encoded = Array.from(id, (char) =>
    /^[A-Za-z0-9-]$/.test(char)
      ? char
      : Array.from(
          Buffer.from(char.toWellFormed(), "utf8"),
          (b) => `_${b.toString(16).toUpperCase().padStart(2, "0")}`,
        ).join(""),
  ).join("");
  if (encoded.length <= maxEncodedIdLength) return encoded;
  // Keeps file names and Message-ID local parts within limits while staying distinct.
  const digest = createHash("sha256").update(id).digest("hex").slice(0, 32);
  return `${encoded.slice(0, maxEncodedIdLength - digest.length - 1)}-${digest}`;
}

/** The single mailbox in a From setting such as `Feedback <feedback@example.com>`; throws when there is not exactly one. */
export function parseSender(from: string): { name: string; address: string } {
  const parsed = addressparser(from, { flatten: true });
  const [first] = parsed;
  if (parsed.length !== 1 || !first || !/^[^@\s]+@[^@\s]+$/.test(first.address)) {
    throw new Error("mail from must be one address, like `Feedback <feedback@example.com>`");
  }
  return { name: first.name, address: first.address };
}

/** The one mailbox of a Reply-To setting (`Support <support@example.com>` or a bare address); throws otherwise. */
export function parseReplyTo(replyTo: string): { name: string; address: string } {
  try {
    return parseSender(replyTo);
  } catch {
    throw new Error("mail reply-to must be one address, like `Support <support@example.com>`");
  }
}

/** The Message-ID for a mail id: `<{encoded id}@{domain of from}>`, so a resend carries the same one. */
export function messageIdFor(id: string, from: string): string {
  const domain = parseSender(from).address.split("@").pop() ?? "localhost";
  return `<${encodeMailId(id)}@${domain}>`;
}

// A bare addr-spec only: no display name, comment, group or list, so nothing a customer typed can
// add a recipient or a header.
const bareAddress = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/u;

/**
 * Builds the RFC 5322 message (UTF-8, multipart/alternative text + HTML) with the list and
 * auto-reply headers, and `Reply-To` when one is configured.
 */
export async function buildMimeMessage(
  mail: OutgoingMail,
  options: { from: string; replyTo?: string; date?: Date },
): Promise<BuiltMessage> {
  const sender = parseSender(options.from);
  const replyTo = options.replyTo === undefined ? undefined : parseReplyTo(options.replyTo);
  if (!bareAddress.test(mail.to) || /\p{Cc}/u.test(mail.to))
    throw new Error(`mail ${mail.id}: recipient is not one address`);
  const subject = singleLine(mail.subject);
  if (!subject) throw new Error(`mail ${mail.id}: subject is empty`);
  const unsubscribeUrl =
    mail.unsubscribeUrl === undefined ? undefined : safeUrl(mail.unsubscribeUrl, "unsubscribe URL");
  const toName = mail.toName === undefined ? "" : singleLine(mail.toName);
  const messageId = messageIdFor(mail.id, options.from);
  const envelope = { from: sender.address, to: [mail.to] };

  const composer = new MailComposer({
    from: sender,
    ...(replyTo ? { replyTo } : {}),
    to: toName ? { name: toName, address: mail.to } : mail.to,
    subject,
    messageId,
    date: options.date ?? new Date(),
    text: mail.text,
    html: mail.html,
    // Quoted-printable keeps the .eml files in the local outbox readable as they are.
    encoding: "quoted-printable",
    newline: "win",
    // Content is always given inline; nothing may make the composer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    headers: {
      ...(unsubscribeUrl
        ? {
            "List-Unsubscribe": { prepared: true, value: `<${unsubscribeUrl}>` },
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          }
        : {}),
      "Content-Language": mail.locale,
      "Auto-Submitted": "auto-generated",
    },
  });
  const raw = await composer.compile().build();
  return { raw, messageId, envelope };
}
