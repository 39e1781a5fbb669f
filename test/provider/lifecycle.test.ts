import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { PartialCreateError } from "../../provider/lifecycle/partial-create-error";
import { AtlasClient } from "../../provider/atlas/client";
import { control, type EmulatorControl } from "../support/emulator-control";
import {
  checkedInputs,
  configureProvider,
  emulatorConfig,
  eventually,
  provider,
  FAST_TIMINGS,
  resetEmulatorAndProvider,
} from "../support/provider-harness";

const PROJECT = EMULATOR_IDENTITY.projectId;

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ ...FAST_TIMINGS, quiet: true });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await resetEmulatorAndProvider(emulator, ctl);
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
});

function directClient(): AtlasClient {
  return new AtlasClient({
    baseUrl: emulator.baseUrl,
    credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
  });
}

async function createFails(inputs: Record<string, unknown>): Promise<unknown> {
  try {
    await provider.create(inputs);
  } catch (error) {
    return error;
  }
  throw new Error("expected create to fail");
}

async function posts(): Promise<number> {
  return (await ctl.requests()).filter(
    (r) => r.method === "POST" && r.path.includes("/endpointService") && r.status !== 401,
  ).length;
}

describe("create", () => {
  it("creates an AWS service and returns every output once it is AVAILABLE", async () => {
    const inputs = await checkedInputs({
      projectId: PROJECT,
      providerName: "aws",
      region: "eu-west-1",
      resourceName: "svc",
    });
    const { id, outs } = await provider.create(inputs);
    expect(outs).toMatchObject({
      privateLinkId: id,
      providerName: "AWS",
      region: "eu-west-1",
      regionName: "EU_WEST_1",
      status: "AVAILABLE",
      errorMessage: null,
      interfaceEndpoints: [],
      privateEndpoints: [],
      privateLinkServiceName: null,
      privateLinkServiceResourceId: null,
      endpointGroupNames: [],
      serviceAttachmentNames: [],
      portMappingEnabled: null,
    });
    expect(outs.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/);
    expect(outs.__provider).toBe("serialized-provider-text");
  });

  it("creates an AZURE service with its Private Link Service outputs", async () => {
    const { outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "AZURE", region: "eastus2" }),
    );
    expect(outs.regionName).toBe("US_EAST_2");
    expect(outs.privateLinkServiceName).toMatch(/^pls_[0-9a-f]{24}$/);
    expect(outs.privateLinkServiceResourceId).toMatch(/^\/subscriptions\/.+\/privateLinkServices\/pls_[0-9a-f]{24}$/);
    expect(outs.endpointServiceName).toBeNull();
  });

  it("creates a GCP service and returns all service attachments, only once ready", async () => {
    const { outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "GCP", region: "us-central1" }),
    );
    expect(outs.regionName).toBe("CENTRAL_US");
    expect(outs.portMappingEnabled).toBe(false);
    expect(outs.serviceAttachmentNames.length).toBeGreaterThan(1);
    expect(outs.serviceAttachmentNames[0]).toMatch(
      /^projects\/p-[a-z0-9]+\/regions\/us-central1\/serviceAttachments\/sa-us-central1-/,
    );
  });

  it("creates one attachment for GCP with port mapping", async () => {
    const { outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "GCP", region: "us-east4", portMappingEnabled: true }),
    );
    expect(outs.portMappingEnabled).toBe(true);
    expect(outs.serviceAttachmentNames).toHaveLength(1);
  });

  it("waits out transient errors during the wait", async () => {
    await ctl.addFault({ method: "GET", path: "/endpointService/[0-9a-f]{24}$", status: 503, times: 2 });
    await ctl.addFault({ method: "GET", path: "/endpointService/[0-9a-f]{24}$", html: true, status: 502 });
    const { outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }),
    );
    expect(outs.status).toBe("AVAILABLE");
    expect(await posts()).toBe(1);
  });

  it("records a service that Atlas reports FAILED as a partial create with Atlas' message", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const inputs = await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    const failure = createFails(inputs);
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await ctl.patchService(service!.id, { status: "FAILED", errorMessage: "No capacity in us-east-1" });
    const error = await failure;
    expect(error).toBeInstanceOf(PartialCreateError);
    const partial = error as PartialCreateError;
    expect(partial.id).toBe(service!.id);
    expect(partial.message).toContain("No capacity in us-east-1");
    expect(partial.properties).toMatchObject({
      status: "FAILED",
      privateLinkId: service!.id,
      __provider: "serialized-provider-text",
    });
    expect(partial.reasons).toEqual([partial.message]);
  });

  it("records a service that is not ready in time, and resumes it without a second POST", async () => {
    await ctl.settings({ provisionSeconds: 2 });
    const inputs = await checkedInputs({
      projectId: PROJECT,
      providerName: "AZURE",
      region: "westeurope",
      timeouts: { create: "300ms" },
    });
    const error = (await createFails(inputs)) as PartialCreateError;
    expect(error).toBeInstanceOf(PartialCreateError);
    expect(error.message).toContain("timeouts.create (300ms)");
    expect(error.properties["status"]).toBe("INITIATING");

    const olds = error.properties;
    const news = { ...inputs, timeouts: { create: "1m" } };
    expect(await provider.diff(error.id, olds, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs } = await provider.update(error.id, olds, news);
    expect(outs).toMatchObject({ status: "AVAILABLE", privateLinkId: error.id });
    expect(await posts()).toBe(1);
  });

  it("deletes a service that is not ready in time when deleteOnCreateTimeout is set", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const inputs = await checkedInputs({
      projectId: PROJECT,
      providerName: "AWS",
      region: "us-west-2",
      deleteOnCreateTimeout: true,
      timeouts: { create: "300ms" },
    });
    const error = await createFails(inputs);
    expect(error).not.toBeInstanceOf(PartialCreateError);
    expect(String(error)).toContain("deleteOnCreateTimeout");
    expect(await ctl.services()).toEqual([]);
  });

  describe("when the region already has a service", () => {
    let existingId: string;
    beforeEach(async () => {
      existingId = (await directClient().createEndpointService(PROJECT, { providerName: "AWS", region: "US_EAST_1" }))
        .id;
    });

    it("fails with the existing id and both ways out, without a POST", async () => {
      const error = await createFails(
        await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }),
      );
      expect(String(error)).toContain(existingId);
      expect(String(error)).toContain("adoptExisting: true");
      expect(String(error)).toContain(`delete ${existingId}`);
      expect(await posts()).toBe(1); // the one that made the existing service
    });

    it("adopts it with adoptExisting and waits until it is ready", async () => {
      const { id, outs } = await provider.create(
        await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1", adoptExisting: true }),
      );
      expect(id).toBe(existingId);
      expect(outs.status).toBe("AVAILABLE");
      expect(await ctl.services()).toHaveLength(1);
    });

    it("adopts it when it appears between the look and the POST (409)", async () => {
      await ctl.patchService(existingId, { remove: true });
      // The POST answers 409 because the service is created just before it is handled.
      await ctl.addFault({
        method: "POST",
        path: "/privateEndpoint/endpointService$",
        status: 409,
        body: {
          detail: "A private endpoint service already exists for AWS region US_EAST_1.",
          error: 409,
          errorCode: "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION",
          parameters: ["AWS", "US_EAST_1"],
          reason: "Conflict",
        },
        act: true,
      });
      const { outs } = await provider.create(
        await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1", adoptExisting: true }),
      );
      expect(outs.status).toBe("AVAILABLE");
      expect(await ctl.services()).toHaveLength(1);
    });
  });

  describe("when a predecessor in the same region is still being deleted", () => {
    let predecessor: string;
    beforeEach(async () => {
      predecessor = (await directClient().createEndpointService(PROJECT, { providerName: "AWS", region: "us-east-1" }))
        .id;
      await ctl.patchService(predecessor, { status: "DELETING", stuck: true });
    });

    it("waits for it to go, then creates", async () => {
      const creating = provider.create(
        await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }),
      );
      await eventually(
        () => ctl.requests(),
        (log) => log.some((r) => r.method === "GET" && r.path.endsWith(predecessor)),
      );
      await ctl.patchService(predecessor, { remove: true });
      const { id, outs } = await creating;
      expect(outs.status).toBe("AVAILABLE");
      expect((await ctl.services()).map((s) => s.id)).toEqual([id]);
    });

    it("fails without a POST when it is not gone within timeouts.create", async () => {
      const error = await createFails(
        await checkedInputs({
          projectId: PROJECT,
          providerName: "AWS",
          region: "us-east-1",
          timeouts: { create: "300ms" },
        }),
      );
      expect(String(error)).toContain(`${predecessor} in US_EAST_1 is still being deleted`);
      expect(await posts()).toBe(1); // the one that made the predecessor
    });
  });

  describe("when the POST fails without a clear answer", () => {
    const inputs = (): Promise<Record<string, unknown>> =>
      checkedInputs({ projectId: PROJECT, providerName: "GCP", region: "europe-west1" });

    it.each([
      ["a 502 after Atlas acted", { status: 502, html: true, act: true }],
      ["a connection dropped after Atlas acted", { drop: "after" as const }],
    ])("finds the service it made after %s", async (_name, fault) => {
      await ctl.addFault({ method: "POST", path: "/privateEndpoint/endpointService$", ...fault });
      const { id, outs } = await provider.create(await inputs());
      expect(outs.status).toBe("AVAILABLE");
      const services = await ctl.services();
      expect(services.map((s) => s.id)).toEqual([id]);
      expect(await posts()).toBe(1);
    });

    it("records an unconfirmed create when Atlas lists nothing new (it may still complete the request)", async () => {
      await ctl.addFault({ method: "POST", path: "/privateEndpoint/endpointService$", drop: "before" });
      const error = await createFails(await inputs());
      expect(error).toBeInstanceOf(PartialCreateError);
      expect((error as PartialCreateError).id).toMatch(/^unconfirmed-create-\d{4}-/);
      expect((error as PartialCreateError).properties).toMatchObject({
        unfinishedCreate: true,
        privateLinkId: "",
        status: "UNKNOWN",
        regionName: "WESTERN_EUROPE",
      });
      expect(await ctl.services()).toEqual([]);
    });
  });
});

