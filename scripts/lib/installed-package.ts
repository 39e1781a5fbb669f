/**
 * The package as users get it: `npm pack` this checkout (without the prepack build: dist/ must be fresh), install
 * the tarball with this checkout's Pulumi SDK into a scratch project, and serialize a resource there with plain
 * `node` (not jest, whose module registry changes how the provider serializes). Used by the package test and the
 * benchmark.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A scratch project with the packed package installed. */
export interface InstalledPackage {
  /** The scratch project the tarball is installed in. */
  readonly project: string;
  readonly packageName: string;
  readonly pulumiVersion: string;
  /** What `npm install` printed, stdout and stderr. */
  readonly installLog: string;
  /** Removes the scratch folder. */
  remove(): void;
}

/** The folder holding this checkout's `package.json` (scripts/lib from sources, dist/scripts/lib when built). */
export function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && !dir.endsWith(`${path.sep}dist`)) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
}

/** Packs and installs the package into a new scratch project. */
export function installPackedPackage(): InstalledPackage {
  const root = repositoryRoot();
  if (!fs.existsSync(path.join(root, "dist/provider/index.js"))) {
    throw new Error("dist/ is missing: run npm run build first");
  }
  const readJson = (file: string): { name: string; version: string } =>
    JSON.parse(fs.readFileSync(file, "utf8")) as { name: string; version: string };
  const packageName = readJson(path.join(root, "package.json")).name;
  const pulumiVersion = readJson(path.join(root, "node_modules/@pulumi/pulumi/package.json")).version;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "installed-package-"));
  const remove = (): void => fs.rmSync(scratch, { recursive: true, force: true });
  try {
    const packed = JSON.parse(
      run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], root),
    ) as {
      filename: string;
    }[];
    const tarball = path.join(scratch, packed[0]?.filename ?? "");
    const project = path.join(scratch, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "scratch", version: "1.0.0", private: true }),
    );
    const install = spawnSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, `@pulumi/pulumi@${pulumiVersion}`],
      { cwd: project, encoding: "utf8" },
    );
    if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
    return { project, packageName, pulumiVersion, installLog: `${install.stdout}\n${install.stderr}`, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Arguments of one resource of each type, for {@link serializedProvider}. */
const SAMPLE_ARGS = {
  PrivateEndpointService: { projectId: "0123456789abcdef01234567", providerName: "AWS", region: "us-east-1" },
  PrivateEndpoint: {
    projectId: "0123456789abcdef01234567",
    providerName: "AWS",
    privateLinkId: "fedcba9876543210fedcba98",
    endpointServiceId: "vpce-0123456789abcdef0",
  },
  PrivateEndpointRegionalMode: { projectId: "0123456789abcdef01234567", enabled: true },
  PrivateConnectionStrings: {
    projectId: "0123456789abcdef01234567",
    clusterName: "orders",
    endpointIds: ["vpce-0123456789abcdef0"],
  },
} as const;

/** The `__provider` text a resource of the installed package is stored with. */
export function serializedProvider(
  installed: InstalledPackage,
  resource: keyof typeof SAMPLE_ARGS = "PrivateEndpointService",
): string {
  const args = SAMPLE_ARGS[resource];
  const script = `
    const pulumi = require("@pulumi/pulumi");
    let provider;
    pulumi.runtime.setMocks({
      newResource: (args) => { provider = args.inputs.__provider; return { id: "x", state: args.inputs }; },
      call: () => ({}),
    }, "p", "s", false);
    const { ${resource} } = require(${JSON.stringify(installed.packageName)});
    const resource = new ${resource}("s", ${JSON.stringify(args)});
    resource.urn.apply(() => setTimeout(() => console.log(JSON.stringify({ provider })), 100));
  `;
  const lastLine = run(process.execPath, ["-e", script], installed.project).trim().split("\n").pop() ?? "";
  const { provider } = JSON.parse(lastLine) as { provider: unknown };
  if (typeof provider !== "string") throw new Error(`the installed package serialized no __provider text: ${lastLine}`);
  return provider;
}
