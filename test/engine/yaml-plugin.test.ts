/**
 * The real engine runs examples/yaml-quickstart (Pulumi YAML: a service, a registration, a lookup and the cluster's
 * private connection string) through the provider plugin against the emulator: up (the lookup answered by `Invoke`,
 * progress lines beside the resources), a preview with no changes, a detailed diff, refresh, destroy; a bad input
 * fails preview with the TypeScript resource's message; the credentials, given as plain provider config, never appear
 * unencrypted in state, in the CLI's output or in errors.
 *
 * Needs the engine and the YAML language host: `export PATH="$(scripts/ensure-pulumi-yaml.sh):$(scripts/ensure-pulumi.sh):$PATH"`
 * (or their cached builds). Without them the suite is skipped, except under CI=true, where that is a failure.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { endpointService } from "../../provider/endpoint-service";
import { findPulumiEngine, killRunningPulumi, PulumiStack, type CliResult } from "../../scripts/lib/pulumi-cli";
import { REPO_ROOT } from "../../scripts/lib/scratch-program";
import { findYamlLanguageHost } from "../../scripts/lib/yaml-host";
import { control, type EmulatorControl } from "../support/emulator-control";

const TEST_TIMEOUT_MS = 240_000;
const PROJECT = EMULATOR_IDENTITY.projectId;
const RUN = randomUUID().replace(/-/g, "").slice(0, 12);
const PUBLIC_KEY = `yamlpub${RUN}`;
/** The secret marker: must never be seen outside the stack's encrypted config and state. */
const PRIVATE_KEY = `mk-yaml-private-key-${RUN}`;
const ENABLE_HINT = 'export PATH="$(scripts/ensure-pulumi-yaml.sh):$(scripts/ensure-pulumi.sh):$PATH"';

const engine = findPulumiEngine();
const yamlHost = findYamlLanguageHost();
const inCi = process.env["CI"] === "true";
const ready = engine !== undefined && yamlHost !== undefined;
if (!ready && !inCi)
  console.log(`YAML engine tests skipped: no engine or YAML language host. To run them: ${ENABLE_HINT}`);
const describeEngine = ready || inCi ? describe : describe.skip;

let emulator: RunningEmulator;
let ctl: EmulatorControl;
let stack: PulumiStack;
let projectDir: string;
let noEnvCredentials: NodeJS.ProcessEnv;
/** Every CLI run's output, searched for the marker at the end. */
const printed: string[] = [];

function seen(result: CliResult): CliResult {
  printed.push(result.stdout, result.stderr);
  return result;
}

