import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, EmulatorControlError, type EmulatorControl } from "../support/emulator-control";
import { atlasClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

/** Clusters through the control API and the emulator's options. */
const PROJECT = EMULATOR_IDENTITY.projectId;
const OTHER_PROJECT = "aaaaaaaaaaaaaaaaaaaaaaaa";
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    config: { projects: [OTHER_PROJECT] },
    clusters: [
      { name: "from-options", clusterType: "SHARDED", regions: [{ providerName: "AZURE", regionName: "eastus2" }] },
    ],
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const iso = (offsetMs = 0): string => new Date(clock.now() + offsetMs).toISOString();

async function refusal(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EmulatorControlError))
    throw new Error(`expected an EmulatorControlError, got ${String(error)}`);
  return { status: error.status, message: error.message };
}

describe("POST /__emulator/clusters", () => {
  it("declares a cluster and answers its entry: what was declared, its state, its Atlas body", async () => {
    const entry = await ctl.declareCluster({
      name: "Orders",
      clusterType: "REPLICASET",
      regions: [
        { providerName: "AWS", regionName: "us-east-1" },
        { providerName: "AWS", regionName: "EU_WEST_1", nodeCount: 1 },
        { providerName: "GCP", regionName: "europe-west1" },
      ],
    });
    expect(entry).toEqual({
      projectId: PROJECT,
      name: "Orders",
      id: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown,
      clusterType: "REPLICASET",
      regions: [
        { providerName: "AWS", regionName: "US_EAST_1", nodeCount: 3 },
        { providerName: "AWS", regionName: "EU_WEST_1", nodeCount: 1 },
        { providerName: "GCP", regionName: "WESTERN_EUROPE", nodeCount: 2 },
      ],
      subdomain: expect.stringMatching(/^[a-z0-9]{6}$/) as unknown,
      paused: false,
      stateName: "IDLE",
      pinned: false,
      stateChangesAt: null,
      createdAt: iso(),
      privateEndpoint: [],
      cluster: expect.objectContaining({ name: "Orders", clusterType: "REPLICASET", stateName: "IDLE" }) as unknown,
    });
    const fromAtlas = await atlasClient(emulator.baseUrl, { accept: "application/vnd.atlas.2024-08-05+json" }).cluster(
      "Orders",
    );
    expect(fromAtlas.json).toEqual(entry.cluster);
    expect(entry.cluster["connectionStrings"]).toEqual({
      standard: expect.stringContaining(`orders-shard-00-05.${entry.subdomain}.mongodb.net:27017/`) as unknown,
      standardSrv: `mongodb+srv://orders.${entry.subdomain}.mongodb.net`,
    });
  });

  it("derives the same id and host names from the same declaration, in every run", async () => {
    const declaration = {
      name: "orders",
      clusterType: "SHARDED",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    } as const;
    const first = await ctl.declareCluster(declaration);
    await ctl.reset();
    const second = await ctl.declareCluster(declaration);
    expect([second.id, second.subdomain]).toEqual([first.id, first.subdomain]);
    const seeded = await ctl.declareCluster({ ...declaration, name: "other", seed: "orders-seed" });
    expect(seeded.subdomain).not.toBe(first.subdomain);
  });

  it("declares in another project the emulator knows", async () => {
    const entry = await ctl.declareCluster({
      projectId: OTHER_PROJECT,
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    expect(entry.projectId).toBe(OTHER_PROJECT);
    expect((await ctl.clusters()).map((c) => `${c.projectId}/${c.name}`)).toEqual([
      `${PROJECT}/from-options`,
      `${OTHER_PROJECT}/orders`,
    ]);
  });

  it("refuses a name already taken in the project with 409", async () => {
    const declaration = {
      name: "from-options",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    } as const;
    expect(await refusal(ctl.declareCluster(declaration))).toEqual({
      status: 409,
      message: `emulator control POST /clusters answered 409: project ${PROJECT} already has a cluster named from-options`,
    });
  });

  const aws = [{ providerName: "AWS", regionName: "us-east-1" }];
  it.each([
    [
      { name: "-bad", clusterType: "SHARDED", regions: aws },
      'cluster.name must match ^[a-zA-Z0-9][a-zA-Z0-9-]*$ (at most 64 characters), got "-bad"',
    ],
    [
      { name: "a", clusterType: "GEOSHARDED", regions: aws },
      'cluster.clusterType must be "REPLICASET" or "SHARDED", got "GEOSHARDED"',
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: [] },
      "cluster.regions must be a non-empty array of {providerName, regionName}",
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-est-1" }] },
      'cluster.regions[0].regionName "us-est-1" is not a region Atlas knows for AWS',
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: [{ providerName: "IBM", regionName: "us-east-1" }] },
      'cluster.regions[0].providerName must be "AWS", "AZURE" or "GCP", got "IBM"',
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: [...aws, { providerName: "AWS", regionName: "US_EAST_1" }] },
      "cluster.regions[1] repeats AWS US_EAST_1",
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-east-1", nodeCount: 8 }] },
      "cluster.regions[0].nodeCount must be an integer from 1 to 7, got 8",
    ],
    [
      { projectId: "bbbbbbbbbbbbbbbbbbbbbbbb", name: "a", clusterType: "SHARDED", regions: aws },
      "cluster.projectId bbbbbbbbbbbbbbbbbbbbbbbb is not a project of the emulator: add it to config.projects",
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: aws, size: "M10" },
      'cluster has unknown field "size" (allowed: projectId, name, clusterType, regions, seed, paused, updateSeconds)',
    ],
    [
      { name: "a", clusterType: "SHARDED", regions: aws, updateSeconds: -1 },
      "cluster.updateSeconds must be a number of seconds ≥ 0, got -1",
    ],
  ])("refuses %j with 400 naming the field", async (declaration, message) => {
    expect(await refusal(ctl.declareCluster(declaration as never))).toEqual({
      status: 400,
      message: `emulator control POST /clusters answered 400: ${message}`,
    });
  });
});

