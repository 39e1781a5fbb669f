/**
 * The provider plugin as a first-class provider, through the real engine and the YAML language host against the
 * emulator: `pulumi import` of every type (its generated program then previews no changes) and the `import` resource
 * option; progress
 * lines in the engine's output while a create waits; `customTimeouts` ending a create as a partial create; and an `up`
 * interrupted as a terminal does (Ctrl-C: SIGINT to the CLI's process group) or killed hard, then run again, with one
 * POST, nothing orphaned and no process left.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { journalFolder, stateFolder } from "../../provider/context/create-journal";
import { killRunningPulumi, signalRunningPulumi, type CliResult } from "../../scripts/lib/pulumi-cli";
import { control, type EmulatorControl } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { processesOf } from "./engine-harness";
import { describeYaml, requireYamlEngine, yamlProject, type YamlProject } from "./yaml-harness";

const TEST_TIMEOUT_MS = 240_000;
const PROJECT = EMULATOR_IDENTITY.projectId;
const FAST = {
  provisionSeconds: 0.5,
  deletingSeconds: 0.2,
  updateSeconds: 0.2,
  registrationSeconds: 0.5,
  registrationDeletingSeconds: 0.2,
} as const;
const AZURE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-link/providers/Microsoft.Network/privateEndpoints/pe-atlas";
const SERVICE = "atlas-private-endpoint:index:PrivateEndpointService";
const ENDPOINT = "atlas-private-endpoint:index:PrivateEndpoint";
const REGIONAL_MODE = "atlas-private-endpoint:index:PrivateEndpointRegionalMode";
const STRINGS = "atlas-private-endpoint:index:PrivateConnectionStrings";

/** A service and a registration of an AWS VPC endpoint, as the quickstart declares them. */
const AWS_PAIR = `resources:
  service:
    type: ${SERVICE}
    properties:
      projectId: ${PROJECT}
      providerName: AWS
      region: us-east-1
OPTIONS
  endpoint:
    type: ${ENDPOINT}
    properties:
      projectId: ${PROJECT}
      providerName: AWS
      privateLinkId: \${service.privateLinkId}
      endpointServiceId: vpce-0123456789abcdef0
`;

let emulator: RunningEmulator;
let ctl: EmulatorControl;
const projects: YamlProject[] = [];

async function project(name: string, body = ""): Promise<YamlProject> {
  const made = await yamlProject(name, emulator.baseUrl, body);
  projects.push(made);
  return made;
}

const text = (result: CliResult): string => `${result.stdout}\n${result.stderr}`;
/** Waits until the emulator lists a private endpoint entry for the cluster and it is IDLE; its SRV string. */
async function publishedSrv(name: string): Promise<string | undefined> {
  const clusters = await eventually(
    () => ctl.clusters(),
    (list) => list.some((c) => c.name === name && c.stateName === "IDLE" && c.privateEndpoint.length > 0),
  );
  return clusters.find((c) => c.name === name)?.privateEndpoint[0]?.srvConnectionString;
}
const posts = async (suffix: string): Promise<number> =>
  (await ctl.requests()).filter((r) => r.method === "POST" && r.path.endsWith(suffix)).length;

