// Runs ../index.ts under atlasMocks in a plain Node process and fails the way `pulumi preview` does: the program's
// first unhandled error is printed and the process exits with 1. Stack config comes as JSON in PROGRAM_CONFIG.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");
const pulumi = require("@pulumi/pulumi");
const { atlasMocks } = require("pulumi-atlas-private-endpoint/testing");

require.extensions[".ts"] = (module, filename) => {
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  module._compile(
    ts.transpileModule(fs.readFileSync(filename, "utf8"), { compilerOptions: options }).outputText,
    filename,
  );
};
process.on("unhandledRejection", (error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

void pulumi.runtime.setMocks(atlasMocks(), "atlas-private-endpoint-testing", "unit", true).then(() => {
  pulumi.runtime.setAllConfig(JSON.parse(process.env.PROGRAM_CONFIG || "{}"));
  require(path.join(__dirname, "..", "index.ts"));
});
