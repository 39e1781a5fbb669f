/**
 * What the engine sends beside a resource's inputs, through the plugin over gRPC: the `customTimeouts` deadline of
 * Create (which a resource's own `timeouts` input overrides), `Cancel` (every wait ends, a create Atlas has becomes a
 * partial create), and what survives a plugin killed mid-create (the journal, from which the next create takes the
 * object back without a second POST and without `adoptExisting`). PrivateConnectionStrings creates nothing in Atlas: its
 * deadline and its cancel end the wait as plain errors, and it keeps no record.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { journalFolder, stateFolder } from "../../provider/context/create-journal";
import { PluginCallError, type ProviderPlugin } from "../../scripts/lib/dynamic-plugin";
import { PLUGIN_TYPES } from "../../scripts/lib/atlas-plugin";
import { control, type EmulatorControl } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { FAST_TIMINGS } from "../support/provider-harness";
import { requireBuiltPlugin, startConfiguredPlugin } from "./plugin-harness";

type Props = Record<string, unknown>;

const PROJECT = EMULATOR_IDENTITY.projectId;
const TIMINGS = { ...FAST_TIMINGS, registrationSeconds: 0.2, registrationDeletingSeconds: 0.1 } as const;
/** The harness' URNs: `urn:pulumi:test::plugin-harness::…`. */
const JOURNAL = (): string => journalFolder({ project: "plugin-harness", stack: "test" }, stateFolder());

let emulator: RunningEmulator;
let ctl: EmulatorControl;
const started: ProviderPlugin[] = [];

/** A new configured plugin, closed after the file's tests. */
async function plugin(): Promise<ProviderPlugin> {
  const started_ = await startConfiguredPlugin(emulator.baseUrl);
  started.push(started_);
  return started_;
}

async function checked(on: ProviderPlugin, news: Props): Promise<Props> {
  const { inputs, failures } = await on.check({}, news);
  expect(failures).toEqual([]);
  return inputs;
}

/** The error a call ends with (it must end with one). */
async function failureOf(call: Promise<unknown>): Promise<PluginCallError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PluginCallError);
  return error as PluginCallError;
}

const posts = async (pathPart: string): Promise<number> =>
  (await ctl.requests()).filter((r) => r.method === "POST" && r.path.endsWith(pathPart)).length;

/** PATCHes of the project's regional mode that Atlas took. */
const patches = async (): Promise<number> =>
  (await ctl.requests()).filter((r) => r.method === "PATCH" && r.path.endsWith("/regionalMode") && r.status < 300)
    .length;

/** A multi-region sharded cluster, whose connection strings a change of regional mode touches (it goes UPDATING). */
const shardedOrders = () =>
  ctl.declareCluster({
    name: "orders",
    clusterType: "SHARDED",
    regions: [
      { providerName: "AWS", regionName: "us-east-1" },
      { providerName: "AWS", regionName: "us-west-2" },
    ],
  });

const VPCE = "vpce-0123456789abcdef0";
/** What a wait for orders' entry of {@link VPCE} says while no endpoint is registered anywhere. */
const NOTHING_REGISTERED = `${VPCE} is not linked to orders yet; orders has nodes in US_EAST_1, where no endpoint is registered: register one there; ${VPCE} is not registered with any endpoint service of the project: register it (PrivateEndpoint)`;
/** A replica set in us-east-1 whose entry for {@link VPCE} never comes: no endpoint is registered. */
const lonelyOrders = () =>
  ctl.declareCluster({
    name: "orders",
    clusterType: "REPLICASET",
    regions: [{ providerName: "AWS", regionName: "us-east-1" }],
  });

beforeAll(async () => {
  requireBuiltPlugin();
  emulator = await startEmulator({ ...TIMINGS, quiet: true });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  for (const each of started) await each.close();
  await emulator.close();
});
beforeEach(async () => {
  await ctl.reset();
  await ctl.settings(TIMINGS);
  fs.rmSync(JOURNAL(), { recursive: true, force: true });
});

