// Runs before `npm start`, `npm test`, `npm run demo` and `npm run bench`, on whatever Node the
// machine has: installs the locked dependencies when they are missing or stale, which brings the
// project's own Node 24 (the `node` devDependency) that every script then runs on.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const lock = "package-lock.json";
const installed = "node_modules/.package-lock.json";
const stale =
  !existsSync(installed) ||
  !existsSync("node_modules/node/bin/node") ||
  statSync(lock).mtimeMs > statSync(installed).mtimeMs;

if (stale) {
  // `npm install`, not `npm ci`: the lock file holds only the platform builds the registry serves
  // (Biome publishes more than some mirrors carry), which `npm ci` refuses as "out of sync" while
  // `npm install` installs exactly what is locked for this platform.
  console.log("Installing dependencies (npm install from package-lock.json)...");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], {
    stdio: ["inherit", "inherit", "pipe"],
    encoding: "utf8",
  });
  // This first install runs on the machine's own Node, which may be older than the packages ask
  // for; npm says so once per package (EBADENGINE). Those warnings are about the installer only:
  // every script then runs on the project's Node 24, so one line says that instead.
  const warnings = (result.stderr ?? "").split("\n");
  const engine = warnings.filter((line) => line.includes("EBADENGINE")).length > 0;
  const rest = warnings
    .filter((line) => !line.includes("EBADENGINE"))
    .join("\n")
    .trim();
  if (rest) console.error(rest);
  if (engine) {
    console.log(`npm ran on Node ${process.versions.node} to install; every script runs on the project's own Node 24.`);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}
