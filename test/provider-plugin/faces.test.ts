/**
 * One lifecycle, two faces: the same scenarios run through the dynamic-provider plugin (the TypeScript resource's
 * face) and through the provider plugin (every other language's face), each over gRPC against the emulator. Check
 * messages, outputs, partial creates and the request log Atlas sees must be the same.
 */
import * as fs from "node:fs";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import {
  PluginCallError,
  builtProviderPath,
  providerReference,
  startDynamicPlugin,
  type ProviderPlugin,
} from "../../scripts/lib/dynamic-plugin";
import { startAtlasPlugin } from "../../scripts/lib/atlas-plugin";
import { control, type EmulatorControl, type RequestLogEntry } from "../support/emulator-control";
import { FAST_TIMINGS, emulatorConfig } from "../support/provider-harness";

type Props = Record<string, unknown>;
const PROJECT = EMULATOR_IDENTITY.projectId;
const NAME = "shared";

/** How each face is called: what its resource class or program adds to the user's inputs, and its configuration. */
interface Face {
  readonly name: string;
  readonly plugin: () => ProviderPlugin;
  /** Added to the inputs by the face itself (the dynamic resource class adds `__provider` and `resourceName`). */
  readonly added: Props;
  /** The same for `PrivateEndpoint`. */
  readonly endpoint: () => ProviderPlugin;
  readonly endpointAdded: Props;
  /** The same for `PrivateEndpointRegionalMode`. */
  readonly regional: () => ProviderPlugin;
  readonly regionalAdded: Props;
  /** The same for `PrivateConnectionStrings`. */
  readonly strings: () => ProviderPlugin;
  readonly stringsAdded: Props;
}

let emulator: RunningEmulator;
let ctl: EmulatorControl;
let dynamicPlugin: ProviderPlugin;
let atlasPlugin: ProviderPlugin;

const FACES: Face[] = [
  {
    name: "dynamic resource",
    plugin: () => dynamicPlugin.forType("pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointService", NAME),
    added: { __provider: providerReference(), resourceName: NAME },
    endpoint: () => dynamicPlugin.forType("pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpoint", NAME),
    endpointAdded: {
      __provider: providerReference(builtProviderPath("private-endpoint")),
      resourceName: NAME,
    },
    regional: () => dynamicPlugin.forType("pulumi-nodejs:dynamic/mongodbatlas:PrivateEndpointRegionalMode", NAME),
    regionalAdded: { __provider: providerReference(builtProviderPath("regional-mode")), resourceName: NAME },
    strings: () => dynamicPlugin.forType("pulumi-nodejs:dynamic/mongodbatlas:PrivateConnectionStrings", NAME),
    stringsAdded: {
      __provider: providerReference(builtProviderPath("private-connection-strings")),
      resourceName: NAME,
    },
  },
  {
    name: "provider plugin",
    plugin: () => atlasPlugin.forType("atlas-private-endpoint:index:PrivateEndpointService", NAME),
    added: {},
    endpoint: () => atlasPlugin.forType("atlas-private-endpoint:index:PrivateEndpoint", NAME),
    endpointAdded: {},
    regional: () => atlasPlugin.forType("atlas-private-endpoint:index:PrivateEndpointRegionalMode", NAME),
    regionalAdded: {},
    strings: () => atlasPlugin.forType("atlas-private-endpoint:index:PrivateConnectionStrings", NAME),
    stringsAdded: {},
  },
];

beforeAll(async () => {
  if (!fs.existsSync(builtProviderPath())) throw new Error("dist is missing: run npm run build first");
  emulator = await startEmulator({ ...FAST_TIMINGS, quiet: true });
  ctl = control(emulator.baseUrl);
  [dynamicPlugin, atlasPlugin] = await Promise.all([startDynamicPlugin(), startAtlasPlugin()]);
  await dynamicPlugin.configure(emulatorConfig(emulator.baseUrl));
  await atlasPlugin.configure({
    baseUrl: emulator.baseUrl,
    publicKey: EMULATOR_IDENTITY.apiKey.publicKey,
    privateKey: EMULATOR_IDENTITY.apiKey.privateKey,
    pollTimeScale: "0.01",
  });
});
afterAll(async () => {
  await Promise.all([dynamicPlugin.close(), atlasPlugin.close()]);
  await emulator.close();
});