describe("read", () => {
  it("returns full outputs and the inputs", async () => {
    const inputs = await checkedInputs({
      projectId: PROJECT,
      providerName: "AWS",
      region: "us-east-1",
      resourceName: "r",
    });
    const { id, outs } = await provider.create(inputs);
    const result = await provider.read(id, outs as unknown as Record<string, unknown>);
    expect(result.id).toBe(id);
    expect(result.props).toMatchObject({ status: "AVAILABLE", regionName: "US_EAST_1", region: "us-east-1" });
    expect(result.inputs).toEqual({ projectId: PROJECT, providerName: "AWS", region: "us-east-1", resourceName: "r" });
  });

  it("answers a blank id when the service was deleted out of band", async () => {
    const { id, outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }),
    );
    await ctl.patchService(id, { remove: true });
    const result = await provider.read(id, outs as unknown as Record<string, unknown>);
    expect(result.id).toBe("");
  });

  it("fails, rather than answering gone, on a server error", async () => {
    const { id, outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }),
    );
    await configureProvider(emulatorConfig(emulator.baseUrl, { "mongodbatlas:privateKey": "wrong" }));
    await expect(provider.read(id, outs as unknown as Record<string, unknown>)).rejects.toMatchObject({
      category: "auth",
    });
  });
});

