import type { Principal } from "../auth/principal";
import { invitationPurpose } from "../db/keys";
import type { Deps } from "../deps";
import { ConflictError, NotFoundError } from "../errors";
import { newId, normaliseEmail } from "../ids";
import { outboxItems } from "../notifications/outbox";
import { StaffEmailTakenError } from "./repository";
import type { InviteInput, Staff, StaffChange } from "./schema";

/**
 * The first admin of a fresh deployment: the `ADMIN_EMAIL` address becomes an admin the first time
 * it is needed. Returns that staff member, or undefined when `email` is not the configured admin.
 */
export async function ensureConfiguredAdmin(deps: Deps, email: string): Promise<Staff | undefined> {
  const admin = deps.config.adminEmail;
  if (!admin || normaliseEmail(admin) !== normaliseEmail(email)) return undefined;
  const existing = await deps.staff.findByEmail(admin);
  if (existing) return existing;
  const at = deps.now().toISOString();
  const staff: Staff = { id: newId(), email: admin, role: "admin", active: true, createdAt: at, updatedAt: at };
  try {
    await deps.staff.create(staff);
    return staff;
  } catch (error) {
    // A concurrent first sign-in created it: use that one.
    if (error instanceof StaffEmailTakenError) return deps.staff.findByEmail(admin);
    throw error;
  }
}

/** Invites someone as staff with a role, and mails them the console's address. */
export async function inviteStaff(deps: Deps, actor: Principal, input: InviteInput): Promise<Staff> {
  const at = deps.now().toISOString();
  const staff: Staff = {
    id: newId(),
    email: input.email,
    name: input.name,
    role: input.role,
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
