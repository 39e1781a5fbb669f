/**
 * What the YAML engine tests share: the engine and the YAML language host (or a skip outside CI), and Pulumi YAML
 * projects that reach this checkout's provider plugin, pointed at an emulator with the emulator's own key.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EMULATOR_IDENTITY } from "../../emulator";
import { findPulumiEngine, PulumiStack } from "../../scripts/lib/pulumi-cli";
import { REPO_ROOT } from "../../scripts/lib/scratch-program";
import { findYamlLanguageHost } from "../../scripts/lib/yaml-host";

const ENABLE_HINT = 'export PATH="$(scripts/ensure-pulumi-yaml.sh):$(scripts/ensure-pulumi.sh):$PATH"';

export const yamlEngine = findPulumiEngine();
const yamlHost = findYamlLanguageHost();
const inCi = process.env["CI"] === "true";
const ready = yamlEngine !== undefined && yamlHost !== undefined;

/** `describe` with the engine and the YAML host (or under CI=true, where their absence fails), else `describe.skip`. */
export function describeYaml(title: string, body: () => void): void {
  if (!ready && !inCi) console.log(`${title}: skipped, no engine or YAML language host. To run: ${ENABLE_HINT}`);
  (ready || inCi ? describe : describe.skip)(title, body);
}

/** For a suite's `beforeAll`: the YAML host on PATH and the plugin built, or an error that says what to run. */
export function requireYamlEngine(): void {
  if (yamlEngine === undefined || yamlHost === undefined) throw new Error(`no engine or YAML host: ${ENABLE_HINT}`);
  if (!fs.existsSync(path.join(REPO_ROOT, "dist/provider/faces/plugin/main.js")))
    throw new Error("run npm run build first");
  if (!(process.env["PATH"] ?? "").split(path.delimiter).includes(yamlHost)) {
    process.env["PATH"] = [yamlHost, process.env["PATH"] ?? ""].join(path.delimiter);
  }
}

/** The top of a YAML project that uses this checkout's plugin. */
export function yamlHeader(name: string): string {
  return [
    `name: ${name}`,
    "runtime: yaml",
    "plugins:",
    "  providers:",
    "    - name: atlas-private-endpoint",
    `      path: ${path.join(REPO_ROOT, "bin")}`,
    "",
  ].join("\n");
}

/** A YAML project in a fresh folder and a stack of it pointed at the emulator. */
export interface YamlProject {
  readonly dir: string;
  readonly stack: PulumiStack;
  /** Rewrites `Pulumi.yaml` below the header. */
  write(body: string): void;
  dispose(): void;
}

/** Creates a project (header, then `body`) and its stack, configured for the emulator at `baseUrl`. */
export async function yamlProject(name: string, baseUrl: string, body = ""): Promise<YamlProject> {
  if (yamlEngine === undefined) throw new Error(`no engine: ${ENABLE_HINT}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const write = (text: string): void => fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `${yamlHeader(name)}${text}`);
  write(body);
  // No credentials from the developer's shell: only the emulator's key.
  const env = Object.fromEntries(
    Object.keys(process.env)
      .filter((key) => key.startsWith("MONGODB_ATLAS_"))
      .map((key) => [key, undefined]),
  );
  const stack = await PulumiStack.create({ engine: yamlEngine, projectDir: dir, stack: "dev", env });
  await stack.setConfig("atlas-private-endpoint:baseUrl", baseUrl);
  await stack.setConfig("atlas-private-endpoint:publicKey", EMULATOR_IDENTITY.apiKey.publicKey);
  await stack.setConfig("atlas-private-endpoint:privateKey", EMULATOR_IDENTITY.apiKey.privateKey, { secret: true });
  await stack.setConfig("atlas-private-endpoint:pollTimeScale", "0.01");
  return {
    dir,
    stack,
    write,
    dispose: () => {
      stack.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
