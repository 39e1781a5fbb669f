import { builtProviderPath, providerReference } from "../../scripts/lib/dynamic-plugin";
import type { RequestLogEntry } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { PROJECT, atlasClient, checked as checkedBy, failureOf, usePluginBench, type Props } from "./plugin-harness";

/** `PrivateEndpointRegionalMode` through the real dynamic-provider plugin over gRPC, against the emulator. */
const TYPE = "pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointRegionalMode";
const PROVIDER = providerReference(builtProviderPath("regional-mode"));
/** Registrations AVAILABLE in 0.2 s; a cluster stays UPDATING 1 s after a change (the wait's first look is at 0.3 s). */
const TIMINGS = { provisionSeconds: 0.1, registrationSeconds: 0.2, clusterUpdateSeconds: 1 } as const;
const REGIONAL_MODE_PATH = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode`;
const CLUSTERS_PATH = `/api/atlas/v2/groups/${PROJECT}/clusters?itemsPerPage=500&pageNum=1`;

const bench = usePluginBench({}, { timings: TIMINGS, resources: ["regional-mode"], forType: [TYPE, "regional"] });

const checked = (news: Props): Promise<Props> =>
  checkedBy(bench.plugin, PROVIDER, { resourceName: "regional", ...news });

/** Requests Atlas answered (digest challenges left out), as `METHOD path status`. */
async function answered(): Promise<string[]> {
  return (await bench.ctl.requests()).filter((r) => r.status !== 401).map((r: RequestLogEntry) => line(r));
}
const line = (r: RequestLogEntry): string => `${r.method} ${r.path} ${r.status}`;

/** Runs of identical lines folded into one (how many polls a wait makes is timing, not behaviour). */
function folded(lines: readonly string[]): string[] {
  return lines.filter((entry, i) => entry !== lines[i - 1]);
}

const vpce = (n: number): string => `vpce-0${n.toString(16).padStart(16, "0")}`;

/** An AWS service in `region` with a VPC endpoint registered for each id; resolves once every one is AVAILABLE. */
async function awsEndpoints(region: string, ids: readonly string[]): Promise<string> {
  const client = atlasClient(bench.emulator);
  const service = await client.createEndpointService(PROJECT, { providerName: "AWS", region });
  await bench.ctl.patchService(service.id, { status: "AVAILABLE" });
  for (const id of ids) await client.createRegistration(PROJECT, "AWS", service.id, { id });
  await eventually(
    () => bench.ctl.registrations(),
    (all) => all.filter((r) => r.serviceId === service.id).every((r) => r.status === "AVAILABLE"),
  );
  return service.id;
}

const shardedIn = (name: string, ...regions: string[]) =>
  bench.ctl.declareCluster({
    name,
    clusterType: "SHARDED",
    regions: regions.map((regionName) => ({ providerName: "AWS" as const, regionName })),
  });

async function clusterEntries(name: string) {
  const cluster = (await bench.ctl.clusters()).find((c) => c.name === name);
  return { stateName: cluster?.stateName, entries: cluster?.privateEndpoint ?? [] };
}

describe("PrivateEndpointRegionalMode through the dynamic-provider plugin", () => {
  it("turns it on in a sharded-only project, waits for the clusters, and each region gets its own string", async () => {
    const orders = await shardedIn("orders", "us-east-1", "us-west-2");
    await shardedIn("events", "us-east-1");
    await awsEndpoints("us-east-1", [vpce(1)]);
    await awsEndpoints("us-west-2", [vpce(2)]);
    // Regional mode off: once the cluster has taken the endpoints in, one entry holding one endpoint of each region.
    const before = await eventually(
      () => clusterEntries("orders"),
      (c) => c.stateName === "IDLE" && c.entries.length > 0,
    );
    expect(before.entries.map((e) => e.endpoints.map((p) => p.endpointId))).toEqual([[vpce(1), vpce(2)]]);
    const inputs = await checked({ projectId: PROJECT, enabled: true });
    await bench.ctl.clearRequests();

    const created = await bench.plugin.create(inputs);

    expect(created.id).toBe(PROJECT);
    expect(created.properties).toEqual({
      projectId: PROJECT,
      enabled: true,
      affectedClusters: ["orders"],
      enabledAtCreate: false,
      pendingClusters: [],
      resourceName: "regional",
      __provider: PROVIDER,
    });
    const log = await answered();
    expect(folded(log)).toEqual([
      `GET ${REGIONAL_MODE_PATH} 200`,
      `GET ${CLUSTERS_PATH} 200`,
      `PATCH ${REGIONAL_MODE_PATH} 202`,
      `GET ${CLUSTERS_PATH} 200`,
    ]);
    // It waited: the cluster was UPDATING at the first looks, and the create ended only once it was IDLE.
    expect(log.filter((entry) => entry === `GET ${CLUSTERS_PATH} 200`).length).toBeGreaterThan(2);
    const after = await clusterEntries("orders");
    expect(after.stateName).toBe("IDLE");
    const host = `${orders.subdomain}.mongodb.net`;
    expect(after.entries.map((e) => [e.srvConnectionString, e.endpoints.map((p) => p.endpointId)])).toEqual([
      [`mongodb+srv://orders-pl-0-us-east-1.${host}`, [vpce(1)]],
      [`mongodb+srv://orders-pl-0-us-west-2.${host}`, [vpce(2)]],
    ]);
    expect(bench.plugin.output()).toContain(
      `PrivateEndpointRegionalMode regional (project ${PROJECT}): turning regional mode (regionalized private endpoints) on in project ${PROJECT}: the connection strings of orders change (Atlas warns of downtime while they do)`,
    );
    expect(bench.plugin.output()).toMatch(/every cluster of project [0-9a-f]{24} is IDLE after \d+ s \(\d+ polls\)/);
  });

  it("refuses to turn it on while the project has replica sets, naming them, before any PATCH", async () => {
    await shardedIn("orders", "us-east-1");
    for (const name of ["billing", "audit"]) {
      await bench.ctl.declareCluster({
        name,
        clusterType: "REPLICASET",
        regions: [{ providerName: "AWS", regionName: "us-east-1" }],
      });
    }
    const inputs = await checked({ projectId: PROJECT, enabled: true });
    await bench.ctl.clearRequests();

    const error = await failureOf(bench.plugin.create(inputs));

    expect(error.message).toContain(
      `Cannot turn regional mode (regionalized private endpoints) on in project ${PROJECT}: Atlas allows it only when every cluster of the project is sharded, and billing and audit are replica sets.`,
    );
    expect(error.partial).toBeUndefined();
    expect(await answered()).toEqual([`GET ${REGIONAL_MODE_PATH} 200`, `GET ${CLUSTERS_PATH} 200`]);
    expect((await bench.ctl.regionalModes()).filter((m) => m.enabled)).toEqual([]);
  });

  it("refuses to turn it off while a region holds several endpoints and another any, before any PATCH", async () => {
    await bench.ctl.setRegionalMode(PROJECT, true);
    const east = await awsEndpoints("us-east-1", [vpce(1), vpce(2)]);
    const west = await awsEndpoints("us-west-2", [vpce(3)]);
    const inputs = await checked({ projectId: PROJECT, enabled: true });
    const created = await bench.plugin.create(inputs);
    expect(created.properties).toMatchObject({ enabled: true, enabledAtCreate: true, affectedClusters: [] });
    const news = (await bench.plugin.check(created.properties, { ...inputs, enabled: false })).inputs;
    expect(await bench.plugin.diff(PROJECT, created.properties, news)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    await bench.ctl.clearRequests();

    const error = await failureOf(bench.plugin.update(PROJECT, created.properties, news));

    expect(error.message).toContain(
      `Cannot turn regional mode (regionalized private endpoints) off in project ${PROJECT}: Atlas refuses it while one region holds more than one private endpoint and another region holds any, and the project has AWS US_EAST_1: 2 (${vpce(1)}, ${vpce(2)}); AWS US_WEST_2: 1 (${vpce(3)}).`,
    );
    const services = `/api/atlas/v1.0/groups/${PROJECT}/privateEndpoint`;
    expect(await answered()).toEqual([
      `GET ${REGIONAL_MODE_PATH} 200`,
      `GET ${CLUSTERS_PATH} 200`,
      `GET ${services}/AWS/endpointService 200`,
      `GET ${services}/AZURE/endpointService 200`,
      `GET ${services}/GCP/endpointService 200`,
      // The listed layout is refused: the registrations are read, so that those being deleted would not count.
      `GET ${services}/AWS/endpointService/${east}/endpoint/${vpce(1)} 200`,
      `GET ${services}/AWS/endpointService/${east}/endpoint/${vpce(2)} 200`,
      `GET ${services}/AWS/endpointService/${west}/endpoint/${vpce(3)} 200`,
    ]);
    expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([true]);
  });

  it("does not count endpoints being deleted: turning it off goes ahead while the extra one is DELETING", async () => {
    await bench.ctl.setRegionalMode(PROJECT, true);
    const east = await awsEndpoints("us-east-1", [vpce(1), vpce(2)]);
    const west = await awsEndpoints("us-west-2", [vpce(3)]);
    await bench.ctl.settings({ registrationDeletingSeconds: 30 });
    await atlasClient(bench.emulator).deleteRegistration(PROJECT, "AWS", east, vpce(2));
    const inputs = await checked({ projectId: PROJECT, enabled: false });
    await bench.ctl.clearRequests();

    const created = await bench.plugin.create(inputs);

    expect(created.properties).toMatchObject({ enabled: false, enabledAtCreate: true });
    const services = `/api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/AWS/endpointService`;
    expect((await answered()).filter((entry) => entry.includes("/endpoint/") || entry.startsWith("PATCH"))).toEqual([
      `GET ${services}/${east}/endpoint/${vpce(1)} 200`,
      `GET ${services}/${east}/endpoint/${vpce(2)} 200`,
      `GET ${services}/${west}/endpoint/${vpce(3)} 200`,
      `PATCH ${REGIONAL_MODE_PATH} 202`,
    ]);
    expect((await bench.ctl.registrations()).find((r) => r.endpointId === vpce(2))?.status).toBe("DELETING");
    expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
  });

  it("turns it off where the layout allows: several endpoints in one region, none elsewhere", async () => {
    await bench.ctl.setRegionalMode(PROJECT, true);
    await awsEndpoints("us-east-1", [vpce(1), vpce(2)]);
    const inputs = await checked({ projectId: PROJECT, enabled: false });
    await bench.ctl.clearRequests();
    const created = await bench.plugin.create(inputs);
    expect(created.properties).toMatchObject({ enabled: false, enabledAtCreate: true, pendingClusters: [] });
    expect((await answered()).filter((entry) => entry.startsWith("PATCH"))).toEqual([
      `PATCH ${REGIONAL_MODE_PATH} 202`,
    ]);
    expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
  });

  it("quotes Atlas' own 409 and names the setting", async () => {
    await bench.ctl.addFault({
      path: "/privateEndpoint/regionalMode$",
      method: "PATCH",
      status: 409,
      errorCode: "SOME_NEW_REFUSAL",
      detail: "Regionalized private endpoints cannot be changed right now.",
    });
    const error = await failureOf(bench.plugin.create(await checked({ projectId: PROJECT, enabled: true })));
    expect(error.message).toContain(
      `Atlas refused to turn regional mode (regionalized private endpoints) on in project ${PROJECT}: "Regionalized private endpoints cannot be changed right now." (409 SOME_NEW_REFUSAL). Atlas allows it only when every cluster of the project is sharded. Nothing was changed.`,
    );
    expect(error.partial).toBeUndefined();
  });

  describe("delete restores only what this resource changed", () => {
    it("turned on by this resource (through an update): delete turns it off and waits for the clusters", async () => {
      await shardedIn("orders", "us-east-1", "eu-west-1");
      const inputs = await checked({ projectId: PROJECT });
      const created = await bench.plugin.create(inputs);
      expect(created.properties).toMatchObject({ enabled: false, enabledAtCreate: false, affectedClusters: [] });
      const news = (await bench.plugin.check(created.properties, { ...inputs, enabled: true })).inputs;
      const updated = await bench.plugin.update(PROJECT, created.properties, news);
      expect(updated.properties).toMatchObject({ enabled: true, enabledAtCreate: false, affectedClusters: ["orders"] });
      const read = await bench.plugin.read(PROJECT, updated.properties);
      expect(read.properties).toMatchObject({ enabled: true, affectedClusters: ["orders"], enabledAtCreate: false });
      await bench.ctl.clearRequests();

      await bench.plugin.delete(PROJECT, updated.properties);

      const log = folded(await answered());
      expect(log).toEqual([
        `GET ${REGIONAL_MODE_PATH} 200`,
        `GET ${CLUSTERS_PATH} 200`,
        `GET /api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/AWS/endpointService 200`,
        `GET /api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/AZURE/endpointService 200`,
        `GET /api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/GCP/endpointService 200`,
        `PATCH ${REGIONAL_MODE_PATH} 202`,
        `GET ${CLUSTERS_PATH} 200`,
      ]);
      expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
      expect((await clusterEntries("orders")).stateName).toBe("IDLE");
    });

    it("already on at create: delete leaves it on and makes no request", async () => {
      await bench.ctl.setRegionalMode(PROJECT, true);
      const created = await bench.plugin.create(await checked({ projectId: PROJECT, enabled: true }));
      expect(created.properties).toMatchObject({ enabled: true, enabledAtCreate: true });
      await bench.ctl.clearRequests();
      await bench.plugin.delete(PROJECT, created.properties);
      expect(await answered()).toEqual([]);
      expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([true]);
      expect(bench.plugin.output()).toContain(
        "leaving regional mode (regionalized private endpoints) as it is in project",
      );
    });
  });

  it.each([202, 200] as const)("takes a %s answer to the PATCH", async (status) => {
    await bench.ctl.settings({ regionalModePatchStatus: status });
    await shardedIn("orders", "us-east-1", "us-west-2");
    const created = await bench.plugin.create(await checked({ projectId: PROJECT, enabled: true }));
    expect(created.properties).toMatchObject({ enabled: true, affectedClusters: ["orders"], pendingClusters: [] });
    expect((await answered()).filter((entry) => entry.startsWith("PATCH"))).toEqual([
      `PATCH ${REGIONAL_MODE_PATH} ${status}`,
    ]);
  });

  it("waits out 429 and 503 answers while it waits for the clusters", async () => {
    await shardedIn("orders", "us-east-1", "us-west-2");
    const inputs = await checked({ projectId: PROJECT, enabled: true });
    // The first cluster list (the check before the PATCH) goes through; the wait's first looks meet a 429, then a 503.
    await bench.ctl.addFault({
      path: "/clusters$",
      method: "GET",
      skip: 1,
      status: 429,
      headers: { "Retry-After": "0" },
    });
    await bench.ctl.addFault({ path: "/clusters$", method: "GET", skip: 1, status: 503 });
    await bench.ctl.clearRequests();

    const created = await bench.plugin.create(inputs);

    expect(created.properties).toMatchObject({ enabled: true, affectedClusters: ["orders"], pendingClusters: [] });
    const lists = (await answered()).filter(
      (entry) => entry.startsWith("GET /api/atlas/v2/groups/") && entry.includes("/clusters"),
    );
    expect(lists.slice(0, 4).map((entry) => entry.split(" ").pop())).toEqual(["200", "429", "503", "200"]);
    expect((await clusterEntries("orders")).stateName).toBe("IDLE");
  });

  it("a wait that times out is a partial create naming the busy clusters; the next update waits again", async () => {
    await bench.ctl.settings({ clusterUpdateSeconds: 4 });
    await shardedIn("orders", "us-east-1", "us-west-2");
    const inputs = await checked({ projectId: PROJECT, enabled: true, timeouts: { create: "500ms" } });

    const error = await failureOf(bench.plugin.create(inputs));

    expect(error.message).toContain(
      `Regional mode is now on in project ${PROJECT}, but orders (UPDATING) was not IDLE within timeouts.create (500ms); its connection strings may still change.`,
    );
    const partial = error.partial;
    expect(partial?.id).toBe(PROJECT);
    expect(partial?.properties).toMatchObject({
      enabled: true,
      enabledAtCreate: false,
      affectedClusters: ["orders"],
      pendingClusters: ["orders"],
    });
    const state = partial?.properties ?? {};
    const news = (await bench.plugin.check(state, { ...inputs, timeouts: { create: "500ms", update: "1m" } })).inputs;
    expect((await bench.plugin.diff(PROJECT, state, news)).changes).toBe("some");
    await bench.ctl.clearRequests();

    const updated = await bench.plugin.update(PROJECT, state, news);

    expect(updated.properties).toMatchObject({ enabled: true, affectedClusters: ["orders"], pendingClusters: [] });
    expect(folded(await answered())).toEqual([`GET ${REGIONAL_MODE_PATH} 200`, `GET ${CLUSTERS_PATH} 200`]);
    expect((await clusterEntries("orders")).stateName).toBe("IDLE");
  });

  it("check refuses bad inputs with the property, the value and the fix, before any request", async () => {
    await bench.ctl.clearRequests();
    const { failures } = await bench.plugin.check(
      {},
      { __provider: PROVIDER, projectId: "nope", enabled: "yes", timeouts: { update: "soon" }, region: "x" },
    );
    expect(failures).toEqual([
      {
        property: "region",
        reason: 'unknown property "region"; PrivateEndpointRegionalMode takes projectId, enabled, timeouts',
      },
      {
        property: "projectId",
        reason: 'projectId "nope" is not an Atlas project id; use the 24-digit hex id, e.g. 0123456789abcdef01234567',
      },
      { property: "enabled", reason: 'enabled must be true or false, got "yes"' },
      {
        property: "timeouts.update",
        reason: 'timeouts.update "soon" is not a duration; write it like "45m", "1h30m" or "90s"',
      },
    ]);
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("a new project replaces; enabled and timeouts do not", async () => {
    const olds = {
      __provider: PROVIDER,
      projectId: PROJECT,
      enabled: false,
      affectedClusters: [],
      enabledAtCreate: false,
      pendingClusters: [],
    };
    const other = "fedcba9876543210fedcba98";
    expect(await bench.plugin.diff(PROJECT, olds, { __provider: PROVIDER, projectId: other })).toMatchObject({
      replaces: ["projectId"],
    });
    expect(
      await bench.plugin.diff(PROJECT, olds, { __provider: PROVIDER, projectId: PROJECT, timeouts: { update: "5m" } }),
    ).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect((await bench.plugin.diff(PROJECT, olds, { __provider: PROVIDER, projectId: PROJECT })).changes).toBe("none");
  });
});
