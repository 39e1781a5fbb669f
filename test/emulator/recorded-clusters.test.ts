import { startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, type AtlasAnswer, type AtlasTestClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";
import { shapeDifferences } from "./helpers/json-shape";
import { atlasDataFile, readSnaphost, type RecordedAnswer } from "./helpers/recorded";

/**
 * The emulator's cluster and regional-mode answers against the real ones recorded by the Atlas CLI's tests
 * (`data/atlas/recorded/`), in the recorded projects, with clusters declared like the recorded ones.
 */
const ISS_PROJECT = "6a793f4d2c88faeba59b98f1";
const SHARDED_PROJECT = "6a793f53c0eb9e7a177137bd";
const FLAGS_PROJECT = "6a799efbc0eb9e7a177d7e0e";
const REGIONAL_PROJECT = "6a7941732c88faeba59c446a";
const KEY = { publicKey: "recorder", privateKey: "recorder-secret" };
/** The recorder's stand-in for Atlas' address. */
const RECORDED_ORIGIN = "http://localhost:8080";

function recorded(folder: "clusters" | "private-endpoint", file: string): RecordedAnswer {
  return readSnaphost(atlasDataFile("recorded", folder, file));
}

const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  const aws = [{ providerName: "AWS", regionName: "US_EAST_1" }];
  emulator = await startEmulator({
    now: clock.now,
    config: {
      apiKeys: [
        {
          ...KEY,
          roles: Object.fromEntries(
            [ISS_PROJECT, SHARDED_PROJECT, FLAGS_PROJECT, REGIONAL_PROJECT].map((p) => [p, "GROUP_OWNER"]),
          ),
        },
      ],
    },
    clusters: [
      { projectId: ISS_PROJECT, name: "cluster-759", clusterType: "SHARDED", regions: aws },
      { projectId: SHARDED_PROJECT, name: "cluster-703", clusterType: "SHARDED", regions: aws },
      { projectId: FLAGS_PROJECT, name: "cluster-712", clusterType: "REPLICASET", regions: aws },
    ],
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

function client(projectId: string, versionDate: string): AtlasTestClient {
  return atlasClient(emulator.baseUrl, {
    projectId,
    accept: `application/vnd.atlas.${versionDate}+json`,
    credentials: { kind: "digest", username: KEY.publicKey, password: KEY.privateKey },
  });
}

/** The recorded body with the recorder's origin replaced by the emulator's. */
function recordedJson(record: RecordedAnswer): Record<string, unknown> {
  return JSON.parse(record.body.split(RECORDED_ORIGIN).join(emulator.baseUrl)) as Record<string, unknown>;
}

/** Status, media type, the version's deprecation headers, and the body's shape. */
function expectLikeRecorded(answer: AtlasAnswer, record: RecordedAnswer): void {
  expect(answer.status).toBe(record.status);
  expect(answer.headers.get("content-type")).toBe(record.headers["content-type"]);
  expect(answer.headers.get("deprecation")).toBe(record.headers["deprecation"] ?? null);
  expect(answer.headers.get("sunset")).toBe(record.headers["sunset"] ?? null);
  expect(shapeDifferences(answer.json, recordedJson(record))).toEqual([]);
}

/** The fields a declared cluster should share with the recorded one (ids, dates, hosts and versions differ). */
function sameFields(body: Record<string, unknown>): Record<string, unknown> {
  const { connectionStrings, links, groupId, name, clusterType, stateName, paused } = body;
  return {
    connectionStringKeys: Object.keys(connectionStrings as object),
    links,
    groupId,
    name,
    clusterType,
    stateName,
    paused,
  };
}

describe("cluster answers, as recorded", () => {
  it("lists a sharded cluster (2024-08-05, UPDATING): envelope, self link, body shape and connectionStrings keys", async () => {
    const record = recorded(
      "clusters",
      "TestIndependendShardScalingCluster__List_ISS_cluster__GET_api_atlas_v2_groups_6a793f4d2c88faeba59b98f1_clusters_1.snaphost",
    );
    await ctl.patchCluster(ISS_PROJECT, "cluster-759", { stateName: "UPDATING" });
    const answer = await client(ISS_PROJECT, "2024-08-05").clusters();
    expectLikeRecorded(answer, record);
    const want = recordedJson(record) as { links: unknown; results: Record<string, unknown>[]; totalCount: number };
    expect(answer.page.links).toEqual(want.links);
    expect(answer.page.totalCount).toBe(want.totalCount);
    expect(answer.page.results.map(sameFields)).toEqual(want.results.map(sameFields));
  });

  it("answers a sharded cluster being created (2024-08-05): connectionStrings {awsPrivateLinkSrv: {}, privateEndpoint: []}", async () => {
    const record = recorded(
      "clusters",
      "TestIndependendShardScalingCluster__Create_ISS_cluster__GET_api_atlas_v2_groups_6a793f4d2c88faeba59b98f1_clusters_cluster-759_1.snaphost",
    );
    await ctl.patchCluster(ISS_PROJECT, "cluster-759", { stateName: "CREATING" });
    const answer = await client(ISS_PROJECT, "2024-08-05").cluster("cluster-759");
    expectLikeRecorded(answer, record);
    expect(sameFields(answer.json as Record<string, unknown>)).toEqual(sameFields(recordedJson(record)));
    expect(JSON.stringify(answer.cluster.connectionStrings)).toBe('{"awsPrivateLinkSrv":{},"privateEndpoint":[]}');
  });

  it("answers a sharded cluster (2023-02-01, IDLE) with the Deprecation and Sunset headers", async () => {
    const record = recorded(
      "clusters",
      "TestShardedCluster__Connect_to_cluster__GET_api_atlas_v2_groups_6a793f53c0eb9e7a177137bd_clusters_cluster-703_1.snaphost",
    );
    const answer = await client(SHARDED_PROJECT, "2023-02-01").cluster("cluster-703");
    expectLikeRecorded(answer, record);
    expect(sameFields(answer.json as Record<string, unknown>)).toEqual(sameFields(recordedJson(record)));
  });

  it("lists a replica set (2023-02-01, IDLE): connectionStrings has only standard and standardSrv", async () => {
    const record = recorded(
      "clusters",
      "TestClustersFlags__List__GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_1.snaphost",
    );
    const answer = await client(FLAGS_PROJECT, "2023-02-01").clusters();
    expectLikeRecorded(answer, record);
    const want = recordedJson(record) as { links: unknown; results: Record<string, unknown>[] };
    expect(answer.page.links).toEqual(want.links);
    expect(answer.page.results.map(sameFields)).toEqual(want.results.map(sameFields));
  });

  it("answers an unknown cluster with the recorded 404 byte for byte", async () => {
    const record = recorded(
      "clusters",
      "TestIndependendShardScalingCluster__Delete_ISS_cluster__GET_api_atlas_v2_groups_6a793f4d2c88faeba59b98f1_clusters_cluster-759_2.snaphost",
    );
    await ctl.removeCluster(ISS_PROJECT, "cluster-759");
    const answer = await client(ISS_PROJECT, "2024-08-05").cluster("cluster-759");
    expect(answer.status).toBe(record.status);
    expect(answer.headers.get("content-type")).toBe(record.headers["content-type"]);
    expect(answer.headers.get("x-error-code")).toBe(record.headers["x-error-code"]);
    expect(answer.text).toBe(record.body);
  });
});

describe("regional mode answers, as recorded", () => {
  const file = (test: string, call: string): string =>
    `TestRegionalizedPrivateEndpointsSettings__${test}_regionalized_private_endpoint_setting__${call}_api_atlas_v2_groups_6a7941732c88faeba59c446a_privateEndpoint_regionalMode_1.snaphost`;

  it("answers enable (PATCH 202), disable (PATCH 202) and get (200) byte for byte, in the recorded order", async () => {
    const atlas = client(REGIONAL_PROJECT, "2023-01-01");
    const answers = [
      [await atlas.setRegionalMode({ enabled: true }), recorded("private-endpoint", file("Enable", "PATCH"))],
      [await atlas.setRegionalMode({ enabled: false }), recorded("private-endpoint", file("Disable", "PATCH"))],
      [await atlas.regionalMode(), recorded("private-endpoint", file("Get", "GET"))],
    ] as const;
    for (const [answer, record] of answers) {
      expect([answer.status, answer.headers.get("content-type"), answer.text]).toEqual([
        record.status,
        record.headers["content-type"],
        record.body,
      ]);
    }
  });
});
