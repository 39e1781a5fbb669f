/**
 * examples/quickstart as a user runs it: its `index.ts`, `tsconfig.json` and dependencies in a fresh project with the
 * package installed from its `npm pack` tarball and this checkout's `@pulumi/pulumi`, then `pulumi up`, `refresh` and
 * `destroy` through the real engine against an in-process Atlas emulator. CI runs it on both pairs of the supported
 * range (scripts/with-current-pair.sh: Node 24, `@pulumi/pulumi` 3.276.0, engine v3.276.0).
 *
 * Needs the engine like test/engine/engine.test.ts: skipped without one, except under CI=true, where that fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { findPulumiEngine, killRunningPulumi, PulumiStack } from "../../scripts/lib/pulumi-cli";
import {
  createScratchProgram,
  PULUMI_SDK_VERSION,
  REPO_ROOT,
  removePackedTarball,
  type ScratchProgram,
} from "../../scripts/lib/scratch-program";
import { control, type EmulatorControl } from "../support/emulator-control";
import { FAST_TIMINGS } from "../support/provider-harness";

const TEST_TIMEOUT_MS = 180_000;
const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart");
const RESOURCE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";

const engine = findPulumiEngine();
const inCi = process.env["CI"] === "true";
if (engine === undefined && !inCi) {
  console.log(
    "Quickstart engine test skipped: no Pulumi engine. To run it: export PATH=$(scripts/ensure-pulumi.sh):$PATH",
  );
}
const describeEngine = engine !== undefined || inCi ? describe : describe.skip;

describeEngine(
  `examples/quickstart through pulumi ${engine?.version ?? "?"} with @pulumi/pulumi ${PULUMI_SDK_VERSION}`,
  () => {
    let emulator: RunningEmulator | undefined;
    let ctl: EmulatorControl;
    let program: ScratchProgram | undefined;
    let stack: PulumiStack | undefined;
    let serviceId: string;

    beforeAll(async () => {
      if (engine === undefined) throw new Error("CI=true but no Pulumi engine was found: run scripts/ensure-pulumi.sh");
      // The quickstart's cluster (its default clusterName), with nodes in its default region.
      emulator = await startEmulator({
        ...FAST_TIMINGS,
        registrationSeconds: 0.3,
        clusterUpdateSeconds: 0.5,
        clusters: [
          { name: "Cluster0", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
        ],
      });
      ctl = control(emulator.baseUrl);
      const manifest = JSON.parse(fs.readFileSync(path.join(QUICKSTART, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      // The quickstart's own dependencies, less the two the scratch program installs (the tarball, this checkout's SDK).
      const dependencies = { ...manifest.dependencies, ...manifest.devDependencies };
      delete dependencies["@pulumi/pulumi"];
      delete dependencies["pulumi-atlas-private-endpoint"];
      program = await createScratchProgram({
        program: { file: "index.ts", source: fs.readFileSync(path.join(QUICKSTART, "index.ts"), "utf8") },
        projectName: "atlas-private-endpoint-quickstart",
        files: { "tsconfig.json": fs.readFileSync(path.join(QUICKSTART, "tsconfig.json"), "utf8") },
        dependencies,
      });
      stack = await PulumiStack.create({
        engine,
        projectDir: program.dir,
        stack: "quickstart",
        timeoutMs: 150_000,
        env: {
          MONGODB_ATLAS_PUBLIC_KEY: undefined,
          MONGODB_ATLAS_PRIVATE_KEY: undefined,
          MONGODB_ATLAS_BASE_URL: undefined,
        },
      });
      await stack.setConfig("mongodbatlas:baseUrl", emulator.baseUrl);
      await stack.setConfig("mongodbatlas:publicKey", EMULATOR_IDENTITY.apiKey.publicKey);
      await stack.setConfig("mongodbatlas:privateKey", EMULATOR_IDENTITY.apiKey.privateKey, { secret: true });
      await stack.setConfig("atlasPrivateEndpoint:pollTimeScale", "0.02");
    }, 300_000);

    afterAll(async () => {
      killRunningPulumi();
      stack?.dispose();
      program?.remove();
      removePackedTarball();
      await emulator?.close();
    });

    it("runs the @pulumi/pulumi this checkout has installed (the pair under test), not a pinned one", () => {
      const version = (file: string): string =>
        (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
      const sdk = path.join("node_modules", "@pulumi", "pulumi", "package.json");
      expect(version(path.join((program as ScratchProgram).dir, sdk))).toBe(version(path.join(REPO_ROOT, sdk)));
    });

    it(
      "up creates the quickstart's service, link and connection string with the outputs its README shows",
      async () => {
        await (stack as PulumiStack).up();
        const outputs = await (stack as PulumiStack).outputs();
        expect(outputs).toMatchObject({
          status: "AVAILABLE",
          regionName: "US_EAST_1",
          interfaceEndpoints: [],
          connectionStatus: "AVAILABLE",
        });
        const [cluster] = await ctl.clusters();
        expect(outputs["mongoUri"]).toBe(cluster?.privateEndpoint[0]?.srvConnectionString);
        expect(outputs["mongoUri"]).toMatch(/^mongodb\+srv:\/\/cluster0-pl-0\.[a-z0-9]{6}\.mongodb\.net$/);
        expect(outputs["endpointServiceName"]).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]+$/);
        serviceId = outputs["privateLinkId"] as string;
        const inEmulator = await ctl.services();
        expect(inEmulator.map((s) => [s.id, s.cloudProvider, s.regionName, s.status])).toEqual([
          [serviceId, "AWS", "US_EAST_1", "AVAILABLE"],
        ]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "refresh reads the service from Atlas and finds it unchanged",
      async () => {
        await ctl.clearRequests();
        await (stack as PulumiStack).refresh();
        const reads = (await ctl.requests()).filter((r) => r.method === "GET" && r.path.includes(serviceId));
        expect(reads.length).toBeGreaterThan(0);
        const [resource] = (await (stack as PulumiStack).exportStack()).resources.filter(
          (r) => r.type === RESOURCE_TYPE,
        );
        expect(resource?.id).toBe(serviceId);
        expect(resource?.outputs?.["status"]).toBe("AVAILABLE");
        await (stack as PulumiStack).preview({ expectNoChanges: true });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "destroy deletes it from Atlas and from the stack",
      async () => {
        await (stack as PulumiStack).destroy();
        expect(await ctl.services()).toEqual([]);
        expect((await (stack as PulumiStack).exportStack()).resources.filter((r) => r.type === RESOURCE_TYPE)).toEqual(
          [],
        );
      },
      TEST_TIMEOUT_MS,
    );
  },
);
