import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import {
  atlasClient,
  endpointSegment,
  send,
  V2_ACCEPT,
  type AtlasAnswer,
  type AtlasTestClient,
} from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";
import { SpecValidator } from "./helpers/spec-validator";

const PROJECT = EMULATOR_IDENTITY.projectId;

const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

/** Seconds used throughout: services ready after 10 s, registrations after 20 s, gone 5 s after their DELETE. */
beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    provisionSeconds: 10,
    deletingSeconds: 5,
    registrationSeconds: 20,
    registrationDeletingSeconds: 5,
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const VPCE = "vpce-0123456789abcdef0";
const AZURE_ID =
  "/subscriptions/0b7c5d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e/resourceGroups/rg-(prod)_1/providers/Microsoft.Network/privateEndpoints/pe.atlas(1)";
const GCP_ENDPOINTS = [
  { endpointName: "atlas-fr-0", ipAddress: "10.0.0.4" },
  { endpointName: "atlas-fr-1", ipAddress: "10.0.0.5" },
  { endpointName: "atlas-fr-2", ipAddress: "10.0.0.6" },
];

/** Per cloud: how to create the service, the registration body, its path segment and the service list field. */
interface Case {
  readonly name: string;
  readonly provider: "AWS" | "AZURE" | "GCP";
  readonly service: Record<string, unknown>;
  readonly body: Record<string, unknown>;
  readonly endpointId: string;
  readonly listField: string;
  /** Statuses at 0, 5, 10 and 20 s after the POST. */
  readonly progress: readonly string[];
  /** The answer to the POST, apart from the status fields. */
  readonly created: Record<string, unknown>;
}