/** Bad inputs: every face must refuse them with the same failures, before any request. */
const BAD_INPUTS: Props[] = [
  {},
  { projectId: "nope", providerName: "AWS", region: "us-east-1" },
  { projectId: PROJECT, providerName: "IBM", region: "us-east-1" },
  { projectId: PROJECT, providerName: "AWS", region: "eastus2" },
  { projectId: PROJECT, providerName: "AWS", region: "us-east-1", supportedRemoteRegions: ["us-east-1", "mars-1"] },
  { projectId: PROJECT, providerName: "AZURE", region: "eastus", portMappingEnabled: true },
  { projectId: PROJECT, providerName: "GCP", region: "us-central1", timeouts: { create: "soon" } },
  { projectId: PROJECT, providerName: "GCP", region: "us-central1", colour: "blue" },
];

/** Lifecycles: create, read, maybe update, delete. */
interface Scenario {
  readonly name: string;
  readonly inputs: Props;
  readonly update?: Props;
  /** Emulator settings for the create (e.g. a slow service, for a partial create). */
  readonly settings?: Parameters<EmulatorControl["settings"]>[0];
}
const SCENARIOS: Scenario[] = [
  {
    name: "AWS, remote regions updated in place",
    inputs: { projectId: PROJECT, providerName: "aws", region: "eu-west-1", supportedRemoteRegions: ["us-east-1"] },
    update: { supportedRemoteRegions: ["us-east-1", "us-west-2"] },
  },
  { name: "Azure", inputs: { projectId: PROJECT, providerName: "AZURE", region: "eastus2" } },
  {
    name: "GCP with port mapping",
    inputs: { projectId: PROJECT, providerName: "gcp", region: "us-central1", portMappingEnabled: true },
  },
  {
    name: "a create that times out, resumed by update",
    inputs: { projectId: PROJECT, providerName: "AZURE", region: "westus", timeouts: { create: "200ms" } },
    update: { timeouts: { create: "10m" } },
    settings: { provisionSeconds: 1.5 },
  },
];

/** Replaces what differs by nature between runs (ids, random names) and drops what only the dynamic face stores. */
function normalised(value: unknown, ids: readonly string[]): unknown {
  if (typeof value === "string") {
    let text = value;
    for (const id of ids) text = text.split(id).join("<id>");
    return text
      .replace(/vpce-svc-[0-9a-f]{17}/g, "vpce-svc-<hex>")
      .replace(/^projects\/p-[0-9a-z]+\//, "projects/<gcp-project>/")
      .replace(/\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\//g, "/subscriptions/<s>/resourceGroups/<rg>/");
  }
  if (Array.isArray(value)) return value.map((item) => normalised(item, ids));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "__provider" && key !== "resourceName")
      .map(([key, field]) => [key, normalised(field, ids)]),
  );
}

/**
 * The calls Atlas saw, without digest challenges, and with each run of polls (GETs of one path in a row) folded into
 * its last answer: how many polls land inside a wait is timing, not behaviour.
 */
function calls(log: readonly RequestLogEntry[], ids: readonly string[]): string[] {
  const folded: { key: string; line: string }[] = [];
  for (const r of log) {
    if (r.status === 401 && r.auth === "none") continue;
    const key = `${r.method} ${r.path}`;
    const line = normalised(`${key} ${r.status}`, ids) as string;
    if (r.method === "GET" && folded.at(-1)?.key === key) folded[folded.length - 1] = { key, line };
    else folded.push({ key, line });
  }
  return folded.map((entry) => entry.line);
}

async function outcome<T>(call: Promise<T>): Promise<T | { error: string; partial: unknown }> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof PluginCallError)) throw error;
    return { error: error.message, partial: error.partial };
  }
}

/** Runs one scenario through one face, from an empty emulator; returns everything observable. */
async function run(face: Face, scenario: Scenario): Promise<unknown> {
  await ctl.reset();
  await ctl.settings({ ...FAST_TIMINGS, ...scenario.settings });
  const plugin = face.plugin();
  const seen: Props = {};
  const checked = await plugin.check({}, { ...scenario.inputs, ...face.added });
  seen["check"] = checked;
  const created = await outcome(plugin.create(checked.inputs));
  seen["create"] = created;
  let id: string;
  let state: Props;
  if ("error" in created) {
    const partial = created.partial as { id: string; properties: Props };
    [id, state] = [partial.id, partial.properties];
  } else {
    [id, state] = [created.id, created.properties];
  }
  seen["read"] = await plugin.read(id, state);
  if (scenario.update !== undefined) {
    const news = (await plugin.check(state, { ...checked.inputs, ...scenario.update })).inputs;
    seen["diff"] = await plugin.diff(id, state, news);
    const updated = await plugin.update(id, state, news);
    seen["update"] = updated;
    state = updated.properties;
  }
  await plugin.delete(id, state);
  seen["left"] = await ctl.services();
  seen["calls"] = calls(await ctl.requests(), [id]);
  return normalised(seen, [id]);
}

