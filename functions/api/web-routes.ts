/**
 * Which requests the HTTP API sends to the public web function, as API Gateway route keys; every
 * other request goes to the staff function (the `$default` route). A path only the public app
 * serves takes every method (`ANY`), so a wrong one still gets the app's 405 with `Allow`; a path
 * both serve names the public method. A unit test holds this list to the routes of both apps.
 */
export const publicRouteKeys = [
  "ANY /",
  "ANY /embed",
  "ANY /feedback",
  "POST /api/feedback",
  "ANY /track/{token}",
  "ANY /api/track/{token}",
  "ANY /you-said-we-did",
  "ANY /api/you-said-we-did",
  "ANY /you-said-we-did/{actionId}/subscribe",
  "ANY /api/you-said-we-did/{actionId}/subscribe",
  "ANY /subscribe/confirm/{token}",
  "ANY /unsubscribe/{token}",
  "ANY /healthz",
  "ANY /robots.txt",
  "ANY /openapi.json",
  "ANY /docs",
  "ANY /docs/{section}",
  "ANY /assets/site.css",
] as const;

/** Whether a request (method and path) goes to the public web function. */
export function goesToPublic(method: string, path: string): boolean {
  return publicRouteKeys.some((key) => {
    const [keyMethod = "", keyPath = ""] = key.split(" ");
    if (keyMethod !== "ANY" && keyMethod !== method.toUpperCase()) return false;
    const pattern = new RegExp(`^${keyPath.replace(/\{\w+\}/g, "[^/]+").replace(/\./g, "\\.")}$`);
    return pattern.test(path);
  });
}
