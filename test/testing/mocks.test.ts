import * as pulumi from "@pulumi/pulumi";
import { check as providerCheck } from "../../provider/endpoint-service/provider";
import { check as registrationCheck } from "../../provider/private-endpoint/provider";
import { check as regionalModeCheck } from "../../provider/regional-mode/provider";
import {
  ENDPOINT_SERVICE_TYPE,
  InvalidInputsError,
  MOCKED_RESOURCE_TYPES,
  PRIVATE_CONNECTION_STRINGS_TYPE,
  PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE,
  PRIVATE_ENDPOINT_TYPE,
  atlasMocks,
  isInvalidInputsError,
} from "../../testing";

/** The kit's mocks for `pulumi.runtime.setMocks`: the provider's check, realistic ready outputs, user mocks for the rest. */
const PROJECT = "0123456789abcdef01234567";
/** What the resource class sends besides the user's arguments (the serialized provider, its own name). */
const sent = (name: string, args: Record<string, unknown>): Record<string, unknown> => ({
  __provider: "exports.handler = function () { return {}; };",
  ...args,
  resourceName: name,
});

async function created(
  name: string,
  args: Record<string, unknown>,
): Promise<{ id: string; state: Record<string, unknown> }> {
  const result = await atlasMocks().newResource({ type: ENDPOINT_SERVICE_TYPE, name, inputs: sent(name, args) });
  return { id: result.id ?? "", state: result.state };
}

const AWS_EMPTY = { endpointServiceName: null, interfaceEndpoints: [], supportedRemoteRegions: [] };
const AZURE_EMPTY = { privateEndpoints: [], privateLinkServiceName: null, privateLinkServiceResourceId: null };
const GCP_EMPTY = { endpointGroupNames: [], serviceAttachmentNames: [], portMappingEnabled: null };