describeEngine("examples/yaml-quickstart through the provider plugin, on the real engine", () => {
  beforeAll(async () => {
    if (engine === undefined || yamlHost === undefined) throw new Error(`no engine or YAML host: ${ENABLE_HINT}`);
    if (!fs.existsSync(path.join(REPO_ROOT, "dist/provider/faces/plugin/main.js")))
      throw new Error("run npm run build first");
    process.env["PATH"] = [yamlHost, process.env["PATH"] ?? ""].join(path.delimiter);
    emulator = await startEmulator({
      provisionSeconds: 0.5,
      deletingSeconds: 0.2,
      updateSeconds: 0.2,
      registrationSeconds: 0.5,
      registrationDeletingSeconds: 0.2,
      clusterUpdateSeconds: 0.3,
      // The example's cluster (its default clusterName) in its default region, and one for the run in eu-west-1.
      clusters: [
        { name: "Cluster0", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
        { name: "Cluster1", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "eu-west-1" }] },
      ],
      quiet: true,
      config: { apiKeys: [{ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY, roles: { [PROJECT]: "GROUP_OWNER" } }] },
    });
    ctl = control(emulator.baseUrl);

    // The example as a user has it, with the plugin path made absolute (the copy lives elsewhere).
    projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-quickstart-"));
    const example = fs.readFileSync(path.join(REPO_ROOT, "examples/yaml-quickstart/Pulumi.yaml"), "utf8");
    expect(example).toContain("path: ../../bin");
    fs.writeFileSync(
      path.join(projectDir, "Pulumi.yaml"),
      example.replace("path: ../../bin", `path: ${path.join(REPO_ROOT, "bin")}`),
    );
    noEnvCredentials = Object.fromEntries(
      Object.keys(process.env)
        .filter((key) => key.startsWith("MONGODB_ATLAS_") || key.startsWith("ATLAS_PRIVATE_ENDPOINT_"))
        .map((key) => [key, ""]),
    );
    stack = await PulumiStack.create({ engine, projectDir, stack: "yaml", env: noEnvCredentials });
    await stack.setConfig("atlas-private-endpoint:baseUrl", emulator.baseUrl);
    await stack.setConfig("atlas-private-endpoint:publicKey", PUBLIC_KEY);
    await stack.setConfig("atlas-private-endpoint:privateKey", PRIVATE_KEY, { secret: true });
    await stack.setConfig("atlas-private-endpoint:pollTimeScale", "0.01");
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    killRunningPulumi();
    stack?.dispose();
    if (projectDir !== undefined) fs.rmSync(projectDir, { recursive: true, force: true });
    await emulator?.close();
  });

  it(
    "runs up, a no-change preview, refresh and destroy, leaving the emulator empty",
    async () => {
      const up = seen(await stack.up());
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpointService\s+service\s+created/);
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpoint\s+endpoint\s+created/);
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateConnectionStrings\s+strings\s+created/);
      const stackOutputs = await stack.outputs();
      expect(stackOutputs["status"]).toBe("AVAILABLE");
      const cluster = (await ctl.clusters()).find((c) => c.name === "Cluster0");
      expect(stackOutputs["mongoUri"]).toBe(cluster?.privateEndpoint[0]?.srvConnectionString);
      expect(stackOutputs["mongoUri"]).toMatch(/^mongodb\+srv:\/\/cluster0-pl-0\.[a-z0-9]{6}\.mongodb\.net$/);
      expect(stackOutputs["endpointServiceName"]).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-/);
      const services = await ctl.services();
      expect(services.map((s) => s.id)).toEqual([stackOutputs["privateLinkId"]]);
      // The quickstart's fn::invoke: the plugin's getPrivateEndpointService read the service back.
      expect(stackOutputs["lookedUpStatus"]).toBe("AVAILABLE");
      expect(up.stdout).toMatch(
        /service\s+creating \(\d+s\) Atlas accepted endpoint service [0-9a-f]{24}; waiting until it is ready/,
      );
      // PrivateConnectionStrings' lines reach the engine beside it too.
      expect(up.stdout).toMatch(
        /strings\s+creating \(\d+s\) (waiting for Cluster0 to list|Cluster0 lists) the private endpoint entry of vpce-0123456789abcdef0/,
      );

      seen(await stack.preview({ expectNoChanges: true }));
      // A detailed diff, with the replace an unknown input causes downstream.
      await stack.setConfig("region", "us-west-2");
      try {
        const diff = seen(await stack.preview({ diff: true }));
        expect(diff.stdout).toContain('~ region: "us-east-1" => "us-west-2"');
        expect(diff.stdout).toContain(`~ privateLinkId: "${String(stackOutputs["privateLinkId"])}" => [unknown]`);
        expect(diff.stdout).toMatch(/\+-2 to replace/);
      } finally {
        await stack.removeConfig("region");
      }
      const refresh = seen(await stack.refresh());
      expect(refresh.stdout).not.toMatch(/~\s+1 updated|deleted/);

      const exported = await stack.exportStack();
      printed.push(exported.text);
      const provider = exported.resources.find((r) => r.type === "pulumi:providers:atlas-private-endpoint");
      expect(provider?.inputs?.["privateKey"]).toMatchObject({
        "4dabf18193072939515e22adb298388d": expect.any(String) as unknown,
        ciphertext: expect.any(String) as unknown,
      });
      expect(provider?.inputs?.["publicKey"]).toBe(PUBLIC_KEY);

      const destroy = seen(await stack.destroy());
      expect(destroy.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpointService\s+service\s+deleted/);
      expect(destroy.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpoint\s+endpoint\s+deleted/);
      expect(destroy.stdout).toMatch(/atlas-private-endpoint:index:PrivateConnectionStrings\s+strings\s+deleted/);
      expect(await ctl.services()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "fails preview on a bad region with the TypeScript resource's message, before any request",
    async () => {
      await ctl.clearRequests();
      await stack.setConfig("region", "us-east-9");
      try {
        const preview = seen(await stack.preview({ allowFailure: true }));
        expect(preview.code).not.toBe(0);
        const expected = endpointService.check({
          projectId: PROJECT,
          providerName: "AWS",
          region: "us-east-9",
        }).failures;
        expect(expected).toHaveLength(1);
        expect(`${preview.stdout}\n${preview.stderr}`).toContain(expected[0]!.reason);
        expect(await ctl.requests()).toEqual([]);
      } finally {
        await stack.removeConfig("region");
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "never shows the private key: not in state, CLI output or errors (a wrong base URL included)",
    async () => {
      await stack.setConfig("atlas-private-endpoint:baseUrl", "not-a-url");
      try {
        const failed = seen(await stack.preview({ allowFailure: true }));
        expect(failed.code).not.toBe(0);
        expect(`${failed.stdout}\n${failed.stderr}`).toContain(
          'atlas-private-endpoint:baseUrl (or MONGODB_ATLAS_BASE_URL): "not-a-url"',
        );
      } finally {
        await stack.setConfig("atlas-private-endpoint:baseUrl", emulator.baseUrl);
      }
      const leaks = printed.filter((text) => text.includes(PRIVATE_KEY));
      expect(leaks).toEqual([]);
      const stateFiles = stack.files().filter((file) => file.startsWith(stack.stateDir));
      expect(stateFiles.length).toBeGreaterThan(0);
      expect(stateFiles.filter((file) => fs.readFileSync(file, "utf8").includes(PRIVATE_KEY))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "runs from the plugin archive installed with `pulumi plugin install --file`, with no plugin path and no node_modules",
    async () => {
      const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-archive-"));
      const installedDir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-installed-"));
      let installed: PulumiStack | undefined;
      try {
        const archive = execFileSync("bash", [path.join(REPO_ROOT, "scripts/build-plugin-archive.sh"), archiveDir], {
          cwd: REPO_ROOT,
          encoding: "utf8",
        }).trim();
        const example = fs.readFileSync(path.join(REPO_ROOT, "examples/yaml-quickstart/Pulumi.yaml"), "utf8");
        const withoutPath = example.replace(/^plugins:\n(?:[ #].*\n)+/m, "");
        expect(withoutPath).not.toContain("plugins:");
        fs.writeFileSync(path.join(installedDir, "Pulumi.yaml"), withoutPath);
        installed = await PulumiStack.create({
          engine: engine!,
          projectDir: installedDir,
          stack: "installed",
          env: noEnvCredentials,
        });
        const version = (
          JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }
        ).version;
        const env = installed.environment({ NODE_PATH: undefined });
        execFileSync(
          "pulumi",
          ["plugin", "install", "resource", "atlas-private-endpoint", version, "--file", archive],
          { env, encoding: "utf8" },
        );
        const plugins = JSON.parse(execFileSync("pulumi", ["plugin", "ls", "--json"], { env, encoding: "utf8" })) as {
          name: string;
          kind: string;
          version: string;
        }[];
        expect(plugins).toContainEqual(
          expect.objectContaining({ name: "atlas-private-endpoint", kind: "resource", version }),
        );

        await installed.setConfig("atlas-private-endpoint:baseUrl", emulator.baseUrl);
        await installed.setConfig("atlas-private-endpoint:publicKey", PUBLIC_KEY);
        await installed.setConfig("atlas-private-endpoint:privateKey", PRIVATE_KEY, { secret: true });
        await installed.setConfig("atlas-private-endpoint:pollTimeScale", "0.01");
        await installed.setConfig("region", "eu-west-1");
        await installed.setConfig("clusterName", "Cluster1");
        const up = seen(await installed.up({ env: { NODE_PATH: undefined } }));
        expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpoint\s+endpoint\s+created/);
        expect((await installed.outputs())["connectionStatus"]).toBe("AVAILABLE");
        expect((await installed.outputs())["mongoUri"]).toMatch(/^mongodb\+srv:\/\/cluster1-pl-0\./);
        seen(await installed.destroy({ env: { NODE_PATH: undefined } }));
        expect(await ctl.services()).toEqual([]);
      } finally {
        installed?.dispose();
        fs.rmSync(archiveDir, { recursive: true, force: true });
        fs.rmSync(installedDir, { recursive: true, force: true });
      }
    },
    TEST_TIMEOUT_MS,
  );
});
