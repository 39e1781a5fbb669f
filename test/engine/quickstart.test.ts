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
import type { PulumiStack } from "../../scripts/lib/pulumi-cli";
import { PULUMI_SDK_VERSION, REPO_ROOT } from "../../scripts/lib/scratch-program";
import { FAST_TIMINGS } from "../support/provider-harness";
import { describeEngine, engine, exampleProgram, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const QUICKSTART = path.join(REPO_ROOT, "examples", "quickstart");
const RESOURCE_TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService";

describeEngine(
  `examples/quickstart through pulumi ${engine?.version ?? "?"} with @pulumi/pulumi ${PULUMI_SDK_VERSION}`,
  () => {
    let stack: PulumiStack | undefined;
    let serviceId: string;
    // The quickstart's cluster (its default clusterName), with nodes in its default region.
    const suite = useEngineSuite(
      {
        ...FAST_TIMINGS,
        registrationSeconds: 0.3,
        clusterUpdateSeconds: 0.5,
        clusters: [
          { name: "Cluster0", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
        ],
      },
      () =>
        exampleProgram(QUICKSTART, {
          projectName: "atlas-private-endpoint-quickstart",
          main: "index.ts",
          files: ["tsconfig.json"],
        }),
    );

    beforeAll(async () => {
      if (suite.started) stack = await suite.stack("quickstart");
    }, 300_000);

    it("runs the @pulumi/pulumi this checkout has installed (the pair under test), not a pinned one", () => {
      const version = (file: string): string =>
        (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
      const sdk = path.join("node_modules", "@pulumi", "pulumi", "package.json");
      expect(version(path.join(suite.program.dir, sdk))).toBe(version(path.join(REPO_ROOT, sdk)));
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
        const [cluster] = await suite.ctl.clusters();
        expect(outputs["mongoUri"]).toBe(cluster?.privateEndpoint[0]?.srvConnectionString);
        expect(outputs["mongoUri"]).toMatch(/^mongodb\+srv:\/\/cluster0-pl-0\.[a-z0-9]{6}\.mongodb\.net$/);
        expect(outputs["endpointServiceName"]).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]+$/);
        serviceId = outputs["privateLinkId"] as string;
        const inEmulator = await suite.ctl.services();
        expect(inEmulator.map((s) => [s.id, s.cloudProvider, s.regionName, s.status])).toEqual([
          [serviceId, "AWS", "US_EAST_1", "AVAILABLE"],
        ]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "refresh reads the service from Atlas and finds it unchanged",
      async () => {
        await suite.ctl.clearRequests();
        await (stack as PulumiStack).refresh();
        const reads = (await suite.ctl.requests()).filter((r) => r.method === "GET" && r.path.includes(serviceId));
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
        expect(await suite.ctl.services()).toEqual([]);
        expect((await (stack as PulumiStack).exportStack()).resources.filter((r) => r.type === RESOURCE_TYPE)).toEqual(
          [],
        );
      },
      TEST_TIMEOUT_MS,
    );
  },
);
