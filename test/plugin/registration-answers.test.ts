/**
 * What Atlas may answer about a registration, through the real dynamic-provider plugin: GCP's `DELETED`, answers
 * without `cloudProvider`, 404s that do and do not mean "gone", the service's delete under any 409, transient statuses
 * a refresh stored, Azure ids in another case, and GCP shapes the service cannot take.
 */
import {
  AZURE_ID,
  PATH,
  PROJECT,
  VPCE,
  atlasClient,
  callsOf,
  failureOf,
  linkInputs,
  outputMatches,
  readyService,
  serviceInputs,
  usePluginBench,
  type Props,
} from "./plugin-harness";
import { eventually } from "../support/eventually";

const bench = usePluginBench();

const GCP_ENDPOINTS = [
  { endpointName: "atlas-rule-0", ipAddress: "10.128.0.10" },
  { endpointName: "atlas-rule-1", ipAddress: "10.128.0.11" },
];

/** A GCP service with two attachments and a registration of two forwarding rules on it, both ready. */
async function gcpLink(region: string, extra: Props = {}) {
  await bench.ctl.settings({ gcpAttachmentCount: 2 });
  const privateLinkId = await readyService(bench.plugin, "GCP", region);
  const inputs = await linkInputs(bench.plugin, {
    providerName: "GCP",
    privateLinkId,
    endpointServiceId: "atlas-group",
    gcpProjectId: "my-project-123",
    endpoints: GCP_ENDPOINTS,
    ...extra,
  });
  return { privateLinkId, inputs };
}

async function awsLink(region: string, extra: Props = {}) {
  const privateLinkId = await readyService(bench.plugin, "AWS", region);
  const inputs = await linkInputs(bench.plugin, {
    providerName: "AWS",
    privateLinkId,
    endpointServiceId: VPCE,
    ...extra,
  });
  return { privateLinkId, inputs };
}

describe("GCP's DELETED", () => {
  it("ends the delete's wait when the group shows DELETED before its 404", async () => {
    const { inputs } = await gcpLink("us-central1", { timeouts: { delete: "3s" } });
    const created = await bench.plugin.create(inputs);
    await bench.ctl.settings({ gcpDeletedSeconds: 600 });
    const startedAtMs = Date.now();
    await bench.plugin.delete(created.id, created.properties);
    expect(Date.now() - startedAtMs).toBeLessThan(2500);
    expect((await bench.ctl.registrations()).map((r) => r.status)).toEqual(["DELETED"]);
    await outputMatches(bench.plugin, /deleted from endpoint service/);
  });

  it("treats DELETED during the create's wait as gone: a plain error, nothing recorded", async () => {
    const { privateLinkId, inputs } = await gcpLink("us-east4", { timeouts: { create: "4s" } });
    await bench.ctl.settings({ registrationSeconds: 30, registrationDeletingSeconds: 0.1, gcpDeletedSeconds: 600 });
    const creating = failureOf(bench.plugin.create(inputs));
    await eventually(
      () => bench.ctl.registrations(),
      (list) => list.length === 1,
    );
    await atlasClient(bench.emulator).deleteRegistration(PROJECT, "GCP", privateLinkId, "atlas-group");
    const error = await creating;
    expect(error.partial).toBeUndefined();
    expect(error.message).toMatch(/disappeared while it was being created.*nothing remains to record/);
  });

  it("ends the delete's wait at a final status that says the delete was requested", async () => {
    const { inputs } = await awsLink("us-east-1", { timeouts: { delete: "3s" } });
    const created = await bench.plugin.create(inputs);
    await bench.ctl.addFault({
      method: "GET",
      path: PATH.registration.source,
      status: 200,
      body: {
        cloudProvider: "AWS",
        connectionStatus: "AVAILABLE",
        deleteRequested: true,
        errorMessage: null,
        interfaceEndpointId: VPCE,
      },
      times: 1000,
    });
    const startedAtMs = Date.now();
    await bench.plugin.delete(created.id, created.properties);
    expect(Date.now() - startedAtMs).toBeLessThan(2500);
  });
});

