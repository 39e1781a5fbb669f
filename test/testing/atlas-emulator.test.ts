import * as fs from "node:fs";
import {
  PluginCallError,
  builtProviderPath,
  providerReference,
  startDynamicPlugin,
  type DynamicPlugin,
} from "../../scripts/lib/dynamic-plugin";
import { startAtlasPlugin } from "../../scripts/lib/atlas-plugin";
import { startAtlasEmulator, useAtlasEmulator, type AtlasEmulator, type StackConfigValue } from "../../testing";

/**
 * The kit's emulator for integration tests, driven through the real dynamic-provider plugin configured with nothing but
 * the settings the kit hands back.
 */
const PROVIDER = providerReference();
const LINK_PROVIDER = providerReference(builtProviderPath("private-endpoint"));

/** The child processes of this process, from /proc (spawning `ps` would add one). */
function childPids(): number[] {
  const tasks = fs.readdirSync(`/proc/${process.pid}/task`);
  return tasks
    .flatMap((task) => fs.readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim().split(/\s+/))
    .filter((pid) => pid !== "")
    .map(Number)
    .sort((a, b) => a - b);
}

const configValues = (config: Readonly<Record<string, StackConfigValue>>): Record<string, string> =>
  Object.fromEntries(Object.entries(config).map(([key, { value }]) => [key, value]));

