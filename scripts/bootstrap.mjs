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
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
