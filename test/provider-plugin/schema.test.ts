/**
 * The schema against the implementation: what `check` accepts, what `read` returns and what configuration the plugin
 * reads must be exactly what the schema (served over gRPC, as `pulumi package gen-sdk` reads it) describes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EMULATOR_IDENTITY } from "../../emulator";
import { CONFIG_KEYS } from "../../provider/context/settings";
import { POLL_TIME_SCALE_KEY } from "../../provider/context/operation-context";
import { checkInputs } from "../../provider/endpoint-service/check";
import { INPUT_NAMES } from "../../provider/endpoint-service/inputs";
import { checkRegistrationInputs } from "../../provider/private-endpoint/check";
import { INPUT_NAMES as REGISTRATION_INPUT_NAMES } from "../../provider/private-endpoint/inputs";
import { privateConnectionStrings } from "../../provider/private-connection-strings";
import { PLUGIN_CONFIG } from "../../provider/faces/plugin/config";
import { regionalMode } from "../../provider/regional-mode";
import { PLUGIN_TYPES } from "../../scripts/lib/atlas-plugin";
import { useAtlasPluginBench } from "./plugin-harness";

interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  description?: string;
  secret?: boolean;
}
interface SchemaResource {
  description: string;
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs: string[];
  properties: Record<string, SchemaProperty>;
  required: string[];
}
interface SchemaObject {
  properties: Record<string, SchemaProperty>;
  required: string[];
}
interface PackageSchema {
  name: string;
  version: string;
  config: { variables: Record<string, SchemaProperty> };
  provider: { inputProperties: Record<string, SchemaProperty> };
  types: Record<string, SchemaObject>;
  resources: Record<string, SchemaResource>;
  functions: Record<string, { description: string; inputs: SchemaObject; outputs: SchemaObject }>;
}

const PROJECT = EMULATOR_IDENTITY.projectId;
/** Set by the TypeScript resource class for its progress lines; the plugin names resources by their URN instead. */
const CLASS_ONLY_INPUTS = ["resourceName"];

const bench = useAtlasPluginBench({ resetBeforeEach: false });
let schema: PackageSchema;

beforeAll(async () => {
  schema = JSON.parse(await bench.plugin.getSchema()) as PackageSchema;
});

/** Does a JSON value fit a schema property's type? */
function fits(value: unknown, property: SchemaProperty, required: boolean): boolean {
  if (value === null) return !required;
  if (property.$ref !== undefined) return typeof value === "object" && !Array.isArray(value);
  if (property.type === "array") {
    const items = property.items as SchemaProperty;
    return Array.isArray(value) && value.every((item) => fits(item, items, true));
  }
  if (property.type === "number") return typeof value === "number";
  return typeof value === property.type;
}

/** What a read returned, against the resource's schema: no output it leaves out, every required one, each of its type. */
function expectOutputsFit(outputs: Record<string, unknown>, { properties, required }: SchemaResource): void {
  expect(Object.keys(outputs).filter((name) => properties[name] === undefined)).toEqual([]);
  for (const name of required) expect(outputs).toHaveProperty(name);
  const misfits = Object.entries(outputs).filter(
    ([name, value]) => !fits(value, properties[name]!, required.includes(name)),
  );
  expect(misfits).toEqual([]);
}

/** Every input and output of the resource has a description (of 10 characters at least). */
function expectDescribed(resource: SchemaResource): void {
  const described = Object.values({ ...resource.inputProperties, ...resource.properties });
  expect(described.filter((p) => (p.description ?? "").length < 10)).toEqual([]);
}

/** {@link expectDescribed}, and the `timeouts` input is the object type `timeoutsType` of create, update and delete. */
function expectDescribedWithTimeouts(resource: SchemaResource, timeoutsType: string): void {
  expectDescribed(resource);
  expect(resource.inputProperties["timeouts"]?.$ref).toBe(`#/types/atlas-private-endpoint:index:${timeoutsType}`);
  expect(Object.keys(schema.types[`atlas-private-endpoint:index:${timeoutsType}`]!.properties)).toEqual([
    "create",
    "update",
    "delete",
  ]);
}