describe("answers without cloudProvider", () => {
  it.each([
    ["AWS", "awsConnectionStatus"],
    ["AZURE", "azureStatus"],
    ["GCP", "gcpStatus"],
  ] as const)("judge %s statuses by the provider the resource was declared with", async (provider, field) => {
    await bench.ctl.settings({ omitCloudProvider: true });
    const timeouts = { create: "4s" };
    const link =
      provider === "AWS"
        ? await awsLink("eu-west-1", { timeouts })
        : provider === "GCP"
          ? await gcpLink("europe-west1", { timeouts })
          : {
              inputs: await linkInputs(bench.plugin, {
                providerName: "AZURE",
                privateLinkId: await readyService(bench.plugin, "AZURE", "westeurope"),
                endpointServiceId: AZURE_ID,
                privateEndpointIpAddress: "10.0.0.4",
                timeouts,
              }),
            };
    const created = await bench.plugin.create(link.inputs);
    expect(created.properties[field]).toBe("AVAILABLE");
    if (provider === "AWS") expect(created.properties["interfaceEndpointId"]).toBe(VPCE);
    if (provider === "GCP") {
      expect(created.properties["endpoints"]).toEqual(GCP_ENDPOINTS.map((e) => ({ ...e, status: "AVAILABLE" })));
    }
    const read = await bench.plugin.read(created.id, created.properties);
    expect(read.properties[field]).toBe("AVAILABLE");
    await bench.plugin.delete(created.id, read.properties);
    expect(await bench.ctl.registrations()).toEqual([]);
  });
});

describe("which 404 means gone", () => {
  async function stored(kind: "service" | "registration") {
    if (kind === "service") {
      const created = await bench.plugin.create(await serviceInputs(bench.plugin, "AWS", "us-east-2"));
      return { ...created, path: PATH.service };
    }
    const { inputs } = await awsLink("us-east-2");
    return { ...(await bench.plugin.create(inputs)), path: PATH.registration };
  }

  it.each(["service", "registration"] as const)("drops a %s on a 404 with a code nobody recorded", async (kind) => {
    const { id, properties, path } = await stored(kind);
    await bench.ctl.addFault({ method: "GET", path: path.source, status: 404, errorCode: "ENDPOINT_NOT_FOUND_V3" });
    expect((await bench.plugin.read(id, properties)).id).toBe("");
  });

  it.each([
    ["service", "RESOURCE_NOT_FOUND"],
    ["registration", "RESOURCE_NOT_FOUND"],
    ["service", "GROUP_NOT_FOUND"],
    ["registration", "GROUP_NOT_FOUND"],
  ] as const)("keeps a %s and fails the read on a 404 %s (a malformed path, or the project)", async (kind, code) => {
    const { id, properties, path } = await stored(kind);
    await bench.ctl.addFault({ method: "GET", path: path.source, status: 404, errorCode: code });
    const error = await failureOf(bench.plugin.read(id, properties));
    expect(error.message).toContain(`Atlas answered 404 ${code}`);
  });

  it.each(["service", "registration"] as const)(
    "does not take a 404 GROUP_NOT_FOUND to a %s's DELETE for done",
    async (kind) => {
      const { id, properties, path } = await stored(kind);
      await bench.ctl.addFault({ method: "DELETE", path: path.source, status: 404, errorCode: "GROUP_NOT_FOUND" });
      const error = await failureOf(bench.plugin.delete(id, properties));
      expect(error.message).toContain("Atlas answered 404 GROUP_NOT_FOUND");
    },
  );
});

describe("the service's delete under a 409", () => {
  it("waits while a deleted registration is still listed, whatever the 409's code", async () => {
    await bench.ctl.settings({ registrationListedAfterGoneSeconds: 1 });
    const { privateLinkId, inputs } = await awsLink("ap-south-1");
    const link = await bench.plugin.create(inputs);
    const service = await bench.plugin.read(privateLinkId, {
      ...(await serviceInputs(bench.plugin, "AWS", "ap-south-1")),
      privateLinkId,
    });
    await bench.plugin.delete(link.id, link.properties);
    await bench.ctl.clearRequests();
    await bench.ctl.addFault({
      method: "DELETE",
      path: PATH.service.source,
      status: 409,
      errorCode: "PRIVATE_ENDPOINT_SERVICE_HAS_INTERFACE_ENDPOINTS",
    });
    await bench.plugin.delete(privateLinkId, service.properties);
    const deletes = callsOf(await bench.ctl.requests(), "DELETE", PATH.service).map((r) => r.status);
    expect(deletes[0]).toBe(409);
    expect(deletes[deletes.length - 1]).toBe(202);
    expect(await bench.ctl.services()).toEqual([]);
  });
});

