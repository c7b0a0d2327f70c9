// What the bundled X-Ray SDK takes from semver (see `alias` in ../bundling.ts): its SDK v2 patcher,
// `captureAWS`, checks the SDK's version with `gte`, and nothing else in a bundle uses semver. This is
// semver's own `gte` module (with what it requires), not the package index, which loads every range
// function and class. A relative path: the alias would also rewrite `semver/...`.
module.exports = { gte: require("../../node_modules/semver/functions/gte.js") };