describe("the plugin's schema: PrivateEndpointService", () => {
  const resource = (): SchemaResource => schema.resources[PLUGIN_TYPES.service]!;

  it("describes exactly the inputs check accepts", () => {
    const accepted = INPUT_NAMES.filter((name) => !CLASS_ONLY_INPUTS.includes(name));
    expect(Object.keys(resource().inputProperties).sort()).toEqual([...accepted].sort());
    for (const name of Object.keys(resource().inputProperties)) {
      const { failures } = checkInputs({ [name]: undefined });
      expect(failures.filter((f) => f.reason.startsWith("unknown property"))).toEqual([]);
    }
    expect(checkInputs({ notInTheSchema: 1 }).failures[0]?.property).toBe("notInTheSchema");
  });

  it("requires exactly the inputs check requires", () => {
    const missing = checkInputs({}).failures.map((f) => f.property);
    expect([...resource().requiredInputs].sort()).toEqual([...missing].sort());
  });

  it.each([
    ["AWS", "us-east-1"],
    ["AZURE", "eastus2"],
    ["GCP", "us-central1"],
  ])("describes every output a %s read returns, with its type", async (providerName, region) => {
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "schema");
    const { inputs } = await svc.check({}, { projectId: PROJECT, providerName, region });
    const created = await svc.create(inputs);
    const read = await svc.read(created.id, created.properties);
    await svc.delete(created.id, created.properties);

    expectOutputsFit(read.properties, resource());
  });

  it("gives every property a description, and the timeouts their type", () => {
    expectDescribedWithTimeouts(resource(), "PrivateEndpointServiceTimeouts");
  });
});

describe("the plugin's schema: PrivateEndpoint", () => {
  const resource = (): SchemaResource => schema.resources[PLUGIN_TYPES.endpoint]!;

  it("describes exactly the inputs check accepts, and requires exactly those check requires", () => {
    const accepted = REGISTRATION_INPUT_NAMES.filter((name) => !CLASS_ONLY_INPUTS.includes(name));
    expect(Object.keys(resource().inputProperties).sort()).toEqual([...accepted].sort());
    expect(checkRegistrationInputs({ notInTheSchema: 1 }).failures[0]?.property).toBe("notInTheSchema");
    const missing = checkRegistrationInputs({}).failures.map((f) => f.property);
    expect([...resource().requiredInputs].sort()).toEqual([...missing].sort());
  });

  it("describes every output a read returns, with its type", async () => {
    await bench.ctl.settings({ registrationSeconds: 0.3, registrationDeletingSeconds: 0.1 });
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "schema");
    const service = await svc.create(
      (await svc.check({}, { projectId: PROJECT, providerName: "AWS", region: "us-east-2" })).inputs,
    );
    const pe = bench.plugin.forType(PLUGIN_TYPES.endpoint, "schema");
    const { inputs } = await pe.check(
      {},
      {
        projectId: PROJECT,
        providerName: "AWS",
        privateLinkId: service.id,
        endpointServiceId: "vpce-0123456789abcdef0",
      },
    );
    const created = await pe.create(inputs);
    const read = await pe.read(created.id, created.properties);
    await pe.delete(created.id, created.properties);
    await svc.delete(service.id, service.properties);

    expectOutputsFit(read.properties, resource());
  });

  it("describes the GCP forwarding rules as objects, given and reported", () => {
    expect(resource().inputProperties["endpoints"]?.items?.$ref).toBe(
      "#/types/atlas-private-endpoint:index:PrivateEndpointGcpEndpoint",
    );
    expect(resource().properties["endpoints"]?.items?.$ref).toBe(
      "#/types/atlas-private-endpoint:index:PrivateEndpointGcpEndpointStatus",
    );
    expect(Object.keys(schema.types["atlas-private-endpoint:index:PrivateEndpointTimeouts"]!.properties)).toEqual([
      "create",
      "delete",
    ]);
  });
});

