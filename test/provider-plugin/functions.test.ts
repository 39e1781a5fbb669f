/**
 * The lookups as functions of the plugin's schema, answered by `Invoke` (`fn::invoke` in YAML, `get_…` in Python): the
 * same answers and the same errors as the TypeScript functions, one implementation behind both.
 */
import { EMULATOR_IDENTITY } from "../../emulator";
import {
  getPrivateConnectionStrings,
  getPrivateEndpoint,
  getPrivateEndpointRegionalMode,
  getPrivateEndpointService,
  listPrivateEndpointServices,
} from "../../provider";
import type { ConfigSource } from "../../provider/context/settings";
import { PluginCallError } from "../../scripts/lib/dynamic-plugin";
import { PLUGIN_TYPES } from "../../scripts/lib/atlas-plugin";
import { eventually } from "../support/eventually";
import { FAST_TIMINGS } from "../support/provider-harness";
import { useAtlasPluginBench } from "./plugin-harness";

const PROJECT = EMULATOR_IDENTITY.projectId;
const TIMINGS = { ...FAST_TIMINGS, registrationSeconds: 0.2, registrationDeletingSeconds: 0.1 } as const;
const FUNCTION = (name: string): string => `atlas-private-endpoint:index:${name}`;

const bench = useAtlasPluginBench({ timings: TIMINGS, resetBeforeEach: false });
/** The TypeScript functions' settings: the same emulator and key. */
let config: ConfigSource;
let privateLinkId: string;

