import type { MailStrings } from "./strings-types";

/** Every sentence a customer or colleague can receive by mail, in Dutch. */
export const nl: MailStrings = {
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