describe("the plugin's schema: PrivateEndpointRegionalMode", () => {
  const resource = (): SchemaResource => schema.resources[PLUGIN_TYPES.regionalMode]!;

  it("describes exactly the inputs check accepts, and requires exactly those check requires", () => {
    const inputs = Object.keys(resource().inputProperties);
    expect(inputs.sort()).toEqual(["enabled", "projectId", "timeouts"]);
    for (const name of inputs) {
      const { failures } = regionalMode.check({ [name]: undefined });
      expect(failures.filter((f) => f.reason.startsWith("unknown property"))).toEqual([]);
    }
    expect(regionalMode.check({ notInTheSchema: 1 }).failures[0]?.property).toBe("notInTheSchema");
    const missing = regionalMode.check({}).failures.map((f) => f.property);
    expect([...resource().requiredInputs].sort()).toEqual([...missing].sort());
  });

  it("describes every output a read returns, with its type", async () => {
    const mode = bench.plugin.forType(PLUGIN_TYPES.regionalMode, "schema");
    const { inputs } = await mode.check({}, { projectId: PROJECT, enabled: false });
    const created = await mode.create(inputs);
    const read = await mode.read(created.id, created.properties);
    await mode.delete(created.id, created.properties);

    expectOutputsFit(read.properties, resource());
    expect(resource().required.sort()).toEqual(["affectedClusters", "enabled", "pendingClusters", "projectId"]);
  });

  it("gives every property a description, and the timeouts their type", () => {
    expectDescribedWithTimeouts(resource(), "PrivateEndpointRegionalModeTimeouts");
  });
});

