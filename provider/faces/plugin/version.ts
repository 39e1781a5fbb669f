import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "pulumi-atlas-private-endpoint";

/**
 * The package version: the plugin's version. Read from the nearest package.json of this package above this file, so
 * the compiled module (dist/provider/faces/plugin), the installed package and the plugin archive (which ships one beside the
 * bundle) all find it.
 */
export function pluginVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}
