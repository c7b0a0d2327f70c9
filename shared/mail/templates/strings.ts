import type { Locale } from "../../i18n/locales";

/**
 * Every sentence a customer can receive by mail, one object per locale. Shared lines sit under
 * `common`; each message kind gets its own key, so a new kind ("we will", "we did") adds a key to
 * the interface and the compiler points at every locale that still lacks it.
 */
export interface MailStrings {
  common: {
    greeting: (name?: string) => string;
    /** Why the recipient gets this mail, followed by the unsubscribe link. */
    unsubscribeLead: string;
    unsubscribeLabel: string;
  };
  acknowledgement: {
    subject: string;
    /** Leads into the quote of what the customer wrote. */
    thanks: string;
    promise: string;
    trackLead: string;
    trackLabel: string;
    closing: string;
  };
}

const en: MailStrings = {
  common: {
    greeting: (name) => (name ? `Hello ${name},` : "Hello,"),
    unsubscribeLead:
      "You are receiving this email because you sent us feedback. If you would rather not hear from us about it, you can unsubscribe:",
    unsubscribeLabel: "Unsubscribe",
  },
  acknowledgement: {
    subject: "Thank you for your feedback",
    thanks: "Thank you for taking the time to tell us what you think. We have received your message:",
    promise: "We read every message, and we will let you know what we do with yours.",
    trackLead: "You can follow what happens with it here:",
    trackLabel: "Follow your feedback",
    closing: "Thank you for helping us improve.",
  },
};

const nl: MailStrings = {
  common: {
    greeting: (name) => (name ? `Beste ${name},` : "Hallo,"),
    unsubscribeLead:
      "U ontvangt deze e-mail omdat u ons feedback hebt gestuurd. Wilt u hierover liever geen berichten meer ontvangen? Dan kunt u zich afmelden:",
    unsubscribeLabel: "Afmelden",
  },
  acknowledgement: {
    subject: "Bedankt voor uw feedback",
    thanks: "Hartelijk dank dat u de tijd hebt genomen om ons uw mening te geven. We hebben uw bericht ontvangen:",
    promise: "We lezen elk bericht en laten u weten wat we ermee doen.",
    trackLead: "Hier kunt u volgen wat ermee gebeurt:",
    trackLabel: "Volg uw feedback",
    closing: "Bedankt dat u ons helpt beter te worden.",
  },
};

const sv: MailStrings = {
  common: {
    greeting: (name) => (name ? `Hej ${name},` : "Hej,"),
    unsubscribeLead:
      "Du får det här mejlet eftersom du har skickat synpunkter till oss. Vill du inte få fler mejl om dem kan du avregistrera dig:",
    unsubscribeLabel: "Avregistrera dig",
  },
  acknowledgement: {
    subject: "Tack för dina synpunkter",
    thanks: "Tack för att du tog dig tid att berätta vad du tycker. Vi har tagit emot ditt meddelande:",
    promise: "Vi läser allt som kommer in och berättar för dig vad vi gör med det du skrev.",
    trackLead: "Här kan du följa vad som händer:",
    trackLabel: "Följ dina synpunkter",
    closing: "Tack för att du hjälper oss att bli bättre.",
  },
};

/** The mail strings for each supported locale. */
export const mailStrings: Record<Locale, MailStrings> = { en, nl, sv };