/** Registrations of a cloud endpoint with a ready AWS service. */
interface EndpointScenario {
  readonly name: string;
  /** The registration's inputs besides the project, provider and service. */
  readonly inputs: Props;
  /** A cloud endpoint the emulator should treat as missing (AWS then rejects the registration). */
  readonly missing?: string;
}
const ENDPOINT_SCENARIOS: EndpointScenario[] = [
  { name: "AWS, available", inputs: { endpointServiceId: "vpce-0123456789abcdef0" } },
  { name: "AWS, a malformed endpoint id", inputs: { endpointServiceId: "vpce-1" } },
  { name: "AWS, rejected", inputs: { endpointServiceId: "vpce-0fedcba9876543210" }, missing: "vpce-0fedcba9876543210" },
];

/** Creates a service through the face, then runs one registration scenario through it; returns what was seen. */
async function runEndpoint(face: Face, scenario: EndpointScenario): Promise<unknown> {
  await ctl.reset();
  await ctl.settings({ ...FAST_TIMINGS, registrationSeconds: 0.3, registrationDeletingSeconds: 0.1 });
  if (scenario.missing !== undefined) await ctl.declareEndpointMissing(scenario.missing);
  const service = face.plugin();
  const serviceInputs = (
    await service.check({}, { projectId: PROJECT, providerName: "AWS", region: "us-east-1", ...face.added })
  ).inputs;
  const created = await service.create(serviceInputs);
  const endpoint = face.endpoint();
  const seen: Props = {};
  const checked = await endpoint.check(
    {},
    { projectId: PROJECT, providerName: "AWS", privateLinkId: created.id, ...scenario.inputs, ...face.endpointAdded },
  );
  seen["check"] = checked;
  if (checked.failures.length === 0) {
    const registered = await outcome(endpoint.create(checked.inputs));
    seen["create"] = registered;
    const [id, state] =
      "error" in registered
        ? [(registered.partial as { id: string }).id, (registered.partial as { properties: Props }).properties]
        : [registered.id, registered.properties];
    seen["read"] = await endpoint.read(id, state);
    seen["diff"] = await endpoint.diff(id, state, checked.inputs);
    await endpoint.delete(id, state);
  }
  await service.delete(created.id, created.properties);
  seen["left"] = await ctl.services();
  seen["calls"] = calls(await ctl.requests(), [created.id]);
  return normalised(seen, [created.id]);
}

/** Regional mode in a project holding `clusters`: created, read, maybe updated, deleted. */
interface RegionalScenario {
  readonly name: string;
  readonly clusters: readonly { name: string; clusterType: "SHARDED" | "REPLICASET"; regions: string[] }[];
  /** Regional mode before the scenario. */
  readonly enabledBefore?: boolean;
  readonly inputs: Props;
  readonly update?: Props;
  /** The projects' settings at the end, and the clusters the create's change touched (`undefined`: refused). */
  readonly outcome: { readonly setting: boolean[]; readonly affectedClusters?: string[] };
}
const REGIONAL_SCENARIOS: RegionalScenario[] = [
  {
    name: "turned on in a sharded-only project, back off at delete",
    clusters: [{ name: "orders", clusterType: "SHARDED", regions: ["us-east-1", "us-west-2"] }],
    inputs: { projectId: PROJECT, enabled: true },
    outcome: { setting: [false], affectedClusters: ["orders"] },
  },
  {
    name: "refused with a replica set",
    clusters: [{ name: "billing", clusterType: "REPLICASET", regions: ["us-east-1"] }],
    inputs: { projectId: PROJECT, enabled: true },
    outcome: { setting: [false] },
  },
  {
    name: "already on, turned off by an update, left off at delete",
    clusters: [{ name: "orders", clusterType: "SHARDED", regions: ["us-east-1", "eu-west-1"] }],
    enabledBefore: true,
    inputs: { projectId: PROJECT, enabled: true },
    update: { enabled: false },
    outcome: { setting: [false], affectedClusters: [] },
  },
];
const REGIONAL_BAD_INPUTS: Props[] = [
  {},
  { projectId: PROJECT, enabled: "yes" },
  { projectId: PROJECT, timeouts: { create: "soon", later: "1m" } },
];

