/**
 * Writes the provider plugin's schema (the JSON its `GetSchema` answers) to a file, for SDK generation:
 * `node dist/scripts/write-plugin-schema.js <out.json>`.
 */
import * as fs from "node:fs";
import { RESOURCES } from "../provider/resources";
import { packageSchema } from "../provider/faces/plugin/schema";
import { pluginVersion } from "../provider/faces/plugin/version";

const out = process.argv[2];
if (out === undefined) {
  console.error("usage: node dist/scripts/write-plugin-schema.js <out.json>");
  process.exit(2);
}
fs.writeFileSync(out, `${JSON.stringify(packageSchema(RESOURCES, pluginVersion()), null, 2)}\n`);