describe("what a refresh stored", () => {
  it("is no change when a ready registration was read in a transient status, and update calls nothing", async () => {
    const { inputs } = await awsLink("eu-central-1");
    const created = await bench.plugin.create(inputs);
    const refreshed = { ...created.properties, awsConnectionStatus: "PENDING" };
    expect(await bench.plugin.diff(created.id, refreshed, inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const news = await linkInputs(bench.plugin, { ...inputs, timeouts: { delete: "5m" } });
    await bench.ctl.clearRequests();
    const updated = await bench.plugin.update(created.id, refreshed, news);
    expect(await bench.ctl.requests()).toEqual([]);
    expect(updated.properties).toMatchObject({ timeouts: { delete: "5m" }, awsConnectionStatus: "PENDING" });
  });

  it("names an unfinished create in the diff, and update resumes only that", async () => {
    await bench.ctl.settings({ registrationSeconds: 1.5 });
    const { inputs } = await awsLink("eu-west-2", { timeouts: { create: "200ms" } });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    expect(partial.properties["unfinishedCreate"]).toBe(true);
    const news = await linkInputs(bench.plugin, { ...inputs, timeouts: { create: "10m" } });
    expect(await bench.plugin.diff(partial.id, partial.properties, news)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    await outputMatches(bench.plugin, /unfinishedCreate: the create of an earlier pulumi up did not finish/);
    const resumed = await bench.plugin.update(partial.id, partial.properties, news);
    expect(resumed.properties).toMatchObject({ awsConnectionStatus: "AVAILABLE", unfinishedCreate: false });
  });
});

describe("Azure ids", () => {
  it("compares the private endpoint's ARM id without regard to case, as Azure does: no replacement", async () => {
    const privateLinkId = await readyService(bench.plugin, "AZURE", "eastus2");
    const base = { providerName: "AZURE", privateLinkId, privateEndpointIpAddress: "10.0.0.4" };
    const created = await bench.plugin.create(await linkInputs(bench.plugin, { ...base, endpointServiceId: AZURE_ID }));
    const respelled = await linkInputs(bench.plugin, {
      ...base,
      endpointServiceId: AZURE_ID.replace("resourceGroups/rg-link", "resourcegroups/RG-Link"),
    });
    expect(await bench.plugin.diff(created.id, created.properties, respelled)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("a GCP registration the service cannot take", () => {
  async function refused(portMappingEnabled: boolean, attachments: number, shape: Props) {
    await bench.ctl.settings({ gcpAttachmentCount: attachments });
    const privateLinkId = await readyService(bench.plugin, "GCP", "us-west1", { portMappingEnabled });
    const inputs = await linkInputs(bench.plugin, {
      providerName: "GCP",
      privateLinkId,
      endpointServiceId: "atlas-group",
      gcpProjectId: "my-project-123",
      ...shape,
    });
    await bench.ctl.clearRequests();
    const error = await failureOf(bench.plugin.create(inputs));
    expect(error.partial).toBeUndefined();
    expect(callsOf(await bench.ctl.requests(), "POST", PATH.register)).toEqual([]);
    return error.message;
  }

  it("says before any POST that a port-mapped service takes privateEndpointIpAddress, not endpoints", async () => {
    expect(await refused(true, 1, { endpoints: GCP_ENDPOINTS })).toMatch(
      /uses port mapping \(portMappingEnabled: true\).*set privateEndpointIpAddress.*instead of endpoints/,
    );
  });

  it("says before any POST that a service without port mapping takes endpoints", async () => {
    expect(await refused(false, 2, { privateEndpointIpAddress: "10.128.0.9" })).toMatch(
      /does not use port mapping.*one forwarding rule per service attachment.*2/,
    );
  });

  it("says before any POST that the endpoints must match the service's attachments, one each", async () => {
    expect(await refused(false, 3, { endpoints: GCP_ENDPOINTS })).toMatch(
      /endpoints lists 2 forwarding rules.*3 service attachments/,
    );
  });
});
