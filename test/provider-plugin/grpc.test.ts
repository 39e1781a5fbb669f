/**
 * The provider plugin (`bin/pulumi-resource-atlas-private-endpoint`, on `@pulumi/pulumi/provider`), spawned and driven
 * over gRPC as the engine drives it, against the emulator.
 */
import * as fs from "node:fs";
import { EMULATOR_IDENTITY } from "../../emulator";
import { PluginCallError, UNKNOWN, type ProviderPlugin } from "../../scripts/lib/dynamic-plugin";
import { PLUGIN_LAUNCHER, PLUGIN_TYPES, startAtlasPlugin } from "../../scripts/lib/atlas-plugin";
import { eventually } from "../support/provider-harness";
import { pluginConfig, useAtlasPluginBench } from "./plugin-harness";

const PROJECT = EMULATOR_IDENTITY.projectId;
/** The secret marker of the secret-config tests. */
const SECRET_SIGNATURE = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const bench = useAtlasPluginBench();

async function checked(
  news: Record<string, unknown>,
  on: ProviderPlugin = bench.plugin,
): Promise<Record<string, unknown>> {
  const { inputs, failures } = await on.check({}, news);
  expect(failures).toEqual([]);
  return inputs;
}

describe("the provider plugin over gRPC: PrivateEndpointService", () => {
  it("checks, creates, reads, diffs and deletes a service", async () => {
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "grpc-svc");
    const inputs = await checked({ projectId: PROJECT, providerName: "aws", region: "eu-west-1" }, svc);
    expect(inputs).toEqual({ projectId: PROJECT, providerName: "AWS", region: "eu-west-1" });

    const created = await svc.create(inputs);
    expect(created.properties).toMatchObject({
      status: "AVAILABLE",
      regionName: "EU_WEST_1",
      privateLinkId: created.id,
    });
    expect(created.properties["endpointServiceName"]).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-/);
    expect(created.properties).not.toHaveProperty("__provider");

    const read = await svc.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toEqual(created.properties);
    expect(read.inputs).toEqual(inputs);

    const respelled = await checked({ ...inputs, region: "EU_WEST_1" }, svc);
    expect(await svc.diff(created.id, created.properties, respelled)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const moved = await checked({ ...inputs, region: "eu-west-2" }, svc);
    expect(await svc.diff(created.id, created.properties, moved)).toEqual({
      changes: "some",
      replaces: ["region"],
      deleteBeforeReplace: false,
    });

    await svc.delete(created.id, created.properties);
    expect(await bench.ctl.services()).toEqual([]);
    expect(bench.plugin.output()).toContain(
      "PrivateEndpointService grpc-svc (AWS eu-west-1): Atlas accepted endpoint service",
    );
  });

  it("refuses bad inputs in check, naming the property, the value and the fix", async () => {
    const { failures } = await bench.plugin.check(
      {},
      { projectId: "nope", providerName: "AWS", region: "eu-west-9", colour: 1 },
    );
    expect(failures.map((f) => f.property)).toEqual(["colour", "projectId", "region"]);
    expect(failures[1]?.reason).toContain('projectId "nope" is not an Atlas project id');
    expect(failures[2]?.reason).toMatch(
      /^region "eu-west-9" is not an AWS region Atlas knows; did you mean "eu-west-1"/,
    );
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("sends a FAILED create back as a partial create, and the diff then replaces it deleting first", async () => {
    await bench.ctl.settings({ provisionSeconds: 30 });
    const inputs = await checked({ projectId: PROJECT, providerName: "GCP", region: "us-east4" });
    const creating = bench.plugin.create(inputs).then(
      () => undefined,
      (error: unknown) => error,
    );
    const [service] = await eventually(
      () => bench.ctl.services(),
      (list) => list.length === 1,
    );
    await bench.ctl.patchService(service!.id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
    const error = await creating;
    expect(error).toBeInstanceOf(PluginCallError);
    const partial = (error as PluginCallError).partial;
    expect(partial?.id).toBe(service!.id);
    expect(partial?.reasons.join(" ")).toContain("Reason: No Capacity.");
    expect(partial?.properties).toMatchObject({ status: "FAILED", privateLinkId: service!.id, region: "us-east4" });
    expect(await bench.plugin.diff(service!.id, partial!.properties, inputs)).toEqual({
      changes: "some",
      replaces: ["status"],
      deleteBeforeReplace: true,
    });
    await bench.plugin.delete(service!.id, partial!.properties);
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("answers a blank id for a service deleted out of band", async () => {
    const created = await bench.plugin.create(
      await checked({ projectId: PROJECT, providerName: "AWS", region: "us-east-2" }),
    );
    await bench.ctl.patchService(created.id, { remove: true });
    expect((await bench.plugin.read(created.id, created.properties)).id).toBe("");
  });
});

describe("the provider plugin over gRPC: PrivateEndpoint", () => {
  const VPCE = "vpce-0123456789abcdef0";

  async function readyService(): Promise<string> {
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "svc");
    const created = await svc.create(
      await checked({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }, svc),
    );
    return created.id;
  }

  beforeEach(async () => {
    await bench.ctl.settings({ registrationSeconds: 0.3, registrationDeletingSeconds: 0.1 });
  });

  it("checks, creates, reads, diffs and deletes a registration", async () => {
    const serviceId = await readyService();
    const pe = bench.plugin.forType(PLUGIN_TYPES.endpoint, "grpc-pe");
    const bad = await pe.check(
      {},
      { projectId: PROJECT, providerName: "AWS", privateLinkId: serviceId, endpointServiceId: "vpce-1" },
    );
    expect(bad.failures.map((f) => f.property)).toEqual(["endpointServiceId"]);

    const inputs = await checked(
      { projectId: PROJECT, providerName: "aws", privateLinkId: serviceId, endpointServiceId: VPCE },
      pe,
    );
    const created = await pe.create(inputs);
    expect(created.id).toBe(`${serviceId}:${VPCE}`);
    expect(created.properties).toMatchObject({ awsConnectionStatus: "AVAILABLE", interfaceEndpointId: VPCE });

    const read = await pe.read(created.id, created.properties);
    expect(read.properties).toEqual(created.properties);

    const other = await checked({ ...inputs, endpointServiceId: "vpce-0fedcba9876543210" }, pe);
    expect(await pe.diff(created.id, created.properties, other)).toMatchObject({
      changes: "some",
      replaces: ["endpointServiceId"],
    });

    await pe.delete(created.id, created.properties);
    expect((await pe.read(created.id, created.properties)).id).toBe("");
    expect(bench.plugin.output()).toContain(`PrivateEndpoint grpc-pe (AWS ${VPCE})`);
    await bench.plugin.delete(serviceId, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("sends a REJECTED registration back as a partial create, and the diff then replaces it", async () => {
    const serviceId = await readyService();
    await bench.ctl.declareEndpointMissing(VPCE);
    const pe = bench.plugin.forType(PLUGIN_TYPES.endpoint, "rejected");
    const inputs = await checked(
      { projectId: PROJECT, providerName: "AWS", privateLinkId: serviceId, endpointServiceId: VPCE },
      pe,
    );
    const error = await pe.create(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluginCallError);
    const partial = (error as PluginCallError).partial;
    expect(partial?.id).toBe(`${serviceId}:${VPCE}`);
    expect(partial?.properties).toMatchObject({ awsConnectionStatus: "REJECTED", privateLinkId: serviceId });
    expect(partial?.reasons.join(" ")).toContain(`Interface endpoint ${VPCE} was not found.`);
    const diff = await pe.diff(partial!.id, partial!.properties, inputs);
    expect(diff.changes).toBe("some");
    expect(diff.replaces.length).toBeGreaterThan(0);
    await pe.delete(partial!.id, partial!.properties);
    await bench.plugin.delete(serviceId, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    expect(await bench.ctl.services()).toEqual([]);
  });
});

describe("the provider plugin over gRPC: PrivateEndpointRegionalMode", () => {
  it("turns it on, reads, diffs and turns it back off on delete, its progress lines naming the resource", async () => {
    await bench.ctl.settings({ clusterUpdateSeconds: 0.5 });
    await bench.ctl.declareCluster({
      name: "orders",
      clusterType: "SHARDED",
      regions: [
        { providerName: "AWS", regionName: "us-east-1" },
        { providerName: "AWS", regionName: "us-west-2" },
      ],
    });
    const mode = bench.plugin.forType(PLUGIN_TYPES.regionalMode, "grpc-mode");
    const inputs = await checked({ projectId: PROJECT.toUpperCase(), enabled: true }, mode);
    expect(inputs).toEqual({ projectId: PROJECT, enabled: true });

    const created = await mode.create(inputs);
    expect(created).toEqual({
      id: PROJECT,
      properties: {
        projectId: PROJECT,
        enabled: true,
        affectedClusters: ["orders"],
        enabledAtCreate: false,
        pendingClusters: [],
      },
    });
    expect((await mode.read(created.id, created.properties)).properties).toEqual(created.properties);
    expect(await mode.diff(created.id, created.properties, inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });

    await mode.delete(created.id, created.properties);
    expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
    expect(bench.plugin.output()).toContain(
      `PrivateEndpointRegionalMode grpc-mode (project ${PROJECT}): turning regional mode (regionalized private endpoints) on in project ${PROJECT}: the connection strings of orders change`,
    );
    expect(bench.plugin.output()).toMatch(
      /PrivateEndpointRegionalMode grpc-mode \(project [0-9a-f]{24}\): every cluster of project [0-9a-f]{24} is IDLE after \d+ s/,
    );
  });
});

describe("the provider plugin over gRPC: PrivateConnectionStrings", () => {
  it("waits for the entry, reads and diffs it, its progress lines naming the resource and what is missing", async () => {
    await bench.ctl.settings({ registrationSeconds: 0.2, clusterUpdateSeconds: 0.3 });
    await bench.ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "grpc-strings-svc");
    const service = await svc.create(await checked({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }));
    const strings = bench.plugin.forType(PLUGIN_TYPES.connectionStrings, "grpc-strings");
    const inputs = await checked(
      { projectId: PROJECT, clusterName: "orders", endpointIds: ["vpce-0123456789abcdef0"] },
      strings,
    );
    // The wait starts before the endpoint is registered, so its first line says what is missing.
    const creating = strings.create(inputs);
    await eventually(
      () => Promise.resolve(bench.plugin.output()),
      (text) => text.includes("PrivateConnectionStrings grpc-strings (orders): waiting for orders"),
    );
    const pe = bench.plugin.forType(PLUGIN_TYPES.endpoint, "grpc-strings-link");
    const link = await pe.create(
      await checked(
        {
          projectId: PROJECT,
          providerName: "AWS",
          privateLinkId: service.id,
          endpointServiceId: "vpce-0123456789abcdef0",
        },
        pe,
      ),
    );
    const created = await creating;
    const [cluster] = await bench.ctl.clusters();
    expect(created.id).toBe(`${PROJECT}:orders:vpce-0123456789abcdef0`);
    expect(created.properties).toMatchObject({
      srvConnectionString: cluster?.privateEndpoint[0]?.srvConnectionString,
      type: "MONGOD",
      stateName: "IDLE",
    });
    expect((await strings.read(created.id, created.properties)).properties).toEqual(created.properties);
    expect(await strings.diff(created.id, created.properties, inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(bench.plugin.output()).toContain(
      "PrivateConnectionStrings grpc-strings (orders): waiting for orders to list the private endpoint entry of vpce-0123456789abcdef0: vpce-0123456789abcdef0 is not linked to orders yet; orders has nodes in US_EAST_1, where no endpoint is registered: register one there",
    );
    expect(bench.plugin.output()).toMatch(
      /PrivateConnectionStrings grpc-strings \(orders\): orders lists the private endpoint entry of vpce-0123456789abcdef0 after \d+ s \(\d+ polls\)/,
    );
    await strings.delete(created.id, created.properties);
    await pe.delete(link.id, link.properties);
    await svc.delete(service.id, service.properties);
  });
});

describe("the provider plugin's detailed diffs (pulumi preview --diff)", () => {
  const stored = {
    projectId: PROJECT,
    providerName: "AWS",
    region: "us-east-1",
    privateLinkId: "0123456789abcdef01234567",
    status: "AVAILABLE",
    regionName: "US_EAST_1",
    supportedRemoteRegions: ["US_WEST_2"],
    timeouts: { create: "45m" },
  };
  const wanted = {
    projectId: PROJECT,
    providerName: "AWS",
    region: "us-east-1",
    supportedRemoteRegions: ["us-west-2"],
  };
  const svc = (): ProviderPlugin => bench.plugin.forType(PLUGIN_TYPES.service, "diffed");

  it("names each changed property, how it changes and whether it is an input", async () => {
    expect(
      await svc().detailedDiff(stored.privateLinkId, stored, {
        ...wanted,
        region: "us-west-1",
        supportedRemoteRegions: [],
        adoptExisting: true,
      }),
    ).toEqual({
      changes: "some",
      replaces: ["region"],
      diffs: ["adoptExisting", "region", "supportedRemoteRegions", "timeouts"],
      detailed: {
        supportedRemoteRegions: { kind: "UPDATE", inputDiff: true },
        timeouts: { kind: "DELETE", inputDiff: true },
        adoptExisting: { kind: "ADD", inputDiff: true },
        region: { kind: "UPDATE_REPLACE", inputDiff: true },
      },
    });
  });

  it("plans the replace an unknown input would cause, resumes an unfinished create by its mark, and replaces a FAILED service by its status", async () => {
    expect(
      await svc().detailedDiff(stored.privateLinkId, stored, {
        ...wanted,
        timeouts: stored.timeouts,
        projectId: UNKNOWN,
      }),
    ).toEqual({
      changes: "some",
      replaces: ["projectId"],
      diffs: ["projectId"],
      detailed: { projectId: { kind: "UPDATE_REPLACE", inputDiff: true } },
    });
    expect(
      await svc().detailedDiff(
        stored.privateLinkId,
        { ...stored, status: "INITIATING", unfinishedCreate: true },
        { ...wanted, timeouts: stored.timeouts },
      ),
    ).toMatchObject({
      changes: "some",
      replaces: [],
      detailed: { unfinishedCreate: { kind: "UPDATE", inputDiff: false } },
    });
    // A status a refresh stored, without the mark, is no change.
    expect(
      await svc().detailedDiff(
        stored.privateLinkId,
        { ...stored, status: "INITIATING" },
        { ...wanted, timeouts: stored.timeouts },
      ),
    ).toMatchObject({ changes: "none", replaces: [] });
    expect(
      await svc().detailedDiff(
        stored.privateLinkId,
        { ...stored, status: "FAILED" },
        { ...wanted, timeouts: stored.timeouts },
      ),
    ).toMatchObject({ replaces: ["status"], detailed: { status: { kind: "UPDATE_REPLACE", inputDiff: false } } });
  });

  it("names regional mode's changes: enabled and deadlines in place, another project by replacement", async () => {
    const mode = bench.plugin.forType(PLUGIN_TYPES.regionalMode, "diffed-mode");
    const setting = {
      projectId: PROJECT,
      enabled: true,
      affectedClusters: [],
      enabledAtCreate: true,
      pendingClusters: [],
    };
    expect(await mode.detailedDiff(PROJECT, setting, { projectId: PROJECT, timeouts: { update: "5m" } })).toEqual({
      changes: "some",
      replaces: [],
      diffs: ["enabled", "timeouts"],
      detailed: { enabled: { kind: "DELETE", inputDiff: true }, timeouts: { kind: "ADD", inputDiff: true } },
    });
    expect(
      await mode.detailedDiff(
        PROJECT,
        { ...setting, enabled: false },
        { projectId: "fedcba9876543210fedcba98", enabled: true },
      ),
    ).toEqual({
      changes: "some",
      replaces: ["projectId"],
      diffs: ["enabled", "projectId"],
      detailed: {
        enabled: { kind: "UPDATE", inputDiff: true },
        projectId: { kind: "UPDATE_REPLACE", inputDiff: true },
      },
    });
    // Clusters a wait left busy: the next update waits again, shown as the output that changes.
    expect(
      await mode.detailedDiff(
        PROJECT,
        { ...setting, pendingClusters: ["orders"] },
        { projectId: PROJECT, enabled: true },
      ),
    ).toEqual({
      changes: "some",
      replaces: [],
      diffs: ["pendingClusters"],
      detailed: { pendingClusters: { kind: "UPDATE", inputDiff: false } },
    });
    expect(await mode.detailedDiff(PROJECT, setting, { projectId: PROJECT, enabled: true })).toEqual({
      changes: "none",
      replaces: [],
      diffs: [],
      detailed: {},
    });
  });

  it("names PrivateConnectionStrings' changes: another cluster or endpoint replaces, a lost entry waits again", async () => {
    const strings = bench.plugin.forType(PLUGIN_TYPES.connectionStrings, "diffed-strings");
    const inputs = { projectId: PROJECT, clusterName: "orders", endpointIds: ["vpce-0123456789abcdef0"] };
    const stored = {
      ...inputs,
      connectionString: "mongodb://pl-0-us-east-1.abcde.mongodb.net:1024/?ssl=true",
      srvConnectionString: "mongodb+srv://orders-pl-0.abcde.mongodb.net",
      srvShardOptimizedConnectionString: null,
      type: "MONGOD",
      endpoints: [{ endpointId: "vpce-0123456789abcdef0", providerName: "AWS", region: "US_EAST_1" }],
      stateName: "IDLE",
      clusterRegions: [{ providerName: "AWS", region: "US_EAST_1" }],
    };
    const id = `${PROJECT}:orders:vpce-0123456789abcdef0`;
    expect(await strings.detailedDiff(id, stored, { ...inputs, timeouts: { create: "5m" } })).toEqual({
      changes: "some",
      replaces: [],
      diffs: ["timeouts"],
      detailed: { timeouts: { kind: "ADD", inputDiff: true } },
    });
    expect(
      await strings.detailedDiff(id, stored, { ...inputs, endpointIds: ["vpce-0123456789abcdef0", UNKNOWN] }),
    ).toEqual({
      changes: "some",
      replaces: ["endpointIds"],
      diffs: ["endpointIds"],
      detailed: { endpointIds: { kind: "UPDATE_REPLACE", inputDiff: true } },
    });
    // A refresh found the entry gone: the next update waits for it again, shown as the string it fills.
    expect(
      await strings.detailedDiff(id, { ...stored, connectionString: null, srvConnectionString: null }, inputs),
    ).toEqual({
      changes: "some",
      replaces: [],
      diffs: ["srvConnectionString"],
      detailed: { srvConnectionString: { kind: "UPDATE", inputDiff: false } },
    });
    expect(await strings.detailedDiff(id, stored, { ...inputs, clusterName: "ledger" })).toMatchObject({
      replaces: ["clusterName"],
      detailed: { clusterName: { kind: "UPDATE_REPLACE", inputDiff: true } },
    });
    expect(await strings.detailedDiff(id, stored, inputs)).toEqual({
      changes: "none",
      replaces: [],
      diffs: [],
      detailed: {},
    });
  });

  it("passes unknown inputs through check during preview", async () => {
    const endpoint = bench.plugin.forType(PLUGIN_TYPES.endpoint, "unknown-link");
    const news = { projectId: PROJECT, providerName: "AWS", privateLinkId: UNKNOWN, endpointServiceId: UNKNOWN };
    expect(await endpoint.check({}, news)).toEqual({ inputs: news, failures: [] });
  });
});

describe("the provider plugin's configuration", () => {
  it("serves its schema, with the credentials marked secret", async () => {
    const schema = JSON.parse(await bench.plugin.getSchema()) as {
      name: string;
      resources: Record<string, unknown>;
      config: { variables: Record<string, { secret?: boolean }> };
    };
    expect(schema.name).toBe("atlas-private-endpoint");
    expect(Object.keys(schema.resources)).toContain(PLUGIN_TYPES.service);
    const secrets = Object.entries(schema.config.variables).filter(([, v]) => v.secret === true);
    expect(secrets.map(([name]) => name).sort()).toEqual(["accessToken", "clientSecret", "privateKey"]);
  });

  it("marks credentials secret in the provider's checked inputs, even when given in plain text", async () => {
    const inputs = await bench.plugin.checkConfig(pluginConfig(bench.emulator.baseUrl, { version: "0.1.0" }));
    expect(inputs["privateKey"]).toEqual({ ...SECRET_SIGNATURE, value: EMULATOR_IDENTITY.apiKey.privateKey });
    expect(inputs["publicKey"]).toBe(EMULATOR_IDENTITY.apiKey.publicKey);
    expect(inputs["version"]).toBe("0.1.0");
  });

  it("names its own keys in configuration errors", async () => {
    const other = await startAtlasPlugin({ env: { ...process.env, MONGODB_ATLAS_BASE_URL: "" } });
    try {
      await other.configure(pluginConfig(bench.emulator.baseUrl, { baseUrl: "not-a-url" }));
      const { failures } = await other.check({}, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
      expect(failures).toEqual([
        {
          property: "baseUrl",
          reason: expect.stringMatching(
            /^atlas-private-endpoint:baseUrl \(or MONGODB_ATLAS_BASE_URL\): "not-a-url" is not an absolute URL/,
          ) as unknown,
        },
      ]);
    } finally {
      await other.close();
    }
  });

  it("reads the MONGODB_ATLAS_* environment variables when the provider has no configuration", async () => {
    const fromEnv = await startAtlasPlugin({
      env: {
        ...process.env,
        MONGODB_ATLAS_BASE_URL: bench.emulator.baseUrl,
        MONGODB_ATLAS_PUBLIC_API_KEY: EMULATOR_IDENTITY.apiKey.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: EMULATOR_IDENTITY.apiKey.privateKey,
        ATLAS_PRIVATE_ENDPOINT_POLL_TIME_SCALE: "0.01",
      },
    });
    try {
      await fromEnv.configure({});
      const created = await fromEnv.create(
        await checked({ projectId: PROJECT, providerName: "AZURE", region: "eastus" }, fromEnv),
      );
      expect(created.properties["status"]).toBe("AVAILABLE");
      await fromEnv.delete(created.id, created.properties);
      expect(await bench.ctl.services()).toEqual([]);
    } finally {
      await fromEnv.close();
    }
  });

  it("takes its settings from the engine's config variables too", async () => {
    const viaVariables = await startAtlasPlugin();
    try {
      const variables = Object.fromEntries(
        Object.entries(pluginConfig(bench.emulator.baseUrl)).map(([key, value]) => [
          `atlas-private-endpoint:config:${key}`,
          value,
        ]),
      );
      await viaVariables.configure({}, variables);
      const created = await viaVariables.create(
        await checked({ projectId: PROJECT, providerName: "AWS", region: "us-west-1" }, viaVariables),
      );
      expect(created.properties["status"]).toBe("AVAILABLE");
      await viaVariables.delete(created.id, created.properties);
    } finally {
      await viaVariables.close();
    }
  });

  it("is started through the launcher the npm package ships", () => {
    expect(fs.readFileSync(PLUGIN_LAUNCHER, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(fs.statSync(PLUGIN_LAUNCHER).mode & 0o111).not.toBe(0);
  });
});
