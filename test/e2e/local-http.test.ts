import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStackProcess, startLocalStackProcess, stopAllLocalStacks } from "../helpers/local-stack-process";

/**
 * The local host's own HTTP behaviour, over real sockets against `npm start`: where it listens, and
 * how it ends a connection whose body it refused (413) while the client is still sending it.
 */

let stack: LocalStackProcess;

beforeAll(async () => {
  stack = await startLocalStackProcess();
});

afterAll(async () => {
  await stopAllLocalStacks();
});

/** The local addresses of the sockets listening on `port`, from the kernel's tables (hex, as Linux writes them). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[3] === "0A" && fields[1]?.endsWith(`:${hexPort}`))
      .map((fields) => fields[1]?.split(":")[0] ?? ""),
  );
}

const IPV4_LOOPBACK = "0100007F";
const IPV6_LOOPBACK = "00000000000000000000000001000000";

/** A body of `size` bytes, written in 16 KiB pieces every `pauseMs`: a client on a slow line. */
async function writeSlowly(write: (chunk: Buffer) => unknown, size: number, pauseMs: number) {
  const piece = Buffer.alloc(16 * 1024, "x");
  for (let sent = 0; sent < size; sent += piece.length) {
    write(piece.subarray(0, Math.min(piece.length, size - sent)));
    await sleep(pauseMs);
  }
}

const BODY_BYTES = 1024 * 1024;

describe("the local HTTP server", () => {
  it("listens on the loopback interface only, unless HOST says otherwise", () => {
    const addresses = listeningAddresses(stack.port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect([IPV4_LOOPBACK, IPV6_LOOPBACK]).toContain(address);
    expect(stack.output()).toContain(`Listening on    127.0.0.1:${stack.port}`);
  });

  it("answers 413 with Connection: close, and a keep-alive client's next request succeeds", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await new Promise<{ status?: number; connection?: string; body: string }>((resolve, reject) => {
        const req = request(`${stack.url}/api/feedback`, {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": String(BODY_BYTES) },
        });
        // The client may meet the closed connection while it still writes; what counts is the answer.
        req.on("error", () => {});
        req.on("response", (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            body += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
          res.on("error", reject);
        });
        void writeSlowly((chunk) => req.write(chunk), BODY_BYTES, 20).then(() => req.end());
      });
      expect(refused.status).toBe(413);
      expect(refused.connection).toBe("close");
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "payload_too_large" } });

      const again = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${stack.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode));
        });
        req.on("error", reject);
        req.end();
      });
      expect(again).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it("closes the connection of a refused body without a reset while the client is still sending it", async () => {
    const socket = connect({ host: "127.0.0.1", port: stack.port, allowHalfOpen: true });
    const errors: Error[] = [];
    socket.on("error", (error) => errors.push(error));
    let answer = "";
    let answeredAndClosed = false;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("end", () => {
      answeredAndClosed = true;
    });
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1:${stack.port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${BODY_BYTES}\r\n\r\n`,
    );
    // Over a second of sending: longer than the server may take to answer and to give up draining.
    await writeSlowly((chunk) => socket.write(chunk), BODY_BYTES, 20);
    socket.end();
    await closed;

    expect(errors).toEqual([]);
    expect(answeredAndClosed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("\r\nconnection: close\r\n");
    expect(answer).toContain('"code":"payload_too_large"');
  });
});
