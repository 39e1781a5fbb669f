import { AtlasClient, type AtlasApiVersion } from "../../provider/atlas/client";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";

/** The client's regional mode and cluster-list calls, against the emulator. */
const PROJECT = EMULATOR_IDENTITY.projectId;
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, clusterUpdateSeconds: 0.1 });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await ctl.reset();
});

function client(apiVersion: AtlasApiVersion = "v1.0"): AtlasClient {
  return new AtlasClient({
    baseUrl: emulator.baseUrl,
    apiVersion,
    credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
  });
}

/** The calls Atlas answered, without digest challenges. */
async function answered(): Promise<string[]> {
  return (await ctl.requests()).filter((r) => r.status !== 401).map((r) => `${r.method} ${r.path} ${r.status}`);
}

describe("the Atlas client's regional mode calls", () => {
  it.each(["v1.0", "v2"] as const)(
    "reads and sets the setting on /api/atlas/v2 (version 2023-01-01) whatever apiVersion says (%s)",
    async (apiVersion) => {
      const atlas = client(apiVersion);
      await expect(atlas.getRegionalMode(PROJECT)).resolves.toEqual({ enabled: false });
      await atlas.setRegionalMode(PROJECT, true);
      await expect(atlas.getRegionalMode(PROJECT)).resolves.toEqual({ enabled: true });
      const path = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode`;
      expect(await answered()).toEqual([`GET ${path} 200`, `PATCH ${path} 202`, `GET ${path} 200`]);
    },
  );

  it("takes the spec's 200 to a PATCH as well as Atlas' 202", async () => {
    await ctl.settings({ regionalModePatchStatus: 200 });
    await client().setRegionalMode(PROJECT, true);
    expect((await ctl.regionalModes()).map((m) => m.enabled)).toEqual([true]);
    expect(await answered()).toEqual([`PATCH /api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode 200`]);
  });
});

describe("the Atlas client's cluster list", () => {
  const declare = async (name: string, clusterType: "SHARDED" | "REPLICASET"): Promise<void> => {
    await ctl.declareCluster({ name, clusterType, regions: [{ providerName: "AWS", regionName: "us-east-1" }] });
  };

  it("reads every page, in order, with version 2024-08-05", async () => {
    for (const name of ["a", "b", "c", "d", "e"]) await declare(name, name === "c" ? "REPLICASET" : "SHARDED");
    const clusters = await client().listAllClusters(PROJECT, 2);
    expect(clusters.map((c) => [c.name, c.clusterType, c.stateName])).toEqual([
      ["a", "SHARDED", "IDLE"],
      ["b", "SHARDED", "IDLE"],
      ["c", "REPLICASET", "IDLE"],
      ["d", "SHARDED", "IDLE"],
      ["e", "SHARDED", "IDLE"],
    ]);
    expect(clusters[0]?.replicationSpecs?.[0]?.regionConfigs).toMatchObject([
      { providerName: "AWS", regionName: "US_EAST_1" },
    ]);
    const path = `/api/atlas/v2/groups/${PROJECT}/clusters`;
    expect(await answered()).toEqual([
      `GET ${path}?itemsPerPage=2&pageNum=1 200`,
      `GET ${path}?itemsPerPage=2&pageNum=2 200`,
      `GET ${path}?itemsPerPage=2&pageNum=3 200`,
    ]);
  });

  it("stops after a full last page when the total says so, and reads an empty project in one request", async () => {
    for (const name of ["a", "b", "c", "d"]) await declare(name, "SHARDED");
    expect((await client().listAllClusters(PROJECT, 2)).map((c) => c.name)).toEqual(["a", "b", "c", "d"]);
    expect(await answered()).toHaveLength(2);
    await ctl.reset();
    expect(await client().listAllClusters(PROJECT)).toEqual([]);
    expect(await answered()).toEqual([`GET /api/atlas/v2/groups/${PROJECT}/clusters?itemsPerPage=500&pageNum=1 200`]);
  });
});
