import { startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, endpointSegment, V2_ACCEPT, type AtlasTestClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

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
