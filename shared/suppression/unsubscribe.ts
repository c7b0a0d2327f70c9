import type { Deps } from "../deps";
import type { MailAbout } from "../entities/links";
import { NotFoundError } from "../errors";
import { looksLikeToken } from "../ids";

/**
 * Checks that an unsubscribe token is known (for the confirmation page), and tells what its mail
 * was about when the link set recorded it.
 */
export async function checkUnsubscribeToken(deps: Deps, token: string): Promise<{ about?: MailAbout }> {
  const { about } = await resolve(deps, token);
  return { about };
}

/** Suppresses the address an unsubscribe token stands for: no update is ever sent to it again. */
export async function unsubscribe(deps: Deps, token: string): Promise<void> {
  const { emailHash } = await resolve(deps, token);
  await deps.suppressions.suppress(emailHash, "unsubscribed", deps.now());
}

async function resolve(deps: Deps, token: string) {
  const found = looksLikeToken(token) ? await deps.tokens.findUnsubscribe(token) : undefined;
  if (!found) throw new NotFoundError("unknown unsubscribe link");
  return found;
}
