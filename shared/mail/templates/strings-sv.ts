import type { MailStrings } from "./strings-types";

/** Every sentence a customer or colleague can receive by mail, in Swedish. */
export const sv: MailStrings = {
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
