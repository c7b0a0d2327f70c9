import * as z from "zod/mini";
import type { Deps } from "../deps";
import type { ApiToken, ApiTokenView } from "../entities/auth";
import { NotFoundError, ValidationError } from "../errors";
import { newId, newToken, sha256 } from "../ids";
import { type Page, pageQuerySchema, readPage } from "../paging";
import { allows } from "./permissions";
import { type Principal, requirePermission } from "./principal";
import { formatApiToken } from "./sign-in";

const view = ({ secretHash: _, ...token }: ApiToken): ApiTokenView => token;

/**
 * Creates an API token for the caller, or (admins) for another staff member. The token is in the
 * answer once and stored only as a hash.
 */
export async function createApiToken(deps: Deps, actor: Principal, input: { name: string; staffId?: string }) {
  const staffId = input.staffId ?? actor.staff.id;
  if (staffId !== actor.staff.id) {
    requirePermission(actor, "tokens:manage");
    const owner = await deps.staff.get(staffId);
    if (!owner?.active) throw new ValidationError("staffId must name an active staff member", { staffId: "unknown" });
  }
  const id = newId(deps.now());
  const secret = newToken();
  const token: ApiToken = {
    id,
    staffId,
    name: input.name,
    secretHash: sha256(secret),
    createdAt: deps.now().toISOString(),
    createdBy: actor.staff.id,
  };
  await deps.auth.createApiToken(token);
  return { token: formatApiToken(id, secret), apiToken: view(token) };
}

/** `GET /api/tokens`: a page of someone's tokens (`staffId`, the caller's own when not given). */
export const tokenListQuerySchema = z.extend(pageQuerySchema, {
  staffId: z.optional(z.string("staffId must be a staff id").check(z.maxLength(40, "staffId must be a staff id"))),
});
export type TokenListQuery = z.infer<typeof tokenListQuerySchema>;

/** A page of the tokens of the caller, or (admins) of another staff member, oldest first. */
export async function listApiTokens(deps: Deps, actor: Principal, query: TokenListQuery): Promise<Page<ApiTokenView>> {
  const staffId = query.staffId || actor.staff.id;
  if (staffId !== actor.staff.id) requirePermission(actor, "tokens:manage");
  const page = await readPage(query, (limit, startKey) => deps.auth.apiTokenPage(staffId, limit, startKey));
  return { ...page, items: page.items.map(view) };
}

/** Revokes a token of the caller's own, or (admins) anyone's. Others' tokens are not found. */
export async function revokeApiToken(deps: Deps, actor: Principal, id: string): Promise<void> {
  const token = await deps.auth.getApiToken(id);
  const mayRevoke = token && (token.staffId === actor.staff.id || allows(actor.staff.role, "tokens:manage"));
  if (!mayRevoke) throw new NotFoundError("token not found");
  await deps.auth.revokeApiToken(id, deps.now());
}
