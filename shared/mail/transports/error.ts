/** A transport could not hand a message over; the caller may retry the send. */
export class MailSendError extends Error {
  // Only for the hand-over itself (disk, SMTP server, SES). Invalid mail, such as a recipient that is
  // not one address, is a plain Error from the MIME builder, since retrying it cannot help. A retry
  // after an ambiguous failure (a timeout after SMTP DATA) can deliver twice; the stable Message-ID
  // lets mail clients recognise the copy.
  constructor(
    readonly transport: string,
    readonly mailId: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${transport} transport could not send mail ${mailId}: ${reason}`, { cause });
    this.name = "MailSendError";
  }
}
