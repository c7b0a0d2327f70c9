import type { Deps } from "../deps";
import type { Staff } from "../entities/staff";
import { newId, normaliseEmail } from "../ids";
import { StaffEmailTakenError } from "../repositories/staff";

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
