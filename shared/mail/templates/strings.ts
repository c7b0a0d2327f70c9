import type { UpdatePhase } from "../../db/keys";
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
    subject: Record<UpdatePhase, string>;
    /** Leads into the quote(s) of what the customer wrote. */
    youSaid: string;
    /** After the quotes, when more of the customer's messages are covered than quoted. */
    more: (count: number) => string;
    /** Leads into staff's text of what we will do / what we did. */
    lead: Record<UpdatePhase, string>;
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
      /** Before any work is done: the value now against the target, claiming no progress. */
      target: (now: string, target: string) => string;
    };
    trackLead: string;
    trackLabel: string;
    closing: Record<UpdatePhase, string>;
  };
  /** The confirmation a visitor asked for, and the line that opens an update to them. */
  subscription: {
    subject: string;
    /** "You asked to be told about “…”." */
    asked: (title: string) => string;
    confirmLead: string;
    confirmLabel: string;
    /** For whoever did not ask. */
    ignore: string;
    /** Opens an update to someone who asked to be told (they wrote no feedback to quote). */
    youAsked: (title: string) => string;
  };
  /** What came of an item that staff ended by hand, and a personal reply. */
  personal: {
    subject: { ending: string; reply: string };
    /** Leads into the quote of what the customer wrote. */
    youSaid: string;
    lead: { ending: string; reply: string };
    trackLead: string;
    trackLabel: string;
    closing: { ending: string; reply: string };
  };
  /** Mail to staff members in their own language: compliments routed to them, kudos. */
  people: {
    /** Why a staff member gets this mail; no link in it stops it (their preferences do). */
    footnote: string;
    compliment: {
      subject: string;
      /** Leads into the quote of the compliment: from a customer, or a colleague (of a department). */
      lead: (from: "customer" | "colleague", department?: string) => string;
      closing: string;
    };
    kudos: {
      subject: (from: string) => string;
      lead: (from: string) => string;
      closing: string;
    };
    /** The link to the console's recognition page. */
    recognitionLead: string;
    recognitionLabel: string;
    digest: {
      subject: (week: string) => string;
      lead: string;
      role: { owner: string; ambassador: string };
      newFeedback: (n: number) => string;
      /** "Complaint share: 6%, a week ago 10% (target 5%)". */
      metric: (name: string, now: string, weekAgo: string | undefined, target: string) => string;
      noValue: string;
      told: (n: number) => string;
      overdue: (title: string, dueDate: string) => string;
      noOverdue: string;
      consoleLead: string;
      consoleLabel: string;
      /** The digest's own off switch. */
      offLead: string;
      offLabel: string;
    };
    alert: {
      subject: { detractor: string; complaint: string };
      lead: (about: string) => string;
      topic: (topic: string) => string;
      department: (department: string) => string;
      score: (type: string, value: number) => string;
      itemLead: string;
      itemLabel: string;
      offLead: string;
      offLabel: string;
    };
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
    subject: {
      will: "What we are going to do about your feedback",
      did: "You said, we did",
      dropped: "A change to what we planned after your feedback",
    },
    youSaid: "You told us:",
    more: (count) =>
      count === 1
        ? "…and one more message from you about the same thing."
        : `…and ${count} more messages from you about the same thing.`,
    lead: {
      will: "Here is what we are going to do about it:",
      did: "Here is what we did about it:",
      dropped: "We wrote to you about what we planned to do about it. That will not happen after all, and this is why:",
    },
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
      target: (now, target) => `${now}; our target is ${target}`,
    },
    trackLead: "You can follow your feedback here:",
    trackLabel: "Follow your feedback",
    closing: {
      will: "We will write to you again when it is done. Thank you for telling us.",
      did: "Thank you for telling us: your feedback made this happen.",
      dropped: "We are sorry. Thank you for telling us: your feedback stays with us.",
    },
  },
  subscription: {
    subject: "Confirm that you want to hear from us",
    asked: (title) => `You asked us to tell you what happens with “${title}”.`,
    confirmLead: "Confirm it here, and we will write to you when there is news:",
    confirmLabel: "Yes, keep me posted",
    ignore: "If you did not ask for this, ignore this email: without your confirmation we will not write again.",
    youAsked: (title) => `You asked us to keep you posted about “${title}”.`,
  },
  personal: {
    subject: { ending: "What came of your feedback", reply: "A reply to your feedback" },
    youSaid: "You told us:",
    lead: { ending: "Here is what came of it:", reply: "Our reply:" },
    trackLead: "You can follow your feedback here:",
    trackLabel: "Follow your feedback",
    closing: { ending: "Thank you for telling us.", reply: "Thank you for your feedback." },
  },
  people: {
    footnote:
      "You are receiving this email because you work with the feedback platform. You can choose the language of these emails in the console, under My settings.",
    compliment: {
      subject: "A compliment for you",
      lead: (from, department) =>
        from === "colleague"
          ? department
            ? `A colleague from ${department} sent us a compliment about you:`
            : "A colleague sent us a compliment about you:"
          : "A customer sent us a compliment about you:",
      closing: "Thank you for the work behind it.",
    },
    kudos: {
      subject: (from) => `Kudos from ${from}`,
      lead: (from) => `${from} gave you kudos:`,
      closing: "Well done.",
    },
    recognitionLead: "Everything you and your colleagues received is on the recognition page:",
    recognitionLabel: "Open recognition",
    digest: {
      subject: (week) => `Your goals this week (${week})`,
      lead: "Here is what happened last week in the goals you own or champion.",
      role: { owner: "You own this goal.", ambassador: "You champion this goal." },
      newFeedback: (n) => (n === 1 ? "1 new piece of feedback linked." : `${n} new pieces of feedback linked.`),
      metric: (name, now, weekAgo, target) =>
        `${name}: ${now}${weekAgo === undefined ? "" : `, a week ago ${weekAgo}`} (target ${target}).`,
      noValue: "no value yet",
      told: (n) =>
        n === 1
          ? "1 customer was told what came of their feedback."
          : `${n} customers were told what came of their feedback.`,
      overdue: (title, dueDate) => `Overdue: “${title}”, due ${dueDate}.`,
      noOverdue: "No action is overdue.",
      consoleLead: "See it all in the console:",
      consoleLabel: "Open My goals",
      offLead: "You get this digest every Monday. You can switch it off in your settings:",
      offLabel: "My settings",
    },
    alert: {
      subject: { detractor: "A detractor needs your attention", complaint: "A complaint needs your attention" },
      lead: (about) => `New feedback ${about} came in:`,
      topic: (topic) => `on “${topic}”`,
      department: (department) => `from ${department}`,
      score: (type, value) => `Score: ${type.toUpperCase()} ${value}.`,
      itemLead: "Open it in the console:",
      itemLabel: "Open the feedback",
      offLead:
        "You get this because you subscribed to alerts for this topic or department. Change that in your settings:",
      offLabel: "My settings",
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
    subject: {
      will: "Wat we gaan doen met uw feedback",
      did: "U zei, wij deden",
      dropped: "Een wijziging in wat we na uw feedback van plan waren",
    },
    youSaid: "U schreef ons:",
    more: (count) =>
      count === 1
        ? "…en nog één bericht van u over hetzelfde onderwerp."
        : `…en nog ${count} berichten van u over hetzelfde onderwerp.`,
    lead: {
      will: "Dit gaan we eraan doen:",
      did: "Dit hebben we eraan gedaan:",
      dropped: "We schreven u wat we eraan wilden doen. Dat gaat toch niet door, en dit is waarom:",
    },
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
      target: (now, target) => `${now}; ons doel is ${target}`,
    },
    trackLead: "Hier kunt u uw feedback volgen:",
    trackLabel: "Volg uw feedback",
    closing: {
      will: "We laten het u weten zodra het klaar is. Bedankt dat u het ons hebt verteld.",
      did: "Bedankt dat u het ons hebt verteld: dankzij uw feedback is dit gebeurd.",
      dropped: "Het spijt ons. Bedankt dat u het ons hebt verteld: uw feedback blijft bij ons.",
    },
  },
  subscription: {
    subject: "Bevestig dat u van ons wilt horen",
    asked: (title) => `U vroeg ons u te laten weten wat er gebeurt met „${title}”.`,
    confirmLead: "Bevestig het hier, dan schrijven we u zodra er nieuws is:",
    confirmLabel: "Ja, houd me op de hoogte",
    ignore: "Hebt u hier niet om gevraagd? Negeer dan deze e-mail: zonder uw bevestiging schrijven we u niet meer.",
    youAsked: (title) => `U vroeg ons u op de hoogte te houden van „${title}”.`,
  },
  personal: {
    subject: { ending: "Wat er met uw feedback is gebeurd", reply: "Een reactie op uw feedback" },
    youSaid: "U schreef ons:",
    lead: { ending: "Dit is ermee gebeurd:", reply: "Onze reactie:" },
    trackLead: "Hier kunt u uw feedback volgen:",
    trackLabel: "Volg uw feedback",
    closing: { ending: "Bedankt dat u het ons hebt verteld.", reply: "Bedankt voor uw feedback." },
  },
  people: {
    footnote:
      "U ontvangt deze e-mail omdat u met het feedbackplatform werkt. De taal van deze e-mails kiest u in de console, onder Mijn instellingen.",
    compliment: {
      subject: "Een compliment voor u",
      lead: (from, department) =>
        from === "colleague"
          ? department
            ? `Een collega van ${department} stuurde ons een compliment over u:`
            : "Een collega stuurde ons een compliment over u:"
          : "Een klant stuurde ons een compliment over u:",
      closing: "Dank voor het werk dat erachter zit.",
    },
    kudos: {
      subject: (from) => `Kudos van ${from}`,
      lead: (from) => `${from} gaf u kudos:`,
      closing: "Goed gedaan.",
    },
    recognitionLead: "Alles wat u en uw collega's ontvingen, staat op de pagina Waardering:",
    recognitionLabel: "Open Waardering",
    digest: {
      subject: (week) => `Uw doelen deze week (${week})`,
      lead: "Dit gebeurde vorige week bij de doelen waarvan u eigenaar of ambassadeur bent.",
      role: { owner: "U bent eigenaar van dit doel.", ambassador: "U bent ambassadeur van dit doel." },
      newFeedback: (n) => (n === 1 ? "1 nieuwe feedback gekoppeld." : `${n} nieuwe feedback gekoppeld.`),
      metric: (name, now, weekAgo, target) =>
        `${name}: ${now}${weekAgo === undefined ? "" : `, een week geleden ${weekAgo}`} (doel ${target}).`,
      noValue: "nog geen waarde",
      told: (n) =>
        n === 1
          ? "1 klant hoorde wat er met de feedback gebeurde."
          : `${n} klanten hoorden wat er met hun feedback gebeurde.`,
      overdue: (title, dueDate) => `Te laat: „${title}”, gepland voor ${dueDate}.`,
      noOverdue: "Geen actie is te laat.",
      consoleLead: "Alles staat in de console:",
      consoleLabel: "Open Mijn doelen",
      offLead: "U krijgt dit overzicht elke maandag. U kunt het uitzetten in uw instellingen:",
      offLabel: "Mijn instellingen",
    },
    alert: {
      subject: { detractor: "Een criticus vraagt uw aandacht", complaint: "Een klacht vraagt uw aandacht" },
      lead: (about) => `Er kwam nieuwe feedback binnen ${about}:`,
      topic: (topic) => `over „${topic}”`,
      department: (department) => `van ${department}`,
      score: (type, value) => `Score: ${type.toUpperCase()} ${value}.`,
      itemLead: "Open het in de console:",
      itemLabel: "Open de feedback",
      offLead:
        "U krijgt dit omdat u meldingen voor dit onderwerp of deze afdeling hebt aangezet. Wijzig dat in uw instellingen:",
      offLabel: "Mijn instellingen",
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
    subject: {
      will: "Det här ska vi göra med dina synpunkter",
      did: "Du sa, vi gjorde",
      dropped: "En ändring i det vi planerade efter dina synpunkter",
    },
    youSaid: "Du skrev till oss:",
    more: (count) =>
      count === 1
        ? "…och ett meddelande till från dig om samma sak."
        : `…och ${count} meddelanden till från dig om samma sak.`,
    lead: {
      will: "Det här ska vi göra åt det:",
      did: "Det här har vi gjort åt det:",
      dropped: "Vi skrev till dig om vad vi tänkte göra åt det. Det blir inte av, och det här är skälet:",
    },
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
      target: (now, target) => `${now}; vårt mål är ${target}`,
    },
    trackLead: "Här kan du följa dina synpunkter:",
    trackLabel: "Följ dina synpunkter",
    closing: {
      will: "Vi hör av oss igen när det är klart. Tack för att du berättade.",
      did: "Tack för att du berättade: tack vare dina synpunkter blev det här av.",
      dropped: "Vi beklagar. Tack för att du berättade: dina synpunkter finns kvar hos oss.",
    },
  },
  subscription: {
    subject: "Bekräfta att du vill höra från oss",
    asked: (title) => `Du bad oss berätta vad som händer med ”${title}”.`,
    confirmLead: "Bekräfta här, så skriver vi till dig när det finns nyheter:",
    confirmLabel: "Ja, håll mig uppdaterad",
    ignore: "Om du inte bad om detta kan du strunta i mejlet: utan din bekräftelse skriver vi inte igen.",
    youAsked: (title) => `Du bad oss hålla dig uppdaterad om ”${title}”.`,
  },
  personal: {
    subject: { ending: "Vad som hände med dina synpunkter", reply: "Ett svar på dina synpunkter" },
    youSaid: "Du skrev till oss:",
    lead: { ending: "Så här blev det:", reply: "Vårt svar:" },
    trackLead: "Här kan du följa dina synpunkter:",
    trackLabel: "Följ dina synpunkter",
    closing: { ending: "Tack för att du berättade.", reply: "Tack för dina synpunkter." },
  },
  people: {
    footnote:
      "Du får det här mejlet eftersom du arbetar med feedbackplattformen. Språket för de här mejlen väljer du i konsolen, under Mina inställningar.",
    compliment: {
      subject: "En komplimang till dig",
      lead: (from, department) =>
        from === "colleague"
          ? department
            ? `En kollega från ${department} skickade oss en komplimang om dig:`
            : "En kollega skickade oss en komplimang om dig:"
          : "En kund skickade oss en komplimang om dig:",
      closing: "Tack för arbetet bakom den.",
    },
    kudos: {
      subject: (from) => `Kudos från ${from}`,
      lead: (from) => `${from} gav dig kudos:`,
      closing: "Bra jobbat.",
    },
    recognitionLead: "Allt som du och dina kollegor fått finns på sidan Uppskattning:",
    recognitionLabel: "Öppna Uppskattning",
    digest: {
      subject: (week) => `Dina mål den här veckan (${week})`,
      lead: "Så här gick förra veckan för de mål du äger eller är ambassadör för.",
      role: { owner: "Du äger det här målet.", ambassador: "Du är ambassadör för det här målet." },
      newFeedback: (n) => (n === 1 ? "1 ny synpunkt kopplad." : `${n} nya synpunkter kopplade.`),
      metric: (name, now, weekAgo, target) =>
        `${name}: ${now}${weekAgo === undefined ? "" : `, för en vecka sedan ${weekAgo}`} (mål ${target}).`,
      noValue: "inget värde ännu",
      told: (n) =>
        n === 1
          ? "1 kund fick veta vad som hände med sina synpunkter."
          : `${n} kunder fick veta vad som hände med sina synpunkter.`,
      overdue: (title, dueDate) => `Försenad: ”${title}”, skulle vara klar ${dueDate}.`,
      noOverdue: "Ingen åtgärd är försenad.",
      consoleLead: "Allt finns i konsolen:",
      consoleLabel: "Öppna Mina mål",
      offLead: "Du får den här sammanfattningen varje måndag. Du kan stänga av den i dina inställningar:",
      offLabel: "Mina inställningar",
    },
    alert: {
      subject: {
        detractor: "En kritiker behöver din uppmärksamhet",
        complaint: "Ett klagomål behöver din uppmärksamhet",
      },
      lead: (about) => `Nya synpunkter ${about} har kommit in:`,
      topic: (topic) => `om ”${topic}”`,
      department: (department) => `från ${department}`,
      score: (type, value) => `Betyg: ${type.toUpperCase()} ${value}.`,
      itemLead: "Öppna dem i konsolen:",
      itemLabel: "Öppna synpunkterna",
      offLead:
        "Du får det här eftersom du prenumererar på varningar för det här ämnet eller den här avdelningen. Ändra det i dina inställningar:",
      offLabel: "Mina inställningar",
    },
  },
};

/** The mail strings for each supported locale. */
export const mailStrings: Record<Locale, MailStrings> = { en, nl, sv };
