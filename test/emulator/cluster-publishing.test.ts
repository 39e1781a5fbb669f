import { EMULATOR_IDENTITY, startEmulator, type ClusterDeclaration, type RunningEmulator } from "../../emulator";
import { control, type EmulatorClusterEntry, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, type AtlasTestClient, type ClusterBody } from "./helpers/atlas-client";
import { azureEndpointId, readyService, register, unregister, type Provider } from "./helpers/endpoints";
import { fakeClock } from "./helpers/fake-clock";

/**
 * When clusters publish their private endpoint connection strings: registrations become AVAILABLE 20 s after their
 * POST, a change keeps the clusters it touches UPDATING for 30 s, and only then do the strings show.
 */
const PROJECT = EMULATOR_IDENTITY.projectId;
const REGISTRATION_MS = 20_000;
const UPDATE_MS = 30_000;
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;
let atlas: AtlasTestClient;
/** Reads clusters as the Terraform provider does (Accept 2024-08-05). */
let reader: AtlasTestClient;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    registrationSeconds: REGISTRATION_MS / 1000,
    registrationDeletingSeconds: 5,
    clusterUpdateSeconds: UPDATE_MS / 1000,
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await ctl.reset();
  await ctl.settings({ clusterUpdateSeconds: UPDATE_MS / 1000 });
  atlas = atlasClient(emulator.baseUrl);
  reader = atlasClient(emulator.baseUrl, { accept: "application/vnd.atlas.2024-08-05+json" });
});

const iso = (offsetMs = 0): string => new Date(clock.now() + offsetMs).toISOString();

async function entry(name: string): Promise<EmulatorClusterEntry> {
  const found = (await ctl.clusters()).find((c) => c.name === name);
  if (found === undefined) throw new Error(`no cluster ${name}`);
  return found;
}

async function cluster(name: string): Promise<ClusterBody> {
  const answer = await reader.cluster(name);
  expect(answer.status).toBe(200);
  return answer.cluster;
}

/** The state a test reads at each step: what the control API says and what Atlas answers. */
async function seen(name: string): Promise<{ stateName: string; stateChangesAt: string | null; entries: number }> {
  const [e, body] = await Promise.all([entry(name), cluster(name)]);
  expect(body.stateName).toBe(e.stateName);
  expect(body.connectionStrings.privateEndpoint ?? []).toEqual(e.privateEndpoint);
  return { stateName: e.stateName, stateChangesAt: e.stateChangesAt, entries: e.privateEndpoint.length };
}

function declare(name: string, clusterType: "REPLICASET" | "SHARDED", ...regions: [Provider, string][]) {
  const declaration: ClusterDeclaration = {
    name,
    clusterType,
    regions: regions.map(([providerName, regionName]) => ({ providerName, regionName })),
  };
  return ctl.declareCluster(declaration);
}

/** `atlas-xxxxxx-shard-0` of a replica set, from its public standard string. */
function replicaSetOf(body: ClusterBody): string {
  return /replicaSet=(atlas-[a-z0-9]{6}-shard-0)$/.exec(body.connectionStrings.standard ?? "")?.[1] ?? "";
}