describe("atlasMocks for PrivateEndpointService", () => {
  it("answers an AWS service with every output of a ready one, the endpoint service name in AWS' form", async () => {
    const { id, state } = await created("db", {
      projectId: PROJECT.toUpperCase(),
      providerName: "aws",
      region: "eu-west-1",
      supportedRemoteRegions: ["us-east-1"],
    });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(state).toEqual({
      projectId: PROJECT,
      providerName: "AWS",
      region: "eu-west-1",
      resourceName: "db",
      privateLinkId: id,
      status: "AVAILABLE",
      errorMessage: null,
      regionName: "EU_WEST_1",
      ...AZURE_EMPTY,
      ...GCP_EMPTY,
      endpointServiceName: expect.stringMatching(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/) as unknown,
      interfaceEndpoints: [],
      supportedRemoteRegions: ["US_EAST_1"],
      unfinishedCreate: false,
      unconfirmedCreate: null,
    });
  });

  it("answers an Azure service with the Private Link Service name and its ARM resource id", async () => {
    const { id, state } = await created("db", { projectId: PROJECT, providerName: "AZURE", region: "eastus2" });
    const nextId = id.slice(0, 18) + (parseInt(id.slice(18), 16) + 1).toString(16).padStart(6, "0");
    expect(state).toMatchObject({ ...AWS_EMPTY, ...GCP_EMPTY, status: "AVAILABLE", regionName: "US_EAST_2" });
    expect(state["privateLinkServiceName"]).toBe(`pls_${id}`);
    expect(state["privateEndpoints"]).toEqual([]);
    expect(state["privateLinkServiceResourceId"]).toMatch(
      new RegExp(
        `^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}/resourceGroups/rg_${nextId.slice(-24)}_[a-z0-9]{8}/providers/Microsoft\\.Network/privateLinkServices/pls_${id}$`,
      ),
    );
  });

  it("answers a GCP service with six service attachments, as Atlas does", async () => {
    const { state } = await created("db", { projectId: PROJECT, providerName: "GCP", region: "us-central1" });
    const names = state["serviceAttachmentNames"] as string[];
    expect(names).toHaveLength(6);
    names.forEach((name, i) => {
      expect(name).toMatch(
        new RegExp(`^projects/p-[a-z0-9]{24}/regions/us-central1/serviceAttachments/sa-us-central1-${PROJECT}-${i}$`),
      );
    });
    expect(state).toMatchObject({ ...AWS_EMPTY, ...AZURE_EMPTY, regionName: "CENTRAL_US", portMappingEnabled: false });
    expect(state["endpointGroupNames"]).toEqual([]);
  });

  it("answers a GCP service with port mapping with one service attachment", async () => {
    const { state } = await created("db", {
      projectId: PROJECT,
      providerName: "GCP",
      region: "europe-west1",
      portMappingEnabled: true,
    });
    expect(state["serviceAttachmentNames"]).toEqual([
      expect.stringMatching(
        new RegExp(`^projects/p-[a-z0-9]{24}/regions/europe-west1/serviceAttachments/sa-europe-west1-${PROJECT}-0$`),
      ),
    ]);
    expect(state).toMatchObject({ portMappingEnabled: true, status: "AVAILABLE", regionName: "WESTERN_EUROPE" });
  });

  it("gives the same ids to the same name and different ids to different names", async () => {
    const args = { projectId: PROJECT, providerName: "AWS", region: "us-east-1" };
    const first = await created("db", args);
    const again = await created("db", args);
    const other = await created("cache", args);
    expect(again).toEqual(first);
    expect(other.id).not.toBe(first.id);
    expect(other.state["endpointServiceName"]).not.toBe(first.state["endpointServiceName"]);
  });

  it("rejects a bad region with the provider check's own failure, in preview's words", async () => {
    const inputs = sent("db", { projectId: PROJECT, providerName: "AWS", region: "mars-1" });
    const expected = await providerCheck({}, inputs);
    let thrown: unknown;
    try {
      await atlasMocks().newResource({ type: ENDPOINT_SERVICE_TYPE, name: "db", inputs });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputsError);
    expect(isInvalidInputsError(thrown)).toBe(true);
    const error = thrown as InvalidInputsError;
    expect(error.failures).toEqual(expected.failures);
    expect(error.failures).toHaveLength(1);
    expect(error.message).toBe(
      `1 input of ${ENDPOINT_SERVICE_TYPE} resource 'db' would fail pulumi preview:\n` +
        `  ${ENDPOINT_SERVICE_TYPE} resource 'db': property region value {mars-1} has a problem: ${error.failures[0]?.reason}`,
    );
    expect(error.message).toContain('region "mars-1" is not an AWS region Atlas knows');
  });

  it("lists every failure, with the value of a list element and a nested property", async () => {
    const inputs = sent("db", {
      projectId: PROJECT,
      providerName: "AWS",
      region: "us-east-1",
      supportedRemoteRegions: ["us-west-2", "us-east-1"],
      timeouts: { create: "soon" },
    });
    const error = await Promise.resolve()
      .then(() => atlasMocks().newResource({ type: ENDPOINT_SERVICE_TYPE, name: "db", inputs }))
      .catch((e: unknown) => e as InvalidInputsError);
    expect(error).toBeInstanceOf(InvalidInputsError);
    expect((error as InvalidInputsError).failures.map((f) => f.property)).toEqual([
      "supportedRemoteRegions[1]",
      "timeouts.create",
    ]);
    expect((error as InvalidInputsError).message).toContain("property supportedRemoteRegions[1] value {us-east-1}");
    expect((error as InvalidInputsError).message).toContain("property timeouts.create value {soon}");
  });

  it("has one row per mocked type", () => {
    expect(Object.keys(MOCKED_RESOURCE_TYPES)).toEqual([
      ENDPOINT_SERVICE_TYPE,
      PRIVATE_ENDPOINT_TYPE,
      PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE,
      PRIVATE_CONNECTION_STRINGS_TYPE,
    ]);
  });
});

