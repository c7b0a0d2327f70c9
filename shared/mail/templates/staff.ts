import type { ComposedMail } from "./acknowledgement";
import { type MailDocument, renderHtml, renderText } from "./layout";

// Staff mail is in English, as the console is.

const unsubscribe = (url: string) => ({
  lead: "You are receiving this email because this address is staff of the feedback platform. To receive no more email from it, unsubscribe (you will no longer get sign-in links):",
  label: "Unsubscribe",
  url,
});

const render = (document: MailDocument): ComposedMail => ({
  subject: document.subject,
  text: renderText(document),
  html: renderHtml(document),
});

/** The mail that carries a magic sign-in link. */
export function composeSignIn(input: { url: string; validMinutes: number; unsubscribeUrl: string }): ComposedMail {
  return render({
    locale: "en",
    subject: "Your sign-in link",
    blocks: [
      { kind: "paragraph", text: "Hello," },
      {
        kind: "link",
        lead: `Use this link to sign in to the feedback console. It works once, within ${input.validMinutes} minutes:`,
        label: "Sign in",
        url: input.url,
      },
      {
        kind: "paragraph",
        text: "If you did not ask to sign in, you can ignore this email: nobody can use the link but you.",
      },
    ],
    unsubscribe: unsubscribe(input.unsubscribeUrl),
  });
}

/** The mail that tells someone they have been invited to the console. */
export function composeInvitation(input: { url: string; role: string; unsubscribeUrl: string }): ComposedMail {
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
    unsubscribe: unsubscribe(input.unsubscribeUrl),
  });
}