describe("a single-region replica set on AWS", () => {
  it("goes UPDATING when its endpoint becomes AVAILABLE and shows the entry 30 s later, when IDLE again", async () => {
    const { subdomain } = await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    const before = await cluster("orders");
    expect(Object.keys(before.connectionStrings)).toEqual(["standard", "standardSrv"]);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });

    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-0a1b2c3d4e5f67890");
    // The registration's readiness is known ahead: the control API says when the cluster will change.
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: iso(REGISTRATION_MS), entries: 0 });

    clock.advance(REGISTRATION_MS);
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS), entries: 0 });
    clock.advance(UPDATE_MS - 1);
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(1), entries: 0 });
    clock.advance(1);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 1 });

    const body = await cluster("orders");
    const replicaSet = replicaSetOf(body);
    expect(replicaSet).toMatch(/^atlas-[a-z0-9]{6}-shard-0$/);
    const host = `pl-0-us-east-1.${subdomain}.mongodb.net`;
    const standard = `mongodb://${host}:1024,${host}:1025,${host}:1026/?ssl=true&authSource=admin&replicaSet=${replicaSet}`;
    const srv = `mongodb+srv://orders-pl-0.${subdomain}.mongodb.net`;
    expect(body.connectionStrings).toEqual({
      awsPrivateLink: { "vpce-0a1b2c3d4e5f67890": standard },
      awsPrivateLinkSrv: { "vpce-0a1b2c3d4e5f67890": srv },
      privateEndpoint: [
        {
          connectionString: standard,
          endpoints: [{ endpointId: "vpce-0a1b2c3d4e5f67890", providerName: "AWS", region: "US_EAST_1" }],
          srvConnectionString: srv,
          type: "MONGOD",
        },
      ],
      standard: `mongodb://orders-shard-00-00.${subdomain}.mongodb.net:27017,orders-shard-00-01.${subdomain}.mongodb.net:27017,orders-shard-00-02.${subdomain}.mongodb.net:27017/?ssl=true&authSource=admin&replicaSet=${replicaSet}`,
      standardSrv: `mongodb+srv://orders.${subdomain}.mongodb.net`,
    });
    expect(Object.keys(body.connectionStrings)).toEqual([
      "awsPrivateLink",
      "awsPrivateLinkSrv",
      "privateEndpoint",
      "standard",
      "standardSrv",
    ]);
    expect(Object.keys(body.connectionStrings.privateEndpoint?.[0] ?? {})).toEqual([
      "connectionString",
      "endpoints",
      "srvConnectionString",
      "type",
    ]);
  });

  it("goes UPDATING when the endpoint is deleted, keeps the entry meanwhile, then loses the privateEndpoint key", async () => {
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-0a1b2c3d4e5f67890");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 1 });

    await unregister(atlas, "AWS", serviceId, "vpce-0a1b2c3d4e5f67890");
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS), entries: 1 });
    // The registration is gone (404) after 5 s; the cluster still knows it was there until its update ends.
    clock.advance(10_000);
    expect((await atlas.registration("AWS", serviceId, "vpce-0a1b2c3d4e5f67890")).status).toBe(404);
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(20_000), entries: 1 });
    clock.advance(20_000);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
    expect(Object.keys((await cluster("orders")).connectionStrings)).toEqual(["standard", "standardSrv"]);
  });

  it("never publishes, nor updates for, an endpoint that ends REJECTED", async () => {
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    await ctl.declareEndpointMissing("vpce-0000000000000dead");
    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-0000000000000dead");
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    expect((await atlas.registration("AWS", serviceId, "vpce-0000000000000dead")).json).toMatchObject({
      connectionStatus: "REJECTED",
    });
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
  });

  it("shows endpoints that were AVAILABLE before it was declared at once, without UPDATING", async () => {
    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-0a1b2c3d4e5f67890");
    clock.advance(REGISTRATION_MS);
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 1 });
  });

  it("publishes at once with clusterUpdateSeconds 0", async () => {
    await ctl.settings({ clusterUpdateSeconds: 0 });
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-0a1b2c3d4e5f67890");
    clock.advance(REGISTRATION_MS - 1);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: iso(1), entries: 0 });
    clock.advance(1);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 1 });
  });

  it("goes UPDATING and loses its entry when the service is removed behind Atlas' back", async () => {
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-0a1b2c3d4e5f67890");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    await ctl.patchService(serviceId, { remove: true });
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS), entries: 1 });
    clock.advance(UPDATE_MS);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
  });
});

describe.each([
  ["AWS", "us-east-1", "vpce-0a1b2c3d4e5f67890", "US_EAST_1", "pl-0-us-east-1", "orders-pl-0"],
  ["AZURE", "eastus2", azureEndpointId("pe-orders"), "US_EAST_2", "pl-0-eastus2-azure", "orders-pl-0"],
  ["GCP", "us-east1", "atlas-psc-group", "EASTERN_US", "pl-0-us-east1-gcp", "orders-psc-0"],
] as const)("host names on %s", (provider, region, endpointId, atlasRegion, standardHost, srvHost) => {
  it(`uses ${standardHost} for the standard string and ${srvHost} for SRV`, async () => {
    const { subdomain } = await declare("Orders", "REPLICASET", [provider, region]);
    const serviceId = await readyService(atlas, ctl, provider, region);
    await register(atlas, provider, serviceId, endpointId);
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    const body = await cluster("Orders");
    const host = `${standardHost}.${subdomain}.mongodb.net`;
    const entry = {
      connectionString: `mongodb://${host}:1024,${host}:1025,${host}:1026/?ssl=true&authSource=admin&replicaSet=${replicaSetOf(body)}`,
      endpoints: [{ endpointId, providerName: provider, region: atlasRegion }],
      srvConnectionString: `mongodb+srv://${srvHost}.${subdomain}.mongodb.net`,
      type: "MONGOD",
    };
    expect(body.connectionStrings.privateEndpoint).toEqual([entry]);
    // The AWS-only maps are filled for AWS endpoints only.
    expect(Object.keys(body.connectionStrings)).toEqual(
      provider === "AWS"
        ? ["awsPrivateLink", "awsPrivateLinkSrv", "privateEndpoint", "standard", "standardSrv"]
        : ["privateEndpoint", "standard", "standardSrv"],
    );
  });
});