describe("atlasMocks for PrivateEndpoint", () => {
  const SERVICE = "5f0e9a1b2c3d4e5f60718293";
  const AZURE_ENDPOINT =
    "/subscriptions/4e133d35-e734-4380-a565-c0945535da37/resourceGroups/app-rg/providers/Microsoft.Network/privateEndpoints/atlas-pe";

  async function registered(
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ id: string; state: Record<string, unknown> }> {
    const result = await atlasMocks().newResource({ type: PRIVATE_ENDPOINT_TYPE, name, inputs: sent(name, args) });
    return { id: result.id ?? "", state: result.state };
  }
  const NOT_AWS = { interfaceEndpointId: null, awsConnectionStatus: null };
  const NOT_AZURE = {
    azureStatus: null,
    privateEndpointResourceId: null,
    privateEndpointConnectionName: null,
  };
  const NOT_GCP = { gcpStatus: null, endpointGroupName: null, endpoints: [], portMappingEnabled: null };

  it("answers an AWS registration as AVAILABLE, with the provider's id (service:endpoint)", async () => {
    const { id, state } = await registered("vpce", {
      projectId: PROJECT,
      providerName: "aws",
      privateLinkId: SERVICE,
      endpointServiceId: "vpce-0df793f9c89c24a3b",
    });
    expect(id).toBe(`${SERVICE}:vpce-0df793f9c89c24a3b`);
    expect(state).toEqual({
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId: SERVICE,
      endpointServiceId: "vpce-0df793f9c89c24a3b",
      resourceName: "vpce",
      ...NOT_AZURE,
      ...NOT_GCP,
      interfaceEndpointId: "vpce-0df793f9c89c24a3b",
      awsConnectionStatus: "AVAILABLE",
      privateEndpointIpAddress: null,
      errorMessage: null,
      deleteRequested: false,
      unfinishedCreate: false,
    });
  });

  it("answers an Azure registration with Atlas' connection name and the endpoint's address", async () => {
    const { state } = await registered("pe", {
      projectId: PROJECT,
      providerName: "AZURE",
      privateLinkId: SERVICE,
      endpointServiceId: AZURE_ENDPOINT,
      privateEndpointIpAddress: "10.0.0.4",
    });
    expect(state).toMatchObject({
      ...NOT_AWS,
      ...NOT_GCP,
      azureStatus: "AVAILABLE",
      privateEndpointResourceId: AZURE_ENDPOINT,
      privateEndpointIpAddress: "10.0.0.4",
    });
    expect(state["privateEndpointConnectionName"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}%2Fapp-rg%2Fatlas-pe$/,
    );
  });

  it("answers a GCP endpoint group with every forwarding rule AVAILABLE", async () => {
    const endpoints = [
      { endpointName: "atlas-0", ipAddress: "10.0.0.10" },
      { endpointName: "atlas-1", ipAddress: "10.0.0.11" },
    ];
    const { state } = await registered("psc", {
      projectId: PROJECT,
      providerName: "GCP",
      privateLinkId: SERVICE,
      endpointServiceId: "atlas-group",
      gcpProjectId: "my-project-123",
      endpoints,
    });
    expect(state).toMatchObject({
      ...NOT_AWS,
      ...NOT_AZURE,
      gcpStatus: "AVAILABLE",
      endpointGroupName: "atlas-group",
      portMappingEnabled: false,
      privateEndpointIpAddress: null,
      endpoints: endpoints.map((e) => ({ ...e, status: "AVAILABLE" })),
    });
  });

  it("answers a GCP registration with port mapping: one forwarding rule, its address", async () => {
    const { state } = await registered("psc", {
      projectId: PROJECT,
      providerName: "GCP",
      privateLinkId: SERVICE,
      endpointServiceId: "atlas-rule",
      gcpProjectId: "my-project-123",
      privateEndpointIpAddress: "10.0.0.20",
    });
    expect(state).toMatchObject({
      gcpStatus: "AVAILABLE",
      endpointGroupName: "atlas-rule",
      portMappingEnabled: true,
      privateEndpointIpAddress: "10.0.0.20",
      endpoints: [],
    });
  });

  it("rejects swapped ids with the provider check's own failures", async () => {
    const inputs = sent("swapped", {
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId: "vpce-0df793f9c89c24a3b",
      endpointServiceId: SERVICE,
    });
    const expected = await registrationCheck({}, inputs);
    const error = await Promise.resolve()
      .then(() => atlasMocks().newResource({ type: PRIVATE_ENDPOINT_TYPE, name: "swapped", inputs }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputsError);
    expect((error as InvalidInputsError).failures).toEqual(expected.failures);
    expect((error as InvalidInputsError).failures.map((f) => f.property)).toEqual([
      "privateLinkId",
      "endpointServiceId",
    ]);
    expect((error as InvalidInputsError).message).toContain(
      `${PRIVATE_ENDPOINT_TYPE} resource 'swapped': property privateLinkId value {vpce-0df793f9c89c24a3b} has a problem: privateLinkId "vpce-0df793f9c89c24a3b" is a cloud endpoint id; it goes in endpointServiceId.`,
    );
  });
});

describe("atlasMocks for PrivateEndpointRegionalMode", () => {
  async function mocked(name: string, args: Record<string, unknown>) {
    const result = await atlasMocks().newResource({
      type: PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE,
      name,
      inputs: sent(name, args),
    });
    return { id: result.id ?? "", state: result.state };
  }

  it("answers with the setting asked for, as a change from a new project's off, touching no cluster", async () => {
    const { id, state } = await mocked("regional", { projectId: PROJECT.toUpperCase(), enabled: true });
    expect(id).toBe(PROJECT);
    expect(state).toEqual({
      projectId: PROJECT,
      resourceName: "regional",
      enabled: true,
      affectedClusters: [],
      enabledAtCreate: false,
      pendingClusters: [],
    });
    expect((await mocked("off", { projectId: PROJECT })).state["enabled"]).toBe(false);
  });

  it("rejects bad inputs with the provider check's own failures", async () => {
    const inputs = sent("regional", { projectId: PROJECT, enabled: "yes" });
    const expected = await regionalModeCheck({}, inputs);
    const error = await Promise.resolve()
      .then(() => atlasMocks().newResource({ type: PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE, name: "regional", inputs }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputsError);
    expect((error as InvalidInputsError).failures).toEqual(expected.failures);
    expect((error as InvalidInputsError).message).toContain(
      `${PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE} resource 'regional': property enabled value {yes} has a problem: enabled must be true or false, got "yes"`,
    );
  });
});

describe("atlasMocks for PrivateConnectionStrings", () => {
  async function published(
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ id: string; state: Record<string, unknown> }> {
    const result = await atlasMocks().newResource({
      type: PRIVATE_CONNECTION_STRINGS_TYPE,
      name,
      inputs: sent(name, args),
    });
    return { id: result.id ?? "", state: result.state };
  }

  it("answers a published entry: the strings, one region per endpoint, the same in every run", async () => {
    const args = { projectId: PROJECT, clusterName: "Orders", endpointIds: ["vpce-0123456789abcdef0", "atlas-group"] };
    const { id, state } = await published("orders-uri", args);
    expect(id).toBe(`${PROJECT}:Orders:vpce-0123456789abcdef0,atlas-group`);
    expect(state).toEqual({
      ...args,
      resourceName: "orders-uri",
      connectionString: expect.stringMatching(
        /^mongodb:\/\/pl-0-us-east-1\.([a-z0-9]{5})\.mongodb\.net:1024,pl-0-us-east-1\.\1\.mongodb\.net:1025,pl-0-us-east-1\.\1\.mongodb\.net:1026,pl-0-us-central1-gcp\.\1\.mongodb\.net:1027,pl-0-us-central1-gcp\.\1\.mongodb\.net:1028\/\?ssl=true&authSource=admin&replicaSet=atlas-[a-z0-9]{6}-shard-0$/,
      ) as unknown,
      srvConnectionString: expect.stringMatching(
        /^mongodb\+srv:\/\/orders-pl-0\.[a-z0-9]{5}\.mongodb\.net$/,
      ) as unknown,
      srvShardOptimizedConnectionString: null,
      type: "MONGOD",
      endpoints: [
        { endpointId: "vpce-0123456789abcdef0", providerName: "AWS", region: "US_EAST_1" },
        { endpointId: "atlas-group", providerName: "GCP", region: "CENTRAL_US" },
      ],
      stateName: "IDLE",
      clusterRegions: [
        { providerName: "AWS", region: "US_EAST_1" },
        { providerName: "GCP", region: "CENTRAL_US" },
      ],
    });
    expect((await published("orders-uri", args)).state).toEqual(state);
    expect((await published("other", args)).state["srvConnectionString"]).not.toBe(state["srvConnectionString"]);
  });

  it("refuses what check refuses, naming the property", async () => {
    const inputs = sent("bad", { projectId: PROJECT, clusterName: "orders", endpointIds: ["vpce-1"] });
    const error = await Promise.resolve()
      .then(() => atlasMocks().newResource({ type: PRIVATE_CONNECTION_STRINGS_TYPE, name: "bad", inputs }))
      .catch((e: unknown) => e as InvalidInputsError);
    expect(isInvalidInputsError(error)).toBe(true);
    expect((error as InvalidInputsError).failures).toEqual([
      {
        property: "endpointIds[0]",
        reason:
          'endpointIds[0] "vpce-1" is not an AWS VPC endpoint id; use vpce- and 17 hex digits, e.g. vpce-0123456789abcdef0 (aws.ec2.VpcEndpoint\'s id)',
      },
    ]);
  });
});

describe("atlasMocks for everything else", () => {
  it("hands other resource types, reads and calls to the user's mocks", async () => {
    const resources: string[] = [];
    const calls: string[] = [];
    const mocks = atlasMocks({
      newResource: (args) => {
        resources.push(`${args.type}/${args.name}/${args.id ?? ""}`);
        return { id: "vpce-0123", state: { ...(args.inputs as Record<string, unknown>), dnsEntries: [] } };
      },
      call: (args) => {
        calls.push(args.token);
        return { names: ["us-east-1a"] };
      },
    });
    expect(
      await mocks.newResource({ type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "vpce", inputs: { a: 1 } }),
    ).toEqual({
      id: "vpce-0123",
      state: { a: 1, dnsEntries: [] },
    });
    await mocks.newResource({ type: ENDPOINT_SERVICE_TYPE, name: "read", inputs: {}, id: "0123456789abcdef01234567" });
    expect(await mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: {} })).toEqual({
      names: ["us-east-1a"],
    });
    expect(resources).toEqual([
      "aws:ec2/vpcEndpoint:VpcEndpoint/vpce/",
      `${ENDPOINT_SERVICE_TYPE}/read/0123456789abcdef01234567`,
    ]);
    expect(calls).toEqual(["aws:index/getAvailabilityZones:getAvailabilityZones"]);
  });

  it("echoes inputs back without user mocks, as Pulumi's testing guide does", async () => {
    const mocks = atlasMocks();
    expect(
      await mocks.newResource({ type: "random:index/randomId:RandomId", name: "r", inputs: { byteLength: 4 } }),
    ).toEqual({ id: "r_id", state: { byteLength: 4 } });
    expect(await mocks.call({ token: "aws:index/getRegion:getRegion", inputs: { name: "x" } })).toEqual({ name: "x" });
  });
});

