/**
 * Writes the provider plugin's schema (the JSON its `GetSchema` answers) to a file, for SDK generation:
 * `node dist/scripts/write-plugin-schema.js <out.json>`.
 */
import * as fs from "node:fs";
import { PLUGIN_FACES } from "../provider/plugin/main";
import { packageSchema } from "../provider/plugin/schema";
import { pluginVersion } from "../provider/plugin/version";

const out = process.argv[2];
if (out === undefined) {
  console.error("usage: node dist/scripts/write-plugin-schema.js <out.json>");
  process.exit(2);
}
fs.writeFileSync(out, `${JSON.stringify(packageSchema(PLUGIN_FACES, pluginVersion()), null, 2)}\n`);
