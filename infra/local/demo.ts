import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createAction, linkFeedbackToAction, updateAction } from "../../shared/actions/service";
import { confirmSubscription, requestSubscription } from "../../shared/actions/subscribe";
import { ensureConfiguredAdmin } from "../../shared/auth/first-admin";
import type { Principal } from "../../shared/auth/principal";
import { keys } from "../../shared/db/keys";
import type { Deps } from "../../shared/deps";
import { settableStatuses } from "../../shared/entities/feedback";
import type { Role, Staff } from "../../shared/entities/staff";
import { submitFeedback } from "../../shared/feedback/intake";
import { updateFeedback } from "../../shared/feedback/triage";
import { importObservationsCsv } from "../../shared/goals/observations";
import { createGoal, linkFeedbackToGoal } from "../../shared/goals/service";
import type { Locale } from "../../shared/i18n/locales";
import { newId } from "../../shared/ids";
import { addDays, utcDay } from "../../shared/metrics/days";
import { giveKudos, routeCompliment } from "../../shared/recognition/service";
import { writeWeeklyDigests } from "../../shared/staff/digest";
import { demoFeedback } from "./demo-data";

/** The address `npm run demo` signs in with when ADMIN_EMAIL is not set. */
export const DEMO_ADMIN_EMAIL = "admin@example.org";

const demoStaff: { email: string; name: string; role: Role; department: string; locale: Locale }[] = [
  {
    email: "maria.jansen@example.org",
    name: "Maria Jansen",
    role: "manager",
    department: "Customer service",
    locale: "nl",
  },
  { email: "anton.berg@example.org", name: "Anton Berg", role: "agent", department: "Customer service", locale: "en" },
  { email: "sofia.lind@example.org", name: "Sofia Lind", role: "agent", department: "Operations", locale: "sv" },
  { email: "victor.dahl@example.org", name: "Victor Dahl", role: "viewer", department: "Operations", locale: "sv" },
];

/**
 * Loads the sample data once (a marker item records that it was loaded): feedback through the
 * same intake use case customers go through, dated over the last months; a small staff; and some
 * triage on the older items, through the same use cases staff use. Returns how many items it stored.
 */
export async function loadDemoData(deps: Deps): Promise<number> {
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.config.tableName, Key: keys.demoMarker() }));
  if (Item) return 0;
  const items = demoFeedback();
  const ids: string[] = [];
  for (const { input, createdAt } of items) {
    ids.push((await submitFeedback({ ...deps, now: () => createdAt }, input)).id);
  }
  const team = await createStaff(deps);
  await triage(deps, team, ids);
  await closeTheLoop(deps, team, ids);
  await measureSickLeave(deps, team, ids);
  await recognise(deps, team, ids);
  // This week's digests of the goals above, as the sweep writes them once the week has turned.
  await writeWeeklyDigests(deps);
  await deps.db.send(
    new PutCommand({
      TableName: deps.config.tableName,
      Item: { ...keys.demoMarker(), entityType: "DemoMarker", loadedAt: deps.now().toISOString(), count: items.length },
    }),
  );
  return items.length;
}

async function createStaff(deps: Deps): Promise<Staff[]> {
  const admin = await ensureConfiguredAdmin(deps, deps.config.adminEmail ?? DEMO_ADMIN_EMAIL);
  const at = deps.now().toISOString();
  const team: Staff[] = admin ? [admin] : [];
  for (const member of demoStaff) {
    const staff: Staff = { id: newId(), ...member, active: true, createdAt: at, updatedAt: at };
    await deps.staff.create(staff);
    team.push(staff);
  }
  return team;
}

/** Triage the older two thirds of the items, as a team would have: statuses, owners and tags. */
async function triage(deps: Deps, team: Staff[], ids: string[]) {
  const triagers = team.filter((s) => s.role !== "viewer");
  const older = ids.slice(0, Math.floor((ids.length * 2) / 3));
  for (const [i, id] of older.entries()) {
    const actor: Principal = { staff: triagers[i % triagers.length] as Staff, via: "session" };
    const status = settableStatuses[1 + (i % (settableStatuses.length - 1))];
    const assignee = triagers[(i + 1) % triagers.length]?.id;
    // An item ended by hand tells its submitter what came of it, in their language.
    const ends = status === "done" || status === "closed";
    const { locale } = ends ? await deps.feedback.get(id) : { locale: "en" as const };
    await updateFeedback(deps, actor, id, {
      version: 1,
      status,
      assignee,
      ...(ends ? { outcome: demoOutcomes[status][locale] } : {}),
      tags: i % 3 === 0 ? ["follow-up"] : undefined,
      note: i % 7 === 0 ? "Called the customer back; they confirmed the details." : undefined,
    });
  }
}

