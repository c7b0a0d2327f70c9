import type { Socket } from "node:net";
import { type ServerType, serve } from "@hono/node-server";

type Fetch = (
  request: Request,
  env: Parameters<Parameters<typeof serve>[0]["fetch"]>[1],
) => Response | Promise<Response>;

/** How long a connection being closed may go on sending what it was sending, and how much of it. */
const LINGER_MS = 5_000;
const LINGER_BYTES = 16 * 1024 * 1024;
const lingering = Symbol("lingering");

/**
 * Serves the app on Node at `hostname:port`. A 413 leaves the rest of the body unread, so it says
 * `Connection: close` (a hop-by-hop header: this host's concern, not the app's), and connections
 * close without a reset (see {@link linger}).
 */
export function listen(fetch: Fetch, hostname: string, port: number): Promise<ServerType> {
  const closingOnTooLarge = async (...[request, env]: Parameters<Fetch>) => {
    const response = await fetch(request, env);
    if (response.status === 413) response.headers.set("Connection", "close");
    return response;
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: closingOnTooLarge, hostname, port }, () => resolve(server));
    server.on("connection", (socket: Socket) => {
      // Node's HTTP server, and @hono/node-server when it gives up draining a body, close through destroySoon.
      socket.destroySoon = () => linger(socket);
    });
    server.once("error", reject);
  });
}

/**
 * Closes a connection gently. Node closes a connection it answered with `Connection: close` by
 * destroying the socket as soon as the answer is out; a client still sending its body then meets
 * a reset, and may lose the answer before it has read it. Here the server half-closes instead
 * (its FIN follows the answer), reads and discards what the client still sends, and closes when
 * the client does, or after LINGER_MS or LINGER_BYTES, whichever comes first (the "lingering
 * close" of Apache and nginx).
 */
function linger(socket: Socket & { [lingering]?: true }) {
  if (socket.destroyed || socket[lingering]) return;
  socket[lingering] = true;
  let read = 0;
  const close = () => socket.destroy();
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  socket.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read > LINGER_BYTES) close();
  });
  socket.once("end", close);
  socket.once("close", () => clearTimeout(timer));
  socket.end();
  socket.resume();
}
