import type { Principal } from "../auth/principal";
import { invitationPurpose } from "../db/keys";
import type { Deps } from "../deps";
import type { InviteInput, Preferences, Staff, StaffChange } from "../entities/staff";
import { ConflictError, NotFoundError } from "../errors";
import { newId } from "../ids";
import { outboxItems } from "../notifications/outbox";
import { type Page, type PageQuery, readPage } from "../paging";
import { StaffEmailTakenError } from "../repositories/staff";

/** A page of the staff, ordered by address. */
export function listStaff(deps: Deps, query: PageQuery): Promise<Page<Staff>> {
  return readPage(query, (limit, startKey) => deps.staff.page(limit, startKey));
}

/** Invites someone as staff with a role, and mails them the console's address. */
export async function inviteStaff(deps: Deps, actor: Principal, input: InviteInput): Promise<Staff> {
  const at = deps.now().toISOString();
  const staff: Staff = {
    id: newId(),
    email: input.email,
    name: input.name,
    role: input.role,
    ...(input.department ? { department: input.department } : {}),
    active: true,
    createdAt: at,
    updatedAt: at,
    invitedBy: actor.staff.id,
  };
  const invitation = outboxItems(deps, {
    kind: "invitation",
    purpose: invitationPurpose(staff.id),
    recipient: { email: staff.email, name: staff.name, locale: "en" },
    content: { url: `${deps.config.publicUrl}/console/sign-in`, role: staff.role },
  });
  try {
    await deps.staff.create(staff, invitation);
  } catch (error) {
    if (error instanceof StaffEmailTakenError) throw new ConflictError("this address is already staff");
    throw error;
  }
  return staff;
}

/**
 * Changes a role or deactivates someone; takes effect on their next request, because every
 * request reads the staff member afresh. The last active admin cannot be demoted or deactivated.
 */
export async function changeStaff(deps: Deps, id: string, change: StaffChange): Promise<Staff> {
  const staff = await deps.staff.get(id);
  if (!staff) throw new NotFoundError("staff member not found");
  const next: Staff = {
    ...staff,
    role: change.role ?? staff.role,
    active: change.active ?? staff.active,
    updatedAt: deps.now().toISOString(),
  };
  if (change.department !== undefined) {
    if (change.department) next.department = change.department;
    else delete next.department;
  }
  const losesAdmin = staff.role === "admin" && staff.active && (next.role !== "admin" || !next.active);
  if (!losesAdmin) {
    await deps.staff.save(next);
    return next;
  }
  // Stepping down is saved on condition that another admin is still active at that moment, in one
  // transaction: two last admins stepping down at once cannot both succeed.
  const others = (await deps.staff.list()).filter((s) => s.id !== id && s.role === "admin" && s.active);
  for (const other of others) {
    if (await deps.staff.saveWhileActiveAdmin(next, other.id)) return next;
  }
  throw new ConflictError("the last active admin cannot be demoted or deactivated");
}

/**
 * What a staff member sets for themselves: the language of their mail, their weekly digest on or
 * off, and their alert subscriptions. Read afresh and saved whole, like every change of staff.
 */
export async function updatePreferences(deps: Deps, actor: Principal, preferences: Preferences): Promise<Staff> {
  const staff = await deps.staff.get(actor.staff.id);
  if (!staff) throw new NotFoundError("staff member not found");
  const next: Staff = {
    ...staff,
    ...(preferences.locale ? { locale: preferences.locale } : {}),
    ...(preferences.digest !== undefined ? { digest: preferences.digest } : {}),
    ...(preferences.alerts
      ? { alerts: { topics: unique(preferences.alerts.topics), departments: unique(preferences.alerts.departments) } }
      : {}),
    updatedAt: deps.now().toISOString(),
  };
  await deps.staff.save(next);
  return next;
}

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