/** What staff tell a submitter when they end an item by hand, per status and language. */
const demoOutcomes = {
  done: {
    en: "We looked into it and sorted it out; thank you for letting us know.",
    nl: "We hebben het uitgezocht en opgelost; bedankt dat u het ons liet weten.",
    sv: "Vi har tittat på det och ordnat det; tack för att du hörde av dig.",
  },
  closed: {
    en: "We looked into it, but will not change this now: the timetable is set for this year.",
    nl: "We hebben ernaar gekeken, maar veranderen dit nu niet: de dienstregeling ligt voor dit jaar vast.",
    sv: "Vi har tittat på det, men ändrar det inte nu: tidtabellen är fastlagd för i år.",
  },
} as const;

/** The demo's actions: the topic whose complaints each answers, and staff's texts in every language. */
const demoActions = [
  {
    topic: "mobile app",
    goal: {
      en: "Fewer complaints about the mobile app",
      nl: "Minder klachten over de app",
      sv: "Färre klagomål på appen",
    },
    title: {
      en: "Stop the app crashing and logging people out",
      nl: "De app laten stoppen met crashen en uitloggen",
      sv: "Få appen att sluta krascha och logga ut folk",
    },
    youSaid: {
      en: "You told us the app crashed when opening tickets and kept logging you out.",
      nl: "U vertelde ons dat de app crashte bij het openen van tickets en u steeds uitlogde.",
      sv: "Ni berättade att appen kraschade när ni öppnade biljetter och loggade ut er hela tiden.",
    },
    weWill: {
      en: "We will fix the crash on opening tickets and keep you signed in when you switch apps.",
      nl: "We lossen de crash bij het openen van tickets op en houden u ingelogd als u van app wisselt.",
      sv: "Vi rättar kraschen när biljetter öppnas och håller er inloggade när ni byter app.",
    },
    weDid: {
      en: "We fixed the crash and you now stay signed in for 30 days, even when you switch apps.",
      nl: "We hebben de crash opgelost en u blijft nu 30 dagen ingelogd, ook als u van app wisselt.",
      sv: "Vi har rättat kraschen och ni förblir nu inloggade i 30 dagar, även när ni byter app.",
    },
  },
  {
    topic: "punctuality",
    goal: { en: "Buses and trams on time", nl: "Bussen en trams op tijd", sv: "Bussar och spårvagnar i tid" },
    title: {
      en: "Live departure times at every stop",
      nl: "Actuele vertrektijden bij elke halte",
      sv: "Realtidsavgångar vid varje hållplats",
    },
    youSaid: {
      en: "You told us buses ran late or never came while the display said 'on time'.",
      nl: "U vertelde ons dat bussen te laat of helemaal niet kwamen terwijl het scherm 'op tijd' aangaf.",
      sv: "Ni berättade att bussar var sena eller aldrig kom medan skylten visade 'i tid'.",
    },
    weWill: {
      en: "We will connect every stop's display to the buses' live positions, starting with the busiest lines.",
      nl: "We koppelen het scherm van elke halte aan de actuele positie van de bussen, te beginnen met de drukste lijnen.",
      sv: "Vi kopplar varje hållplats skylt till bussarnas position i realtid, med början på de mest trafikerade linjerna.",
    },
    weDid: undefined,
  },
];

/**
 * Closes the loop on two topics through the same use cases staff use: a goal with a
 * complaint-share metric for each, an action linked to up to 40 of the topic's complaints, the
 * first action done ("you said, we did") and the second planned ("we will"). The customers who
 * asked hear back through the outbox, as they would in production.
 */
async function closeTheLoop(deps: Deps, team: Staff[], ids: string[]) {
  const manager = team.find((s) => s.role === "manager") ?? team[0];
  if (!manager) return;
  const actor: Principal = { staff: manager, via: "session" };
  const items = (await deps.feedback.getMany(ids)).filter((item) => item.status !== "merged");
  for (const plan of demoActions) {
    const onTopic = items.filter((item) => item.topic === plan.topic);
    const complaints = onTopic.filter((item) => item.kind === "complaint").map((item) => item.id);
    if (complaints.length === 0) continue;
    const share = Math.round((complaints.length / onTopic.length) * 100);
    const goal = await createGoal(deps, {
      title: plan.goal,
      owner: manager.id,
      ambassadors: [],
      metric: {
        kind: "complaint_share",
        scope: { topic: plan.topic },
        baseline: share,
        target: Math.round(share / 2),
        windowDays: 90,
      },
    });
    const action = await createAction(deps, actor, {
      goalId: goal.id,
      title: plan.title,
      owner: "Customer experience team",
    });
    await linkFeedbackToAction(deps, actor, action.id, complaints.slice(0, 40));
    let next = await updateAction(deps, actor, action.id, {
      version: action.version,
      status: "planned",
      youSaid: plan.youSaid,
      weWill: plan.weWill,
    });
    if (plan.weDid) {
      next = await updateAction(deps, actor, action.id, { version: next.version, status: "in_progress" });
      await updateAction(deps, actor, action.id, { version: next.version, status: "done", weDid: plan.weDid });
    } else {
      // A visitor from the roadmap asked to be told, and followed the confirmation link.
      const { token } = await requestSubscription(deps, action.id, { email: demoSubscriber, locale: "nl" });
      if (token) await confirmSubscription(deps, token);
    }
  }
}

