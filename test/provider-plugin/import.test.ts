/**
 * Import through the provider plugin, as the engine reads on `pulumi import` and the `import` resource option: no
 * properties, the import id as the id. For each cloud, what the plugin made is imported back: the inputs the read
 * answers are exactly what the program wrote (check keeps them, the diff against the imported state is none), the
 * outputs are what the create stored, and the Pulumi id is the resource's usual one. Regional mode, a project
 * setting, is imported by its project, and what delete does with it after an import is pinned here.
 * PrivateConnectionStrings, which creates nothing in Atlas, is imported by the entry it names.
 */
import { EMULATOR_IDENTITY } from "../../emulator";
import { endpointService } from "../../provider/endpoint-service";
import { privateConnectionStrings } from "../../provider/private-connection-strings";
import { privateEndpoint } from "../../provider/private-endpoint";
import { regionalMode } from "../../provider/regional-mode";
import { ImportIdError } from "../../provider/lifecycle/import-id";
import { PluginCallError, type ProviderPlugin } from "../../scripts/lib/dynamic-plugin";
import { PLUGIN_TYPES } from "../../scripts/lib/atlas-plugin";
import { FAST_TIMINGS } from "../support/provider-harness";
import { useAtlasPluginBench } from "./plugin-harness";

type Props = Record<string, unknown>;

const PROJECT = EMULATOR_IDENTITY.projectId;
const TIMINGS = { ...FAST_TIMINGS, registrationSeconds: 0.2, registrationDeletingSeconds: 0.1 } as const;
const AZURE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-link/providers/Microsoft.Network/privateEndpoints/pe-atlas";

const bench = useAtlasPluginBench({ timings: TIMINGS });
let services: ProviderPlugin;
let endpoints: ProviderPlugin;
let modes: ProviderPlugin;
let strings: ProviderPlugin;

beforeAll(() => {
  services = bench.plugin.forType(PLUGIN_TYPES.service, "imported-service");
  endpoints = bench.plugin.forType(PLUGIN_TYPES.endpoint, "imported-endpoint");
  modes = bench.plugin.forType(PLUGIN_TYPES.regionalMode, "imported-mode");
  strings = bench.plugin.forType(PLUGIN_TYPES.connectionStrings, "imported-strings");
});

/** Creates through the plugin what a program declares; its checked inputs, id and stored properties. */
async function made(on: ProviderPlugin, program: Props): Promise<{ inputs: Props; id: string; properties: Props }> {
  const { inputs, failures } = await on.check({}, program);
  expect(failures).toEqual([]);
  const { id, properties } = await on.create(inputs);
  return { inputs, id, properties };
}

/** Imports with `importId` and checks the round trip against what was made. */
async function importsBack(
  on: ProviderPlugin,
  importId: string,
  original: { inputs: Props; id: string; properties: Props },
) {
  const imported = await on.read(importId, {});
  expect(imported.id).toBe(original.id);
  expect(imported.inputs).toEqual(original.inputs);
  expect(imported.properties).toEqual(original.properties);
  // What `pulumi import` then checks, and what the program's preview diffs.
  expect(await on.check(imported.inputs ?? {}, imported.inputs ?? {})).toEqual({
    inputs: original.inputs,
    failures: [],
  });
  expect(await on.detailedDiff(imported.id, imported.properties, original.inputs)).toEqual({
    changes: "none",
    replaces: [],
    diffs: [],
    detailed: {},
  });
  return imported;
}