const CASES: readonly Case[] = [
  {
    name: "AWS",
    provider: "AWS",
    service: { providerName: "AWS", region: "us-east-1" },
    body: { id: VPCE },
    endpointId: VPCE,
    listField: "interfaceEndpoints",
    progress: ["PENDING_ACCEPTANCE", "PENDING_ACCEPTANCE", "PENDING", "AVAILABLE"],
    created: { cloudProvider: "AWS", deleteRequested: false, errorMessage: null, interfaceEndpointId: VPCE },
  },
  {
    name: "AZURE",
    provider: "AZURE",
    service: { providerName: "AZURE", region: "eastus2" },
    body: { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.4" },
    endpointId: AZURE_ID,
    listField: "privateEndpoints",
    progress: ["INITIATING", "INITIATING", "INITIATING", "AVAILABLE"],
    created: {
      cloudProvider: "AZURE",
      deleteRequested: false,
      errorMessage: null,
      privateEndpointConnectionName: null,
      privateEndpointIPAddress: "10.0.0.4",
      privateEndpointResourceId: AZURE_ID,
    },
  },
  {
    name: "GCP",
    provider: "GCP",
    service: { providerName: "GCP", region: "us-central1" },
    body: { endpointGroupName: "atlas-group", gcpProjectId: "my-project", endpoints: GCP_ENDPOINTS },
    endpointId: "atlas-group",
    listField: "endpointGroupNames",
    progress: ["INITIATING", "INITIATING", "INITIATING", "AVAILABLE"],
    created: {
      cloudProvider: "GCP",
      deleteRequested: false,
      endpointGroupName: "atlas-group",
      endpoints: GCP_ENDPOINTS.map((e) => ({ ...e, status: "INITIATING" })),
      errorMessage: null,
      gcpProjectId: "my-project",
      portMappingEnabled: false,
    },
  },
  {
    name: "GCP port-mapped",
    provider: "GCP",
    service: { providerName: "GCP", region: "us-east4", portMappingEnabled: true },
    body: { endpointGroupName: "atlas-fr-0", gcpProjectId: "my-project", endpoints: [GCP_ENDPOINTS[0]] },
    endpointId: "atlas-fr-0",
    listField: "endpointGroupNames",
    progress: ["INITIATING", "INITIATING", "INITIATING", "AVAILABLE"],
    created: {
      cloudProvider: "GCP",
      deleteRequested: false,
      endpointGroupName: "atlas-fr-0",
      endpoints: [{ ...GCP_ENDPOINTS[0], status: "INITIATING" }],
      errorMessage: null,
      gcpProjectId: "my-project",
      portMappingEnabled: true,
    },
  },
];

/** The status field of a registration body: AWS `connectionStatus`, else `status`. */
function statusOf(body: unknown): unknown {
  const b = body as Record<string, unknown>;
  return b.cloudProvider === "AWS" ? b.connectionStatus : b.status;
}

/** A service of `body`, created and past provisioning. */
async function readyService(atlas: AtlasTestClient, body: Record<string, unknown>): Promise<string> {
  const created = await atlas.create(body);
  expect(created.status).toBe(201);
  clock.advance(10_000);
  return created.service.id;
}

describe.each(["v1.0", "v2"] as const)("registrations on %s", (version) => {
  const contentType = version === "v2" ? `${V2_ACCEPT};charset=utf-8` : "application/json";
  let atlas: AtlasTestClient;
  beforeEach(() => {
    atlas = atlasClient(emulator.baseUrl, { version });
  });

  it.each(CASES)("$name: registers, progresses, lists, deletes through DELETING and answers 404 after", async (c) => {
    const serviceId = await readyService(atlas, c.service);
    const segment = endpointSegment(c.endpointId);
    const statusField = c.provider === "AWS" ? "connectionStatus" : "status";

    const created = await atlas.register(c.provider, serviceId, c.body);
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe(contentType);
    expect(created.json).toEqual({ ...c.created, [statusField]: c.progress[0] });
    expect(Object.keys(created.json as object)).toEqual(Object.keys(created.json as object).sort());
    expect((await atlas.get(c.provider, serviceId)).json).toMatchObject({ [c.listField]: [c.endpointId] });

    const seen: unknown[] = [];
    for (const step of [0, 5_000, 5_000, 10_000]) {
      clock.advance(step);
      const got = await atlas.registration(c.provider, serviceId, segment);
      expect(got.status).toBe(200);
      seen.push(statusOf(got.json));
    }
    expect(seen).toEqual(c.progress);

    const deleted = await atlas.unregister(c.provider, serviceId, segment);
    expect([deleted.status, deleted.text]).toEqual([202, "{}"]);
    const deleting = await atlas.registration(c.provider, serviceId, segment);
    expect(deleting.json).toMatchObject({ deleteRequested: true, [statusField]: "DELETING", errorMessage: null });
    expect((await atlas.get(c.provider, serviceId)).json).toMatchObject({ [c.listField]: [c.endpointId] });
    expect((await atlas.remove(c.provider, serviceId)).error.errorCode).toBe(
      "CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS",
    );

    clock.advance(5_000);
    const gone = await atlas.registration(c.provider, serviceId, segment);
    expect([gone.status, gone.error.errorCode]).toEqual([404, "PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND"]);
    expect((await atlas.get(c.provider, serviceId)).json).toMatchObject({ [c.listField]: [] });
    expect((await atlas.remove(c.provider, serviceId)).status).toBe(202);
  });
});

describe("registration answers against the private-endpoint OpenAPI spec (v2)", () => {
  const spec = new SpecValidator("v2", "private-endpoint");
  const ONE = "/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}/endpoint";

  function expectValid(answer: AtlasAnswer, method: string, path: string): void {
    const response = spec.response(method, path, "200");
    if (response === undefined) throw new Error(`the spec has no 200 body for ${method} ${path}`);
    expect(answer.headers.get("content-type")?.split(";")[0]).toBe(response.mediaType);
    expect(spec.errors(response.schema, answer.json)).toEqual([]);
  }

  it.each(CASES)("$name: POST and GET bodies are valid while pending, ready, failed and DELETING", async (c) => {
    const atlas = atlasClient(emulator.baseUrl);
    const serviceId = await readyService(atlas, c.service);
    const created = await atlas.register(c.provider, serviceId, c.body);
    expectValid(created, "POST", ONE);
    const segment = endpointSegment(c.endpointId);
    for (const step of [5_000, 5_000, 10_000]) {
      clock.advance(step);
      expectValid(await atlas.registration(c.provider, serviceId, segment), "GET", `${ONE}/{endpointId}`);
    }
    expect((await atlas.unregister(c.provider, serviceId, segment)).status).toBe(202);
    expectValid(await atlas.registration(c.provider, serviceId, segment), "GET", `${ONE}/{endpointId}`);

    clock.advance(5_000);
    await ctl.declareEndpointMissing(c.endpointId);
    await atlas.register(c.provider, serviceId, c.body);
    clock.advance(20_000);
    const failed = await atlas.registration(c.provider, serviceId, segment);
    expect(statusOf(failed.json)).toBe(c.provider === "AWS" ? "REJECTED" : "FAILED");
    expectValid(failed, "GET", `${ONE}/{endpointId}`);
  });

  it("the validator itself rejects unknown statuses, unknown fields and wrong types", () => {
    const schema = spec.response("GET", `${ONE}/{endpointId}`, "200")!.schema;
    const aws = {
      cloudProvider: "AWS",
      connectionStatus: "AVAILABLE",
      deleteRequested: false,
      errorMessage: null,
      interfaceEndpointId: VPCE,
    };
    expect(spec.errors(schema, aws)).toEqual([]);
    expect(spec.errors(schema, { ...aws, connectionStatus: "INITIATING" })).not.toEqual([]);
    expect(spec.errors(schema, { ...aws, status: "AVAILABLE" })).not.toEqual([]);
    expect(spec.errors(schema, { ...aws, deleteRequested: "no" })).not.toEqual([]);
    const gcp = { cloudProvider: "GCP", endpoints: [{ endpointName: "a", ipAddress: "10.0.0.4", status: "PENDING" }] };
    expect(spec.errors(schema, gcp)).not.toEqual([]);
  });
});

describe("the Azure id in the path", () => {
  let atlas: AtlasTestClient;
  let serviceId: string;
  beforeEach(async () => {
    atlas = atlasClient(emulator.baseUrl);
    serviceId = await readyService(atlas, { providerName: "AZURE", region: "eastus2" });
    const created = await atlas.register("AZURE", serviceId, { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.4" });
    expect(created.status).toBe(201);
  });

  it("is decoded once, whether `(` `)` arrive escaped (Go's PathEscape) or not, and `%2f` in lower case", async () => {
    const escaped = endpointSegment(AZURE_ID);
    expect(escaped).toContain("%28");
    const plain = encodeURIComponent(AZURE_ID);
    expect(plain).toContain("(");
    for (const segment of [escaped, plain, plain.replace(/%2F/g, "%2f")]) {
      const got = await atlas.registration("AZURE", serviceId, segment);
      expect([got.status, (got.json as { privateEndpointResourceId?: string }).privateEndpointResourceId]).toEqual([
        200,
        AZURE_ID,
      ]);
    }
  });

  it.each([
    ["double-encoded", encodeURIComponent(encodeURIComponent(AZURE_ID))],
    ["sent raw, its `/` splitting the path", AZURE_ID.slice(1)],
    ["not an ARM id once decoded", encodeURIComponent("/subscriptions/x/privateEndpoints/pe")],
    ["holding a broken escape", `${encodeURIComponent(AZURE_ID)}%zz`],
  ])("%s answers 404 RESOURCE_NOT_FOUND naming the path", async (_, segment) => {
    for (const answer of [
      await atlas.registration("AZURE", serviceId, segment),
      await atlas.unregister("AZURE", serviceId, segment),
    ]) {
      expect([answer.status, answer.error.errorCode]).toEqual([404, "RESOURCE_NOT_FOUND"]);
      expect(answer.error.detail).toContain("/endpoint/");
    }
    expect((await atlas.registration("AZURE", serviceId, endpointSegment(AZURE_ID))).status).toBe(200);
  });

  it("an ARM id that is well-formed but not registered answers 404 PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND", async () => {
    const other = AZURE_ID.replace("pe.atlas(1)", "pe.atlas(2)");
    const answer = await atlas.registration("AZURE", serviceId, endpointSegment(other));
    expect([answer.status, answer.error.errorCode, answer.error.parameters]).toEqual([
      404,
      "PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND",
      [other],
    ]);
  });
});

describe("registration errors", () => {
  let atlas: AtlasTestClient;
  beforeEach(() => {
    atlas = atlasClient(emulator.baseUrl);
  });

  it("a service that is not ready answers 409 PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS; WAITING_FOR_USER accepts", async () => {
    const { id } = (await atlas.create({ providerName: "AWS", region: "us-east-1" })).service;
    const early = await atlas.register("AWS", id, { id: VPCE });
    expect([early.status, early.error.errorCode, early.error.detail]).toEqual([
      409,
      "PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS",
      `The PrivateLink with the specified id ${id} is not ready to accept endpoint connection requests.`,
    ]);
    await ctl.patchService(id, { status: "FAILED" });
    expect((await atlas.register("AWS", id, { id: VPCE })).error.errorCode).toBe("PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS");
    await ctl.patchService(id, { status: "WAITING_FOR_USER" });
    expect((await atlas.register("AWS", id, { id: VPCE })).status).toBe(201);
    expect(await ctl.registrations()).toHaveLength(1);
  });

  it("a service being deleted answers 409 PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS", async () => {
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    expect((await atlas.remove("AWS", id)).status).toBe(202);
    expect((await atlas.register("AWS", id, { id: VPCE })).error.errorCode).toBe("PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS");
  });

  it("a second registration of the same cloud endpoint answers 409 until the first is gone", async () => {
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    expect((await atlas.register("AWS", id, { id: VPCE })).status).toBe(201);
    const again = await atlas.register("AWS", id, { id: VPCE });
    expect([again.status, again.error.errorCode, again.error.detail]).toEqual([
      409,
      "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS",
      `The PrivateLink already contains an interface endpoint with the specified id ${VPCE}.`,
    ]);
    await atlas.unregister("AWS", id, VPCE);
    expect((await atlas.register("AWS", id, { id: VPCE })).error.errorCode).toBe(
      "PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS",
    );
    clock.advance(5_000);
    expect((await atlas.register("AWS", id, { id: VPCE })).status).toBe(201);
    expect((await atlas.get("AWS", id)).json).toMatchObject({ interfaceEndpoints: [VPCE] });
  });

  it("lists several registrations in the order they were made", async () => {
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    const second = "vpce-0fedcba9876543210";
    await atlas.register("AWS", id, { id: VPCE });
    await atlas.register("AWS", id, { id: second });
    expect((await atlas.get("AWS", id)).json).toMatchObject({ interfaceEndpoints: [VPCE, second] });
    expect((await atlas.list("AWS")).json).toMatchObject([{ interfaceEndpoints: [VPCE, second] }]);
  });

  it("a malformed AWS id answers 404 PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED on create, get and delete", async () => {
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    for (const answer of [
      await atlas.register("AWS", id, { id: "vpc-0123456789abcdef0" }),
      await atlas.registration("AWS", id, "0123456789abcdef0"),
      await atlas.unregister("AWS", id, "vpce_0123"),
    ]) {
      expect([answer.status, answer.error.errorCode]).toEqual([404, "PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED"]);
    }
  });

  it("an unknown registration answers 404 PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND on get and delete", async () => {
    const id = await readyService(atlas, { providerName: "GCP", region: "us-central1" });
    for (const answer of [
      await atlas.registration("GCP", id, "no-such-group"),
      await atlas.unregister("GCP", id, "no-such-group"),
    ]) {
      expect([answer.status, answer.error.errorCode, answer.error.detail]).toEqual([
        404,
        "PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND",
        "A PrivateLink interface endpoint with id no-such-group does not exist.",
      ]);
    }
  });

  it("an unknown service, or one of another cloud, answers 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND", async () => {
    const awsId = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    const unknown = "0123456789abcdef01234568";
    for (const answer of [
      await atlas.register("AWS", unknown, { id: VPCE }),
      await atlas.registration("AWS", unknown, VPCE),
      await atlas.unregister("AWS", unknown, VPCE),
      await atlas.register("GCP", awsId, { endpointGroupName: "g", gcpProjectId: "p", endpoints: [] }),
    ]) {
      expect([answer.status, answer.error.errorCode]).toEqual([404, "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND"]);
    }
  });

  it.each([
    ["AWS", { providerName: "AWS", region: "us-east-1" }, {}, 400, "MISSING_ATTRIBUTE"],
    ["AWS", { providerName: "AWS", region: "us-east-1" }, "not json", 400, "INVALID_JSON"],
    [
      "AWS",
      { providerName: "AWS", region: "us-east-1" },
      { id: VPCE, cloudProvider: "AZURE" },
      400,
      "INVALID_ATTRIBUTE",
    ],
    ["AZURE", { providerName: "AZURE", region: "eastus2" }, { id: AZURE_ID }, 400, "MISSING_ATTRIBUTE"],
    [
      "AZURE",
      { providerName: "AZURE", region: "eastus2" },
      { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.256" },
      400,
      "INVALID_ATTRIBUTE",
    ],
    [
      "AZURE",
      { providerName: "AZURE", region: "eastus2" },
      {
        id: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/z",
        privateEndpointIPAddress: "10.0.0.4",
      },
      400,
      "INVALID_ATTRIBUTE",
    ],
    ["GCP", { providerName: "GCP", region: "us-central1" }, { endpointGroupName: "g" }, 400, "MISSING_ATTRIBUTE"],
    [
      "GCP",
      { providerName: "GCP", region: "us-central1" },
      { endpointGroupName: "g", gcpProjectId: "p", endpoints: [GCP_ENDPOINTS[0], GCP_ENDPOINTS[0]] },
      400,
      "VALIDATION_ERROR",
    ],
    [
      "GCP",
      { providerName: "GCP", region: "us-east4", portMappingEnabled: true },
      { endpointGroupName: "g", gcpProjectId: "p", endpoints: GCP_ENDPOINTS },
      400,
      "VALIDATION_ERROR",
    ],
  ])("%s: service %j, body %j answers %i %s and registers nothing", async (provider, service, body, status, code) => {
    const id = await readyService(atlas, service);
    const answer = await atlas.register(provider, id, body);
    expect([answer.status, answer.error.errorCode]).toEqual([status, code]);
    expect(await ctl.registrations()).toEqual([]);
  });
});

describe("registration roles", () => {
  it("a read-only key may read registrations but not create or delete them", async () => {
    const owner = atlasClient(emulator.baseUrl);
    const readOnly = atlasClient(emulator.baseUrl, {
      credentials: {
        kind: "digest",
        username: EMULATOR_IDENTITY.readOnlyKey.publicKey,
        password: EMULATOR_IDENTITY.readOnlyKey.privateKey,
      },
    });
    const id = await readyService(owner, { providerName: "AWS", region: "us-east-1" });
    expect((await owner.register("AWS", id, { id: VPCE })).status).toBe(201);
    expect((await readOnly.registration("AWS", id, VPCE)).status).toBe(200);
    for (const answer of [
      await readOnly.register("AWS", id, { id: "vpce-0fedcba9876543210" }),
      await readOnly.unregister("AWS", id, VPCE),
    ]) {
      expect([answer.status, answer.error.errorCode]).toEqual([401, "USER_UNAUTHORIZED"]);
    }
    expect((await ctl.registrations()).map((r) => [r.endpointId, r.status])).toEqual([[VPCE, "PENDING_ACCEPTANCE"]]);
  });

  it("an unauthenticated call gets the digest challenge", async () => {
    const answer = await send(
      `${emulator.baseUrl}/api/atlas/v2/groups/${PROJECT}/privateEndpoint/AWS/endpointService/0123456789abcdef01234568/endpoint`,
      { method: "POST", headers: { Accept: V2_ACCEPT } },
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Digest /);
  });
});

describe("a cloud endpoint declared missing (control API)", () => {
  let atlas: AtlasTestClient;
  beforeEach(() => {
    atlas = atlasClient(emulator.baseUrl);
  });

  it("AWS: the registration is REJECTED once AWS would have accepted it, with Atlas' errorMessage", async () => {
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    expect(await ctl.declareEndpointMissing(VPCE)).toEqual({ id: VPCE, registrationsChanged: 0 });
    expect(await ctl.missingEndpoints()).toEqual([VPCE]);
    await atlas.register("AWS", id, { id: VPCE });
    const seen: unknown[] = [];
    for (const step of [0, 10_000, 10_000]) {
      clock.advance(step);
      seen.push((await atlas.registration("AWS", id, VPCE)).json);
    }
    const pending = { cloudProvider: "AWS", deleteRequested: false, interfaceEndpointId: VPCE };
    const rejected = {
      ...pending,
      connectionStatus: "REJECTED",
      errorMessage: `Interface endpoint ${VPCE} was not found.`,
    };
    expect(seen).toEqual([
      { ...pending, connectionStatus: "PENDING_ACCEPTANCE", errorMessage: null },
      rejected,
      rejected,
    ]);
    expect((await atlas.get("AWS", id)).json).toMatchObject({ interfaceEndpoints: [VPCE] });
    // Atlas' advice: delete it and add it again. DELETING keeps the error it had.
    expect((await atlas.unregister("AWS", id, VPCE)).status).toBe(202);
    expect((await atlas.registration("AWS", id, VPCE)).json).toEqual({
      ...rejected,
      connectionStatus: "DELETING",
      deleteRequested: true,
    });
  });

  it("Azure: a pending registration declared missing ends FAILED, and the declaration can be withdrawn", async () => {
    const id = await readyService(atlas, { providerName: "AZURE", region: "eastus2" });
    await atlas.register("AZURE", id, { id: AZURE_ID, privateEndpointIPAddress: "10.0.0.4" });
    clock.advance(5_000);
    expect(await ctl.declareEndpointMissing(AZURE_ID)).toEqual({ id: AZURE_ID, registrationsChanged: 1 });
    clock.advance(15_000);
    expect((await atlas.registration("AZURE", id, endpointSegment(AZURE_ID))).json).toMatchObject({
      status: "FAILED",
      errorMessage: `Private endpoint ${AZURE_ID} was not found.`,
      privateEndpointConnectionName: null,
    });
    await ctl.clearMissingEndpoints();
    expect(await ctl.missingEndpoints()).toEqual([]);
    const other = AZURE_ID.replace("pe.atlas(1)", "pe.atlas(2)");
    await atlas.register("AZURE", id, { id: other, privateEndpointIPAddress: "10.0.0.5" });
    clock.advance(20_000);
    const ok = (await atlas.registration("AZURE", id, endpointSegment(other))).json as Record<string, unknown>;
    expect([ok.status, ok.errorMessage]).toEqual(["AVAILABLE", null]);
    expect(ok.privateEndpointConnectionName).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}%2F[-\w._()]+%2F[-\w._()]+$/,
    );
  });

  it("GCP: one missing forwarding rule fails itself and its group; the others become AVAILABLE", async () => {
    const id = await readyService(atlas, { providerName: "GCP", region: "us-central1" });
    await ctl.declareEndpointMissing("atlas-fr-1");
    await atlas.register("GCP", id, { endpointGroupName: "atlas-group", gcpProjectId: "p", endpoints: GCP_ENDPOINTS });
    const statuses = async (): Promise<unknown[]> => {
      const body = (await atlas.registration("GCP", id, "atlas-group")).json as {
        status: string;
        endpoints: { status: string }[];
      };
      return [body.status, ...body.endpoints.map((e) => e.status)];
    };
    clock.advance(5_000);
    expect(await statuses()).toEqual(["INITIATING", "AVAILABLE", "INITIATING", "INITIATING"]);
    clock.advance(5_000);
    expect(await statuses()).toEqual(["INITIATING", "AVAILABLE", "FAILED", "INITIATING"]);
    clock.advance(10_000);
    expect(await statuses()).toEqual(["FAILED", "AVAILABLE", "FAILED", "AVAILABLE"]);
    expect((await atlas.registration("GCP", id, "atlas-group")).json).toMatchObject({
      errorMessage: "Forwarding rule atlas-fr-1 was not found.",
    });
  });

  it("an AVAILABLE registration stays AVAILABLE", async () => {
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    await atlas.register("AWS", id, { id: VPCE });
    clock.advance(20_000);
    expect(await ctl.declareEndpointMissing(VPCE)).toEqual({ id: VPCE, registrationsChanged: 0 });
    expect((await atlas.registration("AWS", id, VPCE)).json).toMatchObject({ connectionStatus: "AVAILABLE" });
  });

  it.each([[{}], [{ id: "" }], [{ id: VPCE, status: "REJECTED" }]])("refuses %j with 400", async (body) => {
    const answer = await send(`${emulator.baseUrl}/__emulator/missing-endpoints`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(400);
  });
});

describe("registration success codes", () => {
  it("answer 200 with the body and 204 without one under `spec`, and 201/202 `{}` again under `like-services`", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    expect((await ctl.settings({ registrationSuccessCodes: "spec" })).registrationSuccessCodes).toBe("spec");
    const created = await atlas.register("AWS", id, { id: VPCE });
    expect([created.status, statusOf(created.json)]).toEqual([200, "PENDING_ACCEPTANCE"]);
    const deleted = await atlas.unregister("AWS", id, VPCE);
    expect([deleted.status, deleted.text]).toEqual([204, ""]);
    expect((await atlas.registration("AWS", id, VPCE)).json).toMatchObject({ connectionStatus: "DELETING" });

    await ctl.settings({ registrationSuccessCodes: "like-services" });
    const second = "vpce-0fedcba9876543210";
    expect((await atlas.register("AWS", id, { id: second })).status).toBe(201);
    const deletedAgain = await atlas.unregister("AWS", id, second);
    expect([deletedAgain.status, deletedAgain.text]).toEqual([202, "{}"]);
  });

  it("refuses an unknown mode naming the setting", async () => {
    await expect(ctl.settings({ registrationSuccessCodes: "207" as never })).rejects.toThrow(
      /registrationSuccessCodes/,
    );
  });
});

describe("GET /__emulator/registrations", () => {
  it("shows each registration with its timing and body, and forgets those gone with their service", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    const start = clock.now();
    const iso = (offsetMs: number): string => new Date(start + offsetMs).toISOString();
    await atlas.register("AWS", id, { id: VPCE });
    clock.advance(10_000);
    expect(await ctl.registrations()).toEqual([
      {
        serviceId: id,
        projectId: PROJECT,
        cloudProvider: "AWS",
        endpointId: VPCE,
        status: "PENDING",
        errorMessage: null,
        createdAt: iso(0),
        readyAt: iso(20_000),
        goneAt: null,
        missing: false,
        registration: {
          cloudProvider: "AWS",
          connectionStatus: "PENDING",
          deleteRequested: false,
          errorMessage: null,
          interfaceEndpointId: VPCE,
        },
      },
    ]);
    await atlas.unregister("AWS", id, VPCE);
    expect((await ctl.registrations())[0]?.goneAt).toBe(iso(15_000));
    await ctl.patchService(id, { remove: true });
    expect(await ctl.registrations()).toEqual([]);
  });

  it("registration timings follow the settings", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const id = await readyService(atlas, { providerName: "AWS", region: "us-east-1" });
    await ctl.settings({ registrationSeconds: 1, registrationDeletingSeconds: 0.5 });
    await atlas.register("AWS", id, { id: VPCE });
    clock.advance(1_000);
    expect((await atlas.registration("AWS", id, VPCE)).json).toMatchObject({ connectionStatus: "AVAILABLE" });
    await atlas.unregister("AWS", id, VPCE);
    clock.advance(500);
    expect((await atlas.registration("AWS", id, VPCE)).status).toBe(404);
  });
});
