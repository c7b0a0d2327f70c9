import { resolve } from "node:path";
import * as z from "zod/mini";

const localEnvSchema = z.object({
  HOST: z._default(z.string().check(z.minLength(1), z.maxLength(253)), "127.0.0.1"),
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535)), 3000),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), ".data/db"),
  OUTBOX_DIR: z._default(z.string().check(z.minLength(1)), ".data/outbox"),
  TABLE_NAME: z._default(z.string().check(z.minLength(1)), "feedback"),
  DYNAMODB_PORT: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(65535))),
  MAIL_SWEEP_SECONDS: z._default(z.coerce.number().check(z.gt(0)), 5),
});

/** What only the local host needs to know: where to listen and where to keep data. */
export interface LocalSettings {
  /** The address the HTTP server listens on: the loopback interface unless HOST says otherwise. */
  host: string;
  port: number;
  dataDir: string;
  outboxDir: string;
  tableName: string;
  dynamoPort?: number;
  /** How often the local host sends what is due (retries, interrupted sends); AWS runs it every minute. */
  sweepSeconds: number;
  /** The environment the shared configuration is read from, with the local defaults filled in. */
  appEnv: Record<string, string | undefined>;
}

/** Reads the local host's settings from the environment; each has a default (see the README). */
export function readLocalSettings(env: Record<string, string | undefined> = process.env): LocalSettings {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = localEnvSchema.safeParse(given);
  if (!parsed.success) {
    throw new Error(
      `configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const { HOST, PORT, DATA_DIR, OUTBOX_DIR, TABLE_NAME, DYNAMODB_PORT, MAIL_SWEEP_SECONDS } = parsed.data;
  const outboxDir = resolve(OUTBOX_DIR);
  return {
    host: HOST,
    port: PORT,
    dataDir: resolve(DATA_DIR),
    outboxDir,
    tableName: TABLE_NAME,
    dynamoPort: DYNAMODB_PORT,
    sweepSeconds: MAIL_SWEEP_SECONDS,
    appEnv: {
      ...given,
      TABLE_NAME,
      OUTBOX_DIR: outboxDir,
      PUBLIC_URL: given.PUBLIC_URL ?? `http://localhost:${PORT}`,
      MAIL_TRANSPORT: given.MAIL_TRANSPORT ?? "outbox",
    },
  };
}
