import type { ComposedMail } from "./acknowledgement";
import { type MailDocument, renderHtml, renderText } from "./layout";

// Staff mail is in English, as the console is.

// Staff mail has no unsubscribe link: one click must never lock a staff member out of signing in.
const footnote =
  "You are receiving this email because this address belongs to staff of the feedback platform. An admin can change or remove staff addresses in the console.";

const render = (document: MailDocument): ComposedMail => ({
  subject: document.subject,
  text: renderText(document),
  html: renderHtml(document),
});

/** The mail that carries a magic sign-in link. */
export function composeSignIn(input: { url: string; validMinutes: number }): ComposedMail {
  return render({
    locale: "en",
    subject: "Your sign-in link",
    blocks: [
      { kind: "paragraph", text: "Hello," },
      {
        kind: "link",
        lead: `Use this link to sign in to the feedback console. It works once, within ${input.validMinutes} minutes, for anyone who has it, so do not forward this email:`,
        label: "Sign in",
        url: input.url,
      },
      {
        kind: "paragraph",
        text: `If you did not ask to sign in, ignore this email: the link stops working after ${input.validMinutes} minutes.`,
      },
    ],
    footnote,
  });
}

/** The mail that tells someone they have been invited to the console. */
export function composeInvitation(input: { url: string; role: string }): ComposedMail {
  return render({
    locale: "en",
    subject: "You have been invited to the feedback console",
    blocks: [
      { kind: "paragraph", text: "Hello," },
      {
        kind: "paragraph",
        text: `You have been invited to the feedback console as ${/^[aeiou]/.test(input.role) ? "an" : "a"} ${input.role}.`,
      },
      { kind: "link", lead: "Sign in with this address here:", label: "Open the console", url: input.url },
    ],
    footnote,
  });
}
