import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../infra/local/ports";
import type { Config } from "../../shared/config";
import { composeAcknowledgement } from "../../shared/mail/templates/acknowledgement";
import { createMailTransport, MailSendError } from "../../shared/mail/transport";
import type { OutgoingMail } from "../../shared/mail/types";

const from = "Feedback <feedback@example.nl>";
const unsubscribeUrl = "https://feedback.example.nl/u/Uns-T0ken";
const replyTo = "Klantenservice <service@example.nl>";

function outgoing(id = "ack#01JBBBBBBBBBBBBBBBBBBBBBBB"): OutgoingMail {
  const composed = composeAcknowledgement({
    locale: "nl",
    name: "Zoë",
    message: "De app crasht bij het openen van mijn ideeën.",
    trackingUrl: "https://feedback.example.nl/t/Tr4ck",
    unsubscribeUrl,
  });
  return { id, to: "zoe@example.nl", toName: "Zoë", locale: "nl", unsubscribeUrl, ...composed };
}

function mailConfig(overrides: Partial<Config["mail"]>): Config["mail"] {
  return { transport: "outbox", from, outboxDir: ".data/outbox", ...overrides };
}

describe("outbox transport", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "outbox-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one parseable .eml named after the mail id, creating the folder", async () => {
    const outboxDir = join(dir, "nested", "outbox");
    const transport = createMailTransport(mailConfig({ outboxDir }));
    const result = await transport.send(outgoing());
    expect(transport.name).toBe("outbox");
    expect(await readdir(outboxDir)).toEqual(["ack_2301JBBBBBBBBBBBBBBBBBBBBBBB.eml"]);
    const parsed = await simpleParser(await readFile(join(outboxDir, "ack_2301JBBBBBBBBBBBBBBBBBBBBBBB.eml")));
    expect(parsed.messageId).toBe(result.messageId);
    expect(parsed.subject).toBe("Bedankt voor uw feedback");
    expect(parsed.text).toContain("ideeën");
    expect(parsed.headerLines.map((h) => h.line)).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("sets Reply-To when one is configured, and no Reply-To otherwise", async () => {
    const withReplyTo = createMailTransport(mailConfig({ outboxDir: join(dir, "with"), replyTo }));
    const without = createMailTransport(mailConfig({ outboxDir: join(dir, "without") }));
    await withReplyTo.send(outgoing());
    await without.send(outgoing());
    const file = "ack_2301JBBBBBBBBBBBBBBBBBBBBBBB.eml";
    const parsedWith = await simpleParser(await readFile(join(dir, "with", file)));
    const parsedWithout = await simpleParser(await readFile(join(dir, "without", file)));
    expect(parsedWith.replyTo?.value).toEqual([{ name: "Klantenservice", address: "service@example.nl" }]);
    expect(parsedWith.from?.value).toEqual([{ name: "Feedback", address: "feedback@example.nl" }]);
    expect(parsedWithout.headers.has("reply-to")).toBe(false);
  });

  it("writes nothing the second time the same message is sent", async () => {
    const transport = createMailTransport(mailConfig({ outboxDir: dir }));
    const first = await transport.send(outgoing());
    const file = join(dir, "ack_2301JBBBBBBBBBBBBBBBBBBBBBBB.eml");
    const before = await readFile(file);
    const second = await transport.send({ ...outgoing(), text: "changed", html: "<p>changed</p>" });
    expect(second).toEqual(first);
    expect(await readdir(dir)).toEqual(["ack_2301JBBBBBBBBBBBBBBBBBBBBBBB.eml"]);
    expect(await readFile(file)).toEqual(before);
  });

  it("writes exactly one file when the same message is sent concurrently", async () => {
    const transport = createMailTransport(mailConfig({ outboxDir: dir }));
    await Promise.all(Array.from({ length: 8 }, () => transport.send(outgoing())));
    expect(await readdir(dir)).toEqual(["ack_2301JBBBBBBBBBBBBBBBBBBBBBBB.eml"]);
  });

  it("writes one file per distinct message", async () => {
    const transport = createMailTransport(mailConfig({ outboxDir: dir }));
    await transport.send(outgoing("ack#A"));
    await transport.send(outgoing("ack#B"));
    expect((await readdir(dir)).sort()).toEqual(["ack_23A.eml", "ack_23B.eml"]);
  });
});

