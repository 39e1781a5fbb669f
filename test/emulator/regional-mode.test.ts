import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, type AtlasTestClient, type PrivateEndpointBody } from "./helpers/atlas-client";
import { readyService, register } from "./helpers/endpoints";
import { fakeClock } from "./helpers/fake-clock";

/** Regional mode ("regionalized private endpoints"): registrations AVAILABLE after 20 s, clusters UPDATING for 30 s. */
const PROJECT = EMULATOR_IDENTITY.projectId;
const READ_ONLY = EMULATOR_IDENTITY.readOnlyKey;
const REGISTRATION_MS = 20_000;
const UPDATE_MS = 30_000;
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;
let atlas: AtlasTestClient;
let reader: AtlasTestClient;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    registrationSeconds: REGISTRATION_MS / 1000,
    clusterUpdateSeconds: UPDATE_MS / 1000,
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await ctl.reset();
  atlas = atlasClient(emulator.baseUrl);
  reader = atlasClient(emulator.baseUrl, { accept: "application/vnd.atlas.2024-08-05+json" });
});

const iso = (offsetMs = 0): string => new Date(clock.now() + offsetMs).toISOString();

async function entries(name: string): Promise<PrivateEndpointBody[] | undefined> {
  return (await reader.cluster(name)).cluster.connectionStrings.privateEndpoint;
}

async function state(name: string): Promise<{ stateName: string; stateChangesAt: string | null }> {
  const found = (await ctl.clusters()).find((c) => c.name === name);
  return { stateName: found?.stateName ?? "", stateChangesAt: found?.stateChangesAt ?? null };
}

describe("GET …/privateEndpoint/regionalMode", () => {
  it("answers 200 {enabled:false} in a new project, as recorded, to a read-only key too", async () => {
    const readOnly = atlasClient(emulator.baseUrl, {
      credentials: { kind: "digest", username: READ_ONLY.publicKey, password: READ_ONLY.privateKey },
    });
    for (const client of [atlas, readOnly]) {
      const answer = await client.regionalMode();
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
      expect(answer.text).toBe('{"enabled":false}');
    }
  });
});

