import { startDynamicPlugin, type PluginCallError } from "../../scripts/lib/dynamic-plugin";
import type { RequestLogEntry } from "../support/emulator-control";
import { eventually } from "../support/eventually";
import { emulatorConfig } from "../support/provider-harness";
import {
  AZURE_ID,
  LINK_PROVIDER as PROVIDER,
  PROJECT,
  SERVICE_PROVIDER,
  VPCE,
  atlasClient,
  checked as checkedBy,
  failureOf,
  usePluginBench,
  type Props,
} from "./plugin-harness";

/** `PrivateEndpoint` through the real dynamic-provider plugin over gRPC, against the emulator. */
const bench = usePluginBench();

/** A ready endpoint service, made through the plugin as a program would; resolves to its privateLinkId. */
async function service(providerName: string, region: string, extra: Props = {}): Promise<string> {
  const { inputs } = await bench.plugin.check(
    {},
    { __provider: SERVICE_PROVIDER, projectId: PROJECT, providerName, region, ...extra },
  );
  return (await bench.plugin.create(inputs)).id;
}

const checked = (news: Props): Promise<Props> => checkedBy(bench.plugin, PROVIDER, { resourceName: "link", ...news });

const createFailure = (inputs: Props): Promise<PluginCallError> => failureOf(bench.plugin.create(inputs));

/** The registration calls Atlas answered (authentication challenges left out). */
async function registrationCalls(): Promise<RequestLogEntry[]> {
  return (await bench.ctl.requests()).filter((r) => r.status !== 401 && /\/endpoint(\/[^/?]+)?(\?.*)?$/.test(r.path));
}

function calls(log: RequestLogEntry[], method: string): RequestLogEntry[] {
  return log.filter((r) => r.method === method);
}

