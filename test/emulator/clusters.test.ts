import { EMULATOR_IDENTITY, startEmulator, type ClusterDeclaration, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, type AtlasTestClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

/** The cluster reads: versions, bodies, 404s, paging and roles. */
const PROJECT = EMULATOR_IDENTITY.projectId;
const READ_ONLY = EMULATOR_IDENTITY.readOnlyKey;
const OTHER_PROJECT = "aaaaaaaaaaaaaaaaaaaaaaaa";
const CLUSTERS: ClusterDeclaration[] = [
  { name: "orders", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
  { name: "events", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
  { name: "billing", clusterType: "REPLICASET", regions: [{ providerName: "GCP", regionName: "us-east1" }] },
];
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    clusters: [
      ...CLUSTERS,
      { projectId: OTHER_PROJECT, name: "elsewhere", clusterType: "SHARDED", regions: CLUSTERS[0]?.regions ?? [] },
    ],
    config: { projects: [OTHER_PROJECT] },
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const accept = (date: string): string => `application/vnd.atlas.${date}+json`;
const client = (date: string, options: Parameters<typeof atlasClient>[1] = {}): AtlasTestClient =>
  atlasClient(emulator.baseUrl, { accept: accept(date), ...options });

describe("GET …/clusters/{clusterName} in each version", () => {
  it("answers 2024-08-05 with the ClusterDescription20240805 fields, in the recorded order", async () => {
    const answer = await client("2024-08-05").cluster("events");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vnd.atlas.2024-08-05+json;charset=utf-8");
    expect(answer.headers.get("deprecation")).toBeNull();
    expect(Object.keys(answer.json as object)).toEqual([
      "adaptiveCapacity",
      "advancedConfiguration",
      "backupEnabled",
      "biConnector",
      "clusterType",
      "configServerManagementMode",
      "configServerType",
      "connectionStrings",
      "createDate",
      "diskWarmingMode",
      "effectiveDatabaseEdition",
      "effectiveReplicationSpecs",
      "encryptionAtRestProvider",
      "featureCompatibilityVersion",
      "globalClusterSelfManagedSharding",
      "groupId",
      "id",
      "internalClusterRole",
      "labels",
      "links",
      "mongoDBMajorVersion",
      "mongoDBVersion",
      "name",
      "paused",
      "pitEnabled",
      "redactClientLogData",
      "replicationSpecs",
      "retainBackups",
      "rootCertType",
      "stateName",
      "tags",
      "terminationProtectionEnabled",
      "useAwsTimeBasedSnapshotCopyForFastInitialSync",
      "versionReleaseSystem",
    ]);
    expect(answer.json).toMatchObject({
      clusterType: "SHARDED",
      createDate: "2026-08-10T03:03:04Z",
      groupId: PROJECT,
      name: "events",
      paused: false,
      stateName: "IDLE",
      links: [
        { href: `${emulator.baseUrl}/api/atlas/v2/groups/${PROJECT}/clusters/events`, rel: "self" },
        {
          href: `${emulator.baseUrl}/api/atlas/v2/groups/${PROJECT}/clusters/events/backup/restoreJobs`,
          rel: "https://cloud.mongodb.com/restoreJobs",
        },
        {
          href: `${emulator.baseUrl}/api/atlas/v2/groups/${PROJECT}/clusters/events/backup/snapshots`,
          rel: "https://cloud.mongodb.com/snapshots",
        },
      ],
    });
    // One replication spec per shard, as recorded.
    expect((answer.json as { replicationSpecs: unknown[] }).replicationSpecs).toHaveLength(2);
  });

  it("answers 2023-02-01 with the AdvancedClusterDescription fields and the recorded Deprecation and Sunset headers", async () => {
    const answer = await client("2023-02-01").cluster("orders");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vnd.atlas.2023-02-01+json;charset=utf-8");
    expect(answer.headers.get("deprecation")).toBe("Mon, 5 Aug 2024 00:00:00 GMT");
    expect(answer.headers.get("sunset")).toBe("Thu, 1 Jul 2027 00:00:00 GMT");
    expect(Object.keys(answer.json as object)).toEqual([
      "advancedConfiguration",
      "backupEnabled",
      "biConnector",
      "clusterType",
      "connectionStrings",
      "createDate",
      "diskSizeGB",
      "diskWarmingMode",
      "encryptionAtRestProvider",
      "globalClusterSelfManagedSharding",
      "groupId",
      "id",
      "labels",
      "links",
      "mongoDBMajorVersion",
      "mongoDBVersion",
      "name",
      "paused",
      "pitEnabled",
      "replicationSpecs",
      "rootCertType",
      "stateName",
      "tags",
      "terminationProtectionEnabled",
      "versionReleaseSystem",
    ]);
  });

  it("answers 2023-01-01 with the legacy cluster fields", async () => {
    const answer = await client("2023-01-01").cluster("orders");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    expect(answer.headers.get("deprecation")).toBeNull();
    const body = answer.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      "autoScaling",
      "backupEnabled",
      "biConnector",
      "clusterType",
      "connectionStrings",
      "createDate",
      "diskSizeGB",
      "encryptionAtRestProvider",
      "groupId",
      "id",
      "labels",
      "links",
      "mongoDBMajorVersion",
      "mongoDBVersion",
      "mongoURI",
      "mongoURIUpdated",
      "mongoURIWithOptions",
      "name",
      "numShards",
      "paused",
      "pitEnabled",
      "providerBackupEnabled",
      "providerSettings",
      "replicationFactor",
      "replicationSpec",
      "replicationSpecs",
      "rootCertType",
      "srvAddress",
      "stateName",
      "tags",
      "terminationProtectionEnabled",
      "versionReleaseSystem",
    ]);
    expect(body.replicationSpec).toEqual({
      US_EAST_1: { analyticsNodes: 0, electableNodes: 3, priority: 7, readOnlyNodes: 0 },
    });
    expect(body.srvAddress).toBe((body.connectionStrings as { standardSrv: string }).standardSrv);
  });

  it("gives every version the same connectionStrings", async () => {
    const [a, b, c] = await Promise.all(
      ["2023-01-01", "2023-02-01", "2024-08-05"].map(async (date) => (await client(date).cluster("events")).cluster),
    );
    expect(a?.connectionStrings).toEqual(c?.connectionStrings);
    expect(b?.connectionStrings).toEqual(c?.connectionStrings);
  });

  it("answers v1.0 as application/json with the legacy fields and v1.0 links", async () => {
    const answer = await atlasClient(emulator.baseUrl, { version: "v1.0" }).cluster("orders");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.json).toMatchObject({
      autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGBEnabled: false },
      links: [
        { href: `${emulator.baseUrl}/api/atlas/v1.0/groups/${PROJECT}/clusters/orders`, rel: "self" },
        expect.anything() as unknown,
        expect.anything() as unknown,
      ],
    });
  });

  it("wraps and indents the answer with envelope=true and pretty=true", async () => {
    const answer = await client("2024-08-05").request(
      "GET",
      `/groups/${PROJECT}/clusters/orders?envelope=true&pretty=true`,
    );
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('{\n  "status" : 200,\n  "content" : {\n    "adaptiveCapacity" : null,')).toBe(true);
  });
});

