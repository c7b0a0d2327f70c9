import type { Permission } from "../../shared/auth/permissions";

/**
 * Every route of the app, by method and path pattern, and what it needs: `public` for anyone,
 * `signed-in` for any signed-in staff member, or a permission. The guard looks routes up here and
 * refuses any staff-area route that is missing, so a new route cannot ship unguarded; a test checks
 * that this table and the app's routes agree.
 */
export const routeAccess: Record<string, "public" | "signed-in" | Permission> = {
  "GET /": "public",
  "GET /embed": "public",
  "POST /feedback": "public",
  "GET /assets/site.css": "public",
  "GET /track/:token": "public",
  "GET /unsubscribe/:token": "public",
  "POST /unsubscribe/:token": "public",
  "GET /healthz": "public",
  "GET /openapi.json": "public",
  "GET /docs": "public",
  "POST /api/feedback": "public",
  "GET /api/track/:token": "public",
  "POST /auth/magic-link": "public",
  "GET /auth/callback": "public",
  "GET /console/sign-in": "public",
  "POST /auth/logout": "signed-in",

  "GET /api/me": "signed-in",
  "GET /api/feedback": "feedback:read",
  "GET /api/feedback/counts": "feedback:read",
  "GET /api/feedback/export.csv": "feedback:read",
  "GET /api/feedback/:id": "feedback:read",
  "PATCH /api/feedback/:id": "feedback:triage",
  "POST /api/feedback/:id/merge": "feedback:triage",
  "POST /api/feedback/bulk": "feedback:triage",
  "GET /api/staff": "staff:read",
  "POST /api/staff": "staff:manage",
  "PATCH /api/staff/:id": "staff:manage",
  "GET /api/tokens": "tokens:own",
  "POST /api/tokens": "tokens:own",
  "DELETE /api/tokens/:id": "tokens:own",
  "POST /api/privacy/export": "privacy:manage",
  "POST /api/privacy/erase": "privacy:manage",

  "GET /console": "console:use",
  "GET /console/export.csv": "feedback:read",
  "GET /console/feedback/:id": "feedback:read",
  "POST /console/feedback/:id": "feedback:triage",
  "POST /console/feedback/:id/merge": "feedback:triage",
  "POST /console/bulk": "feedback:triage",
  "GET /console/staff": "staff:read",
  "POST /console/staff": "staff:manage",
  "POST /console/staff/:id": "staff:manage",
  "GET /console/tokens": "tokens:own",
  "POST /console/tokens": "tokens:own",
  "POST /console/tokens/:id/revoke": "tokens:own",
  "GET /console/privacy": "privacy:manage",
  "POST /console/privacy/export": "privacy:manage",
  "POST /console/privacy/erase": "privacy:manage",
};

/** Whether a path belongs to the staff area, where everything not listed is refused. */
export const isStaffArea = (path: string) =>
  path === "/console" || path.startsWith("/console/") || path.startsWith("/api/") || path.startsWith("/auth/");