describe("importing a PrivateEndpointService through the plugin", () => {
  it.each([
    ["AWS", { region: "us-east-1", supportedRemoteRegions: ["us-west-2", "eu-west-1"] }],
    ["AZURE", { region: "eastus2" }],
    ["GCP", { region: "us-east4", portMappingEnabled: true }],
    ["GCP", { region: "us-central1" }],
  ] as const)("imports a %s service %j as the program declared it", async (providerName, declared) => {
    const original = await made(services, { projectId: PROJECT, providerName, ...declared });
    await bench.ctl.clearRequests();
    await importsBack(services, `${PROJECT}/${providerName.toLowerCase()}/${original.id}`, original);
    expect((await bench.ctl.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/${providerName}/endpointService/${original.id}`,
    ]);
  });

  it("answers a malformed import id with the form, filled with the user's values, before any request", async () => {
    await bench.ctl.clearRequests();
    const attempts: [string, string][] = [
      [
        `${PROJECT}/AWS`,
        `Import id "${PROJECT}/AWS" does not name a PrivateEndpointService: it has no privateLinkId. Write it as <projectId>/<providerName>/<privateLinkId>, here ${PROJECT}/AWS/<privateLinkId>`,
      ],
      [
        `${PROJECT}/ORACLE/0123456789abcdef01234567`,
        `Import id "${PROJECT}/ORACLE/0123456789abcdef01234567" does not name a PrivateEndpointService: providerName "ORACLE" is not a provider Atlas offers private endpoints for; use one of AWS, AZURE, GCP. Write it as <projectId>/<providerName>/<privateLinkId>, here ${PROJECT}/<providerName>/0123456789abcdef01234567`,
      ],
      [
        "my-project/AWS/svc-1",
        `Import id "my-project/AWS/svc-1" does not name a PrivateEndpointService: projectId "my-project" is not an Atlas project id; use the 24-digit hex id, e.g. 0123456789abcdef01234567. Write it as <projectId>/<providerName>/<privateLinkId>, here <projectId>/AWS/svc-1`,
      ],
    ];
    for (const [importId, message] of attempts) {
      await expect(services.read(importId, {})).rejects.toThrow(new PluginCallError(message, undefined));
      expect(() => endpointService.importId.parse(importId)).toThrow(new ImportIdError(message));
    }
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("fails an import id that names nothing, naming what was asked for", async () => {
    const missing = "0123456789abcdef01234567";
    await expect(services.read(`${PROJECT}/AWS/${missing}`, {})).rejects.toThrow(
      `Atlas has no endpoint service ${missing} in project ${PROJECT} for AWS (it answered 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND); check the import id`,
    );
  });
});

describe("importing a PrivateEndpoint through the plugin", () => {
  async function serviceOf(providerName: string, region: string, extra: Props = {}): Promise<string> {
    return (await made(services, { projectId: PROJECT, providerName, region, ...extra })).id;
  }

  it("imports an AWS registration", async () => {
    const privateLinkId = await serviceOf("AWS", "us-east-1");
    const original = await made(endpoints, {
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId,
      endpointServiceId: "vpce-0123456789abcdef0",
    });
    const imported = await importsBack(endpoints, `${PROJECT}/AWS/${privateLinkId}/vpce-0123456789abcdef0`, original);
    expect(imported.id).toBe(`${privateLinkId}:vpce-0123456789abcdef0`);
  });

  it("imports an Azure registration whose ARM id holds slashes, with or without its leading one", async () => {
    const privateLinkId = await serviceOf("AZURE", "eastus2");
    const original = await made(endpoints, {
      projectId: PROJECT,
      providerName: "AZURE",
      privateLinkId,
      endpointServiceId: AZURE_ID,
      privateEndpointIpAddress: "10.0.0.4",
    });
    await importsBack(endpoints, `${PROJECT}/AZURE/${privateLinkId}/${AZURE_ID}`, original);
    await importsBack(endpoints, `${PROJECT}/AZURE/${privateLinkId}/${AZURE_ID.slice(1)}`, original);
  });

  it("imports GCP registrations with and without port mapping", async () => {
    // Two forwarding rules: one per service attachment.
    await bench.ctl.settings({ gcpAttachmentCount: 2 });
    const rules = await serviceOf("GCP", "us-central1");
    const ruled = await made(endpoints, {
      projectId: PROJECT,
      providerName: "GCP",
      privateLinkId: rules,
      endpointServiceId: "atlas-group",
      gcpProjectId: "my-project-123",
      endpoints: [
        { endpointName: "atlas-rule-0", ipAddress: "10.128.0.10" },
        { endpointName: "atlas-rule-1", ipAddress: "10.128.0.11" },
      ],
    });
    await importsBack(endpoints, `${PROJECT}/GCP/${rules}/atlas-group`, ruled);

    const mapped = await serviceOf("GCP", "us-east4", { portMappingEnabled: true });
    const single = await made(endpoints, {
      projectId: PROJECT,
      providerName: "GCP",
      privateLinkId: mapped,
      endpointServiceId: "atlas-rule",
      gcpProjectId: "my-project-123",
      privateEndpointIpAddress: "10.142.0.5",
    });
    await importsBack(endpoints, `${PROJECT}/GCP/${mapped}/atlas-rule`, single);
  });

  it("shows the swap of the two ids in a malformed import id, as check does", () => {
    const importId = `${PROJECT}/AWS/vpce-0123456789abcdef0/0123456789abcdef01234567`;
    const error = (() => {
      try {
        privateEndpoint.importId.parse(importId);
        return undefined;
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error).toBeInstanceOf(ImportIdError);
    expect(error?.message).toMatch(
      new RegExp(
        `^Import id "${importId}" does not name a PrivateEndpoint: privateLinkId "vpce-0123456789abcdef0" is a cloud endpoint id; it goes in endpointServiceId\\.`,
      ),
    );
    expect(error?.message).toMatch(
      /Write it as <projectId>\/<providerName>\/<privateLinkId>\/<endpointServiceId>, here 0123456789abcdef01234567\/AWS\/<privateLinkId>\/0123456789abcdef01234567$/,
    );
  });
});

describe("importing a PrivateEndpointRegionalMode through the plugin", () => {
  const SETTING_PATH = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode`;
  const patches = async (): Promise<number> =>
    (await bench.ctl.requests()).filter((r) => r.method === "PATCH" && r.path === SETTING_PATH).length;

  it("imports a setting that is on as enabled: true, by its project, with one GET", async () => {
    await bench.ctl.setRegionalMode(PROJECT, true);
    const original = await made(modes, { projectId: PROJECT, enabled: true });
    await bench.ctl.clearRequests();
    await importsBack(modes, PROJECT.toUpperCase(), original);
    expect((await bench.ctl.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${SETTING_PATH}`]);
  });

  it("imports a setting that is off with no enabled at all (absent means off), which enabled: false also matches", async () => {
    const original = await made(modes, { projectId: PROJECT });
    const imported = await importsBack(modes, PROJECT, original);
    expect(imported.inputs).toEqual({ projectId: PROJECT });
    expect(await modes.detailedDiff(PROJECT, imported.properties, { projectId: PROJECT, enabled: false })).toEqual({
      changes: "none",
      replaces: [],
      diffs: [],
      detailed: {},
    });
  });

  it("leaves a setting imported on as it is when the resource is deleted: this resource did not turn it on", async () => {
    await bench.ctl.setRegionalMode(PROJECT, true);
    const imported = await modes.read(PROJECT, {});
    expect(imported.properties).toMatchObject({ enabled: true, enabledAtCreate: true });
    await bench.ctl.clearRequests();
    await modes.delete(PROJECT, imported.properties);
    expect(await bench.ctl.requests()).toEqual([]);
    expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([true]);
  });

  it("turns a setting imported off back off on delete once the program has turned it on", async () => {
    const imported = await modes.read(PROJECT, {});
    expect(imported.properties).toMatchObject({ enabled: false, enabledAtCreate: false });
    const news = (await modes.check(imported.inputs ?? {}, { projectId: PROJECT, enabled: true })).inputs;
    const updated = await modes.update(PROJECT, imported.properties, news);
    expect(updated.properties).toMatchObject({ enabled: true, enabledAtCreate: false });
    await modes.delete(PROJECT, updated.properties);
    expect(await patches()).toBe(2);
    expect((await bench.ctl.regionalModes()).map((m) => m.enabled)).toEqual([false]);
  });

  it("answers a malformed import id with the form before any request, and a project Atlas lacks by naming it", async () => {
    await bench.ctl.clearRequests();
    const attempts: [string, string][] = [
      [
        " ",
        `Import id " " does not name a PrivateEndpointRegionalMode: it has no projectId. Write it as <projectId>, here <projectId>`,
      ],
      [
        `${PROJECT}/AWS`,
        `Import id "${PROJECT}/AWS" does not name a PrivateEndpointRegionalMode: projectId "${PROJECT}/AWS" is not an Atlas project id; use the 24-digit hex id, e.g. 0123456789abcdef01234567. Write it as <projectId>, here <projectId>`,
      ],
    ];
    for (const [importId, message] of attempts) {
      await expect(modes.read(importId, {})).rejects.toThrow(new PluginCallError(message, undefined));
      expect(() => regionalMode.importId.parse(importId)).toThrow(new ImportIdError(message));
    }
    expect(await bench.ctl.requests()).toEqual([]);
    const missing = "fedcba9876543210fedcba98";
    await expect(modes.read(missing, {})).rejects.toThrow(
      new PluginCallError(
        `Atlas has no regional mode setting for project ${missing} (it answered 404 GROUP_NOT_FOUND); check the import id`,
        undefined,
      ),
    );
  });
});

describe("importing a PrivateConnectionStrings through the plugin", () => {
  const VPCE_EAST = "vpce-0123456789abcdef0";
  const VPCE_WEST = "vpce-0fedcba9876543210";
  const FORM = "<projectId>/<clusterName>/<endpointIds>";
  const clusterPath = (name: string): string => `/api/atlas/v2/groups/${PROJECT}/clusters/${name}`;

  /** Registers `endpointServiceId` with a new service in `region` through the plugin, as a program does. */
  async function linked(providerName: string, region: string, endpoint: Props): Promise<void> {
    const privateLinkId = (await made(services, { projectId: PROJECT, providerName, region })).id;
    await made(endpoints, { projectId: PROJECT, providerName, privateLinkId, ...endpoint });
  }

  beforeEach(async () => {
    await bench.ctl.settings({ clusterUpdateSeconds: 0.1 });
  });

  it("imports the entry of an AWS endpoint as the program declared it, with one GET of the cluster", async () => {
    await bench.ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await linked("AWS", "us-east-1", { endpointServiceId: VPCE_EAST });
    const original = await made(strings, { projectId: PROJECT, clusterName: "orders", endpointIds: [VPCE_EAST] });
    expect(original.properties["srvConnectionString"]).toMatch(/^mongodb\+srv:\/\/orders-pl-0\./);
    await bench.ctl.clearRequests();
    const imported = await importsBack(strings, `${PROJECT.toUpperCase()}/orders/${VPCE_EAST}`, original);
    expect(imported.id).toBe(`${PROJECT}:orders:${VPCE_EAST}`);
    expect((await bench.ctl.requests()).filter((r) => r.status !== 401).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${clusterPath("orders")}`,
    ]);
  });

  it("imports a two-region cluster's entry by both of its endpoints, the ids separated by a comma", async () => {
    await bench.ctl.declareCluster({
      name: "orders",
      clusterType: "SHARDED",
      regions: [
        { providerName: "AWS", regionName: "us-east-1" },
        { providerName: "AWS", regionName: "eu-west-1" },
      ],
    });
    await linked("AWS", "us-east-1", { endpointServiceId: VPCE_EAST });
    await linked("AWS", "eu-west-1", { endpointServiceId: VPCE_WEST });
    const original = await made(strings, {
      projectId: PROJECT,
      clusterName: "orders",
      endpointIds: [VPCE_EAST, VPCE_WEST],
    });
    await importsBack(strings, `${PROJECT}/orders/${VPCE_EAST},${VPCE_WEST}`, original);
    // The other order names the same entry: the program's order is no change either.
    const reordered = await strings.read(`${PROJECT}/orders/${VPCE_WEST}, ${VPCE_EAST}`, {});
    expect(reordered.id).toBe(`${PROJECT}:orders:${VPCE_WEST},${VPCE_EAST}`);
    expect(await strings.detailedDiff(reordered.id, reordered.properties, original.inputs)).toMatchObject({
      changes: "none",
    });
  });

  it("imports an Azure entry whose ARM id holds slashes, with or without its leading one", async () => {
    await bench.ctl.declareCluster({
      name: "ledger",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AZURE", regionName: "eastus2" }],
    });
    await linked("AZURE", "eastus2", { endpointServiceId: AZURE_ID, privateEndpointIpAddress: "10.0.0.4" });
    const original = await made(strings, { projectId: PROJECT, clusterName: "ledger", endpointIds: [AZURE_ID] });
    await importsBack(strings, `${PROJECT}/ledger/${AZURE_ID}`, original);
    await importsBack(strings, `${PROJECT}/ledger/${AZURE_ID.slice(1)}`, original);
  });

  it("answers a malformed import id with the form, filled with the user's values, before any request", async () => {
    await bench.ctl.clearRequests();
    const attempts: [string, string][] = [
      [
        `${PROJECT}/orders`,
        `Import id "${PROJECT}/orders" does not name a PrivateConnectionStrings: it has no endpointIds. Write it as ${FORM}, here ${PROJECT}/orders/<endpointIds>`,
      ],
      [
        `${PROJECT}/orders_1/${VPCE_EAST}`,
        `Import id "${PROJECT}/orders_1/${VPCE_EAST}" does not name a PrivateConnectionStrings: clusterName "orders_1" is not a name Atlas gives clusters; use the cluster's name as Atlas shows it (letters, digits and hyphens, starting with a letter or digit), e.g. orders. Write it as ${FORM}, here ${PROJECT}/<clusterName>/${VPCE_EAST}`,
      ],
      [
        `${PROJECT}/orders/${VPCE_EAST},vpce-1`,
        `Import id "${PROJECT}/orders/${VPCE_EAST},vpce-1" does not name a PrivateConnectionStrings: endpointIds[1] "vpce-1" is not an AWS VPC endpoint id; use vpce- and 17 hex digits, e.g. vpce-0123456789abcdef0 (aws.ec2.VpcEndpoint's id). Write it as ${FORM}, here ${PROJECT}/orders/<endpointIds>`,
      ],
      [
        `${PROJECT}/orders/${VPCE_EAST},${VPCE_EAST}`,
        `Import id "${PROJECT}/orders/${VPCE_EAST},${VPCE_EAST}" does not name a PrivateConnectionStrings: endpointIds[1] "${VPCE_EAST}" is also endpointIds[0]; list each endpoint once. Write it as ${FORM}, here ${PROJECT}/orders/<endpointIds>`,
      ],
      [
        `orders/${VPCE_EAST}`,
        `Import id "orders/${VPCE_EAST}" does not name a PrivateConnectionStrings: it has no endpointIds. Write it as ${FORM}, here orders/${VPCE_EAST}/<endpointIds>`,
      ],
    ];
    for (const [importId, message] of attempts) {
      await expect(strings.read(importId, {})).rejects.toThrow(new PluginCallError(message, undefined));
      expect(() => privateConnectionStrings.importId.parse(importId)).toThrow(new ImportIdError(message));
    }
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("fails for a cluster Atlas lacks, and for one that lists no entry of the endpoints, saying what is missing", async () => {
    await expect(strings.read(`${PROJECT}/orders/${VPCE_EAST}`, {})).rejects.toThrow(
      new PluginCallError(
        `Atlas has no cluster orders in project ${PROJECT} (it answered 404 CLUSTER_NOT_FOUND); check the import id`,
        undefined,
      ),
    );
    await bench.ctl.declareCluster({
      name: "orders",
      clusterType: "REPLICASET",
      regions: [{ providerName: "AWS", regionName: "us-east-1" }],
    });
    await expect(strings.read(`${PROJECT}/orders/${VPCE_EAST}`, {})).rejects.toThrow(
      new PluginCallError(
        `orders lists no private endpoint entry holding ${VPCE_EAST}, so there are no strings to import: ${VPCE_EAST} is not linked to orders yet; orders has nodes in US_EAST_1, where no endpoint is registered: register one there; ${VPCE_EAST} is not registered with any endpoint service of the project: register it (PrivateEndpoint). Declare the resource instead (its create waits for the entry), or import once Atlas lists it.`,
        undefined,
      ),
    );
  });
});
