import { fileURLToPath } from "node:url";

/**
 * How a Lambda bundle is built, in one place: the CDK functions and the bundle benchmark both use
 * these settings, so the measured bundle is the deployed one.
 */
export const lambdaBundling = {
  format: "esm",
  platform: "node",
  target: "node24",
  // The ESM builds first: the AWS SDK v3 and most dependencies then tree-shake.
  mainFields: ["module", "main"],
  minify: true,
  /**
   * ESM bundles have no `require`; a CommonJS dependency that calls it (dynamically, so esbuild
   * cannot rewrite the call) gets one from this banner. Aliased so it cannot collide with bundle names.
   */
  banner:
    'import { createRequire as __esmCreateRequire } from "node:module"; const require = __esmCreateRequire(import.meta.url);',
  /**
   * Packages bundled as a smaller module of their own that gives what the bundle uses, by absolute
   * path. semver: the X-Ray SDK (under the Powertools Tracer) requires its index, every range function
   * and class (29 KB minified), for one `gte` in its AWS SDK v2 patcher; this is semver's own `gte`
   * (10 KB). The stack test runs a shipped bundle's tracing against a stand-in X-Ray daemon.
   */
  alias: {
    semver: fileURLToPath(new URL("bundle-shims/semver.cjs", import.meta.url)),
  },
} as const;