beforeAll(async () => {
  const settings: Record<string, string> = {
    "mongodbatlas:baseUrl": bench.emulator.baseUrl,
    "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
    "mongodbatlas:privateKey": EMULATOR_IDENTITY.apiKey.privateKey,
  };
  config = { get: (key) => settings[key] };

  const services = bench.plugin.forType(PLUGIN_TYPES.service, "looked-up");
  const { inputs } = await services.check({}, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
  privateLinkId = (await services.create(inputs)).id;
  const registrations = bench.plugin.forType(PLUGIN_TYPES.endpoint, "looked-up-link");
  const registration = await registrations.check(
    {},
    { projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: "vpce-0123456789abcdef0" },
  );
  await registrations.create(registration.inputs);
});

describe("the plugin's functions", () => {
  it("answers getPrivateEndpointService as the TypeScript function does", async () => {
    const args = { projectId: PROJECT, providerName: "AWS", privateLinkId } as const;
    const invoked = await bench.plugin.invoke(FUNCTION("getPrivateEndpointService"), args);
    expect(invoked.failures).toEqual([]);
    expect(invoked.outputs).toEqual(await getPrivateEndpointService(args, { config }));
    expect(invoked.outputs).toMatchObject({ privateLinkId, status: "AVAILABLE", regionName: "US_EAST_1" });
  });

  it("answers listPrivateEndpointServices with the TypeScript function's list as `services`", async () => {
    const args = { projectId: PROJECT, providerName: "AWS" } as const;
    const invoked = await bench.plugin.invoke(FUNCTION("listPrivateEndpointServices"), args);
    expect(invoked.outputs).toEqual({ services: await listPrivateEndpointServices(args, { config }) });
    expect((invoked.outputs?.["services"] as { privateLinkId: string }[]).map((s) => s.privateLinkId)).toEqual([
      privateLinkId,
    ]);
  });

  it("answers getPrivateEndpoint as the TypeScript function does", async () => {
    const args = {
      projectId: PROJECT,
      providerName: "aws",
      privateLinkId,
      endpointServiceId: "vpce-0123456789abcdef0",
    } as const;
    const invoked = await bench.plugin.invoke(FUNCTION("getPrivateEndpoint"), args);
    expect(invoked.outputs).toEqual(await getPrivateEndpoint(args, { config }));
    expect(invoked.outputs).toMatchObject({ awsConnectionStatus: "AVAILABLE", providerName: "AWS" });
    const schema = JSON.parse(await bench.plugin.getSchema()) as {
      functions: Record<string, { outputs: { properties: Record<string, unknown> } }>;
    };
    const described = schema.functions[FUNCTION("getPrivateEndpoint")]?.outputs.properties ?? {};
    expect(Object.keys(invoked.outputs ?? {}).sort()).toEqual(Object.keys(described).sort());
  });

  it("answers getPrivateEndpointRegionalMode as the TypeScript function does, off and on", async () => {
    const args = { projectId: PROJECT } as const;
    const off = await bench.plugin.invoke(FUNCTION("getPrivateEndpointRegionalMode"), args);
    expect(off).toEqual({ outputs: { projectId: PROJECT, enabled: false }, failures: [] });
    expect(off.outputs).toEqual(await getPrivateEndpointRegionalMode(args, { config }));
    await bench.ctl.setRegionalMode(PROJECT, true);
    try {
      const on = await bench.plugin.invoke(FUNCTION("getPrivateEndpointRegionalMode"), args);
      expect(on.outputs).toEqual({ projectId: PROJECT, enabled: true });
      expect(on.outputs).toEqual(await getPrivateEndpointRegionalMode(args, { config }));
    } finally {
      await bench.ctl.setRegionalMode(PROJECT, false);
    }
  });

  it("fails getPrivateEndpointRegionalMode for a project Atlas lacks with the TypeScript function's error", async () => {
    const missing = { projectId: "fedcba9876543210fedcba98" } as const;
    const typescript = await getPrivateEndpointRegionalMode(missing, { config }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(typescript?.message).toContain("GROUP_NOT_FOUND");
    await expect(bench.plugin.invoke(FUNCTION("getPrivateEndpointRegionalMode"), missing)).rejects.toThrow(
      new PluginCallError(typescript?.message ?? "", undefined),
    );
    await bench.ctl.clearRequests();
    expect(
      await bench.plugin.invoke(FUNCTION("getPrivateEndpointRegionalMode"), { projectId: PROJECT, enabled: true }),
    ).toEqual({
      outputs: {},
      failures: [
        {
          property: "enabled",
          reason: 'getPrivateEndpointRegionalMode takes no argument "enabled"; it takes projectId',
        },
      ],
    });
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("answers getPrivateConnectionStrings with the TypeScript function's list as `entries`, published or not", async () => {
    // orders has nodes where the looked-up endpoint is registered; ledger in a region without any endpoint.
    await bench.ctl.settings({ clusterUpdateSeconds: 0.1 });
    await bench.ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await bench.ctl.declareCluster({
      name: "ledger",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "eu-west-1" }],
    });
    const args = { projectId: PROJECT, clusterName: "orders" } as const;
    const invoked = await eventually(
      () => bench.plugin.invoke(FUNCTION("getPrivateConnectionStrings"), args),
      (answer) => ((answer.outputs?.["entries"] as unknown[] | undefined) ?? []).length > 0,
    );
    expect(invoked.failures).toEqual([]);
    expect(invoked.outputs).toEqual({ entries: await getPrivateConnectionStrings(args, { config }) });
    const [cluster] = (await bench.ctl.clusters()).filter((c) => c.name === "orders");
    expect(invoked.outputs).toEqual({
      entries: [
        {
          connectionString: cluster?.privateEndpoint[0]?.connectionString,
          srvConnectionString: cluster?.privateEndpoint[0]?.srvConnectionString,
          srvShardOptimizedConnectionString: null,
          type: "MONGOD",
          endpoints: [{ endpointId: "vpce-0123456789abcdef0", providerName: "AWS", region: "US_EAST_1" }],
        },
      ],
    });

    const none = { projectId: PROJECT, clusterName: "ledger" } as const;
    expect(await bench.plugin.invoke(FUNCTION("getPrivateConnectionStrings"), none)).toEqual({
      outputs: { entries: [] },
      failures: [],
    });
    expect(await getPrivateConnectionStrings(none, { config })).toEqual([]);
  });

  it("fails getPrivateConnectionStrings for a cluster Atlas lacks with the TypeScript function's error", async () => {
    const missing = { projectId: PROJECT, clusterName: "nowhere" } as const;
    const typescript = await getPrivateConnectionStrings(missing, { config }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(typescript?.message).toContain("CLUSTER_NOT_FOUND");
    await expect(bench.plugin.invoke(FUNCTION("getPrivateConnectionStrings"), missing)).rejects.toThrow(
      new PluginCallError(typescript?.message ?? "", undefined),
    );
    await bench.ctl.clearRequests();
    expect(await bench.plugin.invoke(FUNCTION("getPrivateConnectionStrings"), { projectId: PROJECT })).toEqual({
      outputs: {},
      failures: [
        {
          property: "clusterName",
          reason: "getPrivateConnectionStrings needs clusterName: The cluster's name as Atlas shows it.",
        },
      ],
    });
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("fails with the TypeScript function's error: a 404, and a provider Atlas does not know", async () => {
    const missing = { projectId: PROJECT, providerName: "AWS", privateLinkId: "0123456789abcdef01234567" } as const;
    const typescript = await getPrivateEndpointService(missing, { config }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(typescript?.message).toContain("PRIVATE_ENDPOINT_SERVICE_NOT_FOUND");
    await expect(bench.plugin.invoke(FUNCTION("getPrivateEndpointService"), missing)).rejects.toThrow(
      new PluginCallError(typescript?.message ?? "", undefined),
    );
    await expect(
      bench.plugin.invoke(FUNCTION("listPrivateEndpointServices"), { projectId: PROJECT, providerName: "oracle" }),
    ).rejects.toThrow(new PluginCallError('providerName "oracle" must be AWS, AZURE or GCP', undefined));
  });

  it("refuses missing, mistyped and unknown arguments before any request, naming each", async () => {
    await bench.ctl.clearRequests();
    const invoked = await bench.plugin.invoke(FUNCTION("getPrivateEndpointService"), {
      projectId: 7,
      providerName: "AWS",
      colour: "blue",
    });
    expect(invoked).toEqual({
      outputs: {},
      failures: [
        { property: "projectId", reason: "projectId of getPrivateEndpointService must be a string, got 7" },
        {
          property: "privateLinkId",
          reason: "getPrivateEndpointService needs privateLinkId: The Atlas endpoint service id.",
        },
        {
          property: "colour",
          reason:
            'getPrivateEndpointService takes no argument "colour"; it takes projectId, providerName, privateLinkId',
        },
      ],
    });
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("names its functions when asked for one it does not have", async () => {
    await expect(bench.plugin.invoke(FUNCTION("getCluster"), {})).rejects.toThrow(
      new PluginCallError(
        'atlas-private-endpoint has no function "atlas-private-endpoint:index:getCluster"; it has atlas-private-endpoint:index:getPrivateEndpointService, atlas-private-endpoint:index:listPrivateEndpointServices, atlas-private-endpoint:index:getPrivateEndpoint, atlas-private-endpoint:index:getPrivateEndpointRegionalMode, atlas-private-endpoint:index:getPrivateConnectionStrings',
        undefined,
      ),
    );
  });
});
