import type { ProviderName } from "../../regions/regions";
import type { CreateRegistrationRequest } from "../../provider/atlas/types";
import { builtProviderPath, providerReference, type PluginCallError } from "../../scripts/lib/dynamic-plugin";
import type { EmulatorClusterEntry, RequestLogEntry } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { FAST_TIMINGS } from "../support/provider-harness";
import {
  AZURE_ID,
  PROJECT,
  VPCE as VPCE_EAST,
  atlasClient,
  checked as checkedBy,
  failureOf,
  usePluginBench,
  type Props,
} from "./plugin-harness";

/** `PrivateConnectionStrings` through the real dynamic-provider plugin over gRPC, against the emulator. */
const PROVIDER = providerReference(builtProviderPath("private-connection-strings"));
const TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateConnectionStrings";
/** Registrations ready in 0.2 s; clusters UPDATING for 0.5 s after each endpoint change. */
const TIMINGS = {
  ...FAST_TIMINGS,
  registrationSeconds: 0.2,
  registrationDeletingSeconds: 0.1,
  clusterUpdateSeconds: 0.5,
} as const;

const VPCE_WEST = "vpce-0fedcba9876543210";

const bench = usePluginBench(
  {},
  { timings: TIMINGS, resources: ["private-connection-strings"], forType: [TYPE, "orders-uri"] },
);

function registrationBody(provider: ProviderName, endpointId: string): CreateRegistrationRequest {
  switch (provider) {
    case "AWS":
      return { id: endpointId };
    case "AZURE":
      return { id: endpointId, privateEndpointIPAddress: "10.0.0.4" };
    case "GCP":
      return {
        endpointGroupName: endpointId,
        gcpProjectId: "my-project-123",
        endpoints: [{ endpointName: `${endpointId}-0`, ipAddress: "10.128.0.10" }],
      };
  }
}

/** An endpoint service in `region`, ready; resolves to its id. */
async function service(provider: ProviderName, region: string): Promise<string> {
  const created = await atlasClient(bench.emulator).createEndpointService(PROJECT, { providerName: provider, region });
  await eventually(
    () => atlasClient(bench.emulator).getEndpointService(PROJECT, provider, created.id),
    (s) => s.status === "AVAILABLE",
  );
  return created.id;
}

/** Registers `endpointId` with a new ready service in `region` (what PrivateEndpoint does); resolves to the service. */
async function register(provider: ProviderName, region: string, endpointId: string): Promise<string> {
  const serviceId = await service(provider, region);
  await atlasClient(bench.emulator).createRegistration(
    PROJECT,
    provider,
    serviceId,
    registrationBody(provider, endpointId),
  );
  return serviceId;
}

/** Declares the cluster `orders`, with nodes in each `[provider, region]`. */
function declareOrders(
  clusterType: "REPLICASET" | "SHARDED",
  ...regions: [ProviderName, string][]
): Promise<EmulatorClusterEntry> {
  return bench.ctl.declareCluster({
    name: "orders",
    clusterType,
    regions: regions.map(([providerName, regionName]) => ({ providerName, regionName })),
  });
}

async function cluster(name: string): Promise<EmulatorClusterEntry> {
  const found = (await bench.ctl.clusters()).find((c) => c.name === name);
  if (found === undefined) throw new Error(`no cluster ${name}`);
  return found;
}

/** Waits until the emulator publishes an entry for the cluster and it is IDLE. */
function published(name: string): Promise<EmulatorClusterEntry> {
  return eventually(
    () => cluster(name),
    (c) => c.stateName === "IDLE" && c.privateEndpoint.length > 0,
  );
}

const checked = (news: Props): Promise<Props> =>
  checkedBy(bench.plugin, PROVIDER, { resourceName: "orders-uri", ...news });

const createFailure = (inputs: Props): Promise<PluginCallError> => failureOf(bench.plugin.create(inputs));