describe("update", () => {
  it("patches AWS remote regions in place and waits until the service is ready again", async () => {
    const inputs = await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    const { id, outs } = await provider.create(inputs);
    const news = await checkedInputs({ ...inputs, supportedRemoteRegions: ["us-west-2", "EU_WEST_1"] });
    const olds = outs as unknown as Record<string, unknown>;
    expect(await provider.diff(id, olds, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      updates: ["supportedRemoteRegions"],
    });
    const updated = await provider.update(id, olds, news);
    expect(updated.outs).toMatchObject({ status: "AVAILABLE", supportedRemoteRegions: ["US_WEST_2", "EU_WEST_1"] });
    const patches = (await ctl.requests()).filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(1);
  });
});

describe("delete", () => {
  it("deletes and waits until Atlas answers 404", async () => {
    const { id, outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "AZURE", region: "eastus" }),
    );
    await ctl.clearRequests();
    await provider.delete(id, outs as unknown as Record<string, unknown>);
    const log = (await ctl.requests()).filter((r) => r.status !== 401).map((r) => `${r.method} ${r.status}`);
    expect(log[0]).toBe("DELETE 202");
    expect(log[log.length - 1]).toBe("GET 404");
    expect(await ctl.services()).toEqual([]);
  });

  it("treats a service that is already gone as deleted", async () => {
    const { id, outs } = await provider.create(
      await checkedInputs({ projectId: PROJECT, providerName: "AWS", region: "us-east-1" }),
    );
    await ctl.patchService(id, { remove: true });
    await expect(provider.delete(id, outs as unknown as Record<string, unknown>)).resolves.toBeUndefined();
  });

  it("fails when the service is still DELETING after the delete timeout", async () => {
    const inputs = await checkedInputs({
      projectId: PROJECT,
      providerName: "AWS",
      region: "us-east-1",
      timeouts: { delete: "300ms" },
    });
    const { id, outs } = await provider.create(inputs);
    await ctl.patchService(id, { status: "DELETING", stuck: true });
    await expect(provider.delete(id, outs as unknown as Record<string, unknown>)).rejects.toThrow(
      /timeouts\.delete \(300ms\)/,
    );
  });
});
