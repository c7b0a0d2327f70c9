import type { MailStrings } from "./strings-types";

/** Every sentence a customer or colleague can receive by mail, in English. */
export const en: MailStrings = {
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