describe("PATCH and DELETE /__emulator/clusters/{projectId}/{name}", () => {
  it("pauses a cluster: Atlas shows paused: true", async () => {
    const entry = await ctl.patchCluster(PROJECT, "from-options", { paused: true });
    expect(entry.paused).toBe(true);
    const answer = await atlasClient(emulator.baseUrl, { accept: "application/vnd.atlas.2023-02-01+json" }).cluster(
      "from-options",
    );
    expect(answer.json).toMatchObject({ paused: true });
  });

  it("pins a state and unpins it", async () => {
    expect(await ctl.patchCluster(PROJECT, "from-options", { stateName: "REPAIRING" })).toMatchObject({
      stateName: "REPAIRING",
      pinned: true,
    });
    expect(await ctl.patchCluster(PROJECT, "from-options", { stateName: null })).toMatchObject({
      stateName: "IDLE",
      pinned: false,
    });
  });

  it.each([
    [
      { stateName: "SLEEPING" },
      'stateName must be one of IDLE, CREATING, UPDATING, DELETING, REPAIRING or null, got "SLEEPING"',
    ],
    [{ paused: "yes" }, "paused must be a boolean"],
    [{ name: "x" }, 'unknown field "name"'],
  ])("refuses %j with 400", async (patch, message) => {
    expect((await refusal(ctl.patchCluster(PROJECT, "from-options", patch as never))).message).toBe(
      `emulator control PATCH /clusters/${PROJECT}/from-options answered 400: ${message}`,
    );
  });

  it("answers 404 for an unknown cluster", async () => {
    expect((await refusal(ctl.patchCluster(PROJECT, "nothing", { paused: true }))).status).toBe(404);
    expect((await refusal(ctl.removeCluster(PROJECT, "nothing"))).status).toBe(404);
  });

  it("removes a cluster, answering its last entry; a reset declares the option's clusters again", async () => {
    const removed = await ctl.removeCluster(PROJECT, "from-options");
    expect(removed.name).toBe("from-options");
    expect(await ctl.clusters()).toEqual([]);
    await ctl.declareCluster({
      name: "later",
      clusterType: "SHARDED",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await ctl.reset();
    expect((await ctl.clusters()).map((c) => c.name)).toEqual(["from-options"]);
  });
});

describe("GET /__emulator/regional-mode", () => {
  it("lists every project, off and never changed at first", async () => {
    expect(await ctl.regionalModes()).toEqual([
      { projectId: PROJECT, enabled: false, changedAt: null },
      { projectId: OTHER_PROJECT, enabled: false, changedAt: null },
    ]);
  });

  it("refuses an unknown project with 404 and a bad body with 400", async () => {
    expect((await refusal(ctl.setRegionalMode("cccccccccccccccccccccccc", true))).status).toBe(404);
    const bad = await fetch(`${emulator.baseUrl}/__emulator/regional-mode/${PROJECT}`, {
      method: "PATCH",
      body: JSON.stringify({ enabled: "on" }),
    });
    expect([bad.status, await bad.json()]).toEqual([400, { error: "enabled must be a boolean" }]);
  });
});

describe("emulator options", () => {
  it.each([
    [{ clusters: "orders" }, 'clusters must be an array, got "orders"'],
    [
      {
        clusters: [
          { name: "a", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
          { name: "a", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
        ],
      },
      `clusters[1] repeats the name a in project ${PROJECT}`,
    ],
    [
      { clusters: [{ name: "a", clusterType: "SHARDED" }] },
      "clusters[0].regions must be a non-empty array of {providerName, regionName}",
    ],
    [{ clusterUpdateSeconds: -1 }, "clusterUpdateSeconds must be a number of seconds ≥ 0, got -1"],
    [{ regionalModePatchStatus: 204 }, "regionalModePatchStatus must be 202 or 200, got 204"],
  ])("refuses %j with a message naming the option", async (options, message) => {
    await expect(startEmulator(options as never)).rejects.toThrow(message);
  });
});
