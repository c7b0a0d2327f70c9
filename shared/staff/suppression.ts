import type { Principal } from "../auth/principal";
import type { Deps } from "../deps";
import type { Staff } from "../entities/staff";
import type { SuppressionLift, SuppressionRecord } from "../entities/suppression";
import { ConflictError, NotFoundError } from "../errors";
import { newId, normaliseEmail, sha256 } from "../ids";

/** How many lifted suppressions the staff page lists. */
export const RECENT_LIFTS = 20;

/** A staff address's suppression, and whether it stops their sign-in mail. */
export interface StaffSuppression extends SuppressionRecord {
  /**
   * Whether sign-in and invitation mail is stopped too: an unsubscribe (from customer mail to the
   * same address) never stops what staff asked for; a bounce, a complaint or an erasure does.
   */
  stopsSignIn: boolean;
}

const hashOf = (staff: Staff) => sha256(normaliseEmail(staff.email));

/** The suppressions of these staff members' addresses, by staff id (the unsuppressed left out). */
export async function staffSuppressions(deps: Deps, staff: Staff[]): Promise<Map<string, StaffSuppression>> {
  const records = await deps.suppressions.getMany(staff.map(hashOf));
  const byStaff = new Map<string, StaffSuppression>();
  for (const person of staff) {
    const record = records.get(hashOf(person));
    if (record) byStaff.set(person.id, { ...record, stopsSignIn: record.reason !== "unsubscribed" });
  }
  return byStaff;
}

/**
 * Lifts the suppression of a staff member's address (an admin's act), and records who lifted it,
 * when, and the reason it had. A 404 for an unknown member; a 409 when the address is not
 * suppressed (or the suppression changed while this ran).
 */
export async function liftStaffSuppression(deps: Deps, actor: Principal, staffId: string): Promise<SuppressionLift> {
  const staff = await deps.staff.get(staffId);
  if (!staff) throw new NotFoundError("staff member not found");
  const emailHash = hashOf(staff);
  const record = await deps.suppressions.get(emailHash);
  if (!record) throw new ConflictError("this address is not suppressed");
  const now = deps.now();
  const lift: SuppressionLift = {
    id: newId(now),
    emailHash,
    staffId,
    reason: record.reason,
    suppressedAt: record.suppressedAt,
    liftedAt: now.toISOString(),
    liftedBy: actor.staff.id,
  };
  if (!(await deps.suppressions.lift(lift))) throw new ConflictError("the suppression changed meanwhile: try again");
  return lift;
}

/** The latest lifted suppressions, newest first (the staff page's audit list). */
export function recentSuppressionLifts(deps: Deps): Promise<SuppressionLift[]> {
  return deps.suppressions.recentLifts(RECENT_LIFTS);
}
