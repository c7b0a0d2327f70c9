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

/**
 * The mail service refused a message for now, not for good: its sending rate or its daily quota
 * is used up, or sending is paused. Trying later is the answer; such a refusal spends no attempt.
 */
export class MailDeferredError extends MailSendError {
  constructor(
    transport: string,
    mailId: string,
    cause: unknown,
    /** How long to wait before the next try. */
    readonly retryAfterSeconds: number,
    /** Whether the refusal holds for every message (a quota), not just this one (a rate). */
    readonly appliesToAll: boolean,
  ) {
    super(transport, mailId, cause);
    this.name = "MailDeferredError";
  }
}
