/**
 * examples/multi-region-aws through the real engine against the emulator: regional mode on, a service and a VPC
 * endpoint's registration in each of two regions, and the regionalized connection string of a two-region sharded
 * cluster per region, then a preview with no changes and destroy.
 *
 * What runs: the example's own `index.ts` and `atlas.ts`, byte for byte, with the package installed from its tarball.
 * What does not: `vpc-endpoint.ts`, whose VPCs and interface endpoints need the AWS provider and an AWS account (its
 * plugin cannot be installed offline); a stand-in with the same export answers the VPC endpoint ids given in config,
 * once Atlas' service names itself (as the real endpoint does). The real file is type-checked with the example
 * (`scripts/check-examples.sh`).
 */
import * as path from "node:path";
import { EMULATOR_IDENTITY } from "../../emulator";
import type { PulumiStack } from "../../scripts/lib/pulumi-cli";
import { REPO_ROOT } from "../../scripts/lib/scratch-program";
import { FAST_TIMINGS } from "../support/provider-harness";
import { describeEngine, exampleProgram, useEngineSuite } from "./engine-harness";

const TEST_TIMEOUT_MS = 180_000;
const EXAMPLE = path.join(REPO_ROOT, "examples", "multi-region-aws");
const PROJECT = EMULATOR_IDENTITY.projectId;
const VPC_ENDPOINT_IDS = { "us-east-1": "vpce-0123456789abcdef0", "eu-west-1": "vpce-0fedcba9876543210" } as const;

/** Stands in for the example's vpc-endpoint.ts: the same export, the VPC endpoint ids from config. */
const VPC_ENDPOINT_STAND_IN = `import * as pulumi from "@pulumi/pulumi";

/** The VPC endpoint id of \`region\` from config \`vpcEndpointIds\`, once Atlas' service there is ready. */
export function vpcEndpointIn(
  region: string,
  _vpcCidr: string,
  endpointServiceName: pulumi.Output<string>,
): pulumi.Output<string> {
  const ids = new pulumi.Config().requireObject<Record<string, string>>("vpcEndpointIds");
  return endpointServiceName.apply(() => {
    const id = ids[region];
    if (id === undefined) throw new Error(\`config vpcEndpointIds has no id for \${region}\`);
    return id;
  });
}
`;

describeEngine("examples/multi-region-aws through the engine (its Atlas part, VPC endpoints given)", () => {
  let stack: PulumiStack | undefined;
  const suite = useEngineSuite(
    {
      ...FAST_TIMINGS,
      registrationSeconds: 0.3,
      clusterUpdateSeconds: 0.5,
      quiet: true,
      clusters: [
        {
          name: "orders",
          clusterType: "SHARDED",
          regions: [
            { providerName: "AWS", regionName: "us-east-1" },
            { providerName: "AWS", regionName: "eu-west-1" },
          ],
        },
      ],
    },
    () =>
      exampleProgram(EXAMPLE, {
        projectName: "atlas-private-endpoint-multi-region-aws",
        main: "index.ts",
        files: ["tsconfig.json", "atlas.ts"],
        // The AWS provider the stand-in replaces is not installed.
        standIns: { "vpc-endpoint.ts": VPC_ENDPOINT_STAND_IN },
        drop: ["@pulumi/aws"],
      }),
  );

  beforeAll(async () => {
    if (!suite.started) return; // the suite's setup failed; its error is reported
    stack = await suite.stack("multi-region", {
      config: {
        projectId: PROJECT,
        clusterName: "orders",
        vpcEndpointIds: JSON.stringify(VPC_ENDPOINT_IDS),
      },
    });
  }, 300_000);

  it(
    "turns regional mode on and ends in each region's own string, then previews no changes and destroys",
    async () => {
      // Regional mode's PATCH lands late, after both links are up and the cluster has listed one entry holding both
      // endpoints: each region's strings must still be its regionalized entry's, not that one's.
      await suite.ctl.addFault({ method: "PATCH", path: "/privateEndpoint/regionalMode$", delayMs: 4000 });
      const up = await (stack as PulumiStack).up();
      expect(up.stdout).toMatch(/PrivateEndpointRegionalMode\s+regional-mode\s+created/);
      const outputs = await (stack as PulumiStack).outputs();
      const [cluster] = await suite.ctl.clusters();
      // One regionalized entry per region, each holding that region's endpoint.
      const entryOf = (region: string) =>
        cluster?.privateEndpoint.find((entry) => entry.endpoints.map((e) => e.region).join() === region);
      expect(cluster?.privateEndpoint).toHaveLength(2);
      expect(outputs).toEqual({
        mongoUris: {
          "us-east-1": entryOf("US_EAST_1")?.srvConnectionString,
          "eu-west-1": entryOf("EU_WEST_1")?.srvConnectionString,
        },
        shardOptimizedUris: {
          "us-east-1": entryOf("US_EAST_1")?.srvShardOptimizedConnectionString,
          "eu-west-1": entryOf("EU_WEST_1")?.srvShardOptimizedConnectionString,
        },
        vpcEndpointIds: VPC_ENDPOINT_IDS,
        connectionStatuses: { "us-east-1": "AVAILABLE", "eu-west-1": "AVAILABLE" },
        regionalMode: true,
      });
      const uris = outputs["mongoUris"] as Record<string, string>;
      expect(uris["us-east-1"]).toMatch(/^mongodb\+srv:\/\/orders-pl-0-us-east-1\.[a-z0-9]{6}\.mongodb\.net$/);
      expect(uris["eu-west-1"]).toMatch(/^mongodb\+srv:\/\/orders-pl-0-eu-west-1\.[a-z0-9]{6}\.mongodb\.net$/);
      expect(entryOf("US_EAST_1")?.endpoints.map((e) => e.endpointId)).toEqual([VPC_ENDPOINT_IDS["us-east-1"]]);
      expect((await suite.ctl.regionalModes()).map((mode) => mode.enabled)).toEqual([true]);
      expect((await suite.ctl.services()).map((s) => s.regionName).sort()).toEqual(["EU_WEST_1", "US_EAST_1"]);

      await (stack as PulumiStack).preview({ expectNoChanges: true });

      // Regional mode was off before: the stack turned it on, so destroy turns it back off.
      await (stack as PulumiStack).destroy();
      expect(await suite.ctl.services()).toEqual([]);
      expect(await suite.ctl.registrations()).toEqual([]);
      expect((await suite.ctl.regionalModes()).map((mode) => mode.enabled)).toEqual([false]);
    },
    TEST_TIMEOUT_MS,
  );
});