describe("404s", () => {
  it("answers an unknown cluster with 404 CLUSTER_NOT_FOUND in Atlas' words, in every version", async () => {
    for (const date of ["2023-01-01", "2023-02-01", "2024-08-05"]) {
      const answer = await client(date).cluster("nothing-here");
      expect(answer.status).toBe(404);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.headers.get("x-error-code")).toBe("CLUSTER_NOT_FOUND");
      expect(answer.headers.get("deprecation")).toBeNull();
      expect(answer.text).toBe(
        `{"detail":"No cluster named nothing-here exists in group ${PROJECT}.","error":404,"errorCode":"CLUSTER_NOT_FOUND","parameters":["nothing-here","${PROJECT}"],"reason":"Not Found"}`,
      );
    }
  });

  it("answers a cluster of another project with 404 CLUSTER_NOT_FOUND", async () => {
    expect((await client("2024-08-05").cluster("elsewhere")).error.errorCode).toBe("CLUSTER_NOT_FOUND");
  });

  it("answers a cluster removed through the control API with 404 CLUSTER_NOT_FOUND", async () => {
    await ctl.removeCluster(PROJECT, "orders");
    expect((await client("2024-08-05").cluster("orders")).status).toBe(404);
  });

  it("answers an unknown project with 404 GROUP_NOT_FOUND", async () => {
    const missing = "bbbbbbbbbbbbbbbbbbbbbbbb";
    for (const answer of [
      await client("2024-08-05", { projectId: missing }).clusters(),
      await client("2024-08-05", { projectId: missing }).cluster("orders"),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({
        detail: `No group with ID ${missing} exists.`,
        error: 404,
        errorCode: "GROUP_NOT_FOUND",
        parameters: [missing],
        reason: "Not Found",
      });
    }
  });
});