describe("customTimeouts through the plugin", () => {
  it("ends a create at the engine's deadline when timeouts.create is not set: a partial create naming it", async () => {
    await ctl.settings({ provisionSeconds: 60 });
    const services = (await plugin()).forType(PLUGIN_TYPES.service, "bounded");
    const inputs = await checked(services, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    const error = await failureOf(services.create(inputs, 1));
    const [service] = await ctl.services();
    expect(error.message).toBe(
      `Endpoint service ${service?.id} was not ready within customTimeouts.create (1s); last status INITIATING. It is recorded in state; the next pulumi up resumes waiting without creating another (raise timeouts.create if Atlas is slow).`,
    );
    expect(error.partial).toMatchObject({ id: service?.id, properties: { status: "INITIATING" } });
    expect(await posts("/endpointService")).toBe(1);
  });

  it("lets the resource's own timeouts.create win over the engine's", async () => {
    await ctl.settings({ provisionSeconds: 60 });
    const services = (await plugin()).forType(PLUGIN_TYPES.service, "own-deadline");
    const inputs = await checked(services, {
      projectId: PROJECT,
      providerName: "AWS",
      region: "us-east-1",
      timeouts: { create: "1s" },
    });
    const error = await failureOf(services.create(inputs, 3600));
    expect(error.message).toMatch(/was not ready within timeouts\.create \(1s\); last status INITIATING\./);
  });
});

describe("customTimeouts through the plugin: PrivateEndpointRegionalMode", () => {
  it("ends the wait for the clusters at the engine's deadline, in create and update, unless timeouts says otherwise", async () => {
    await ctl.settings({ clusterUpdateSeconds: 60 });
    await shardedOrders();
    const modes = (await plugin()).forType(PLUGIN_TYPES.regionalMode, "bounded-mode");
    const inputs = await checked(modes, { projectId: PROJECT, enabled: true });
    const created = await failureOf(modes.create(inputs, 1));
    expect(created.message).toBe(
      `Regional mode is now on in project ${PROJECT}, but orders (UPDATING) was not IDLE within customTimeouts.create (1s); its connection strings may still change. It is recorded in state; the next pulumi up waits again (raise timeouts.create if Atlas is slow).`,
    );
    expect(created.partial).toMatchObject({
      id: PROJECT,
      properties: { enabled: true, enabledAtCreate: false, pendingClusters: ["orders"] },
    });

    const state = created.partial?.properties ?? {};
    const resumed = await failureOf(modes.update(PROJECT, state, inputs, 1));
    expect(resumed.message).toBe(
      `Regional mode is on in project ${PROJECT}, but orders (UPDATING) was not IDLE within customTimeouts.update (1s); its connection strings may still change. The next pulumi up waits again (raise timeouts.update if Atlas is slow).`,
    );
    const own = await checked(modes, { ...inputs, timeouts: { update: "1s" } });
    const bounded = await failureOf(modes.update(PROJECT, state, own, 3600));
    expect(bounded.message).toMatch(
      /^Regional mode is on in project [0-9a-f]{24}, but orders \(UPDATING\) was not IDLE within timeouts\.update \(1s\);/,
    );
    expect(await patches()).toBe(1);
  });
});

describe("customTimeouts through the plugin: PrivateConnectionStrings", () => {
  it("ends the wait for the entry at the engine's deadline, in create and update, as a plain error with the diagnosis", async () => {
    await lonelyOrders();
    const strings = (await plugin()).forType(PLUGIN_TYPES.connectionStrings, "bounded-strings");
    const inputs = await checked(strings, { projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE] });
    const created = await failureOf(strings.create(inputs, 1));
    expect(created.message).toBe(
      `orders listed no private endpoint entry holding ${VPCE} within customTimeouts.create (1s): ${NOTHING_REGISTERED}. Nothing was created in Atlas: run pulumi up again once that is done (it waits again), or raise timeouts.create.`,
    );
    expect(created.partial).toBeUndefined();

    // A refresh that found the entry gone leaves null strings; the update that waits again has the engine's deadline.
    const lost = {
      ...inputs,
      connectionString: null,
      srvConnectionString: null,
      srvShardOptimizedConnectionString: null,
      type: null,
      endpoints: [],
      stateName: "IDLE",
      clusterRegions: [{ providerName: "AWS", region: "US_EAST_1" }],
    };
    const id = `${PROJECT}:orders:${VPCE}`;
    const updated = await failureOf(strings.update(id, lost, inputs, 1));
    expect(updated.message).toBe(
      `orders listed no private endpoint entry holding ${VPCE} within customTimeouts.update (1s): ${NOTHING_REGISTERED}. Nothing was created in Atlas: run pulumi up again once that is done (it waits again), or raise timeouts.create.`,
    );
    const own = await checked(strings, { ...inputs, timeouts: { create: "1s" } });
    const bounded = await failureOf(strings.create(own, 3600));
    expect(bounded.message).toMatch(
      /^orders listed no private endpoint entry holding vpce-\w+ within timeouts\.create \(1s\):/,
    );
    expect((await ctl.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });
});

describe("Cancel through the plugin", () => {
  it("ends a service's wait at once as a partial create, which the next run resumes without a second POST", async () => {
    await ctl.settings({ provisionSeconds: 60 });
    const cancelled = await plugin();
    const services = cancelled.forType(PLUGIN_TYPES.service, "cancelled");
    const inputs = await checked(services, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    const creating = failureOf(services.create(inputs));
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await cancelled.cancel();
    const error = await creating;
    expect(error.message).toBe(
      `Pulumi was cancelled while endpoint service ${service?.id} was being created (last status INITIATING). It is recorded in state; the next pulumi up resumes the wait without creating another.`,
    );
    // Provisioning takes a minute: the wait ended long before.
    expect(error.partial).toMatchObject({ id: service?.id, properties: { status: "INITIATING" } });
    expect((await ctl.services()).map((s) => s.status)).toEqual(["INITIATING"]);

    // The record stays until a run has the service in state; the record holds no setting.
    const records = fs.readdirSync(JOURNAL()).map((file) => fs.readFileSync(path.join(JOURNAL(), file), "utf8"));
    expect(records.map((text) => JSON.parse(text) as Props)).toEqual([
      {
        slot: `PrivateEndpointService/${PROJECT}/AWS/US_EAST_1`,
        postedAtMs: expect.any(Number) as unknown,
        id: service?.id,
      },
    ]);

    await ctl.patchService(service?.id ?? "", { status: "AVAILABLE" });
    const next = (await plugin()).forType(PLUGIN_TYPES.service, "cancelled");
    const partial = error.partial?.properties ?? {};
    expect(await next.diff(service?.id ?? "", partial, inputs)).toMatchObject({ changes: "some", replaces: [] });
    const resumed = await next.update(service?.id ?? "", partial, inputs);
    expect(resumed.properties).toMatchObject({ privateLinkId: service?.id, status: "AVAILABLE" });
    expect(await posts("/endpointService")).toBe(1);
    expect(fs.readdirSync(JOURNAL())).toEqual([]);
  });

  it("ends a registration's wait for its service as a plain error: nothing was registered", async () => {
    await ctl.settings({ provisionSeconds: 60 });
    const cancelled = await plugin();
    const services = cancelled.forType(PLUGIN_TYPES.service, "slow");
    const serviceInputs = await checked(services, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    void services.create(serviceInputs, 3600).catch(() => undefined);
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    const endpoints = cancelled.forType(PLUGIN_TYPES.endpoint, "early");
    const inputs = await checked(endpoints, {
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId: service?.id,
      endpointServiceId: "vpce-0123456789abcdef0",
    });
    const registering = failureOf(endpoints.create(inputs));
    await eventually(
      () => ctl.requests(),
      (log) => log.filter((r) => r.method === "GET" && r.path.endsWith(`/endpointService/${service?.id}`)).length >= 2,
    );
    await cancelled.cancel();
    const error = await registering;
    expect(error.message).toBe(
      `Pulumi was cancelled before vpce-0123456789abcdef0 was registered with endpoint service ${service?.id}; nothing was registered. Run pulumi up again.`,
    );
    expect(error.partial).toBeUndefined();
    expect(await posts("/endpoint")).toBe(0);
  });
});

describe("Cancel through the plugin: PrivateEndpointRegionalMode", () => {
  it("ends the wait for the clusters at once as a partial create, which the next run resumes without a second PATCH", async () => {
    await ctl.settings({ clusterUpdateSeconds: 60 });
    await shardedOrders();
    const cancelled = await plugin();
    const modes = cancelled.forType(PLUGIN_TYPES.regionalMode, "cancelled-mode");
    const inputs = await checked(modes, { projectId: PROJECT, enabled: true });
    const creating = failureOf(modes.create(inputs));
    await eventually(patches, (count) => count === 1);
    await cancelled.cancel();
    const error = await creating;
    expect(error.message).toBe(
      `Pulumi was cancelled while the clusters of project ${PROJECT} took the change: regional mode is now on there. It is recorded in state; the next pulumi up waits for the clusters again without changing the setting again.`,
    );
    expect(error.partial).toMatchObject({
      id: PROJECT,
      properties: {
        projectId: PROJECT,
        enabled: true,
        affectedClusters: ["orders"],
        enabledAtCreate: false,
        pendingClusters: ["orders"],
      },
    });
    // The clusters take a minute: the wait ended long before.
    expect((await ctl.clusters()).map((c) => c.stateName)).toEqual(["UPDATING"]);
    const records = fs.readdirSync(JOURNAL()).map((file) => fs.readFileSync(path.join(JOURNAL(), file), "utf8"));
    expect(records.map((text) => JSON.parse(text) as Props)).toEqual([
      { slot: `PrivateEndpointRegionalMode/${PROJECT}/on`, postedAtMs: expect.any(Number) as unknown },
    ]);

    await ctl.settings({ clusterUpdateSeconds: 0.3 });
    const next = (await plugin()).forType(PLUGIN_TYPES.regionalMode, "cancelled-mode");
    const partial = error.partial?.properties ?? {};
    expect(await next.diff(PROJECT, partial, inputs)).toMatchObject({ changes: "some", replaces: [] });
    const resumed = await next.update(PROJECT, partial, inputs);
    expect(resumed.properties).toMatchObject({ enabled: true, enabledAtCreate: false, pendingClusters: [] });
    expect(await patches()).toBe(1);
    expect(fs.readdirSync(JOURNAL())).toEqual([]);
  });

  it("sends no PATCH once the run is cancelled: nothing was changed", async () => {
    const cancelled = await plugin();
    await cancelled.cancel();
    const modes = cancelled.forType(PLUGIN_TYPES.regionalMode, "late-mode");
    const error = await failureOf(modes.create(await checked(modes, { projectId: PROJECT, enabled: true })));
    expect(error.message).toBe(
      `Pulumi was cancelled before regional mode (regionalized private endpoints) was turned on in project ${PROJECT}; nothing was changed. Run the command again.`,
    );
    expect(error.partial).toBeUndefined();
    expect(await patches()).toBe(0);
    expect((await ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
  });
});

describe("Cancel through the plugin: PrivateConnectionStrings", () => {
  const clusterGets = async (): Promise<number> =>
    (await ctl.requests()).filter((r) => r.method === "GET" && r.path.endsWith("/clusters/orders")).length;

  it("ends the wait for the entry at once as a plain error: nothing was created in Atlas, and nothing is kept", async () => {
    await lonelyOrders();
    const cancelled = await plugin();
    const strings = cancelled.forType(PLUGIN_TYPES.connectionStrings, "cancelled-strings");
    const inputs = await checked(strings, { projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE] });
    // No deadline to end it: only the cancel can.
    const waiting = failureOf(strings.create(inputs, 3600));
    await eventually(clusterGets, (count) => count >= 3);
    await cancelled.cancel();
    const error = await waiting;
    expect(error.message).toBe(
      `Pulumi was cancelled while waiting for orders to list the private endpoint entry of ${VPCE}. Nothing was created in Atlas: the next pulumi up waits again.`,
    );
    expect(error.partial).toBeUndefined();
    expect(fs.existsSync(JOURNAL()) ? fs.readdirSync(JOURNAL()) : []).toEqual([]);
    expect((await ctl.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("reads nothing once the run is cancelled", async () => {
    await lonelyOrders();
    const cancelled = await plugin();
    await cancelled.cancel();
    await ctl.clearRequests();
    const strings = cancelled.forType(PLUGIN_TYPES.connectionStrings, "late-strings");
    const inputs = await checked(strings, { projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE] });
    const error = await failureOf(strings.create(inputs));
    expect(error.message).toBe(
      `Pulumi was cancelled while waiting for orders to list the private endpoint entry of ${VPCE}. Nothing was created in Atlas: the next pulumi up waits again.`,
    );
    expect(await ctl.requests()).toEqual([]);
  });
});

describe("a plugin killed mid-create (a CLI killed hard)", () => {
  it("leaves a record from which the next create takes the service back: one POST, no adoptExisting", async () => {
    await ctl.settings({ provisionSeconds: 60 });
    const killed = await plugin();
    const services = killed.forType(PLUGIN_TYPES.service, "killed");
    const inputs = await checked(services, { projectId: PROJECT, providerName: "GCP", region: "us-central1" });
    void services.create(inputs).catch(() => undefined);
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await eventually(
      () => Promise.resolve(fs.existsSync(JOURNAL()) ? fs.readdirSync(JOURNAL()) : []),
      (files) => files.length === 1 && fs.readFileSync(path.join(JOURNAL(), files[0] ?? ""), "utf8").includes('"id"'),
    );
    process.kill(killed.pid, "SIGKILL");

    await ctl.settings({ provisionSeconds: 0.3 });
    await ctl.patchService(service?.id ?? "", { status: "AVAILABLE" });
    const next = await plugin();
    const created = await next.forType(PLUGIN_TYPES.service, "killed").create(inputs);
    expect(created).toMatchObject({ id: service?.id, properties: { status: "AVAILABLE" } });
    expect(await posts("/endpointService")).toBe(1);
    expect(next.output()).toContain(`taking back endpoint service ${service?.id}: a create of this stack sent at`);
    expect(fs.readdirSync(JOURNAL())).toEqual([]);
  });

  it("takes a registration back the same way, and refuses one it has no record of", async () => {
    const first = await plugin();
    const services = first.forType(PLUGIN_TYPES.service, "svc");
    const serviceId = (
      await services.create(await checked(services, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" }))
    ).id;
    // Long enough to kill the plugin during the wait, short enough for the next create to see it AVAILABLE.
    await ctl.settings({ registrationSeconds: 3 });
    const endpoints = first.forType(PLUGIN_TYPES.endpoint, "link");
    const inputs = await checked(endpoints, {
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId: serviceId,
      endpointServiceId: "vpce-0123456789abcdef0",
    });
    void endpoints.create(inputs).catch(() => undefined);
    await eventually(
      () => ctl.registrations(),
      (list) => list.length === 1,
    );
    process.kill(first.pid, "SIGKILL");

    const next = await plugin();
    const created = await next.forType(PLUGIN_TYPES.endpoint, "link").create(inputs);
    expect(created.properties).toMatchObject({ awsConnectionStatus: "AVAILABLE" });
    expect(await posts("/endpoint")).toBe(1);
    expect(next.output()).toContain("taking back the registration: a create of this stack sent at");

    // Without a record (another stack, say), the same situation is refused as before.
    const refusing = next.forType(PLUGIN_TYPES.endpoint, "another");
    const error = await failureOf(refusing.create(inputs));
    expect(error.message).toMatch(/^vpce-0123456789abcdef0 is already registered with endpoint service /);
  });

  it("leaves a record from which the next regional mode create keeps the value found: delete turns it back off", async () => {
    await ctl.settings({ clusterUpdateSeconds: 60 });
    await shardedOrders();
    const killed = await plugin();
    const modes = killed.forType(PLUGIN_TYPES.regionalMode, "killed-mode");
    const inputs = await checked(modes, { projectId: PROJECT, enabled: true });
    void modes.create(inputs).catch(() => undefined);
    await eventually(patches, (count) => count === 1);
    process.kill(killed.pid, "SIGKILL");

    await ctl.settings({ clusterUpdateSeconds: 0.3 });
    const next = (await plugin()).forType(PLUGIN_TYPES.regionalMode, "killed-mode");
    const created = await next.create(inputs);
    // Found on, yet recorded as found off: the killed create of this stack turned it on.
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
    expect(next.output()).toContain(
      `taking back regional mode (regionalized private endpoints) in project ${PROJECT}: a create of this stack sent at`,
    );
    expect(fs.readdirSync(JOURNAL())).toEqual([]);
    await next.delete(PROJECT, created.properties);
    expect(await patches()).toBe(2);
    expect((await ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
  });

  it("after a regional mode update killed past its PATCH, the next update waits for the clusters, with no second PATCH", async () => {
    await ctl.settings({ clusterUpdateSeconds: 2 });
    await shardedOrders();
    // What the killed update left: state still off, Atlas on (its PATCH went through), the cluster taking the change.
    const state = {
      projectId: PROJECT,
      enabled: false,
      affectedClusters: [],
      enabledAtCreate: false,
      pendingClusters: [],
    };
    // The plugin starts first: its start may outlast the cluster's change, which the update must still see.
    const next = await plugin();
    const modes = next.forType(PLUGIN_TYPES.regionalMode, "updated-mode");
    const news = await checked(modes, { projectId: PROJECT, enabled: true });
    const atlas = new AtlasClient({
      baseUrl: emulator.baseUrl,
      credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
    });
    await atlas.setRegionalMode(PROJECT, true);
    await ctl.clearRequests();

    const updated = await modes.update(PROJECT, state, news);

    expect(updated.properties).toEqual({ ...state, enabled: true, affectedClusters: ["orders"] });
    expect(await patches()).toBe(0);
    expect((await ctl.clusters()).map((c) => c.stateName)).toEqual(["IDLE"]);
    expect(next.output()).toContain(
      `regional mode (regionalized private endpoints) is already on in project ${PROJECT}, changed since state last saw it`,
    );
    expect(next.output()).toContain("waiting for orders (UPDATING) to be IDLE after that change");
  });
});