/** The calls Atlas answered (digest challenges left out), as `METHOD path status`. */
async function answered(): Promise<string[]> {
  return (await bench.ctl.requests())
    .filter((r: RequestLogEntry) => r.status !== 401)
    .map((r) => `${r.method} ${r.path} ${r.status}`);
}

const clusterPath = (name: string): string => `/api/atlas/v2/groups/${PROJECT}/clusters/${name}`;

describe("PrivateConnectionStrings through the dynamic-provider plugin", () => {
  it.each([
    ["AWS", "us-east-1", VPCE_EAST, "US_EAST_1", /^mongodb\+srv:\/\/orders-pl-0\.[a-z0-9]{6}\.mongodb\.net$/],
    ["AZURE", "eastus2", AZURE_ID, "US_EAST_2", /^mongodb\+srv:\/\/orders-pl-0\.[a-z0-9]{6}\.mongodb\.net$/],
    ["GCP", "us-central1", "atlas-group", "CENTRAL_US", /^mongodb\+srv:\/\/orders-psc-0\.[a-z0-9]{6}\.mongodb\.net$/],
  ] as const)(
    "records a single-region %s cluster's entry with one GET once it is published",
    async (provider, region, endpointId, atlasRegion, srv) => {
      await declareOrders("REPLICASET", [provider, region]);
      await register(provider, region, endpointId);
      const [entry] = (await published("orders")).privateEndpoint;
      const inputs = await checked({ projectId: PROJECT, clusterName: "orders", endpointIds: [endpointId] });
      await bench.ctl.clearRequests();

      const created = await bench.plugin.create(inputs);
      expect(created.id).toBe(`${PROJECT}:orders:${endpointId}`);
      expect(created.properties).toEqual({
        __provider: PROVIDER,
        resourceName: "orders-uri",
        projectId: PROJECT,
        clusterName: "orders",
        endpointIds: [endpointId],
        connectionString: entry?.connectionString,
        srvConnectionString: entry?.srvConnectionString,
        srvShardOptimizedConnectionString: null,
        type: "MONGOD",
        endpoints: [{ endpointId, providerName: provider, region: atlasRegion }],
        stateName: "IDLE",
        clusterRegions: [{ providerName: provider, region: atlasRegion }],
      });
      expect(created.properties["srvConnectionString"]).toMatch(srv);
      expect(await answered()).toEqual([`GET ${clusterPath("orders")} 200`]);
      expect((await bench.ctl.requests()).every((r) => r.method === "GET")).toBe(true);

      // Delete only forgets: no request at all.
      await bench.ctl.clearRequests();
      await bench.plugin.delete(created.id, created.properties);
      expect(await bench.ctl.requests()).toEqual([]);
    },
  );

  it("waits for a two-region cluster until the second region has an endpoint, naming the missing region meanwhile", async () => {
    await declareOrders("REPLICASET", ["AWS", "us-east-1"], ["AWS", "eu-west-1"]);
    await register("AWS", "us-east-1", VPCE_EAST);
    const inputs = await checked({ projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE_EAST] });
    const creating = bench.plugin.create(inputs);

    const missing =
      "orders has nodes in US_EAST_1 and EU_WEST_1; endpoints are registered in US_EAST_1 only: register one in EU_WEST_1 as well";
    await eventually(
      () => Promise.resolve(bench.plugin.output()),
      (text) => text.includes(`still waiting for the private strings of orders after`) && text.includes(missing),
      { timeoutMs: 15_000 },
    );
    expect(bench.plugin.output()).toContain(
      `PrivateConnectionStrings orders-uri (orders): waiting for orders to list the private endpoint entry of ${VPCE_EAST}: ${VPCE_EAST} is not linked to orders yet`,
    );
    expect((await cluster("orders")).privateEndpoint).toEqual([]);

    await register("AWS", "eu-west-1", VPCE_WEST);
    const created = await creating;
    const [entry] = (await cluster("orders")).privateEndpoint;
    expect(created.properties).toMatchObject({
      connectionString: entry?.connectionString,
      srvConnectionString: entry?.srvConnectionString,
      type: "MONGOD",
      endpoints: [
        { endpointId: VPCE_EAST, providerName: "AWS", region: "US_EAST_1" },
        { endpointId: VPCE_WEST, providerName: "AWS", region: "EU_WEST_1" },
      ],
      clusterRegions: [
        { providerName: "AWS", region: "US_EAST_1" },
        { providerName: "AWS", region: "EU_WEST_1" },
      ],
      stateName: "IDLE",
    });
    expect(created.properties["connectionString"]).toMatch(
      /^mongodb:\/\/pl-0-us-east-1\.[a-z0-9]{6}\.mongodb\.net:1024,.*pl-0-eu-west-1\.[a-z0-9]{6}\.mongodb\.net:1028\//,
    );
    expect(bench.plugin.output()).toMatch(
      /orders lists the private endpoint entry of vpce-0123456789abcdef0 after \d+ s/,
    );
  });

  it("waits while the cluster is UPDATING even though the entry is there, then records it once IDLE", async () => {
    await declareOrders("SHARDED", ["AWS", "us-east-1"]);
    await register("AWS", "us-east-1", VPCE_EAST);
    await published("orders");
    await bench.ctl.patchCluster(PROJECT, "orders", { stateName: "UPDATING" });
    const inputs = await checked({ projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE_EAST] });
    await bench.ctl.clearRequests();

    const creating = bench.plugin.create(inputs);
    await eventually(
      () => bench.ctl.requests(),
      (log) => log.filter((r) => r.path === clusterPath("orders") && r.status === 200).length >= 5,
    );
    await bench.ctl.patchCluster(PROJECT, "orders", { stateName: null });
    const created = await creating;

    expect(created.properties).toMatchObject({ type: "MONGOS", stateName: "IDLE" });
    expect(created.properties["srvShardOptimizedConnectionString"]).toMatch(
      /^mongodb\+srv:\/\/orders-pl-0-lb\.[a-z0-9]{6}\.mongodb\.net$/,
    );
    const gets = (await answered()).filter((line) => line.startsWith(`GET ${clusterPath("orders")} `));
    expect(gets.length).toBeGreaterThanOrEqual(6);
    expect(gets.every((line) => line.endsWith(" 200"))).toBe(true);
    expect(bench.plugin.output()).toContain(
      `waiting for orders to list the private endpoint entry of ${VPCE_EAST}: orders lists the entry of ${VPCE_EAST}; waiting for orders to be IDLE (it is UPDATING)`,
    );
  });

  it("fails at once for an unknown cluster, naming the project's clusters, after two GETs", async () => {
    await declareOrders("REPLICASET", ["AWS", "us-east-1"]);
    await bench.ctl.declareCluster({
      name: "Billing",
      clusterType: "SHARDED",
      regions: [{ providerName: "GCP", regionName: "us-central1" }],
    });
    const inputs = await checked({ projectId: PROJECT, clusterName: "billing", endpointIds: [VPCE_EAST] });
    await bench.ctl.clearRequests();

    const error = await createFailure(inputs);
    expect(error.partial).toBeUndefined();
    expect(error.message).toContain(
      `Atlas has no cluster named "billing" in project ${PROJECT} (404 CLUSTER_NOT_FOUND); its clusters are orders, Billing (did you mean Billing?). Nothing was created; set clusterName to the cluster's name as Atlas shows it.`,
    );
    expect(await answered()).toEqual([
      `GET ${clusterPath("billing")} 404`,
      `GET /api/atlas/v2/groups/${PROJECT}/clusters?itemsPerPage=500&pageNum=1 200`,
    ]);
  });

  it("keeps the resource on a refresh after its endpoint is deleted, with null strings, and waits again on update", async () => {
    await declareOrders("REPLICASET", ["AWS", "us-east-1"]);
    const serviceId = await register("AWS", "us-east-1", VPCE_EAST);
    await published("orders");
    const inputs = await checked({ projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE_EAST] });
    const created = await bench.plugin.create(inputs);

    await atlasClient(bench.emulator).deleteRegistration(PROJECT, "AWS", serviceId, VPCE_EAST);
    await eventually(
      () => cluster("orders"),
      (c) => c.stateName === "IDLE" && c.privateEndpoint.length === 0,
    );
    const read = await bench.plugin.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({
      connectionString: null,
      srvConnectionString: null,
      srvShardOptimizedConnectionString: null,
      type: null,
      endpoints: [],
      stateName: "IDLE",
      clusterRegions: [{ providerName: "AWS", region: "US_EAST_1" }],
    });
    expect(bench.plugin.output()).toContain(
      `orders no longer lists the private endpoint entry of ${VPCE_EAST}: ${VPCE_EAST} is not linked to orders yet; orders has nodes in US_EAST_1, where no endpoint is registered: register one there; ${VPCE_EAST} is not registered with any endpoint service of the project: register it (PrivateEndpoint). The strings are null until the next pulumi up, which waits for the entry again.`,
    );
    expect(await bench.plugin.diff(read.id, read.properties, inputs)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });

    const updating = bench.plugin.update(read.id, read.properties, inputs);
    await atlasClient(bench.emulator).createRegistration(PROJECT, "AWS", serviceId, { id: VPCE_EAST });
    const updated = await updating;
    expect(updated.properties["srvConnectionString"]).toBe(created.properties["srvConnectionString"]);
    expect(await bench.plugin.diff(read.id, updated.properties, inputs)).toMatchObject({ changes: "none" });
  });

  it("fails a wait that runs out with what is missing, and records nothing", async () => {
    await declareOrders("REPLICASET", ["AWS", "us-east-1"], ["AWS", "eu-west-1"]);
    await register("AWS", "us-east-1", VPCE_EAST);
    await eventually(
      () => cluster("orders"),
      (c) => c.stateName === "IDLE" && c.stateChangesAt === null,
    );
    const inputs = await checked({
      projectId: PROJECT,
      clusterName: "orders",
      endpointIds: [VPCE_EAST],
      timeouts: { create: "1s" },
    });

    const error = await createFailure(inputs);
    expect(error.partial).toBeUndefined();
    expect(error.message).toContain(
      `orders listed no private endpoint entry holding ${VPCE_EAST} within timeouts.create (1s): ${VPCE_EAST} is not linked to orders yet; orders has nodes in US_EAST_1 and EU_WEST_1; endpoints are registered in US_EAST_1 only: register one in EU_WEST_1 as well. Nothing was created in Atlas: run pulumi up again once that is done (it waits again), or raise timeouts.create.`,
    );
  });

  it("waits out 503s and 429s on the cluster's GET", async () => {
    await declareOrders("REPLICASET", ["AWS", "us-east-1"]);
    const inputs = await checked({ projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE_EAST] });
    // A read first, so the plugin's digest session is current and no challenge shifts the faults' counts.
    await bench.plugin.read(`${PROJECT}:orders:${VPCE_EAST}`, inputs);
    await register("AWS", "us-east-1", VPCE_EAST);
    const path = `^${clusterPath("orders")}$`;
    // The first GET passes; the next three answer 503, 503, 429 (the second fault counts the first GET as skipped).
    await bench.ctl.addFault({ path, method: "GET", skip: 1, times: 2, status: 503, headers: { "Retry-After": "0" } });
    await bench.ctl.addFault({ path, method: "GET", skip: 1, times: 1, status: 429, headers: { "Retry-After": "0" } });
    await bench.ctl.clearRequests();

    const created = await bench.plugin.create(inputs);
    expect(created.properties["srvConnectionString"]).toMatch(/^mongodb\+srv:\/\/orders-pl-0\./);
    const statuses = (await answered())
      .filter((line) => line.startsWith(`GET ${clusterPath("orders")} `))
      .map((line) => Number(line.split(" ").pop()));
    expect(statuses.slice(0, 5)).toEqual([200, 503, 503, 429, 200]);
    expect(statuses.at(-1)).toBe(200);
  });
});
