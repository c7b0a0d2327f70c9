import type { MetricKind } from "../../entities/goal";
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
  /** "We will" (an action is planned) and "you said, we did" (it is done). */
  update: {
    subject: { will: string; did: string };
    /** Leads into the quote(s) of what the customer wrote. */
    youSaid: string;
    /** After the quotes, when more of the customer's messages are covered than quoted. */
    more: (count: number) => string;
    /** Leads into staff's text of what we will do / what we did. */
    lead: { will: string; did: string };
    /** Names the goal the action serves. */
    goal: (title: string) => string;
    /** Leads into where the goal's metric stands. */
    standingLead: string;
    metricNames: Record<MetricKind, string>;
    /** "6%, down from 10%": the value now against the baseline. */
    change: {
      down: (now: string, from: string) => string;
      up: (now: string, from: string) => string;
      same: (now: string) => string;
    };
    trackLead: string;
    trackLabel: string;
    closing: { will: string; did: string };
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
  update: {
    subject: { will: "What we are going to do about your feedback", did: "You said, we did" },
    youSaid: "You told us:",
    more: (count) =>
      count === 1
        ? "…and one more message from you about the same thing."
        : `…and ${count} more messages from you about the same thing.`,
    lead: { will: "Here is what we are going to do about it:", did: "Here is what we did about it:" },
    goal: (title) => `This is part of our goal “${title}”.`,
    standingLead: "Where it stands now:",
    metricNames: {
      nps: "NPS",
      csat: "customer satisfaction",
      complaint_share: "complaint share",
      count: "number of reports",
      measure: "measured value",
    },
    change: {
      down: (now, from) => `${now}, down from ${from}`,
      up: (now, from) => `${now}, up from ${from}`,
      same: (now) => `${now}, unchanged`,
    },
    trackLead: "You can follow your feedback here:",
    trackLabel: "Follow your feedback",
    closing: {
      will: "We will write to you again when it is done. Thank you for telling us.",
      did: "Thank you for telling us: your feedback made this happen.",
    },
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
  update: {
    subject: { will: "Wat we gaan doen met uw feedback", did: "U zei, wij deden" },
    youSaid: "U schreef ons:",
    more: (count) =>
      count === 1
        ? "…en nog één bericht van u over hetzelfde onderwerp."
        : `…en nog ${count} berichten van u over hetzelfde onderwerp.`,
    lead: { will: "Dit gaan we eraan doen:", did: "Dit hebben we eraan gedaan:" },
    goal: (title) => `Dit hoort bij ons doel „${title}”.`,
    standingLead: "Waar we nu staan:",
    metricNames: {
      nps: "NPS",
      csat: "klanttevredenheid",
      complaint_share: "klachtaandeel",
      count: "aantal meldingen",
      measure: "gemeten waarde",
    },
    change: {
      down: (now, from) => `${now}, gedaald van ${from}`,
      up: (now, from) => `${now}, gestegen van ${from}`,
      same: (now) => `${now}, ongewijzigd`,
    },
    trackLead: "Hier kunt u uw feedback volgen:",
    trackLabel: "Volg uw feedback",
    closing: {
      will: "We laten het u weten zodra het klaar is. Bedankt dat u het ons hebt verteld.",
      did: "Bedankt dat u het ons hebt verteld: dankzij uw feedback is dit gebeurd.",
    },
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
  update: {
    subject: { will: "Det här ska vi göra med dina synpunkter", did: "Du sa, vi gjorde" },
    youSaid: "Du skrev till oss:",
    more: (count) =>
      count === 1
        ? "…och ett meddelande till från dig om samma sak."
        : `…och ${count} meddelanden till från dig om samma sak.`,
    lead: { will: "Det här ska vi göra åt det:", did: "Det här har vi gjort åt det:" },
    goal: (title) => `Det är en del av vårt mål ”${title}”.`,
    standingLead: "Så här ligger vi till nu:",
    metricNames: {
      nps: "NPS",
      csat: "kundnöjdhet",
      complaint_share: "andel klagomål",
      count: "antal ärenden",
      measure: "uppmätt värde",
    },
    change: {
      down: (now, from) => `${now}, ned från ${from}`,
      up: (now, from) => `${now}, upp från ${from}`,
      same: (now) => `${now}, oförändrat`,
    },
    trackLead: "Här kan du följa dina synpunkter:",
    trackLabel: "Följ dina synpunkter",
    closing: {
      will: "Vi hör av oss igen när det är klart. Tack för att du berättade.",
      did: "Tack för att du berättade: tack vare dina synpunkter blev det här av.",
    },
  },
};

/** The mail strings for each supported locale. */
export const mailStrings: Record<Locale, MailStrings> = { en, nl, sv };
