/**
 * The emulator's controls for races and odd answers: writes that land after the client gave up on them, failures armed
 * for the next create only, GCP's `DELETED`, registrations listed after their 404, answers without `cloudProvider`.
 */
import { startEmulator, type RunningEmulator } from "../../emulator";
import { control, EmulatorControlError, type EmulatorControl } from "../support/emulator-control";
import { resetWithClient, endpointSegment, type AtlasTestClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;
let atlas: AtlasTestClient;

const SETTINGS = { provisionSeconds: 10, deletingSeconds: 5, registrationSeconds: 20, registrationDeletingSeconds: 5 };
const VPCE = "vpce-0123456789abcdef0";
const GCP_ENDPOINTS = [{ endpointName: "atlas-fr-0", ipAddress: "10.0.0.4" }];

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now, ...SETTINGS });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  atlas = await resetWithClient(ctl, emulator.baseUrl);
});

async function readyService(body: Record<string, unknown>): Promise<string> {
  const created = await atlas.create(body);
  expect(created.status).toBe(201);
  clock.advance(10_000);
  return created.service.id;
}

describe("a fault with landsAfter", () => {
  it("drops the POST and creates the service only after the next request was answered", async () => {
    await ctl.addFault({ method: "POST", path: "/privateEndpoint/endpointService$", landsAfter: 1 });
    await expect(atlas.create({ providerName: "AWS", region: "us-east-1" })).rejects.toThrow();
    expect((await atlas.list("AWS")).json).toEqual([]);
    expect((await ctl.services()).map((s) => s.regionName)).toEqual(["US_EAST_1"]);
    expect((await ctl.requests()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ["POST", 0, "f1 lands-late"],
      ["GET", 200, undefined],
    ]);
  });

  it("holds a registration's POST for two later requests", async () => {
    const serviceId = await readyService({ providerName: "AWS", region: "us-east-1" });
    await ctl.addFault({ method: "POST", path: "/endpoint$", landsAfter: 2 });
    await expect(atlas.register("AWS", serviceId, { id: VPCE })).rejects.toThrow();
    expect((await atlas.registration("AWS", serviceId, VPCE)).status).toBe(404);
    expect((await atlas.registration("AWS", serviceId, VPCE)).status).toBe(404);
    expect((await atlas.registration("AWS", serviceId, VPCE)).status).toBe(200);
  });

  it("is refused with anything but method, path, skip and times", async () => {
    const error = await ctl.addFault({ path: "x", landsAfter: 1, status: 500 }).catch((e: unknown) => e);
    expect((error as EmulatorControlError).status).toBe(400);
    expect((error as EmulatorControlError).message).toMatch(/landsAfter fault drops the connection/);
  });
});

describe("failing creates", () => {
  it("fail the next service only, after its provisioning time, with the message given", async () => {
    expect(await ctl.armFailingCreate({ resource: "service", errorMessage: "Reason: No Capacity." })).toEqual({
      resource: "service",
      errorMessage: "Reason: No Capacity.",
    });
    const failing = (await atlas.create({ providerName: "AWS", region: "us-east-1" })).service.id;
    const other = (await atlas.create({ providerName: "AWS", region: "us-west-2" })).service.id;
    expect(await ctl.failingCreates()).toEqual([]);
    expect((await atlas.get("AWS", failing)).service.status).toBe("INITIATING");
    clock.advance(10_000);
    expect((await atlas.get("AWS", failing)).service).toMatchObject({
      status: "FAILED",
      errorMessage: "Reason: No Capacity.",
      endpointServiceName: null,
    });
    expect((await atlas.get("AWS", other)).service).toMatchObject({ status: "AVAILABLE", errorMessage: null });
  });

  it("reject the next registration only", async () => {
    const serviceId = await readyService({ providerName: "AWS", region: "us-east-1" });
    await ctl.armFailingCreate({ resource: "registration" });
    await atlas.register("AWS", serviceId, { id: VPCE });
    await atlas.register("AWS", serviceId, { id: "vpce-0123456789abcdef1" });
    clock.advance(20_000);
    expect((await ctl.registrations()).map((r) => [r.endpointId, r.status])).toEqual([
      [VPCE, "REJECTED"],
      ["vpce-0123456789abcdef1", "AVAILABLE"],
    ]);
  });

  it("are listed, cleared, and refused when malformed", async () => {
    await ctl.armFailingCreate({ resource: "service" });
    expect(await ctl.failingCreates()).toEqual([
      { resource: "service", errorMessage: "Simulated failure (Atlas emulator)" },
    ]);
    await ctl.clearFailingCreates();
    expect(await ctl.failingCreates()).toEqual([]);
    const error = await ctl.armFailingCreate({ resource: "cluster" as never }).catch((e: unknown) => e);
    expect((error as EmulatorControlError).status).toBe(400);
  });
});

describe("a deleted GCP group (gcpDeletedSeconds) and a list that lags (registrationListedAfterGoneSeconds)", () => {
  it("shows DELETED after DELETING, then 404, and stays listed for a while after that", async () => {
    await ctl.settings({ gcpDeletedSeconds: 10, registrationListedAfterGoneSeconds: 20 });
    const serviceId = await readyService({ providerName: "GCP", region: "us-east4", portMappingEnabled: true });
    const body = { endpointGroupName: "atlas-fr-0", gcpProjectId: "my-project", endpoints: GCP_ENDPOINTS };
    await atlas.register("GCP", serviceId, body);
    clock.advance(20_000);
    await atlas.unregister("GCP", serviceId, endpointSegment("atlas-fr-0"));
    const statuses: unknown[] = [];
    for (const step of [0, 5_000, 10_000]) {
      clock.advance(step);
      const answer = await atlas.registration("GCP", serviceId, "atlas-fr-0");
      statuses.push(answer.status === 200 ? (answer.json as { status: string }).status : answer.status);
    }
    expect(statuses).toEqual(["DELETING", "DELETED", 404]);
    expect((await atlas.get("GCP", serviceId)).json).toMatchObject({ endpointGroupNames: ["atlas-fr-0"] });
    expect((await atlas.remove("GCP", serviceId)).error.errorCode).toBe("CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS");
    clock.advance(20_000);
    expect((await atlas.get("GCP", serviceId)).json).toMatchObject({ endpointGroupNames: [] });
    expect((await atlas.remove("GCP", serviceId)).status).toBe(202);
  });
});

describe("omitCloudProvider", () => {
  it("leaves cloudProvider out of registration answers", async () => {
    await ctl.settings({ omitCloudProvider: true });
    const serviceId = await readyService({ providerName: "AWS", region: "us-east-1" });
    const created = await atlas.register("AWS", serviceId, { id: VPCE });
    expect(created.json).toEqual({
      connectionStatus: "PENDING_ACCEPTANCE",
      deleteRequested: false,
      errorMessage: null,
      interfaceEndpointId: VPCE,
    });
    expect((await atlas.registration("AWS", serviceId, VPCE)).json).not.toHaveProperty("cloudProvider");
  });
});
