import type { Principal } from "../auth/principal";
import { complimentPurpose, filterValue, kudosPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { Feedback, TimelineEntry } from "../entities/feedback";
import {
  type Kudos,
  type KudosInput,
  kudosSchema,
  type Recognition,
  type RecognitionQuery,
  type RecognitionSummary,
  type Routed,
  type RouteInput,
} from "../entities/recognition";
import type { Staff } from "../entities/staff";
import { ConflictError, ValidationError } from "../errors";
import { earlierAnswer, idempotentRequest, writeAnswered } from "../idempotent";
import { newId, normaliseEmail } from "../ids";
import { staffNotification, writeQuoting } from "../notifications/outbox";
import { RecognitionRepository } from "../repositories/recognition";
import { TimelineRepository } from "../repositories/timeline";

/** The console page every recognition mail links to. */
const recognitionUrl = (deps: Deps) => `${deps.config.publicUrl}/console/recognition`;

/**
 * The active staff member a colleague's free-text `praises` names: by address, or by name when
 * exactly one active member has it (compared without case and spacing). Shown to staff only, as a
 * suggestion when they route the compliment: intake never tells the public whom a name matches.
 */
export function resolvePraised(staff: Staff[], praises: string | undefined): Staff | undefined {
  if (!praises) return undefined;
  const wanted = filterValue(praises);
  const active = staff.filter((s) => s.active);
  const byEmail = active.find((s) => normaliseEmail(s.email) === normaliseEmail(praises));
  if (byEmail) return byEmail;
  const byName = active.filter((s) => s.name !== undefined && filterValue(s.name) === wanted);
  return byName.length === 1 ? byName[0] : undefined;
}

/** The active staff of a department (compared without case and spacing). */
export const staffOfDepartment = (staff: Staff[], department: string) =>
  staff.filter((s) => s.active && s.department !== undefined && filterValue(s.department) === filterValue(department));

/**
 * Routes a compliment to the people it praises: staff members by id, everyone in a department, or
 * both. Each person gets it by mail once, in their language: the mail's notification is keyed by
 * the item and the person, and written with the person's recognition and a line on the item's
 * timeline in one transaction, so routing again (or to a department that includes them) tells
 * nobody twice. The mail quotes the item as it is when written (an erasure leaves "[erased]").
 */
export async function routeCompliment(
  deps: Deps,
  actor: Principal,
  feedbackId: string,
  input: RouteInput,
): Promise<Routed> {
  const item = await deps.feedback.get(feedbackId);
  if (item.kind !== "compliment") {
    throw new ConflictError("only a compliment can be routed to the people it praises", "not_a_compliment");
  }
  const staff = await deps.staff.list();
  const byId = new Map(staff.filter((s) => s.active).map((s) => [s.id, s]));
  const people = new Map<string, Staff>();
  for (const id of input.staffIds ?? []) {
    const person = byId.get(id);
    if (!person) throw new ValidationError("staffIds names someone who is not active staff", { staffIds: id });
    people.set(id, person);
  }
  if (input.department) {
    const members = staffOfDepartment(staff, input.department);
    if (members.length === 0) {
      throw new ValidationError("nobody on staff works in that department", { department: "no active members" });
    }
    for (const member of members) people.set(member.id, member);
  }
  const colleague = item.customerType === "internal";
  const result: Routed = { routedTo: [], alreadyRouted: [] };
  /** Writes the person's mail, recognition and timeline line, quoting the item as `quoted` says. */
  const routeTo = (person: Staff, quoted: Feedback) => {
    const now = deps.now();
    const at = now.toISOString();
    const notification = staffNotification(deps, person, "compliment", complimentPurpose(quoted.id, person.id), {
      message: quoted.message,
      from: colleague ? "colleague" : "customer",
      ...(colleague && quoted.department ? { department: quoted.department } : {}),
      recognitionUrl: recognitionUrl(deps),
    });
    const recognition: Recognition = {
      id: quoted.id,
      kind: "compliment",
      at,
      toStaffId: person.id,
      toDepartment: person.department,
      fromStaffId: actor.staff.id,
      fromDepartment: actor.staff.department,
    };
    const entry: TimelineEntry = {
      id: newId(now),
      feedbackId: quoted.id,
      type: "compliment_routed",
      at,
      actor: actor.staff.id,
      public: false,
      details: {
        to: [person.id],
        purpose: notification.purpose,
        ...(input.department ? { department: input.department } : {}),
      },
    };
    return deps.notifications.createQuoting(
      notification,
      deps.config.delivery.claimSeconds,
      { feedbackId: quoted.id, message: quoted.message },
      [RecognitionRepository.item(recognition), TimelineRepository.item(entry)],
    );
  };
  for (const person of people.values()) {
    const outcome = await writeQuoting(deps, item, (current) => routeTo(person, current));
    (outcome === "written" ? result.routedTo : result.alreadyRouted).push(person.id);
  }
  if (result.routedTo.length > 0) deps.telemetry.count("complimentRouted", result.routedTo.length);
  return result;
}

/**
 * Kudos from one staff member (any role) to a colleague, with why: recorded for the recognition
 * page and mailed to the colleague once, both in one write. With an idempotency key (the API's
 * `Idempotency-Key`, the console form's own), giving the same kudos again gets the first answer,
 * and the colleague one mail.
 */
export async function giveKudos(
  deps: Deps,
  actor: Principal,
  input: KudosInput,
  options: { idempotencyKey?: string } = {},
): Promise<Kudos> {
  const idempotent = idempotentRequest("kudos", options.idempotencyKey, [actor.staff.id], input);
  if (idempotent) {
    const earlier = await earlierAnswer(deps, idempotent, kudosSchema);
    if (earlier) return earlier;
  }
  const to = await deps.staff.get(input.to);
  if (!to?.active) throw new ValidationError("to names no active staff member", { to: "unknown staff member" });
  if (to.id === actor.staff.id) throw new ValidationError("kudos go to a colleague", { to: "that is you" });
  const now = deps.now();
  const recognition: Recognition = {
    id: newId(now),
    kind: "kudos",
    at: now.toISOString(),
    toStaffId: to.id,
    toDepartment: to.department,
    fromStaffId: actor.staff.id,
    fromDepartment: actor.staff.department,
    reason: input.reason,
  };
  const notification = staffNotification(deps, to, "kudos", kudosPurpose(recognition.id), {
    from: actor.staff.name ?? actor.staff.email,
    reason: input.reason,
    recognitionUrl: recognitionUrl(deps),
  });
  const answer: Kudos = {
    id: recognition.id,
    at: recognition.at,
    fromStaffId: recognition.fromStaffId,
    toStaffId: recognition.toStaffId,
    reason: input.reason,
  };
  const items = [RecognitionRepository.item(recognition)];
  const given = await writeAnswered(deps, { notification, items, now }, idempotent, answer, kudosSchema);
  if (!given.replayed) deps.telemetry.count("kudosGiven");
  return given.answer;
}

const DAY_MS = 86_400_000;
/** The longest period the recognition page reads at once. */
export const MAX_PERIOD_DAYS = 366;

/** The period a query asks for: by default the 30 days up to today (UTC). */
export function periodOf(query: RecognitionQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw new ValidationError("from must not be after to", { from: "after to" });
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_PERIOD_DAYS) {
    throw new ValidationError(`a period is at most ${MAX_PERIOD_DAYS} days`, { from: "too long a period" });
  }
  return { from, to };
}

