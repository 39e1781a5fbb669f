import { AtlasClient } from "../../provider/atlas/client";
import { isAtlasApiError } from "../../provider/atlas/errors";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";

const PROJECT = EMULATOR_IDENTITY.projectId;
/** An ARM id whose names hold characters that must be percent-encoded in a path: space, `#`, `?`, `%`, `(`. */
const AZURE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg (prod)#1/providers/Microsoft.Network/privateEndpoints/pe?50%";

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    provisionSeconds: 0.1,
    registrationSeconds: 0.1,
    registrationDeletingSeconds: 0.1,
    quiet: true,
  });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await ctl.reset();
});

function client(): AtlasClient {
  return new AtlasClient({ baseUrl: emulator.baseUrl, credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey } });
}

async function readyService(atlas: AtlasClient): Promise<string> {
  const service = await atlas.createEndpointService(PROJECT, { providerName: "AZURE", region: "US_EAST_2" });
  for (;;) {
    if ((await atlas.getEndpointService(PROJECT, "AZURE", service.id)).status === "AVAILABLE") return service.id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the Atlas client's registration calls", () => {
  it("puts an Azure ARM id in the path as one segment, percent-encoded exactly once", async () => {
    const atlas = client();
    const serviceId = await readyService(atlas);
    const created = await atlas.createRegistration(PROJECT, "AZURE", serviceId, {
      id: AZURE_ID,
      privateEndpointIPAddress: "10.0.0.4",
    });
    expect(created).toMatchObject({ cloudProvider: "AZURE", privateEndpointResourceId: AZURE_ID });
    await ctl.clearRequests();

    await expect(atlas.getRegistration(PROJECT, "AZURE", serviceId, AZURE_ID)).resolves.toMatchObject({
      privateEndpointResourceId: AZURE_ID,
    });
    await atlas.deleteRegistration(PROJECT, "AZURE", serviceId, AZURE_ID);

    const segment =
      "%2Fsubscriptions%2F00000000-0000-0000-0000-000000000000%2FresourceGroups%2Frg%20(prod)%231%2Fproviders%2FMicrosoft.Network%2FprivateEndpoints%2Fpe%3F50%25";
    // Both answered 2xx: the emulator, which decodes the segment once, found the registration by its ARM id.
    const calls = (await ctl.requests())
      .filter((r) => r.status !== 401)
      .map((r) => `${r.method} ${r.status} ${r.path}`);
    expect(calls).toEqual([
      `GET 200 /api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/AZURE/endpointService/${serviceId}/endpoint/${segment}`,
      `DELETE 202 /api/atlas/v1.0/groups/${PROJECT}/privateEndpoint/AZURE/endpointService/${serviceId}/endpoint/${segment}`,
    ]);
  });

  it("accepts the spec's success codes: 200 with a body on create, 204 without one on delete", async () => {
    await ctl.settings({ registrationSuccessCodes: "spec" });
    const atlas = client();
    const serviceId = await readyService(atlas);
    const created = await atlas.createRegistration(PROJECT, "AZURE", serviceId, {
      id: AZURE_ID,
      privateEndpointIPAddress: "10.0.0.4",
    });
    expect(created).toMatchObject({ status: "INITIATING" });
    await expect(atlas.deleteRegistration(PROJECT, "AZURE", serviceId, AZURE_ID)).resolves.toBeUndefined();
    const statuses = (await ctl.requests()).filter((r) => r.path.includes("/endpoint") && r.status !== 401);
    expect(statuses.map((r) => [r.method, r.status])).toEqual(
      expect.arrayContaining([
        ["POST", 200],
        ["DELETE", 204],
      ]),
    );
  });

  it("answers a missing registration with a not-found error carrying Atlas' code", async () => {
    const atlas = client();
    const serviceId = await readyService(atlas);
    const error = await atlas.getRegistration(PROJECT, "AZURE", serviceId, AZURE_ID).catch((e: unknown) => e);
    expect(isAtlasApiError(error) && [error.category, error.status, error.errorCode]).toEqual([
      "not-found",
      404,
      "PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND",
    ]);
  });
});
