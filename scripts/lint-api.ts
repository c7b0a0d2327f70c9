/**
 * Lints the API document with Redocly's CLI (rules: redocly.yaml): writes the document the app
 * serves to a temporary file and runs `redocly lint` on it. Offline; exits with the linter's code.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { buildOpenApiDocument } from "../functions/api/openapi/document";

const root = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "openapi-"));
const file = join(dir, "openapi.json");
// "/": the server that serves the document (it names its own PUBLIC_URL when served).
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument("/"), null, 2)}\n`);

const cli = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin", "cli.js");
const lint = spawnSync(process.execPath, [cli, "lint", file, "--config", join(root, "redocly.yaml")], {
  stdio: "inherit",
  // No telemetry, no update check: the lint works offline.
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
rmSync(dir, { recursive: true, force: true });
process.exit(lint.status ?? 1);