describe("atlasMocks under pulumi.runtime.setMocks", () => {
  it("gives a program's service and the endpoint registered with it the mocked outputs", async () => {
    await pulumi.runtime.setMocks(atlasMocks(), "project", "stack", false);
    // The resource modules are loaded after setMocks, as a program under test would be.
    const { PrivateEndpointService } = await import("../../provider/endpoint-service");
    const { PrivateEndpoint } = await import("../../provider/private-endpoint");
    const service = new PrivateEndpointService("orders", {
      projectId: PROJECT,
      providerName: "AWS",
      region: "us-west-2",
    });
    const endpoint = new PrivateEndpoint("orders-vpce", {
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId: service.privateLinkId,
      endpointServiceId: "vpce-0123456789abcdef0",
    });
    const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));
    const [id, status, name, endpointId, connection] = await Promise.all([
      valueOf(service.id),
      valueOf(service.status),
      valueOf(service.endpointServiceName),
      valueOf(endpoint.id),
      valueOf(endpoint.awsConnectionStatus),
    ]);
    const expected = await created("orders", { projectId: PROJECT, providerName: "AWS", region: "us-west-2" });
    expect(id).toBe(expected.id);
    expect(status).toBe("AVAILABLE");
    expect(name).toBe(expected.state["endpointServiceName"]);
    expect(endpointId).toBe(`${expected.id}:vpce-0123456789abcdef0`);
    expect(connection).toBe("AVAILABLE");
  }, 120_000);

  it("gives a program's connection strings the mocked entry", async () => {
    await pulumi.runtime.setMocks(atlasMocks(), "project", "stack", false);
    const { PrivateConnectionStrings } = await import("../../provider/private-connection-strings");
    const strings = new PrivateConnectionStrings("orders-uri", {
      projectId: PROJECT,
      clusterName: "orders",
      endpointIds: ["vpce-0123456789abcdef0"],
    });
    const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));
    const [srv, type] = await Promise.all([valueOf(strings.srvConnectionString), valueOf(strings.type)]);
    expect(srv).toMatch(/^mongodb\+srv:\/\/orders-pl-0\.[a-z0-9]{5}\.mongodb\.net$/);
    expect(type).toBe("MONGOD");
  }, 120_000);
});