/** Runs one regional mode scenario through one face, from an empty emulator; returns everything observable. */
async function runRegional(face: Face, scenario: RegionalScenario): Promise<unknown> {
  await ctl.reset();
  await ctl.settings({ ...FAST_TIMINGS, clusterUpdateSeconds: 0.5 });
  for (const cluster of scenario.clusters) {
    await ctl.declareCluster({
      name: cluster.name,
      clusterType: cluster.clusterType,
      regions: cluster.regions.map((regionName) => ({ providerName: "AWS" as const, regionName })),
    });
  }
  if (scenario.enabledBefore === true) await ctl.setRegionalMode(PROJECT, true);
  const plugin = face.regional();
  const seen: Props = {};
  const checked = await plugin.check({}, { ...scenario.inputs, ...face.regionalAdded });
  seen["check"] = checked;
  const created = await outcome(plugin.create(checked.inputs));
  seen["create"] = created;
  if (!("error" in created)) {
    let state = created.properties;
    seen["read"] = await plugin.read(created.id, state);
    if (scenario.update !== undefined) {
      const news = (await plugin.check(state, { ...checked.inputs, ...scenario.update })).inputs;
      seen["diff"] = await plugin.diff(created.id, state, news);
      state = (await plugin.update(created.id, state, news)).properties;
      seen["update"] = state;
    }
    await plugin.delete(created.id, state);
  }
  seen["setting"] = (await ctl.regionalModes()).map((mode) => mode.enabled);
  seen["calls"] = calls(await ctl.requests(), []);
  return normalised(seen, []);
}

/** Bad `PrivateConnectionStrings` inputs: refused alike, before any request. */
const BAD_STRINGS_INPUTS: Props[] = [
  {},
  { projectId: PROJECT, clusterName: "my cluster", endpointIds: ["vpce-0123456789abcdef0"] },
  { projectId: PROJECT, clusterName: "orders", endpointIds: [] },
  { projectId: PROJECT, clusterName: "orders", endpointIds: ["vpce-0123456789ABCDEF0", "vpce-1"] },
  {
    projectId: PROJECT,
    clusterName: "orders",
    endpointIds: ["atlas-group", "atlas-group"],
    timeouts: { delete: "1m" },
  },
  { projectId: PROJECT, clusterName: "orders", endpointIds: [`${"a".repeat(24)}:vpce-0123456789abcdef0`] },
];

/** Waits for connection strings: the cluster, the endpoints registered first (out of band), the inputs. */
interface StringsScenario {
  readonly name: string;
  readonly regions: readonly string[];
  /** AWS regions that get a registered VPC endpoint before the resource is created. */
  readonly registered: readonly string[];
  readonly inputs: Props;
  /** What the outcome must show (so the comparison is not of two empty outcomes). */
  readonly shows: string;
}
const VPCE = "vpce-0123456789abcdef0";
const STRINGS_SCENARIOS: StringsScenario[] = [
  {
    name: "an entry already published",
    regions: ["us-east-1"],
    registered: ["us-east-1"],
    inputs: { clusterName: "orders", endpointIds: [VPCE] },
    shows: '"srvConnectionString":"mongodb+srv://orders-pl-0.',
  },
  {
    name: "an unknown cluster",
    regions: ["us-east-1"],
    registered: [],
    inputs: { clusterName: "Orders", endpointIds: [VPCE] },
    shows: "its clusters are orders (did you mean orders?)",
  },
  {
    name: "a timeout naming the region without an endpoint",
    regions: ["us-east-1", "eu-west-1"],
    registered: ["us-east-1"],
    inputs: { clusterName: "orders", endpointIds: [VPCE], timeouts: { create: "300ms" } },
    shows: "endpoints are registered in US_EAST_1 only: register one in EU_WEST_1 as well",
  },
];