describe("a single-region sharded cluster", () => {
  it("has awsPrivateLinkSrv {} and privateEndpoint [] before any endpoint", async () => {
    await declare("events", "SHARDED", ["AWS", "us-east-1"]);
    const body = await cluster("events");
    expect(Object.keys(body.connectionStrings)).toEqual([
      "awsPrivateLinkSrv",
      "privateEndpoint",
      "standard",
      "standardSrv",
    ]);
    expect(body.connectionStrings.awsPrivateLinkSrv).toEqual({});
    expect(body.connectionStrings.privateEndpoint).toEqual([]);
  });

  it("gets one MONGOS entry per endpoint, pl-0 then pl-1, with the optimized -lb SRV string on AWS", async () => {
    const { subdomain } = await declare("events", "SHARDED", ["AWS", "us-east-1"]);
    const serviceId = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", serviceId, "vpce-00000000000000001");
    await register(atlas, "AWS", serviceId, "vpce-00000000000000002");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    const body = await cluster("events");
    const entries = [0, 1].map((i) => {
      const host = `pl-${i}-us-east-1.${subdomain}.mongodb.net`;
      return {
        connectionString: `mongodb://${host}:1024,${host}:1025,${host}:1026/?ssl=true&authSource=admin`,
        endpoints: [{ endpointId: `vpce-0000000000000000${i + 1}`, providerName: "AWS", region: "US_EAST_1" }],
        srvConnectionString: `mongodb+srv://events-pl-${i}.${subdomain}.mongodb.net`,
        srvShardOptimizedConnectionString: `mongodb+srv://events-pl-${i}-lb.${subdomain}.mongodb.net`,
        type: "MONGOS",
      };
    });
    expect(body.connectionStrings.privateEndpoint).toEqual(entries);
    expect(body.connectionStrings.awsPrivateLinkSrv).toEqual({
      "vpce-00000000000000001": entries[0]?.srvShardOptimizedConnectionString,
      "vpce-00000000000000002": entries[1]?.srvShardOptimizedConnectionString,
    });
  });

  it("has no optimized string on Azure", async () => {
    await declare("events", "SHARDED", ["AZURE", "eastus2"]);
    const serviceId = await readyService(atlas, ctl, "AZURE", "eastus2");
    await register(atlas, "AZURE", serviceId, azureEndpointId("pe-events"));
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    const [only] = (await cluster("events")).connectionStrings.privateEndpoint ?? [];
    expect(Object.keys(only ?? {})).toEqual(["connectionString", "endpoints", "srvConnectionString", "type"]);
    expect((await cluster("events")).connectionStrings.awsPrivateLinkSrv).toEqual({});
  });
});