describe("the plugin's schema: import ids and functions", () => {
  it("ends each resource's description with its import id's form", () => {
    expect(schema.resources[PLUGIN_TYPES.service]?.description).toMatch(
      /\n\nImport: pulumi import atlas-private-endpoint:index:PrivateEndpointService <name> <projectId>\/<providerName>\/<privateLinkId>$/,
    );
    expect(schema.resources[PLUGIN_TYPES.endpoint]?.description).toMatch(
      /\n\nImport: pulumi import atlas-private-endpoint:index:PrivateEndpoint <name> <projectId>\/<providerName>\/<privateLinkId>\/<endpointServiceId>$/,
    );
    expect(schema.resources[PLUGIN_TYPES.regionalMode]?.description).toMatch(
      /\n\nImport: pulumi import atlas-private-endpoint:index:PrivateEndpointRegionalMode <name> <projectId>$/,
    );
    expect(schema.resources[PLUGIN_TYPES.connectionStrings]?.description).toMatch(
      /Its import id is <projectId>\/<clusterName>\/<endpointIds>, the endpoint ids separated by commas \(an Azure ARM id keeps its slashes\); the cluster must list their entry\.\n\nImport: pulumi import atlas-private-endpoint:index:PrivateConnectionStrings <name> <projectId>\/<clusterName>\/<endpointIds>$/,
    );
  });

  it("lists every lookup the package exports as a function", () => {
    expect(Object.keys(schema.functions)).toEqual([
      "atlas-private-endpoint:index:getPrivateEndpointService",
      "atlas-private-endpoint:index:listPrivateEndpointServices",
      "atlas-private-endpoint:index:getPrivateEndpoint",
      "atlas-private-endpoint:index:getPrivateEndpointRegionalMode",
      "atlas-private-endpoint:index:getPrivateConnectionStrings",
    ]);
    expect(schema.functions["atlas-private-endpoint:index:getPrivateConnectionStrings"]).toMatchObject({
      inputs: {
        properties: { projectId: { type: "string" }, clusterName: { type: "string" } },
        required: ["projectId", "clusterName"],
      },
      outputs: {
        properties: {
          entries: {
            type: "array",
            items: { $ref: "#/types/atlas-private-endpoint:index:PrivateConnectionStringsEntry" },
          },
        },
        required: ["entries"],
      },
    });
    expect(
      schema.types["atlas-private-endpoint:index:PrivateConnectionStringsEntry"]?.properties["endpoints"]?.items?.$ref,
    ).toBe("#/types/atlas-private-endpoint:index:PrivateConnectionStringsEndpoint");
    expect(schema.functions["atlas-private-endpoint:index:getPrivateEndpointRegionalMode"]).toMatchObject({
      inputs: { properties: { projectId: { type: "string" } }, required: ["projectId"] },
      outputs: {
        properties: { projectId: { type: "string" }, enabled: { type: "boolean" } },
        required: ["projectId", "enabled"],
      },
    });
    expect(schema.functions["atlas-private-endpoint:index:listPrivateEndpointServices"]?.outputs).toMatchObject({
      properties: {
        services: { type: "array", items: { $ref: "#/types/atlas-private-endpoint:index:PrivateEndpointServiceInfo" } },
      },
      required: ["services"],
    });
  });

  it("describes every field a function answers, with its type", async () => {
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "schema");
    const service = await svc.create(
      (await svc.check({}, { projectId: PROJECT, providerName: "GCP", region: "us-east4" })).inputs,
    );
    const args = { projectId: PROJECT, providerName: "GCP" };
    const got = await bench.plugin.invoke("atlas-private-endpoint:index:getPrivateEndpointService", {
      ...args,
      privateLinkId: service.id,
    });
    const listed = await bench.plugin.invoke("atlas-private-endpoint:index:listPrivateEndpointServices", args);
    await svc.delete(service.id, service.properties);

    const outputs = schema.functions["atlas-private-endpoint:index:getPrivateEndpointService"]!.outputs;
    expect(Object.keys(got.outputs ?? {}).sort()).toEqual(Object.keys(outputs.properties).sort());
    const misfits = Object.entries(got.outputs ?? {}).filter(
      ([name, value]) => !fits(value, outputs.properties[name]!, outputs.required.includes(name)),
    );
    expect(misfits).toEqual([]);
    const info = schema.types["atlas-private-endpoint:index:PrivateEndpointServiceInfo"]!;
    expect(info.properties).toEqual(outputs.properties);
    expect(listed.outputs).toEqual({ services: [got.outputs] });

    const setting = await bench.plugin.invoke("atlas-private-endpoint:index:getPrivateEndpointRegionalMode", {
      projectId: PROJECT,
    });
    const described = schema.functions["atlas-private-endpoint:index:getPrivateEndpointRegionalMode"]!.outputs;
    expect(Object.keys(setting.outputs ?? {}).sort()).toEqual(Object.keys(described.properties).sort());
    expect(
      Object.entries(setting.outputs ?? {}).filter(
        ([name, value]) => !fits(value, described.properties[name]!, described.required.includes(name)),
      ),
    ).toEqual([]);
  });
});