describe("startAtlasEmulator", () => {
  let atlas: AtlasEmulator;
  let plugin: DynamicPlugin;

  beforeAll(async () => {
    if (!fs.existsSync(builtProviderPath())) throw new Error(`${builtProviderPath()} is missing: run npm run build`);
    atlas = await startAtlasEmulator();
    plugin = await startDynamicPlugin();
    await plugin.configure(configValues(atlas.stackConfig));
  });
  afterAll(async () => {
    await plugin.close();
    await atlas.stop();
  });
  beforeEach(async () => {
    await atlas.reset();
  });

  async function checked(news: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { inputs, failures } = await plugin.check({}, { __provider: PROVIDER, projectId: atlas.projectId, ...news });
    expect(failures).toEqual([]);
    return inputs;
  }

  it("hands back the stack settings: the URL, the emulator's key with the private half secret, a fast poll", () => {
    expect(atlas.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(atlas.projectId).toBe("0123456789abcdef01234567");
    expect(atlas.stackConfig).toEqual({
      "mongodbatlas:baseUrl": { value: atlas.baseUrl },
      "mongodbatlas:publicKey": { value: "abcdefgh" },
      "mongodbatlas:privateKey": { value: "11111111-2222-3333-4444-555555555555", secret: true },
      "atlasPrivateEndpoint:pollTimeScale": { value: "0.01" },
    });
  });

  it("serves a whole lifecycle to the real plugin: create, read, delete", async () => {
    const inputs = await checked({ providerName: "AZURE", region: "westeurope", resourceName: "kit" });
    const created = await plugin.create(inputs);
    expect(created.properties).toMatchObject({ status: "AVAILABLE", regionName: "EUROPE_WEST" });
    expect(created.properties["privateLinkServiceResourceId"]).toMatch(
      /^\/subscriptions\/.+\/privateLinkServices\/pls_/,
    );
    expect((await atlas.services()).map((s) => [s.id, s.status])).toEqual([[created.id, "AVAILABLE"]]);

    const read = await plugin.read(created.id, created.properties);
    expect(read.properties["status"]).toBe("AVAILABLE");

    await plugin.delete(created.id, created.properties);
    expect(await atlas.services()).toEqual([]);
  });

  it("makes the next service end FAILED, which the provider reports as a partial create", async () => {
    const failing = await atlas.failNextService({ errorMessage: "Reason: No Capacity." });
    const inputs = await checked({ providerName: "AWS", region: "us-east-1" });
    const error = await plugin.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluginCallError);
    const failed = await failing.failed;
    expect(failed).toMatchObject({ status: "FAILED", errorMessage: "Reason: No Capacity." });
    const partial = (error as PluginCallError).partial;
    expect(partial?.id).toBe(failed.id);
    expect(partial?.reasons.join(" ")).toContain(
      `Atlas reports endpoint service ${failed.id} FAILED: Reason: No Capacity.`,
    );
    // Only that service failed; the emulator's timing never changed.
    expect((await atlas.control.currentSettings()).provisionSeconds).toBe(0.5);
  });

  it("rejects a failNextService that no service comes for, and disarms it", async () => {
    const failing = await atlas.failNextService({ timeoutMs: 50 });
    await expect(failing.failed).rejects.toThrow("failNextService: no service was created within 50 ms");
    expect(await atlas.control.failingCreates()).toEqual([]);
    expect((await atlas.control.currentSettings()).provisionSeconds).toBe(0.5);
  });

  it("fails the next service only: one created at the same time is ready in the usual time", async () => {
    const failing = await atlas.failNextService({ errorMessage: "Reason: No Capacity." });
    const [first, second] = await Promise.all(
      [
        await checked({ providerName: "AWS", region: "us-west-2", timeouts: { create: "5s" } }),
        await checked({ providerName: "AZURE", region: "eastus", timeouts: { create: "5s" } }),
      ].map((inputs) =>
        plugin.create(inputs).then(
          (created) => ({ created, error: undefined }),
          (error: unknown) => ({ created: undefined, error: error as PluginCallError }),
        ),
      ),
    );
    const outcomes = [first, second];
    const failed = await failing.failed;
    expect(
      outcomes.filter((o) => o?.error?.partial?.properties["status"] === "FAILED").map((o) => o?.error?.partial?.id),
    ).toEqual([failed.id]);
    expect(outcomes.filter((o) => o?.created?.properties["status"] === "AVAILABLE")).toHaveLength(1);
  });

  it("rejects the next registration only, and reads the registrations the emulator holds", async () => {
    const service = await plugin.create(await checked({ providerName: "AWS", region: "eu-central-1" }));
    const link = (endpointServiceId: string) =>
      plugin.check(
        {},
        {
          __provider: LINK_PROVIDER,
          projectId: atlas.projectId,
          providerName: "AWS",
          privateLinkId: service.id,
          endpointServiceId,
        },
      );
    await atlas.rejectNextRegistration();
    const rejected = await plugin.create((await link("vpce-0000000000000000a")).inputs).then(
      () => undefined,
      (error: unknown) => error as PluginCallError,
    );
    expect(rejected?.partial?.properties).toMatchObject({ awsConnectionStatus: "REJECTED" });
    const accepted = await plugin.create((await link("vpce-0000000000000000b")).inputs);
    expect(accepted.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect((await atlas.registrations()).map((r) => [r.endpointId, r.status])).toEqual([
      ["vpce-0000000000000000a", "REJECTED"],
      ["vpce-0000000000000000b", "AVAILABLE"],
    ]);
  });

  it("hands back the stack settings of the provider plugin's namespace, which the plugin runs on", async () => {
    expect(atlas.pluginStackConfig).toEqual({
      "atlas-private-endpoint:baseUrl": { value: atlas.baseUrl },
      "atlas-private-endpoint:publicKey": { value: "abcdefgh" },
      "atlas-private-endpoint:privateKey": { value: "11111111-2222-3333-4444-555555555555", secret: true },
      "atlas-private-endpoint:pollTimeScale": { value: "0.01" },
    });
    const atlasPlugin = await startAtlasPlugin();
    try {
      const variables = Object.fromEntries(
        Object.entries(atlas.pluginStackConfig).map(([key, { value }]) => [key.replace(":", ":config:"), value]),
      );
      await atlasPlugin.configure({}, variables);
      const { inputs } = await atlasPlugin.check(
        {},
        { projectId: atlas.projectId, providerName: "GCP", region: "us-central1" },
      );
      const created = await atlasPlugin.create(inputs);
      expect(created.properties["status"]).toBe("AVAILABLE");
    } finally {
      await atlasPlugin.close();
    }
  });

  it("answers a 503 storm the provider rides out with its retries", async () => {
    await atlas.serviceUnavailable({ times: 2, method: "GET" });
    const inputs = await checked({ providerName: "GCP", region: "us-east4", portMappingEnabled: true });
    const created = await plugin.create(inputs);
    expect(created.properties["status"]).toBe("AVAILABLE");
    // Digest authentication's 401 challenges left out.
    const statuses = (await atlas.control.requests())
      .filter((r) => r.status !== 401)
      .map((r) => `${r.method} ${r.status}`);
    expect(statuses.slice(0, 4)).toEqual(["GET 503", "GET 503", "GET 200", "POST 201"]);
    await plugin.delete(created.id, created.properties);
  });

  it("records a create whose POST gets a 503 as unconfirmed, with Atlas' answer and nothing created", async () => {
    await atlas.serviceUnavailable({ method: "POST", times: 1 });
    const inputs = await checked({ providerName: "AWS", region: "eu-west-1" });
    const error = await plugin.create(inputs).then(
      () => undefined,
      (e: unknown) => e as PluginCallError,
    );
    expect(error?.message).toContain("Atlas answered 503 SERVICE_UNAVAILABLE to POST");
    expect(error?.partial?.properties).toMatchObject({ unfinishedCreate: true, privateLinkId: "" });
    expect(await atlas.services()).toEqual([]);
  });
});

describe("clusters in the kit's emulator", () => {
  it("declares clusters from the options and at run time; a reset keeps only the first, and the fast timings", async () => {
    const atlas = await startAtlasEmulator({
      clusters: [
        { name: "orders", clusterType: "SHARDED", regions: [{ providerName: "AWS", regionName: "us-east-1" }] },
      ],
    });
    try {
      const declared = await atlas.declareCluster({
        name: "billing",
        clusterType: "REPLICASET",
        regions: [{ providerName: "GCP", regionName: "us-east1" }],
      });
      expect(declared).toMatchObject({ projectId: atlas.projectId, name: "billing", stateName: "IDLE" });
      expect((await atlas.clusters()).map((c) => [c.name, c.clusterType])).toEqual([
        ["orders", "SHARDED"],
        ["billing", "REPLICASET"],
      ]);
      await atlas.control.settings({ clusterUpdateSeconds: 5 });
      await atlas.reset();
      expect((await atlas.clusters()).map((c) => c.name)).toEqual(["orders"]);
      expect((await atlas.control.currentSettings()).clusterUpdateSeconds).toBe(0.2);
    } finally {
      await atlas.stop();
    }
  });
});

describe("stopping", () => {
  it("closes the port and leaves no child process; a second stop is harmless", async () => {
    const childrenBefore = childPids();
    const atlas = await startAtlasEmulator({ provisionSeconds: 0.1 });
    const health = await fetch(`${atlas.baseUrl}/__emulator/health`);
    expect(health.status).toBe(200);
    await atlas.stop();
    await atlas.stop();
    await expect(fetch(`${atlas.baseUrl}/__emulator/health`)).rejects.toThrow();
    expect(childPids()).toEqual(childrenBefore);
  });

  it("cancels an armed failNextService on stop", async () => {
    const atlas = await startAtlasEmulator();
    const failing = await atlas.failNextService();
    await atlas.stop();
    await expect(failing.failed).rejects.toThrow("cancelled");
  });
});

describe("useAtlasEmulator", () => {
  const atlas = useAtlasEmulator({ provisionSeconds: 0.1 });

  it("gives the emulator started in beforeAll", async () => {
    const health = await fetch(`${atlas().baseUrl}/__emulator/health`);
    expect(await health.json()).toEqual({ status: "ok" });
  });

  it("refuses to run without the test runner's hooks", () => {
    const globals = globalThis as { beforeAll?: unknown };
    const saved = globals.beforeAll;
    delete globals.beforeAll;
    try {
      expect(() => useAtlasEmulator()).toThrow("useAtlasEmulator needs the test runner's beforeAll/afterAll globals");
    } finally {
      globals.beforeAll = saved;
    }
  });
});