describe("a two-region cluster", () => {
  it("publishes one entry only after the second region's endpoint is AVAILABLE", async () => {
    const { subdomain } = await declare("orders", "REPLICASET", ["AWS", "us-east-1"], ["AWS", "eu-west-1"]);
    const east = await readyService(atlas, ctl, "AWS", "us-east-1");
    const west = await readyService(atlas, ctl, "AWS", "eu-west-1");
    await register(atlas, "AWS", east, "vpce-000000000000000e1");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    // One region has its endpoint: the cluster went through UPDATING, and has no entry.
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });

    await register(atlas, "AWS", west, "vpce-000000000000000w1");
    clock.advance(REGISTRATION_MS - 1);
    expect((await atlas.registration("AWS", west, "vpce-000000000000000w1")).json).toMatchObject({
      connectionStatus: "PENDING",
    });
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: iso(1), entries: 0 });
    clock.advance(1);
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS), entries: 0 });
    clock.advance(UPDATE_MS);
    const body = await cluster("orders");
    const east1 = `pl-0-us-east-1.${subdomain}.mongodb.net`;
    const west1 = `pl-0-eu-west-1.${subdomain}.mongodb.net`;
    // Three nodes in the first region, two in the second; each node its own port.
    expect(body.connectionStrings.privateEndpoint).toEqual([
      {
        connectionString: `mongodb://${east1}:1024,${east1}:1025,${east1}:1026,${west1}:1027,${west1}:1028/?ssl=true&authSource=admin&replicaSet=${replicaSetOf(body)}`,
        endpoints: [
          { endpointId: "vpce-000000000000000e1", providerName: "AWS", region: "US_EAST_1" },
          { endpointId: "vpce-000000000000000w1", providerName: "AWS", region: "EU_WEST_1" },
        ],
        srvConnectionString: `mongodb+srv://orders-pl-0.${subdomain}.mongodb.net`,
        type: "MONGOD",
      },
    ]);
    expect(Object.keys(body.connectionStrings.awsPrivateLink ?? {})).toEqual([
      "vpce-000000000000000e1",
      "vpce-000000000000000w1",
    ]);
  });

  it("has no optimized string when sharded without regional mode", async () => {
    await declare("events", "SHARDED", ["AWS", "us-east-1"], ["AWS", "eu-west-1"]);
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "us-east-1"), "vpce-000000000000000e1");
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "eu-west-1"), "vpce-000000000000000w1");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    const [only] = (await cluster("events")).connectionStrings.privateEndpoint ?? [];
    expect(only?.type).toBe("MONGOS");
    expect(only?.srvShardOptimizedConnectionString).toBeUndefined();
  });

  it("publishes nothing while a region holds several endpoints and regional mode is off (INFERRED)", async () => {
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"], ["AWS", "eu-west-1"]);
    await declare("local", "REPLICASET", ["AWS", "us-east-1"]);
    const east = await readyService(atlas, ctl, "AWS", "us-east-1");
    await register(atlas, "AWS", east, "vpce-000000000000000e1");
    await register(atlas, "AWS", east, "vpce-000000000000000e2");
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "eu-west-1"), "vpce-000000000000000w1");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
    // The single-region cluster there has one entry per endpoint.
    expect((await entry("local")).privateEndpoint.map((e) => e.endpoints.map((p) => p.endpointId))).toEqual([
      ["vpce-000000000000000e1"],
      ["vpce-000000000000000e2"],
    ]);
  });
});

describe("clusters elsewhere", () => {
  it("stay IDLE when an endpoint changes in a region they have no nodes in", async () => {
    await declare("orders", "REPLICASET", ["AWS", "eu-west-1"]);
    await declare("analytics", "REPLICASET", ["GCP", "us-east1"]);
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "us-east-1"), "vpce-0a1b2c3d4e5f67890");
    clock.advance(REGISTRATION_MS);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
    expect(await seen("analytics")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
  });
});

describe("a cluster with its own update time", () => {
  it("stays UPDATING for its updateSeconds, not the emulator's clusterUpdateSeconds", async () => {
    await ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
      updateSeconds: 90,
    });
    await declare("billing", "REPLICASET", ["AWS", "us-east-1"]);
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "us-east-1"), "vpce-0a1b2c3d4e5f67890");
    clock.advance(REGISTRATION_MS);
    expect(await seen("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(90_000), entries: 0 });
    expect(await seen("billing")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS), entries: 0 });
    clock.advance(UPDATE_MS);
    expect(await seen("billing")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 1 });
    expect(await seen("orders")).toEqual({
      stateName: "UPDATING",
      stateChangesAt: iso(90_000 - UPDATE_MS),
      entries: 0,
    });
    clock.advance(90_000 - UPDATE_MS);
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 1 });
  });
});

describe("a state pinned through the control API", () => {
  it("shows CREATING with the recorded connectionStrings of a cluster being created, then goes back", async () => {
    await declare("events", "SHARDED", ["AWS", "us-east-1"]);
    await declare("orders", "REPLICASET", ["AWS", "us-east-1"]);
    await ctl.patchCluster(PROJECT, "events", { stateName: "CREATING" });
    const pinned = await ctl.patchCluster(PROJECT, "orders", { stateName: "CREATING" });
    expect(pinned).toMatchObject({ stateName: "CREATING", pinned: true, stateChangesAt: null });
    expect((await cluster("events")).connectionStrings).toEqual({ awsPrivateLinkSrv: {}, privateEndpoint: [] });
    expect((await cluster("orders")).connectionStrings).toEqual({});
    await ctl.patchCluster(PROJECT, "orders", { stateName: null });
    expect(await seen("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null, entries: 0 });
  });
});