describe("PATCH …/privateEndpoint/regionalMode", () => {
  it("answers 202 with the new setting, as recorded, and GET reads it back", async () => {
    const enabled = await atlas.setRegionalMode({ enabled: true });
    expect(enabled.status).toBe(202);
    expect(enabled.headers.get("content-type")).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    expect(enabled.text).toBe('{"enabled":true}');
    expect((await atlas.regionalMode()).text).toBe('{"enabled":true}');
    const disabled = await atlas.setRegionalMode({ enabled: false });
    expect([disabled.status, disabled.text]).toEqual([202, '{"enabled":false}']);
    expect(await ctl.regionalModes()).toEqual([{ projectId: PROJECT, enabled: false, changedAt: iso() }]);
  });

  it("answers 200 with regionalModePatchStatus: 200, as the spec says", async () => {
    await ctl.settings({ regionalModePatchStatus: 200 });
    const answer = await atlas.setRegionalMode({ enabled: true });
    expect([answer.status, answer.text]).toEqual([200, '{"enabled":true}']);
  });

  it("refuses a read-only key with 401 USER_UNAUTHORIZED and changes nothing", async () => {
    const readOnly = atlasClient(emulator.baseUrl, {
      credentials: { kind: "digest", username: READ_ONLY.publicKey, password: READ_ONLY.privateKey },
    });
    const answer = await readOnly.setRegionalMode({ enabled: true });
    expect(answer.status).toBe(401);
    expect(answer.error.errorCode).toBe("USER_UNAUTHORIZED");
    expect((await atlas.regionalMode()).text).toBe('{"enabled":false}');
  });

  it.each([
    ["no body with 400 INVALID_JSON", "", 400, "INVALID_JSON", []],
    ["no enabled with 400 MISSING_ATTRIBUTE", {}, 400, "MISSING_ATTRIBUTE", ["enabled"]],
    [
      "a string enabled with 400 INVALID_JSON_ATTRIBUTE",
      { enabled: "yes" },
      400,
      "INVALID_JSON_ATTRIBUTE",
      ["enabled"],
    ],
  ])("answers %s", async (_, body, status, errorCode, parameters) => {
    const answer = await atlas.setRegionalMode(body);
    expect(answer.status).toBe(status);
    expect(answer.error).toMatchObject({ errorCode, parameters });
  });

  it("refuses to enable while the project has a replica set: 409 with the emulator's code, nothing changed", async () => {
    await ctl.declareCluster({
      name: "events",
      clusterType: "SHARDED",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await ctl.declareCluster({
      name: "billing",
      clusterType: "REPLICASET",
      regions: [{ providerName: "GCP", regionName: "us-east1" }],
    });
    const answer = await atlas.setRegionalMode({ enabled: true });
    expect(answer.status).toBe(409);
    expect(answer.headers.get("x-error-code")).toBe("REGIONALIZED_PRIVATE_ENDPOINTS_REQUIRE_SHARDED_CLUSTERS");
    expect(answer.json).toEqual({
      detail:
        "Regionalized private endpoints can be enabled only when every cluster of the project is sharded; replica sets: orders, billing.",
      error: 409,
      errorCode: "REGIONALIZED_PRIVATE_ENDPOINTS_REQUIRE_SHARDED_CLUSTERS",
      parameters: ["orders, billing"],
      reason: "Conflict",
    });
    expect((await atlas.regionalMode()).text).toBe('{"enabled":false}');
  });

  /** Registers `counts[i]` endpoints in each region, all still pending (they count: the cloud endpoints exist). */
  async function layout(counts: Record<string, number>): Promise<void> {
    let n = 0;
    for (const [region, count] of Object.entries(counts)) {
      const serviceId = await readyService(atlas, ctl, "AWS", region);
      for (let i = 0; i < count; i++) await register(atlas, "AWS", serviceId, `vpce-0000000000000000${n++}`);
    }
  }

  it.each([
    ["two in one region and one in another", { "us-east-1": 2, "eu-west-1": 1 }],
    ["two in each of two regions", { "us-east-1": 2, "eu-west-1": 2 }],
  ])("refuses to disable with %s: 409 MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION", async (_, counts) => {
    expect((await atlas.setRegionalMode({ enabled: true })).status).toBe(202);
    await layout(counts);
    const answer = await atlas.setRegionalMode({ enabled: false });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({
      detail:
        "Projects with multiple private endpoints in the same region cannot support private endpoints in other regions.",
      error: 409,
      errorCode: "MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION",
      parameters: [],
      reason: "Conflict",
    });
    expect((await atlas.regionalMode()).text).toBe('{"enabled":true}');
  });

  it.each([
    ["two in one region only", { "us-east-1": 2 }],
    ["one in each of two regions", { "us-east-1": 1, "eu-west-1": 1 }],
  ])("disables with %s", async (_, counts) => {
    expect((await atlas.setRegionalMode({ enabled: true })).status).toBe(202);
    await layout(counts);
    expect((await atlas.setRegionalMode({ enabled: false })).text).toBe('{"enabled":false}');
  });
});

describe("regionalized connection strings", () => {
  /** A two-region sharded cluster and a single-region one, each region's endpoint AVAILABLE and published. */
  async function publishedLayout(): Promise<{ subdomain: string }> {
    const { subdomain } = await ctl.declareCluster({
      name: "orders",
      clusterType: "SHARDED",
      regions: [
        { providerName: "AWS", regionName: "us-east-1" },
        { providerName: "AWS", regionName: "eu-west-1" },
      ],
    });
    await ctl.declareCluster({
      name: "local",
      clusterType: "SHARDED",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "us-east-1"), "vpce-000000000000000e1");
    await register(atlas, "AWS", await readyService(atlas, ctl, "AWS", "eu-west-1"), "vpce-000000000000000w1");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    expect(await entries("orders")).toHaveLength(1);
    return { subdomain };
  }

  it("become one entry per region, with -pl-0-<region> hosts, after the UPDATING that enabling starts", async () => {
    const { subdomain } = await publishedLayout();
    const before = await entries("orders");
    const local = await entries("local");
    expect((await atlas.setRegionalMode({ enabled: true })).status).toBe(202);

    expect(await state("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS) });
    expect(await entries("orders")).toEqual(before);
    // A single-region cluster's strings do not change: it does not go through UPDATING.
    expect(await state("local")).toEqual({ stateName: "IDLE", stateChangesAt: null });

    clock.advance(UPDATE_MS);
    expect(await state("orders")).toEqual({ stateName: "IDLE", stateChangesAt: null });
    const east = `pl-0-us-east-1.${subdomain}.mongodb.net`;
    const west = `pl-0-eu-west-1.${subdomain}.mongodb.net`;
    expect(await entries("orders")).toEqual([
      {
        connectionString: `mongodb://${east}:1024,${east}:1025,${east}:1026/?ssl=true&authSource=admin`,
        endpoints: [{ endpointId: "vpce-000000000000000e1", providerName: "AWS", region: "US_EAST_1" }],
        srvConnectionString: `mongodb+srv://orders-pl-0-us-east-1.${subdomain}.mongodb.net`,
        srvShardOptimizedConnectionString: `mongodb+srv://orders-pl-0-us-east-1-lb.${subdomain}.mongodb.net`,
        type: "MONGOS",
      },
      {
        connectionString: `mongodb://${west}:1024,${west}:1025/?ssl=true&authSource=admin`,
        endpoints: [{ endpointId: "vpce-000000000000000w1", providerName: "AWS", region: "EU_WEST_1" }],
        srvConnectionString: `mongodb+srv://orders-pl-0-eu-west-1.${subdomain}.mongodb.net`,
        srvShardOptimizedConnectionString: `mongodb+srv://orders-pl-0-eu-west-1-lb.${subdomain}.mongodb.net`,
        type: "MONGOS",
      },
    ]);
    expect(await entries("local")).toEqual(local);

    // Turning it off again goes back to one entry, through UPDATING.
    expect((await atlas.setRegionalMode({ enabled: false })).status).toBe(202);
    expect(await state("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS) });
    clock.advance(UPDATE_MS);
    expect(await entries("orders")).toEqual(before);
  });

  it("put every endpoint of a region in that region's entry", async () => {
    await publishedLayout();
    expect((await atlas.setRegionalMode({ enabled: true })).status).toBe(202);
    const east = (await ctl.services()).find((s) => s.regionName === "US_EAST_1");
    await register(atlas, "AWS", east?.id ?? "", "vpce-000000000000000e2");
    clock.advance(REGISTRATION_MS + UPDATE_MS);
    expect((await entries("orders"))?.map((e) => e.endpoints.map((p) => p.endpointId))).toEqual([
      ["vpce-000000000000000e1", "vpce-000000000000000e2"],
      ["vpce-000000000000000w1"],
    ]);
  });

  it("can be switched on behind Atlas' back, replica sets or not, with the same effect on clusters", async () => {
    await publishedLayout();
    await ctl.declareCluster({
      name: "billing",
      clusterType: "REPLICASET",
      regions: [{ providerName: "GCP", regionName: "us-east1" }],
    });
    expect(await ctl.setRegionalMode(PROJECT, true)).toEqual({ projectId: PROJECT, enabled: true, changedAt: iso() });
    expect((await atlas.regionalMode()).text).toBe('{"enabled":true}');
    expect(await state("orders")).toEqual({ stateName: "UPDATING", stateChangesAt: iso(UPDATE_MS) });
    clock.advance(UPDATE_MS);
    expect(await entries("orders")).toHaveLength(2);
  });
});
