import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { ValidationError } from "../errors";

/** Names and addresses of this machine: allowed (also over http) only where the configuration says so. */
const LOCAL_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Addresses no webhook goes to: private networks, link-local (cloud metadata), loopback, and the like. */
const refused = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  refused.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  refused.addSubnet(network, prefix, "ipv6");
}

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();

/** Whether an address is one no webhook may be sent to (private, loopback, link-local, ...). */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return refused.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Checks an endpoint URL an admin gave: https, or http only for this machine (`localhost`,
 * `127.0.0.1`, `[::1]`, when local endpoints are allowed); no credentials in it; no address of a
 * private network, whether written as an address or as a name such as `metadata.google.internal`.
 * Answers the URL as it will be called; a refusal is a 422 naming `url`.
 */
export function checkEndpointUrl(value: string, allowLocalhost: boolean): string {
  const refuse = (why: string): never => {
    throw new ValidationError(`url ${why}`, { url: why });
  };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return refuse("is not a URL");
  }
  const host = bare(url.hostname);
  const local = LOCAL_NAMES.has(host);
  if (url.protocol !== "https:" && url.protocol !== "http:") refuse("must start with https://");
  if (url.username || url.password) refuse("must not hold a user name or password");
  if (local) {
    if (!allowLocalhost) refuse("must not point at this machine");
  } else {
    if (url.protocol !== "https:") refuse("must use https (http is only for localhost)");
    if (isRefusedAddress(host)) refuse("must not point at a private or reserved network address");
    if (!host.includes(".") || /\.(internal|local|localhost|lan|home\.arpa)$/.test(host)) {
      refuse("must name a public host");
    }
  }
  return url.toString();
}

/**
 * Checks, just before sending, where the endpoint's host name leads now: a public name that has
 * come to resolve to a private address is refused (the admin's check at creation saw only the
 * name). Throws with the reason; a name that does not resolve is left to the request to fail.
 */
export async function checkResolvedHost(value: string, allowLocalhost: boolean): Promise<void> {
  const host = bare(new URL(value).hostname);
  if (LOCAL_NAMES.has(host)) {
    if (!allowLocalhost) throw new Error("the endpoint points at this machine, which is not allowed here");
    return;
  }
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  const bad = addresses.find(({ address }) => isRefusedAddress(address));
  if (bad) throw new Error(`the endpoint's host resolves to a private address (${bad.address}): not sent`);
}