/** The visitor who asked, on the board's roadmap, to be told about the promised demo action. */
export const demoSubscriber = "bezoeker@example.nl";

/** What the demo's measured goal is, and who answers for it. */
export const demoMeasure = {
  title: "Less sick leave at the depots",
  unit: "%",
  baseline: 6.5,
  target: 4.5,
  /** Weeks of observations before today, one each Monday-ish: a year. */
  weeks: 52,
};

/**
 * A goal measured outside the product: the depots' sick leave (a percentage of rostered hours),
 * owned by the admin who signs in (so My goals shows it) and championed by the manager, with a
 * year of weekly figures uploaded as a CSV file, as HR would, most of them from before the goal
 * was set. Some internal feedback is linked to it, and an action of it is overdue: both wait on
 * its owner.
 */
async function measureSickLeave(deps: Deps, team: Staff[], ids: string[]) {
  const owner = team.find((s) => s.role === "admin") ?? team[0];
  const manager = team.find((s) => s.role === "manager");
  if (!owner) return;
  const actor: Principal = { staff: owner, via: "session" };
  const today = utcDay(deps.now());
  const goal = await createGoal(deps, {
    title: { en: demoMeasure.title, nl: "Minder ziekteverzuim op de remises", sv: "Mindre sjukfrånvaro i depåerna" },
    description: "Sick leave as a share of rostered hours, across all depots, as HR reports it every week.",
    department: "Operations",
    owner: owner.id,
    ambassadors: manager ? [manager.id] : [],
    dueDate: addDays(today, 120),
    metric: {
      kind: "measure",
      unit: demoMeasure.unit,
      baseline: demoMeasure.baseline,
      target: demoMeasure.target,
      windowDays: 28,
    },
  });
  // A slow fall from about 6.6% to 5%, with a winter bump; the same every run for the same day.
  const rows = Array.from({ length: demoMeasure.weeks }, (_, i) => {
    const week = demoMeasure.weeks - 1 - i;
    const day = addDays(today, -7 * week);
    const trend = 6.6 - (1.6 * i) / (demoMeasure.weeks - 1);
    const winter = 0.6 * Math.exp(-(((i - 30) / 5) ** 2));
    const value = Math.round((trend + winter + 0.15 * Math.sin(i * 1.7)) * 10) / 10;
    const note = i === 30 ? "flu season" : i === 40 ? "new rota at the north depot" : "";
    return `${day},${value}${note ? `,${note}` : ""}`;
  });
  await importObservationsCsv(deps, actor, goal.id, `date,value,note\n${rows.join("\n")}\n`);

  const internal = (await deps.feedback.getMany(ids)).filter(
    (item) => item.customerType === "internal" && item.status !== "merged",
  );
  const linked = internal.slice(-6).map((item) => item.id);
  if (linked.length > 0) await linkFeedbackToGoal(deps, actor, goal.id, linked);
  await createAction(deps, actor, {
    goalId: goal.id,
    title: "Let drivers swap shifts in the app",
    owner: owner.id,
    dueDate: addDays(today, -14),
  });
}

/**
 * People recognised: a colleague's compliment naming Sofia, routed to her; two more compliments,
 * one to Anton and one to everyone in Operations; and kudos between colleagues (a viewer's too).
 * Each person gets their mail once, in their language, through the outbox.
 */
async function recognise(deps: Deps, team: Staff[], ids: string[]) {
  const by = (email: string) => team.find((s) => s.email === email);
  const [maria, anton, sofia, victor] = [
    by("maria.jansen@example.org"),
    by("anton.berg@example.org"),
    by("sofia.lind@example.org"),
    by("victor.dahl@example.org"),
  ];
  if (!maria || !anton || !sofia || !victor) return;
  const asMaria: Principal = { staff: maria, via: "session" };
  const named = await submitFeedback(deps, {
    message: "Sofia stayed after her shift to get the depot's ticket machine working again before the morning rush.",
    kind: "compliment",
    consent: false,
    locale: "en",
    customerType: "internal",
    department: "Operations",
    channel: "web",
    praises: "Sofia Lind",
    creditName: false,
  });
  await routeCompliment(deps, asMaria, named.id, { staffIds: [sofia.id] });
  const compliments = (await deps.feedback.getMany(ids)).filter(
    (item) => item.kind === "compliment" && item.status !== "merged",
  );
  const [toAnton, toOperations] = compliments.slice(-2);
  if (toAnton) await routeCompliment(deps, asMaria, toAnton.id, { staffIds: [anton.id] });
  if (toOperations) await routeCompliment(deps, asMaria, toOperations.id, { department: "Operations" });
  await giveKudos(deps, asMaria, {
    to: anton.id,
    reason: "Answered every app complaint within a day during the outage.",
  });
  await giveKudos(
    deps,
    { staff: victor, via: "session" },
    { to: sofia.id, reason: "Covered the early shift at the north depot at an hour's notice." },
  );
}