/** Runs one connection-strings scenario through one face, from an empty emulator; returns what was seen. */
async function runStrings(face: Face, scenario: StringsScenario): Promise<unknown> {
  await ctl.reset();
  await ctl.settings({ ...FAST_TIMINGS, registrationSeconds: 0.1, clusterUpdateSeconds: 0.1 });
  await ctl.declareCluster({
    name: "orders",
    clusterType: "REPLICASET",
    regions: scenario.regions.map((regionName) => ({ providerName: "AWS", regionName })),
  });
  const service = face.plugin();
  for (const [i, region] of scenario.registered.entries()) {
    const created = await service.create(
      (await service.check({}, { projectId: PROJECT, providerName: "AWS", region, ...face.added })).inputs,
    );
    const endpoint = face.endpoint();
    const endpointId = i === 0 ? VPCE : `vpce-${String(i).repeat(17)}`;
    const link = { projectId: PROJECT, providerName: "AWS", privateLinkId: created.id, endpointServiceId: endpointId };
    await endpoint.create((await endpoint.check({}, { ...link, ...face.endpointAdded })).inputs);
  }
  // Settled: every change the registrations made to the cluster is over.
  for (;;) {
    const [cluster] = await ctl.clusters();
    if (cluster?.stateName === "IDLE" && cluster.stateChangesAt === null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await ctl.clearRequests();
  const strings = face.strings();
  const seen: Props = {};
  const checked = await strings.check({}, { projectId: PROJECT, ...scenario.inputs, ...face.stringsAdded });
  seen["check"] = checked;
  const created = await outcome(strings.create(checked.inputs));
  seen["create"] = created;
  if (!("error" in created)) {
    seen["read"] = await strings.read(created.id, created.properties);
    seen["diff"] = await strings.diff(created.id, created.properties, checked.inputs);
    await strings.delete(created.id, created.properties);
  }
  seen["calls"] = calls(await ctl.requests(), []);
  return normalised(seen, []);
}

describe("the dynamic resource and the provider plugin share one lifecycle", () => {
  it.each(BAD_STRINGS_INPUTS.map((inputs) => [JSON.stringify(inputs), inputs] as const))(
    "connection strings: refuses %s with the same failures",
    async (_label, inputs) => {
      await ctl.clearRequests();
      const [dynamic, plugin] = await Promise.all(
        FACES.map(async (face) => (await face.strings().check({}, { ...inputs, ...face.stringsAdded })).failures),
      );
      expect(plugin).toEqual(dynamic);
      expect(plugin?.length).toBeGreaterThan(0);
      expect(await ctl.requests()).toEqual([]);
    },
  );

  it.each(STRINGS_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    "connection strings, %s: same outputs, errors and requests",
    async (_label, scenario) => {
      const dynamic = await runStrings(FACES[0]!, scenario);
      const plugin = await runStrings(FACES[1]!, scenario);
      expect(plugin).toEqual(dynamic);
      expect(JSON.stringify(dynamic)).toContain(scenario.shows);
    },
  );

  it.each(BAD_INPUTS.map((inputs) => [JSON.stringify(inputs), inputs] as const))(
    "refuses %s with the same failures",
    async (_label, inputs) => {
      await ctl.clearRequests();
      const [dynamic, plugin] = await Promise.all(
        FACES.map(async (face) => (await face.plugin().check({}, { ...inputs, ...face.added })).failures),
      );
      expect(plugin).toEqual(dynamic);
      expect(plugin?.length).toBeGreaterThan(0);
      expect(await ctl.requests()).toEqual([]);
    },
  );

  it.each(REGIONAL_BAD_INPUTS.map((inputs) => [JSON.stringify(inputs), inputs] as const))(
    "regional mode: refuses %s with the same failures",
    async (_label, inputs) => {
      await ctl.clearRequests();
      const [dynamic, plugin] = await Promise.all(
        FACES.map(async (face) => (await face.regional().check({}, { ...inputs, ...face.regionalAdded })).failures),
      );
      expect(plugin).toEqual(dynamic);
      expect(plugin?.length).toBeGreaterThan(0);
      expect(await ctl.requests()).toEqual([]);
    },
  );

  it.each(REGIONAL_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    "regional mode, %s: same outputs, refusals and requests",
    async (_label, scenario) => {
      const dynamic = await runRegional(FACES[0]!, scenario);
      const plugin = await runRegional(FACES[1]!, scenario);
      expect(plugin).toEqual(dynamic);
      const seen = dynamic as { setting: boolean[]; create: { properties?: { affectedClusters?: string[] } } };
      expect(seen.setting).toEqual(scenario.outcome.setting);
      expect(seen.create.properties?.affectedClusters).toEqual(scenario.outcome.affectedClusters);
    },
  );

  it.each(ENDPOINT_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    "registration, %s: same failures, outputs, partial creates and requests",
    async (_label, scenario) => {
      const dynamic = await runEndpoint(FACES[0]!, scenario);
      const plugin = await runEndpoint(FACES[1]!, scenario);
      expect(plugin).toEqual(dynamic);
      expect((dynamic as { left: unknown }).left).toEqual([]);
    },
  );

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    "%s: same outputs, same partial creates, same requests",
    async (_label, scenario) => {
      const dynamic = await run(FACES[0]!, scenario);
      const plugin = await run(FACES[1]!, scenario);
      expect(plugin).toEqual(dynamic);
      expect((dynamic as { left: unknown }).left).toEqual([]);
    },
  );
});