describe("smtp transport", () => {
  const received: { raw: Buffer; from: string | false; to: string[] }[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            raw: Buffer.concat(chunks),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers the built message with its headers and envelope to a real SMTP server", async () => {
    const transport = createMailTransport(mailConfig({ transport: "smtp", smtpUrl: `smtp://127.0.0.1:${port}` }));
    expect(transport.name).toBe("smtp");
    const result = await transport.send(outgoing());
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.from).toBe("feedback@example.nl");
    expect(message?.to).toEqual(["zoe@example.nl"]);
    const parsed = await simpleParser(message?.raw ?? Buffer.alloc(0));
    expect(parsed.messageId).toBe(result.messageId);
    expect(parsed.messageId).toBe("<ack_2301JBBBBBBBBBBBBBBBBBBBBBBB@example.nl>");
    expect(parsed.headerLines.map((h) => h.line)).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(parsed.headerLines.map((h) => h.line)).toContain(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(parsed.headers.get("content-language")).toBe("nl");
    expect(parsed.text).toContain("ideeën");
    expect(parsed.html).toContain("ideeën");
  });

  it("carries the configured Reply-To to the SMTP server, and none when it is not set", async () => {
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    received.length = 0;
    await createMailTransport(mailConfig({ transport: "smtp", smtpUrl, replyTo })).send(outgoing("ack#R1"));
    await createMailTransport(mailConfig({ transport: "smtp", smtpUrl })).send(outgoing("ack#R2"));
    expect(received).toHaveLength(2);
    const [withReplyTo, without] = await Promise.all(received.map((message) => simpleParser(message.raw)));
    expect(withReplyTo?.replyTo?.value).toEqual([{ name: "Klantenservice", address: "service@example.nl" }]);
    expect(without?.headers.has("reply-to")).toBe(false);
    // Replies go to Reply-To; bounces still go to the envelope sender.
    expect(received[0]?.from).toBe("feedback@example.nl");
  });

  it("throws a MailSendError when the server refuses the connection", async () => {
    const closedPort = await freePort();
    const transport = createMailTransport(mailConfig({ transport: "smtp", smtpUrl: `smtp://127.0.0.1:${closedPort}` }));
    const sending = transport.send(outgoing());
    await expect(sending).rejects.toBeInstanceOf(MailSendError);
    await expect(sending).rejects.toThrow(/smtp transport could not send mail ack#01J/);
  });
});

describe("createMailTransport", () => {
  it("picks SES and sends the same raw message through the given client", async () => {
    const commands: SendEmailCommand[] = [];
    const sesClient = {
      send: async (command: SendEmailCommand) => {
        commands.push(command);
        return { MessageId: "ses-0001" };
      },
    } as unknown as SESv2Client;
    const transport = createMailTransport(mailConfig({ transport: "ses", sesConfigurationSet: "feedback" }), {
      sesClient,
    });
    expect(transport.name).toBe("ses");
    expect(await transport.send(outgoing())).toEqual({ messageId: "ses-0001" });
    const input = commands[0]?.input;
    expect(input?.ConfigurationSetName).toBe("feedback");
    expect(input?.Destination?.ToAddresses).toEqual(["zoe@example.nl"]);
    const parsed = await simpleParser(Buffer.from(input?.Content?.Raw?.Data ?? new Uint8Array()));
    expect(parsed.headerLines.map((h) => h.line)).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(parsed.headers.has("reply-to")).toBe(false);
  });

  it("puts the configured Reply-To into the raw message SES sends", async () => {
    const commands: SendEmailCommand[] = [];
    const sesClient = {
      send: async (command: SendEmailCommand) => {
        commands.push(command);
        return { MessageId: "ses-0002" };
      },
    } as unknown as SESv2Client;
    await createMailTransport(mailConfig({ transport: "ses", replyTo }), { sesClient }).send(outgoing());
    const parsed = await simpleParser(Buffer.from(commands[0]?.input.Content?.Raw?.Data ?? new Uint8Array()));
    expect(parsed.replyTo?.value).toEqual([{ name: "Klantenservice", address: "service@example.nl" }]);
    expect(commands[0]?.input.FromEmailAddress).toBe("feedback@example.nl");
  });

  it("refuses a configuration that could never send", () => {
    expect(() => createMailTransport(mailConfig({ transport: "smtp" }))).toThrow(/SMTP_URL/);
    expect(() => createMailTransport(mailConfig({ from: "not an address" }))).toThrow(/one address/);
    expect(() => createMailTransport(mailConfig({ replyTo: "a@example.nl, b@example.nl" }))).toThrow(/reply-to/);
  });
});
