import { expectDocumented } from "./api-document";

/** The origins whose answers are the app's: the local stacks this test file started. */
const appOrigins = new Set<string>();
const checked = Symbol.for("feedback.fetch-checked-against-api-document");

/**
 * From now on, every answer `fetch` gets from `baseUrl`'s origin is checked against the API
 * document (./api-document.ts): an answer it does not describe fails the request, so the tests
 * that drive the local stack over HTTP check the document as they go.
 */
export function checkAnswersFrom(baseUrl: string): void {
  appOrigins.add(new URL(baseUrl).origin);
  if ((globalThis.fetch as { [checked]?: boolean })[checked]) return;
  const unchecked = globalThis.fetch;
  const fetchChecked = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await unchecked(input, init);
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : "GET");
    // A redirect followed lands elsewhere: the answer is the one of where it landed.
    const answered = response.redirected ? response.url : url;
    if (appOrigins.has(new URL(answered).origin))
      await expectDocumented(response.redirected ? "GET" : method, answered, response);
    return response;
  };
  globalThis.fetch = Object.assign(fetchChecked, { [checked]: true }) as typeof fetch;
}