describeYaml("the provider plugin through the engine and the YAML language host", () => {
  beforeAll(async () => {
    requireYamlEngine();
    emulator = await startEmulator({ ...FAST, quiet: true });
    ctl = control(emulator.baseUrl);
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    killRunningPulumi();
    for (const each of projects) each.dispose();
    await emulator?.close();
  });

  beforeEach(async () => {
    await ctl.reset();
    await ctl.settings(FAST);
  });

  it(
    "imports every type with pulumi import, whose generated program then previews no changes",
    async () => {
      // Made outside Pulumi: an Azure service and the registration of a private endpoint (an ARM id holds slashes),
      // the project's regional mode turned on, and a cluster in the service's region, which then lists the entry.
      await ctl.setRegionalMode(PROJECT, true);
      await ctl.settings({ clusterUpdateSeconds: 0.3 });
      await ctl.declareCluster({
        name: "ledger",
        clusterType: "REPLICASET",
        regions: [{ providerName: "AZURE", regionName: "eastus2" }],
      });
      const atlas = new AtlasClient({
        baseUrl: emulator.baseUrl,
        credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
      });
      const service = await atlas.createEndpointService(PROJECT, { providerName: "AZURE", region: "US_EAST_2" });
      await eventually(
        () => ctl.services(),
        (list) => list[0]?.status === "AVAILABLE",
      );
      await atlas.createRegistration(PROJECT, "AZURE", service.id, {
        id: AZURE_ID,
        privateEndpointIPAddress: "10.0.0.4",
      });
      const srv = await publishedSrv("ledger");

      const imported = await project("yaml-import");
      const importFile = path.join(imported.dir, "import.json");
      fs.writeFileSync(
        importFile,
        JSON.stringify({
          resources: [
            { type: SERVICE, name: "service", id: `${PROJECT}/AZURE/${service.id}` },
            { type: ENDPOINT, name: "endpoint", id: `${PROJECT}/AZURE/${service.id}/${AZURE_ID}` },
            { type: REGIONAL_MODE, name: "regional", id: PROJECT },
            { type: STRINGS, name: "strings", id: `${PROJECT}/ledger/${AZURE_ID}` },
          ],
        }),
      );
      const generated = path.join(imported.dir, "generated.yaml");
      const run = await imported.stack.run([
        "import",
        "--file",
        importFile,
        "--yes",
        "--protect=false",
        "--out",
        generated,
      ]);
      expect(run.stdout).toMatch(/= 4 imported/);
      const program = fs.readFileSync(generated, "utf8");
      expect(program).toContain("region: eastus2");
      expect(program).toContain("privateEndpointIpAddress: 10.0.0.4");
      expect(program).toContain(
        `  regional:\n    type: atlas-private-endpoint:PrivateEndpointRegionalMode\n    properties:\n      enabled: true\n      projectId: ${PROJECT}\n`,
      );
      // Its id is the project id, so pulumi import writes the other resources' projectId as a reference to it.
      expect(program).toContain("projectId: ${regional.id}");
      expect(program).toContain(
        `  strings:\n    type: atlas-private-endpoint:PrivateConnectionStrings\n    properties:\n      clusterName: ledger\n      endpointIds:\n        - ${AZURE_ID}\n      projectId: \${regional.id}\n`,
      );

      // The program pulumi import wrote is exactly what the imported state needs: no change at all.
      imported.write(program);
      await imported.stack.preview({ expectNoChanges: true });
      const resources = (await imported.stack.exportStack()).resources;
      expect(resources.find((r) => r.type === SERVICE)?.id).toBe(service.id);
      expect(resources.find((r) => r.type === ENDPOINT)?.id).toBe(`${service.id}:${AZURE_ID}`);
      expect(resources.find((r) => r.type === REGIONAL_MODE)?.id).toBe(PROJECT);
      const strings = resources.find((r) => r.type === STRINGS);
      expect(strings?.id).toBe(`${PROJECT}:ledger:${AZURE_ID}`);
      expect(strings?.outputs?.["srvConnectionString"]).toBe(srv);

      // Regional mode was on before the import: destroying the stack leaves it on, and says so beside the resource.
      const destroyed = await imported.stack.destroy();
      expect(text(destroyed)).toContain(
        `leaving regional mode (regionalized private endpoints) as it is in project ${PROJECT}: it was already on when this resource was created or imported`,
      );
      expect(await ctl.services()).toEqual([]);
      expect(await ctl.registrations()).toEqual([]);
      expect((await ctl.regionalModes()).map((mode) => mode.enabled)).toEqual([true]);
      expect((await ctl.requests()).filter((r) => r.method === "PATCH")).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "imports with the import resource option, and previews no changes after",
    async () => {
      await ctl.settings({ clusterUpdateSeconds: 0.3 });
      await ctl.declareCluster({
        name: "orders",
        clusterType: "REPLICASET",
        regions: [{ providerName: "AWS", regionName: "us-east-1" }],
      });
      const made = await project("yaml-made", AWS_PAIR.replace("OPTIONS\n", ""));
      await made.stack.up();
      const [service] = await ctl.services();
      const srv = await publishedSrv("orders");
      // Out of Pulumi's hands: the stack goes, the service and the registration stay in Atlas.
      await made.stack.removeStack({ force: true });

      const adopter = await project(
        "yaml-import-option",
        AWS_PAIR.replace("OPTIONS", `    options:\n      import: ${PROJECT}/AWS/${service?.id}`).replace(
          "      endpointServiceId: vpce-0123456789abcdef0\n",
          `      endpointServiceId: vpce-0123456789abcdef0\n    options:\n      import: ${PROJECT}/AWS/${service?.id}/vpce-0123456789abcdef0\n`,
        ) +
          // Regional mode is off: a program leaves enabled out (or writes false).
          `  regional:\n    type: ${REGIONAL_MODE}\n    properties:\n      projectId: ${PROJECT}\n    options:\n      import: ${PROJECT}\n` +
          `  strings:\n    type: ${STRINGS}\n    properties:\n      projectId: ${PROJECT}\n      clusterName: orders\n      endpointIds:\n        - vpce-0123456789abcdef0\n    options:\n      import: ${PROJECT}/orders/vpce-0123456789abcdef0\n` +
          `outputs:\n  mongoUri: \${strings.srvConnectionString}\n`,
      );
      await ctl.clearRequests();
      const up = await adopter.stack.up();
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpointService\s+service\s+imported/);
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpoint\s+endpoint\s+imported/);
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateEndpointRegionalMode\s+regional\s+imported/);
      expect(up.stdout).toMatch(/atlas-private-endpoint:index:PrivateConnectionStrings\s+strings\s+imported/);
      expect((await adopter.stack.outputs())["mongoUri"]).toBe(srv);
      expect((await ctl.requests()).filter((r) => r.method !== "GET")).toEqual([]);
      await adopter.stack.preview({ expectNoChanges: true });
      await adopter.stack.destroy();
      expect(await ctl.services()).toEqual([]);
      expect((await ctl.requests()).filter((r) => r.method === "PATCH")).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "shows progress lines beside the resource while its create waits, and ends it at customTimeouts as a partial create",
    async () => {
      await ctl.settings({ provisionSeconds: 60 });
      const bounded = await project(
        "yaml-timeouts",
        AWS_PAIR.replace("OPTIONS", "    options:\n      customTimeouts:\n        create: 3s"),
      );
      let acceptedWhileCreating = false;
      const failed = await bounded.stack.up({
        allowFailure: true,
        onOutput: (chunk) => {
          if (/service\s+creating \(\d+s\) Atlas accepted endpoint service [0-9a-f]{24}; waiting/.test(chunk)) {
            acceptedWhileCreating = true;
          }
        },
      });
      expect(failed.code).not.toBe(0);
      expect(acceptedWhileCreating).toBe(true);
      const [service] = await ctl.services();
      expect(text(failed)).toContain(
        `Endpoint service ${service?.id} was not ready within customTimeouts.create (3s); last status INITIATING. It is recorded in state`,
      );
      const recorded = (await bounded.stack.exportStack()).resources.find((r) => r.type === SERVICE);
      expect(recorded).toMatchObject({ id: service?.id, outputs: { status: "INITIATING" } });

      // The next up resumes it: no second POST.
      await ctl.patchService(service?.id ?? "", { status: "AVAILABLE" });
      await bounded.stack.up();
      expect(await posts("/endpointService")).toBe(1);
      expect((await ctl.services()).map((s) => s.id)).toEqual([service?.id]);
      await bounded.stack.destroy();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "ends a create's wait when Ctrl-C interrupts up, keeps the service, and the next up resumes it with one POST",
    async () => {
      await ctl.settings({ provisionSeconds: 120 });
      const interrupted = await project("yaml-interrupted", AWS_PAIR.replace("OPTIONS\n", ""));
      const running = interrupted.stack.up({ allowFailure: true });
      await eventually(
        () => ctl.services(),
        (list) => list.length === 1,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      // A terminal's Ctrl-C: SIGINT to the CLI's process group (the plugins have groups of their own).
      expect(signalRunningPulumi("SIGINT")).toBe(1);
      const cancelled = await running;
      expect(cancelled.code).not.toBe(0);
      const [service] = await ctl.services();
      // Provisioning takes two minutes: the wait ended long before, and state keeps what Atlas has.
      expect(service?.status).toBe("INITIATING");
      expect(text(cancelled)).toContain(
        `Pulumi was cancelled while endpoint service ${service?.id} was being created (last status INITIATING)`,
      );
      const recorded = (await interrupted.stack.exportStack()).resources.filter((r) => r.type === SERVICE);
      expect(recorded.map((r) => [r.id, r.outputs?.["status"]])).toEqual([[service?.id, "INITIATING"]]);

      await ctl.patchService(service?.id ?? "", { status: "AVAILABLE" });
      await interrupted.stack.up();
      expect(await posts("/endpointService")).toBe(1);
      expect((await ctl.services()).map((s) => [s.id, s.status])).toEqual([[service?.id, "AVAILABLE"]]);
      expect((await ctl.registrations()).map((r) => r.serviceId)).toEqual([service?.id]);
      await interrupted.stack.preview({ expectNoChanges: true });
      await interrupted.stack.destroy();
      expect(await ctl.services()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "leaves no plugin behind when the CLI is killed hard, and the next up takes the service back with one POST",
    async () => {
      await ctl.settings({ provisionSeconds: 120 });
      const killed = await project("yaml-killed", AWS_PAIR.replace("OPTIONS\n", ""));
      const running = killed.stack.up({ allowFailure: true });
      const [service] = await eventually(
        () => ctl.services(),
        (list) => list.length === 1,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      const journal = journalFolder({ project: "yaml-killed", stack: "dev" }, stateFolder());
      await eventually(
        () => Promise.resolve(fs.existsSync(journal) ? fs.readdirSync(journal) : []),
        (files) => files.length === 1,
      );
      // A CI runner's SIGKILL to the CLI's process group: the plugin, in a group of its own, is not hit.
      signalRunningPulumi("SIGKILL");
      expect((await running).code).not.toBe(0);
      // Our plugin leaves once the engine is gone (Pulumi's YAML language host, not ours, may linger).
      await eventually(
        () =>
          Promise.resolve(
            processesOf(killed.stack).filter((p) => p.includes("pulumi-resource-atlas-private-endpoint")),
          ),
        (left) => left.length === 0,
        { timeoutMs: 20_000, intervalMs: 250 },
      );
      // What Pulumi itself left of the killed run (its language host) goes now, by process id.
      for (const left of processesOf(killed.stack)) process.kill(Number(left.split(" ")[0]), "SIGKILL");
      await killed.stack.run(["cancel", "--yes"]);
      expect((await killed.stack.exportStack()).resources.filter((r) => r.type === SERVICE)).toEqual([]);

      await ctl.patchService(service?.id ?? "", { status: "AVAILABLE" });
      const resumed = await killed.stack.up();
      expect(text(resumed)).toContain(`taking back endpoint service ${service?.id}`);
      expect(await posts("/endpointService")).toBe(1);
      expect((await ctl.services()).map((s) => s.id)).toEqual([service?.id]);
      await killed.stack.destroy();
    },
    TEST_TIMEOUT_MS,
  );
});
