import type { Role } from "../entities/staff";

/** What a signed-in person may do; each staff route names the one permission it needs. */
export const permissions = {
  "feedback:read": ["admin", "manager", "agent", "viewer"],
  "feedback:triage": ["admin", "manager", "agent"],
  "staff:read": ["admin", "manager", "agent", "viewer"],
  "staff:manage": ["admin"],
  "tokens:own": ["admin", "manager", "agent", "viewer"],
  "tokens:manage": ["admin"],
  "privacy:manage": ["admin"],
  "webhooks:manage": ["admin"],
  "console:use": ["admin", "manager", "agent", "viewer"],
  "goals:read": ["admin", "manager", "agent", "viewer"],
  "goals:manage": ["admin", "manager"],
  "actions:manage": ["admin", "manager", "agent"],
  /** Giving colleagues kudos and reading who was recognised: everyone, viewers too. */
  "recognition:use": ["admin", "manager", "agent", "viewer"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** Whether a role holds a permission. */
export function allows(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
