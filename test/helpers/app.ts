import { createApp as createServedApp } from "../../functions/api/app";
import { expectDocumented } from "./api-document";

/**
 * The app, as `functions/api/app.tsx` makes it, with every answer checked against the API document
 * it serves (./api-document.ts): a test whose request gets an answer the document does not
 * describe fails there. Tests create the app through this, never directly.
 */
export function createApp(...args: Parameters<typeof createServedApp>): ReturnType<typeof createServedApp> {
  const app = createServedApp(...args);
  const served = app.fetch;
  app.fetch = async (request, ...rest) => {
    const response = await served(request, ...rest);
    await expectDocumented(request.method, request.url, response, false);
    return response;
  };
  return app;
}
