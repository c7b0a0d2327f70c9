import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { requestMagicLink, SESSION_HOURS, signInWithMagicLink, signOut } from "../../../shared/auth/sign-in";
import type { Deps } from "../../../shared/deps";
import { magicLinkRequestSchema } from "../../../shared/entities/auth";
import { NotFoundError, ValidationError } from "../../../shared/errors";
import type { AppEnv } from "../env";
import { SESSION_COOKIE } from "../middleware/auth";
import { readForm, readJson, validate } from "../middleware/body";
import { limitPerAddress } from "../middleware/rate-limit";
import { SignInPage } from "../pages/console/sign-in";

const isForm = (c: Context) => !(c.req.header("content-type") ?? "").toLowerCase().includes("json");

/** Passwordless sign-in: ask for a link, follow it, sign out. */
export function authRoutes(deps: Deps) {
  const secure = deps.config.publicUrl.startsWith("https:");
  return new Hono<AppEnv>()
    .get("/console/sign-in", (c) => c.html(<SignInPage />))
    .post("/auth/magic-link", async (c) => {
      const form = isForm(c);
      let email: string;
      try {
        ({ email } = validate(magicLinkRequestSchema, form ? await readForm(c) : await readJson(c)));
      } catch (error) {
        if (form && error instanceof ValidationError) {
          return c.html(<SignInPage error="Please enter a valid email address." />, 422);
        }
        throw error;
      }
      // Limited per address for every address alike, so the limit says nothing about who is staff.
      await limitPerAddress(deps.rateLimits, "magic-address", email, 5, 900, deps.now());
      await requestMagicLink(deps, email);
      return form ? c.html(<SignInPage sent />, 202) : c.json({ ok: true }, 202);
    })
    .get("/auth/callback", async (c) => {
      try {
        const { sessionToken } = await signInWithMagicLink(deps, c.req.query("token") ?? "");
        setCookie(c, SESSION_COOKIE, sessionToken, {
          httpOnly: true,
          sameSite: "Lax",
          secure,
          path: "/",
          maxAge: SESSION_HOURS * 3600,
        });
        return c.redirect("/console", 303);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        return c.html(
          <SignInPage error="This sign-in link is not valid: it was already used, has expired, or is incomplete. Ask for a new one." />,
          400,
        );
      }
    })
    .post("/auth/logout", async (c) => {
      const session = getCookie(c, SESSION_COOKIE);
      if (session) await signOut(deps, session);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure });
      return isForm(c) ? c.redirect("/console/sign-in", 303) : c.body(null, 204);
    });
}
