import { AtlasClient, type AtlasApiVersion } from "../../provider/atlas/client";
import { isAtlasApiError } from "../../provider/atlas/errors";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";

const PROJECT = EMULATOR_IDENTITY.projectId;

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    quiet: true,
    clusters: [
      { name: "orders", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
      { name: "billing", clusterType: "SHARDED", regions: [{ providerName: "GCP", regionName: "us-central1" }] },
    ],
  });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await ctl.reset();
});

function client(apiVersion: AtlasApiVersion): AtlasClient {
  return new AtlasClient({
    baseUrl: emulator.baseUrl,
    apiVersion,
    credentials: { kind: "api-key", ...EMULATOR_IDENTITY.readOnlyKey },
  });
}

const answered = async (): Promise<string[]> =>
  (await ctl.requests()).filter((r) => r.status !== 401).map((r) => `${r.method} ${r.status} ${r.path}`);

describe("the Atlas client's cluster calls", () => {
  it.each(["v1.0", "v2"] as const)(
    "reads one cluster through v2 in the 2024-08-05 shape whatever the API version (%s)",
    async (apiVersion) => {
      const cluster = await client(apiVersion).getCluster(PROJECT, "orders");
      // Only the 2024-08-05 shape has effectiveReplicationSpecs, and only the legacy one providerSettings.
      expect(cluster).toHaveProperty("effectiveReplicationSpecs");
      expect(cluster).not.toHaveProperty("providerSettings");
      expect(cluster).toMatchObject({
        name: "orders",
        stateName: "IDLE",
        replicationSpecs: [{ regionConfigs: [{ providerName: "AWS", regionName: "US_EAST_1" }] }],
      });
      expect(await answered()).toEqual([`GET 200 /api/atlas/v2/groups/${PROJECT}/clusters/orders`]);
    },
  );

  it("lists a page of the project's clusters with the count", async () => {
    const page = await client("v1.0").listClusters(PROJECT, 2, 1);
    expect(page.totalCount).toBe(2);
    expect((page.results ?? []).map((c) => c.name)).toEqual(["billing"]);
    expect(await answered()).toEqual([
      `GET 200 /api/atlas/v2/groups/${PROJECT}/clusters?includeCount=true&itemsPerPage=1&pageNum=2`,
    ]);
  });

  it("answers an unknown cluster with 404 CLUSTER_NOT_FOUND, percent-encoding the name", async () => {
    const error: unknown = await client("v2")
      .getCluster(PROJECT, "no such")
      .catch((e: unknown) => e);
    expect(isAtlasApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, errorCode: "CLUSTER_NOT_FOUND", category: "not-found" });
    expect(await answered()).toEqual([`GET 404 /api/atlas/v2/groups/${PROJECT}/clusters/no%20such`]);
  });
});
