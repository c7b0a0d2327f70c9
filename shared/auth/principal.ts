import type { Staff } from "../entities/staff";
import { ForbiddenError } from "../errors";
import { allows, type Permission } from "./permissions";

/** Who is making a staff request, and how they proved it. */
export interface Principal {
  staff: Staff;
  via: "session" | "token";
  /** The session's CSRF token (session sign-ins only). */
  csrfToken?: string;
}

/** Throws a ForbiddenError unless the principal's role holds the permission. */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!allows(principal.staff.role, permission)) throw new ForbiddenError();
}