describe("GET …/clusters paging", () => {
  const self = (query: string): string => `${emulator.baseUrl}/api/atlas/v2/groups/${PROJECT}/clusters?${query}`;
  const page = (n: number, size = 1, count = true): string =>
    self(`includeCount=${count}&includeDeletedWithRetainedBackups=false&pageNum=${n}&itemsPerPage=${size}`);

  it("lists the project's clusters in declaration order, 100 a page by default, with the recorded self link", async () => {
    const answer = await client("2024-08-05").clusters();
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json as object)).toEqual(["links", "results", "totalCount"]);
    expect(answer.page.links).toEqual([{ href: page(1, 100), rel: "self" }]);
    expect(answer.page.results.map((c) => c["name"])).toEqual(["orders", "events", "billing"]);
    expect(answer.page.totalCount).toBe(3);
  });

  it("pages one by one with itemsPerPage=1: previous and next links where there is such a page", async () => {
    const pages = [];
    for (const n of [1, 2, 3, 4]) {
      const answer = await client("2024-08-05").clusters(`?itemsPerPage=1&pageNum=${n}`);
      expect(answer.status).toBe(200);
      pages.push({
        names: answer.page.results.map((c) => c["name"]),
        links: answer.page.links,
        totalCount: answer.page.totalCount,
      });
    }
    expect(pages).toEqual([
      {
        names: ["orders"],
        links: [
          { href: page(1), rel: "self" },
          { href: page(2), rel: "next" },
        ],
        totalCount: 3,
      },
      {
        names: ["events"],
        links: [
          { href: page(1), rel: "previous" },
          { href: page(2), rel: "self" },
          { href: page(3), rel: "next" },
        ],
        totalCount: 3,
      },
      {
        names: ["billing"],
        links: [
          { href: page(2), rel: "previous" },
          { href: page(3), rel: "self" },
        ],
        totalCount: 3,
      },
      {
        names: [],
        links: [
          { href: page(3), rel: "previous" },
          { href: page(4), rel: "self" },
        ],
        totalCount: 3,
      },
    ]);
  });

  it("leaves totalCount out with includeCount=false", async () => {
    const answer = await client("2024-08-05").clusters("?includeCount=false&itemsPerPage=2");
    expect(answer.json).toEqual({
      links: [
        { href: page(1, 2, false), rel: "self" },
        { href: page(2, 2, false), rel: "next" },
      ],
      results: [expect.objectContaining({ name: "orders" }), expect.objectContaining({ name: "events" })],
    });
  });

  it.each([
    ["itemsPerPage=0", "itemsPerPage"],
    ["itemsPerPage=501", "itemsPerPage"],
    ["itemsPerPage=ten", "itemsPerPage"],
    ["pageNum=0", "pageNum"],
    ["includeCount=yes", "includeCount"],
  ])("answers %s with 400 INVALID_QUERY_PARAMETER", async (query, name) => {
    const answer = await client("2024-08-05").clusters(`?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      detail: `Invalid query parameter ${name} specified.`,
      error: 400,
      errorCode: "INVALID_QUERY_PARAMETER",
      parameters: [name],
      reason: "Bad Request",
    });
  });

  it("accepts itemsPerPage=500", async () => {
    expect((await client("2024-08-05").clusters("?itemsPerPage=500")).page.results).toHaveLength(3);
  });
});

describe("roles and the request log", () => {
  it("lets a read-only key read the list and one cluster; the log records each call", async () => {
    const readOnly = client("2024-08-05", {
      credentials: { kind: "digest", username: READ_ONLY.publicKey, password: READ_ONLY.privateKey },
    });
    await ctl.clearRequests();
    expect((await readOnly.clusters("?itemsPerPage=1")).status).toBe(200);
    expect((await readOnly.cluster("orders")).status).toBe(200);
    const log = (await ctl.requests()).map((r) => `${r.method} ${r.path} ${r.status} ${r.auth}`);
    expect(log).toEqual([
      `GET /api/atlas/v2/groups/${PROJECT}/clusters?itemsPerPage=1 401 none`,
      `GET /api/atlas/v2/groups/${PROJECT}/clusters?itemsPerPage=1 200 digest`,
      `GET /api/atlas/v2/groups/${PROJECT}/clusters/orders 200 digest`,
    ]);
  });

  it("refuses a key without a role in the project with 401 NOT_IN_GROUP", async () => {
    const answer = await client("2024-08-05", { projectId: OTHER_PROJECT }).clusters();
    expect(answer.status).toBe(401);
    expect(answer.error.errorCode).toBe("NOT_IN_GROUP");
  });
});