describe("the plugin's schema: PrivateConnectionStrings", () => {
  const resource = (): SchemaResource => schema.resources[PLUGIN_TYPES.connectionStrings]!;

  it("describes exactly the inputs check accepts, and requires exactly those check requires", () => {
    const accepted = ["projectId", "clusterName", "endpointIds", "timeouts"];
    expect(Object.keys(resource().inputProperties).sort()).toEqual([...accepted].sort());
    for (const name of accepted) {
      const { failures } = privateConnectionStrings.check({ [name]: undefined });
      expect(failures.filter((f) => f.reason.startsWith("unknown property"))).toEqual([]);
    }
    expect(privateConnectionStrings.check({ notInTheSchema: 1 }).failures[0]?.property).toBe("notInTheSchema");
    const missing = privateConnectionStrings.check({}).failures.map((f) => f.property);
    expect([...resource().requiredInputs].sort()).toEqual([...missing].sort());
  });

  it("describes every output a read returns, with its type", async () => {
    await bench.ctl.settings({ registrationSeconds: 0.1, clusterUpdateSeconds: 0.1 });
    await bench.ctl.declareCluster({
      name: "schema",
      clusterType: "SHARDED",
      regions: [{ providerName: "AWS", regionName: "us-west-1" }],
    });
    const svc = bench.plugin.forType(PLUGIN_TYPES.service, "schema");
    const service = await svc.create(
      (await svc.check({}, { projectId: PROJECT, providerName: "AWS", region: "us-west-1" })).inputs,
    );
    const pe = bench.plugin.forType(PLUGIN_TYPES.endpoint, "schema");
    const link = { projectId: PROJECT, providerName: "AWS", privateLinkId: service.id };
    const endpointId = "vpce-0aaaaaaaaaaaaaaaa";
    const registered = await pe.create((await pe.check({}, { ...link, endpointServiceId: endpointId })).inputs);
    const strings = bench.plugin.forType(PLUGIN_TYPES.connectionStrings, "schema");
    const { inputs } = await strings.check(
      {},
      { projectId: PROJECT, clusterName: "schema", endpointIds: [endpointId] },
    );
    const created = await strings.create(inputs);
    const read = await strings.read(created.id, created.properties);
    const looked = await bench.plugin.invoke("atlas-private-endpoint:index:getPrivateConnectionStrings", {
      projectId: PROJECT,
      clusterName: "schema",
    });
    await strings.delete(created.id, created.properties);
    await pe.delete(registered.id, registered.properties);
    await svc.delete(service.id, service.properties);

    expect(read.properties["srvShardOptimizedConnectionString"]).toEqual(expect.any(String));
    expectOutputsFit(read.properties, resource());

    // The function's entries: every field described, with its type.
    const entry = schema.types["atlas-private-endpoint:index:PrivateConnectionStringsEntry"]!;
    const entries = looked.outputs?.["entries"] as Record<string, unknown>[];
    expect(entries).toHaveLength(1);
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(Object.keys(entry.properties).sort());
    expect(entries[0]?.["srvShardOptimizedConnectionString"]).toEqual(
      read.properties["srvShardOptimizedConnectionString"],
    );
    expect(
      Object.entries(entries[0] ?? {}).filter(
        ([name, value]) => !fits(value, entry.properties[name]!, entry.required.includes(name)),
      ),
    ).toEqual([]);
  });

  it("describes the entry's endpoints and the cluster's regions as objects", () => {
    expect(resource().properties["endpoints"]?.items?.$ref).toBe(
      "#/types/atlas-private-endpoint:index:PrivateConnectionStringsEndpoint",
    );
    expect(resource().properties["clusterRegions"]?.items?.$ref).toBe(
      "#/types/atlas-private-endpoint:index:PrivateConnectionStringsClusterRegion",
    );
    expect(
      Object.keys(schema.types["atlas-private-endpoint:index:PrivateConnectionStringsEndpoint"]!.properties),
    ).toEqual(["endpointId", "providerName", "region"]);
    expect(
      Object.keys(schema.types["atlas-private-endpoint:index:PrivateConnectionStringsTimeouts"]!.properties),
    ).toEqual(["create"]);
    expectDescribed(resource());
  });
});

describe("the plugin's schema: configuration", () => {
  it("describes one key for every setting the shared configuration reads", () => {
    const settings = Object.values(PLUGIN_CONFIG).map((key) => key.setting);
    expect([...settings].sort()).toEqual([...Object.values(CONFIG_KEYS), POLL_TIME_SCALE_KEY].sort());
    expect(Object.keys(schema.config.variables).sort()).toEqual(Object.keys(PLUGIN_CONFIG).sort());
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
  });

  it("marks the credentials secret and nothing else", () => {
    const secret = Object.entries(schema.config.variables)
      .filter(([, p]) => p.secret === true)
      .map(([name]) => name);
    expect(secret.sort()).toEqual(["accessToken", "clientSecret", "privateKey"]);
  });

  it("carries the package's version", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as {
      version: string;
    };
    expect(schema.version).toBe(manifest.version);
  });
});
