import { Layout } from "../layout";

/** The staff sign-in page: ask for a magic link by email. */
export function SignInPage(props: { sent?: boolean; error?: string }) {
  return (
    <Layout locale="en" title="Staff sign-in" noindex>
      <h1>Staff sign-in</h1>
      {props.sent ? (
        <p role="status">
          If this address belongs to a member of staff, a sign-in link is on its way. It works once, within 10 minutes.
        </p>
      ) : (
        <>
          {props.error && (
            <p class="error" role="alert">
              {props.error}
            </p>
          )}
          <form method="post" action="/auth/magic-link">
            <label for="email">Your work email</label>
            <input type="email" id="email" name="email" autocomplete="email" required />
            <button type="submit">Email me a sign-in link</button>
          </form>
        </>
      )}
    </Layout>
  );
}
