import type { ApiTokenView } from "../../../../shared/entities/auth";
import type { Staff } from "../../../../shared/entities/staff";
import { assignable, CsrfField, can, indexStaff, personName, Said, Time, type Viewer } from "./common";
import { ConsoleLayout } from "./layout";
import { Pager } from "./pager";

export interface TokensPageProps {
  viewer: Viewer;
  /** The staff member whose tokens are listed (the viewer, unless an admin chose someone). */
  ownerId: string;
  /** A page of the owner's tokens, oldest first. */
  tokens: ApiTokenView[];
  /** The cursor of the next page, if there is one. */
  nextCursor?: string | null;
  /** Whether this is a later page (a cursor was given). */
  paged?: boolean;
  staff: Staff[];
  /** A token just created: its secret is shown this once. */
  created?: { token: string; apiToken: ApiTokenView };
  flash?: string;
  error?: string;
  /** What the create form holds (after a failed attempt). */
  name?: string;
}

/** API tokens: the viewer's (or, for admins, anyone's), creating one, and revoking. */
export function TokensPage(props: TokensPageProps) {
  const { viewer, ownerId } = props;
  const people = indexStaff(props.staff);
  const manage = can(viewer, "tokens:manage");
  const own = ownerId === viewer.staff.id;
  const whose = own ? "Your tokens" : `Tokens of ${personName(ownerId, people)}`;
  return (
    <ConsoleLayout viewer={viewer} title="API tokens" section="tokens" flash={props.flash} error={props.error}>
      {props.created && <CreatedToken created={props.created} people={people} viewer={viewer} />}
      <p>
        An API token lets a script call the staff API as its owner, with the owner's role:{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {manage && (
        <form method="get" action="/console/tokens" class="filters" aria-label="Whose tokens">
          <div>
            <label for="owner">Show the tokens of</label>
            <select id="owner" name="staffId">
              {props.staff.map((s) => (
                <option value={s.id} selected={s.id === ownerId}>
                  {s.email}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit" class="secondary">
              Show
            </button>
          </div>
        </form>
      )}
      <div class="table-wrap">
        <table>
          <caption>{whose}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Revoked</th>
              <th scope="col">
                <span class="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.length === 0 && (
              <tr>
                <td colspan={4}>No tokens yet.</td>
              </tr>
            )}
            {props.tokens.map((token) => (
              <tr>
                <th scope="row">
                  <Said text={token.name} />
                </th>
                <td>
                  <Time at={token.createdAt} />
                  {token.createdBy !== token.staffId && ` by ${personName(token.createdBy, people)}`}
                </td>
                <td>{token.revokedAt ? <Time at={token.revokedAt} /> : "No (active)"}</td>
                <td>
                  {!token.revokedAt && (
                    <form method="post" action={`/console/tokens/${token.id}/revoke`} class="inline">
                      <CsrfField viewer={viewer} />
                      {!own && <input type="hidden" name="staffId" value={ownerId} />}
                      <button type="submit" class="secondary">
                        Revoke<span class="visually-hidden">{` the token ${token.name}`}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        path="/console/tokens"
        query={{ staffId: own ? undefined : ownerId }}
        nextCursor={props.nextCursor ?? null}
        paged={Boolean(props.paged)}
      />
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Create a token</h2>
        <form method="post" action="/console/tokens">
          <CsrfField viewer={viewer} />
          <label for="token-name">Name (what the token is for)</label>
          <input type="text" id="token-name" name="name" value={props.name ?? ""} required maxlength={100} />
          {manage && (
            <>
              <label for="token-owner">For</label>
              <select id="token-owner" name="staffId">
                {assignable(props.staff).map((s) => (
                  <option value={s.id} selected={s.id === ownerId}>
                    {s.id === viewer.staff.id ? `${s.email} (you)` : s.email}
                  </option>
                ))}
              </select>
            </>
          )}
          <button type="submit">Create token</button>
        </form>
      </section>
    </ConsoleLayout>
  );
}

function CreatedToken(props: {
  created: NonNullable<TokensPageProps["created"]>;
  people: Map<string, Staff>;
  viewer: Viewer;
}) {
  const { token, apiToken } = props.created;
  const forOther = apiToken.staffId !== props.viewer.staff.id;
  return (
    <section class="created" aria-labelledby="created-heading">
      <h2 id="created-heading">
        {forOther ? `New token for ${personName(apiToken.staffId, props.people)}` : "Your new token"}
      </h2>
      <label for="new-token">
        Token "<Said text={apiToken.name} />"
      </label>
      <input type="text" id="new-token" value={token} readonly aria-describedby="new-token-hint" />
      <p class="hint" id="new-token-hint">
        Copy it now: it is shown only this once and cannot be shown again. Store it like a password.
      </p>
    </section>
  );
}
