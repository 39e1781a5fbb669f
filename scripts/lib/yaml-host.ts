/**
 * Finds the Pulumi YAML language host that `scripts/ensure-pulumi-yaml.sh` builds (or one on `PATH`). Never builds.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The pulumi-yaml version the script builds. */
export const PULUMI_YAML_VERSION = "1.25.0";

/** The folder holding `pulumi-language-yaml`, or `undefined` (run `scripts/ensure-pulumi-yaml.sh`). */
export function findYamlLanguageHost(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const cacheRoot = env["PULUMI_CLI_CACHE"] || path.join(os.homedir(), ".cache", "pulumi-atlas-endpoint-service");
  const dirs = [
    ...(env["PATH"] ?? "").split(path.delimiter).filter((dir) => dir !== ""),
    path.join(cacheRoot, `pulumi-language-yaml-v${PULUMI_YAML_VERSION}`, "bin"),
  ];
  return dirs.find((dir) => {
    try {
      fs.accessSync(path.join(dir, "pulumi-language-yaml"), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
