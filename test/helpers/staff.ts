import type { App } from "../../functions/api/app";
import { SESSION_COOKIE } from "../../functions/api/middleware/auth";
import { keys } from "../../shared/db/keys";
import { queryAll } from "../../shared/db/query";
import { indexNames } from "../../shared/db/table";
import type { Deps } from "../../shared/deps";
import type { Role, Staff } from "../../shared/entities/staff";
import { newId, normaliseEmail, sha256 } from "../../shared/ids";

/** A signed-in staff member: a session (cookie and its CSRF token) and an API token of their own. */
export interface SignedInStaff {
  /** The `Cookie` header value that carries the session. */
  cookie: string;
  csrfToken: string;
  /** The `Authorization` header value of an API token acting as this person. */
  bearer: string;
  staff: Staff;
}

/** A session only (no API token). */
export type StaffSession = Omit<SignedInStaff, "bearer">;

/** Adds a staff member with a role straight through the repository, as an admin's invitation would. */
export async function createStaff(
  deps: Deps,
  role: Role,
  options: { email?: string; name?: string; active?: boolean } = {},
): Promise<Staff> {
  const at = deps.now().toISOString();
  const staff: Staff = {
    id: newId(),
    email: options.email ?? `${role}-${newId().toLowerCase()}@example.org`,
    name: options.name ?? `Test ${role}`,
    role,
    active: options.active ?? true,
    createdAt: at,
    updatedAt: at,
  };
  await deps.staff.create(staff);
  return staff;
}

/** Purposes of the sign-in mails owed to an address, read from the outbox through its address index. */
async function signInMails(deps: Deps, email: string) {
  const { GSI7PK } = keys.byEmail(sha256(normaliseEmail(email)), "");
  const items = await queryAll(deps.db, {
    TableName: deps.config.tableName,
    IndexName: indexNames.byEmail,
    KeyConditionExpression: "GSI7PK = :pk",
    ExpressionAttributeValues: { ":pk": GSI7PK },
  });
  return items.filter((item) => item.entityType === "Notification" && item.kind === "sign_in");
}

/** The path and query of a URL (the app is called without a server, so the host does not matter). */
export const localPath = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

/**
 * Asks for a magic link for `email` (POST /auth/magic-link), takes the link from the sign-in mail
 * the request writes to the outbox (as it is written: the stream function may send the mail, and
 * drop the link from it, at any moment after), and follows it: returns the answer of
 * `GET /auth/callback`.
 */
export async function followMagicLink(app: App, deps: Deps, email: string): Promise<Response> {
  const before = new Set((await signInMails(deps, email)).map((item) => String(item.purpose)));
  const links: string[] = [];
  const name = `sign-in-link-${Math.random().toString(36).slice(2)}`;
  deps.db.middlewareStack.add(
    (next) => async (args) => {
      const written = JSON.stringify((args as { input: unknown }).input);
      for (const match of written.matchAll(/"url":"([^"]*\/auth\/callback\?token=[^"]*)"/g)) {
        if (match[1]) links.push(match[1]);
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  let asked: Response;
  try {
    asked = await app.request("/auth/magic-link", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email }),
    });
  } finally {
    deps.db.middlewareStack.remove(name);
  }
  if (asked.status !== 202) throw new Error(`POST /auth/magic-link answered ${asked.status}`);
  const fresh = (await signInMails(deps, email)).filter((item) => !before.has(String(item.purpose)));
  if (fresh.length !== 1 || links.length !== 1) {
    throw new Error(`expected one new sign-in mail for ${email}, found ${fresh.length} with ${links.length} links`);
  }
  return app.request(localPath(links[0] as string));
}

/**
 * Signs someone in through the real flow: follows a fresh magic link, keeps the session cookie it
 * sets, and reads the session's CSRF token from `GET /api/me`.
 */
export async function signIn(app: App, deps: Deps, email: string): Promise<StaffSession> {
  const callback = await followMagicLink(app, deps, email);
  if (callback.status !== 303) throw new Error(`GET /auth/callback answered ${callback.status}`);
  const cookie = sessionCookie(callback);
  if (!cookie) throw new Error("the callback set no session cookie");

  const me = await app.request("/api/me", { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /api/me answered ${me.status}`);
  const { staff, csrfToken } = (await me.json()) as { staff: Staff; csrfToken: string };
  return { cookie, csrfToken, staff };
}

/** The `name=value` of the session cookie a response sets, if it sets one. */
export function sessionCookie(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1);
}

/** Headers that authenticate a JSON request with a session (and its CSRF token). */
export const sessionHeaders = (session: Pick<StaffSession, "cookie" | "csrfToken">) => ({
  cookie: session.cookie,
  "x-csrf-token": session.csrfToken,
});

/** Creates an API token through `POST /api/tokens` with a session; returns the `Authorization` header value. */
export async function createBearer(
  app: App,
  session: Pick<StaffSession, "cookie" | "csrfToken">,
  input: { name?: string; staffId?: string } = {},
): Promise<string> {
  const response = await app.request("/api/tokens", {
    method: "POST",
    headers: { ...sessionHeaders(session), "content-type": "application/json" },
    body: JSON.stringify({ name: input.name ?? "test token", staffId: input.staffId }),
  });
  if (response.status !== 201) throw new Error(`POST /api/tokens answered ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return `Bearer ${token}`;
}

/** A new staff member with `role`, signed in by magic link, with an API token of their own. */
export async function signedInStaff(
  app: App,
  deps: Deps,
  role: Role,
  options: { email?: string; name?: string } = {},
): Promise<SignedInStaff> {
  const created = await createStaff(deps, role, options);
  const session = await signIn(app, deps, created.email);
  const bearer = await createBearer(app, session, { name: `${role} token` });
  return { ...session, bearer };
}

/** Calls the JSON API as someone: by session (with the CSRF token), by API token, or anonymously. */
export function callJson(
  app: App,
  method: string,
  path: string,
  options: {
    as?: SignedInStaff | StaffSession;
    via?: "session" | "token";
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as && options.via === "token") {
    if (!("bearer" in options.as)) throw new Error("callJson: this caller has no API token");
    headers.authorization = options.as.bearer;
  } else if (options.as) {
    Object.assign(headers, sessionHeaders(options.as));
  }
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return app.request(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}