type Tally = { complimentsReceived: number; kudosReceived: number; kudosGiven: number };
const emptyTally = (): Tally => ({ complimentsReceived: 0, kudosReceived: 0, kudosGiven: 0 });

/**
 * Who was recognised in a period, per person and per department (the department they were in at
 * the time): compliments received, kudos received and given; and each kudos and compliment, newest
 * first. People with nothing in the period are left out.
 */
export async function recognitionSummary(deps: Deps, query: RecognitionQuery): Promise<RecognitionSummary> {
  const { from, to } = periodOf(query, deps.now());
  const [items, staff] = await Promise.all([
    deps.recognition.between(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`),
    deps.staff.list(),
  ]);
  const byId = new Map(staff.map((s) => [s.id, s]));
  const people = new Map<string, Tally>();
  const departments = new Map<string | null, Tally>();
  // Departments compare without case and spacing; each shows as it was first spelled.
  const spelled = new Map<string, string>();
  const departmentKey = (department: string | undefined) => {
    if (department === undefined || filterValue(department) === "") return null;
    const key = filterValue(department);
    if (!spelled.has(key)) spelled.set(key, department);
    return key;
  };
  const add = (map: Map<string | null, Tally> | Map<string, Tally>, key: string | null, field: keyof Tally) => {
    const tally = (map as Map<string | null, Tally>).get(key) ?? emptyTally();
    tally[field] += 1;
    (map as Map<string | null, Tally>).set(key, tally);
  };
  for (const item of items) {
    const received = item.kind === "compliment" ? "complimentsReceived" : "kudosReceived";
    add(people, item.toStaffId, received);
    add(departments, departmentKey(item.toDepartment), received);
    if (item.kind === "kudos") {
      add(people, item.fromStaffId, "kudosGiven");
      add(departments, departmentKey(item.fromDepartment), "kudosGiven");
    }
  }
  const score = (t: Tally) => t.complimentsReceived + t.kudosReceived + t.kudosGiven;
  const newestFirst = [...items].reverse();
  return {
    from,
    to,
    people: [...people.entries()]
      .map(([staffId, tally]) => {
        const person = byId.get(staffId);
        return { staffId, email: person?.email, name: person?.name, department: person?.department, ...tally };
      })
      .sort((a, b) => score(b) - score(a) || (a.email ?? a.staffId).localeCompare(b.email ?? b.staffId)),
    departments: [...departments.entries()]
      .map(([key, tally]) => ({ department: key === null ? null : (spelled.get(key) ?? key), ...tally }))
      .sort((a, b) => score(b) - score(a) || (a.department ?? "~").localeCompare(b.department ?? "~")),
    kudos: newestFirst.flatMap((r) =>
      r.kind === "kudos"
        ? [{ id: r.id, at: r.at, fromStaffId: r.fromStaffId, toStaffId: r.toStaffId, reason: r.reason ?? "" }]
        : [],
    ),
    compliments: newestFirst.flatMap((r) =>
      r.kind === "compliment" ? [{ feedbackId: r.id, at: r.at, toStaffId: r.toStaffId, routedBy: r.fromStaffId }] : [],
    ),
  };
}