describe("PrivateEndpoint through the dynamic-provider plugin", () => {
  it("registers an AWS VPC endpoint, reads it, and deletes it, naming the resource in progress lines", async () => {
    const privateLinkId = await service("AWS", "us-east-1");
    const inputs = await checked({ projectId: PROJECT, providerName: "aws", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.clearRequests();

    const created = await bench.plugin.create(inputs);
    expect(created.id).toBe(`${privateLinkId}:${VPCE}`);
    expect(created.properties).toMatchObject({
      interfaceEndpointId: VPCE,
      awsConnectionStatus: "AVAILABLE",
      azureStatus: null,
      gcpStatus: null,
      privateEndpointResourceId: null,
      privateEndpointIpAddress: null,
      privateEndpointConnectionName: null,
      endpointGroupName: null,
      endpoints: [],
      portMappingEnabled: null,
      errorMessage: null,
      deleteRequested: false,
      __provider: PROVIDER,
    });
    expect(calls(await registrationCalls(), "POST")).toHaveLength(1);

    const read = await bench.plugin.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(read.inputs).toMatchObject({
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId,
      endpointServiceId: VPCE,
    });
    const listed = await atlasClient(bench.emulator).getEndpointService(PROJECT, "AWS", privateLinkId);
    expect(listed.interfaceEndpoints).toEqual([VPCE]);

    await bench.plugin.delete(created.id, created.properties);
    expect(await bench.ctl.registrations()).toEqual([]);
    const gone = await bench.plugin.read(created.id, created.properties);
    expect(gone.id).toBe("");
    expect(bench.plugin.output()).toContain(`PrivateEndpoint link (AWS ${VPCE})`);
  });

  it("registers an Azure private endpoint by its ARM id, one encoded path segment", async () => {
    const privateLinkId = await service("AZURE", "eastus2");
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "AZURE",
      privateLinkId,
      endpointServiceId: AZURE_ID,
      privateEndpointIpAddress: "10.0.0.4",
    });
    await bench.ctl.clearRequests();
    const created = await bench.plugin.create(inputs);
    expect(created.properties).toMatchObject({
      azureStatus: "AVAILABLE",
      awsConnectionStatus: null,
      privateEndpointResourceId: AZURE_ID,
      privateEndpointIpAddress: "10.0.0.4",
      interfaceEndpointId: null,
      endpoints: [],
    });
    const gets = calls(await registrationCalls(), "GET");
    expect(gets.length).toBeGreaterThan(0);
    for (const get of gets) expect(get.path).toContain(`/endpoint/${encodeURIComponent(AZURE_ID)}`);
    await bench.plugin.delete(created.id, created.properties);
    expect(await bench.ctl.registrations()).toEqual([]);
  });

  it("registers GCP forwarding rules (no port mapping): ready when the group and every endpoint are", async () => {
    await bench.ctl.settings({ gcpAttachmentCount: 2 });
    const privateLinkId = await service("GCP", "us-central1");
    const endpoints = [
      { endpointName: "atlas-rule-0", ipAddress: "10.128.0.10" },
      { endpointName: "atlas-rule-1", ipAddress: "10.128.0.11" },
    ];
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "GCP",
      privateLinkId,
      endpointServiceId: "atlas-group",
      gcpProjectId: "my-project-123",
      endpoints,
    });
    const created = await bench.plugin.create(inputs);
    expect(created.properties).toMatchObject({
      gcpStatus: "AVAILABLE",
      endpointGroupName: "atlas-group",
      portMappingEnabled: false,
      privateEndpointIpAddress: null,
      endpoints: endpoints.map((e) => ({ ...e, status: "AVAILABLE" })),
    });
    // Stored endpoints carry their status; the program's do not: that is no change.
    expect(await bench.plugin.diff(created.id, created.properties, inputs)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
    await bench.plugin.delete(created.id, created.properties);
    expect(await bench.ctl.registrations()).toEqual([]);
  });

  it("registers a GCP forwarding rule with port mapping by its address", async () => {
    const privateLinkId = await service("GCP", "us-east4", { portMappingEnabled: true });
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "GCP",
      privateLinkId,
      endpointServiceId: "atlas-rule",
      gcpProjectId: "my-project-123",
      privateEndpointIpAddress: "10.142.0.5",
    });
    const created = await bench.plugin.create(inputs);
    expect(created.properties).toMatchObject({
      gcpStatus: "AVAILABLE",
      endpointGroupName: "atlas-rule",
      portMappingEnabled: true,
      privateEndpointIpAddress: "10.142.0.5",
      endpoints: [],
    });
    const read = await bench.plugin.read(created.id, created.properties);
    expect(await bench.plugin.diff(created.id, read.properties, inputs)).toMatchObject({ changes: "none" });
    await bench.plugin.delete(created.id, read.properties);
    expect(await bench.ctl.registrations()).toEqual([]);
  });

  it("works on the v2 API with the spec's success codes (200 on create, 204 without a body on delete)", async () => {
    // The plugin configures each provider once per process: v2 needs a plugin of its own.
    const v2 = await startDynamicPlugin();
    try {
      await v2.configure(emulatorConfig(bench.emulator.baseUrl, { "atlasPrivateEndpoint:apiVersion": "v2" }));
      await bench.ctl.settings({ registrationSuccessCodes: "spec" });
      const privateLinkId = await service("AWS", "eu-west-1");
      const { inputs } = await v2.check(
        {},
        { __provider: PROVIDER, projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE },
      );
      await bench.ctl.clearRequests();
      const created = await v2.create(inputs);
      expect(created.properties["awsConnectionStatus"]).toBe("AVAILABLE");
      await v2.delete(created.id, created.properties);
      const log = await registrationCalls();
      expect(log.length).toBeGreaterThan(2);
      expect(log.filter((r) => !r.path.startsWith("/api/atlas/v2/"))).toEqual([]);
      expect(calls(log, "POST").map((r) => r.status)).toEqual([200]);
      expect(calls(log, "DELETE").map((r) => r.status)).toEqual([204]);
    } finally {
      await v2.close();
    }
  });

  it("accepts the service-like success codes (201 on create, 202 {} on delete) on v1.0", async () => {
    const privateLinkId = await service("AWS", "eu-west-2");
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.clearRequests();
    const created = await bench.plugin.create(inputs);
    await bench.plugin.delete(created.id, created.properties);
    const log = await registrationCalls();
    expect(log.every((r) => r.path.startsWith("/api/atlas/v1.0/"))).toBe(true);
    expect(calls(log, "POST").map((r) => r.status)).toEqual([201]);
    expect(calls(log, "DELETE").map((r) => r.status)).toEqual([202]);
  });

  it("catches swapped ids in check, saying which value goes where, with no HTTP request", async () => {
    const privateLinkId = await service("AWS", "us-west-2");
    await bench.ctl.clearRequests();
    const { failures } = await bench.plugin.check(
      {},
      {
        __provider: PROVIDER,
        projectId: PROJECT,
        providerName: "AWS",
        privateLinkId: VPCE,
        endpointServiceId: privateLinkId,
      },
    );
    expect(failures.map((f) => f.property).sort()).toEqual(["endpointServiceId", "privateLinkId"]);
    expect(failures.find((f) => f.property === "privateLinkId")?.reason).toMatch(
      /"vpce-0123456789abcdef0".*goes in endpointServiceId/,
    );
    expect(failures.find((f) => f.property === "endpointServiceId")?.reason).toMatch(
      /Atlas endpoint service id; it goes in privateLinkId/,
    );
    expect(await bench.ctl.requests()).toEqual([]);
  });

  it("records a REJECTED registration as a partial create, reads it as an output, and replaces it on the next up", async () => {
    const privateLinkId = await service("AWS", "us-east-2");
    await bench.ctl.declareEndpointMissing(VPCE);
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    const error = await createFailure(inputs);
    const partial = error.partial;
    expect(partial?.id).toBe(`${privateLinkId}:${VPCE}`);
    expect(partial?.properties).toMatchObject({ awsConnectionStatus: "REJECTED", __provider: PROVIDER });
    expect(partial?.properties["errorMessage"]).toContain(VPCE);
    expect(partial?.reasons.join(" ")).toMatch(
      /REJECTED.*was not found.*recorded in state; the next pulumi up replaces it/,
    );

    // Refresh: the rejection is an output, not an error.
    const read = await bench.plugin.read(partial!.id, partial!.properties);
    expect(read.properties).toMatchObject({ awsConnectionStatus: "REJECTED" });

    // The next up replaces it, deleting first (the same cloud endpoint on the same service).
    expect(await bench.plugin.diff(partial!.id, read.properties, inputs)).toEqual({
      changes: "some",
      replaces: ["awsConnectionStatus"],
      deleteBeforeReplace: true,
    });
    await bench.ctl.clearMissingEndpoints();
    await bench.plugin.delete(partial!.id, read.properties);
    const replaced = await bench.plugin.create(inputs);
    expect(replaced.properties["awsConnectionStatus"]).toBe("AVAILABLE");
  });

  it("resumes a create that timed out through update, without a second POST", async () => {
    await bench.ctl.settings({ registrationSeconds: 1.5 });
    const privateLinkId = await service("AZURE", "westeurope");
    const base = {
      projectId: PROJECT,
      providerName: "AZURE",
      privateLinkId,
      endpointServiceId: AZURE_ID,
      privateEndpointIpAddress: "10.1.0.4",
    };
    const inputs = await checked({ ...base, timeouts: { create: "200ms" } });
    await bench.ctl.clearRequests();
    const partial = (await createFailure(inputs)).partial;
    expect(partial?.properties["azureStatus"]).toBe("INITIATING");
    expect(partial?.reasons.join(" ")).toMatch(/not AVAILABLE within timeouts.create \(200ms\).*resumes waiting/);

    const news = await checked({ ...base, timeouts: { create: "10m" } });
    expect(await bench.plugin.diff(partial!.id, partial!.properties, news)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const resumed = await bench.plugin.update(partial!.id, partial!.properties, news);
    expect(resumed.properties["azureStatus"]).toBe("AVAILABLE");
    expect(calls(await registrationCalls(), "POST")).toHaveLength(1);
  });

  it("deletes a registration that timed out when deleteOnCreateTimeout asks, and waits until it is gone", async () => {
    await bench.ctl.settings({ registrationSeconds: 5 });
    const privateLinkId = await service("AWS", "ca-central-1");
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId,
      endpointServiceId: VPCE,
      deleteOnCreateTimeout: true,
      timeouts: { create: "200ms" },
    });
    const error = await createFailure(inputs);
    expect(error.partial).toBeUndefined();
    expect(error.message).toMatch(/it was deleted \(deleteOnCreateTimeout: true\)/);
    expect(await bench.ctl.registrations()).toEqual([]);
  });

  it("settles a POST whose answer was lost by looking the registration up by its id", async () => {
    const privateLinkId = await service("AWS", "ap-south-1");
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.addFault({ method: "POST", path: "/endpoint$", act: true, status: 500 });
    await bench.ctl.clearRequests();
    const created = await bench.plugin.create(inputs);
    expect(created.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(calls(await registrationCalls(), "POST").map((r) => r.status)).toEqual([500]);
    expect(bench.plugin.output()).toContain("that request registered it");
  });

  it("records a POST without an answer that did not reach Atlas as unfinished, and registers it on the next up", async () => {
    const privateLinkId = await service("AWS", "ap-south-2");
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.addFault({ method: "POST", path: "/endpoint$", drop: "before" });
    const partial = (await createFailure(inputs)).partial;
    expect(partial?.properties).toMatchObject({ unfinishedCreate: true, awsConnectionStatus: null });
    expect(partial?.reasons.join(" ")).toMatch(/Atlas does not show it \(yet\).*unfinished create/);
    expect(await bench.ctl.registrations()).toEqual([]);
    await bench.ctl.clearRequests();
    const resumed = await bench.plugin.update(partial!.id, partial!.properties, inputs);
    expect(resumed.properties).toMatchObject({ awsConnectionStatus: "AVAILABLE", unfinishedCreate: false });
    expect(calls(await registrationCalls(), "POST").map((r) => r.status)).toEqual([201]);
  });

  it("records a registration whose POST and look-up both failed, and the next up finds it without a second POST", async () => {
    const privateLinkId = await service("AWS", "sa-east-1");
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.addFault({ method: "POST", path: "/endpoint$", drop: "after" });
    await bench.ctl.addFault({
      method: "GET",
      path: `/endpoint/${VPCE}$`,
      status: 403,
      errorCode: "USER_UNAUTHORIZED",
    });
    await bench.ctl.clearRequests();
    const partial = (await createFailure(inputs)).partial;
    expect(partial?.id).toBe(`${privateLinkId}:${VPCE}`);
    expect(partial?.reasons.join(" ")).toMatch(/failed without a clear answer.*looking it up failed too/);
    expect(partial?.properties).toMatchObject({ awsConnectionStatus: null, __provider: PROVIDER });

    expect((await bench.plugin.diff(partial!.id, partial!.properties, inputs)).changes).toBe("some");
    const resumed = await bench.plugin.update(partial!.id, partial!.properties, inputs);
    expect(resumed.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(calls(await registrationCalls(), "POST")).toHaveLength(1);
  });

  it("registers a recorded create that never reached Atlas when the next up finds nothing", async () => {
    const privateLinkId = await service("AWS", "eu-north-1");
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.addFault({ method: "POST", path: "/endpoint$", status: 502 });
    await bench.ctl.addFault({
      method: "GET",
      path: `/endpoint/${VPCE}$`,
      status: 403,
      errorCode: "USER_UNAUTHORIZED",
    });
    const partial = (await createFailure(inputs)).partial;
    expect(await bench.ctl.registrations()).toEqual([]);
    const resumed = await bench.plugin.update(partial!.id, partial!.properties, inputs);
    expect(resumed.properties["awsConnectionStatus"]).toBe("AVAILABLE");
  });

  it("adopts a registration made outside Pulumi only with adoptExisting, and otherwise names it and the ways out", async () => {
    const privateLinkId = await service("AWS", "eu-west-3");
    await atlasClient(bench.emulator).createRegistration(PROJECT, "AWS", privateLinkId, { id: VPCE });
    const base = { projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE };

    const refused = await createFailure(await checked(base));
    expect(refused.partial).toBeUndefined();
    expect(refused.message).toMatch(
      /vpce-0123456789abcdef0 is already registered with endpoint service .*409 PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS.*adoptExisting: true.*delete that registration/,
    );

    const adopted = await bench.plugin.create(await checked({ ...base, adoptExisting: true }));
    expect(adopted.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(await bench.ctl.registrations()).toHaveLength(1);
  });

  it("waits for a service that cannot accept endpoints yet, and for a 409 that says so", async () => {
    await bench.ctl.settings({ provisionSeconds: 1 });
    const made = await atlasClient(bench.emulator).createEndpointService(PROJECT, {
      providerName: "AWS",
      region: "US_WEST_1",
    });
    const inputs = await checked({
      projectId: PROJECT,
      providerName: "AWS",
      privateLinkId: made.id,
      endpointServiceId: VPCE,
    });
    await bench.ctl.addFault({
      method: "POST",
      path: "/endpoint$",
      status: 409,
      errorCode: "PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS",
    });
    await bench.ctl.clearRequests();
    const created = await bench.plugin.create(inputs);
    expect(created.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(calls(await registrationCalls(), "POST").map((r) => r.status)).toEqual([409, 201]);
    expect(bench.plugin.output()).toContain(
      `endpoint service ${made.id} is INITIATING; waiting until it can accept endpoints`,
    );
  });

  it("stores new deadlines and flags without calling Atlas", async () => {
    const privateLinkId = await service("AWS", "ap-northeast-1");
    const inputs = await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    const created = await bench.plugin.create(inputs);
    const news = await checked({ ...inputs, timeouts: { delete: "5m" }, adoptExisting: true });
    expect(await bench.plugin.diff(created.id, created.properties, news)).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    await bench.ctl.clearRequests();
    const updated = await bench.plugin.update(created.id, created.properties, news);
    expect(await bench.ctl.requests()).toEqual([]);
    expect(updated.properties).toMatchObject({
      timeouts: { delete: "5m" },
      adoptExisting: true,
      awsConnectionStatus: "AVAILABLE",
      interfaceEndpointId: VPCE,
    });
  });

  it("lets the service's delete wait while its registrations are being deleted in the same destroy", async () => {
    await bench.ctl.settings({ registrationDeletingSeconds: 1 });
    const { inputs: serviceInputs } = await bench.plugin.check(
      {},
      { __provider: SERVICE_PROVIDER, projectId: PROJECT, providerName: "AWS", region: "us-east-1" },
    );
    const made = await bench.plugin.create(serviceInputs);
    const registered = await bench.plugin.create(
      await checked({ projectId: PROJECT, providerName: "AWS", privateLinkId: made.id, endpointServiceId: VPCE }),
    );
    expect(registered.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    await atlasClient(bench.emulator).deleteRegistration(PROJECT, "AWS", made.id, VPCE);
    await bench.ctl.clearRequests();

    await bench.plugin.delete(made.id, made.properties);
    const deletes = (await bench.ctl.requests()).filter((r) => r.method === "DELETE" && r.status !== 401);
    expect(deletes[0]?.status).toBe(409);
    expect(deletes[deletes.length - 1]?.status).toBe(202);
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("lets a registration deleted a moment after its service's delete (no dependency between them) go first", async () => {
    const made = await service("AWS", "us-east-1");
    await atlasClient(bench.emulator).createRegistration(PROJECT, "AWS", made, { id: VPCE });
    const { inputs } = await bench.plugin.check(
      {},
      { __provider: SERVICE_PROVIDER, projectId: PROJECT, providerName: "AWS", region: "us-east-1" },
    );
    await bench.ctl.clearRequests();
    const deleting = bench.plugin.delete(made, { ...inputs, privateLinkId: made });
    await eventually(
      () => bench.ctl.requests(),
      (log) => log.some((r) => r.method === "DELETE" && r.status === 409),
    );
    await atlasClient(bench.emulator).deleteRegistration(PROJECT, "AWS", made, VPCE);
    await deleting;
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("fails the service's delete with a list of registrations nobody is deleting", async () => {
    const made = await service("AWS", "us-east-1");
    await atlasClient(bench.emulator).createRegistration(PROJECT, "AWS", made, { id: VPCE });
    const { inputs } = await bench.plugin.check(
      {},
      { __provider: SERVICE_PROVIDER, projectId: PROJECT, providerName: "AWS", region: "us-east-1" },
    );
    const error = await bench.plugin.delete(made, { ...inputs, privateLinkId: made }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(
        `cannot be deleted: Atlas still has a registration on it that nothing is deleting: ${VPCE} \\((PENDING_ACCEPTANCE|PENDING|AVAILABLE)\\)`,
      ),
    );
    expect(await bench.ctl.services()).toHaveLength(1);
  });
});
