import type { UpdatePhase } from "../../db/keys";
import type { MetricKind } from "../../entities/goal";

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
