import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { getPrivateEndpointService, listPrivateEndpointServices } from "../../provider/endpoint-service";
import { getPrivateEndpoint } from "../../provider/private-endpoint";
import { getPrivateEndpointRegionalMode } from "../../provider/regional-mode";
import { control, type EmulatorControl } from "../support/emulator-control";
import { emulatorConfig, eventually } from "../support/provider-harness";

const PROJECT = EMULATOR_IDENTITY.projectId;

let emulator: RunningEmulator;
let ctl: EmulatorControl;
let config: { get(key: string): string | undefined };

beforeAll(async () => {
  emulator = await startEmulator({ provisionSeconds: 0.1, quiet: true });
  ctl = control(emulator.baseUrl);
  const values = emulatorConfig(emulator.baseUrl);
  config = { get: (key) => values[key] };
});
afterAll(async () => {
  await emulator.close();
});

describe("lookups", () => {
  it("get returns one service's outputs under the resource's names", async () => {
    const atlas = new AtlasClient({
      baseUrl: emulator.baseUrl,
      credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
    });
    const { id } = await atlas.createEndpointService(PROJECT, { providerName: "AZURE", region: "eastus2" });
    await eventually(
      () => ctl.services(),
      (list) => list.every((s) => s.status === "AVAILABLE"),
    );

    const info = await getPrivateEndpointService(
      { projectId: PROJECT, providerName: "AZURE", privateLinkId: id },
      { config },
    );
    expect(info).toMatchObject({
      projectId: PROJECT,
      providerName: "AZURE",
      privateLinkId: id,
      status: "AVAILABLE",
      regionName: "US_EAST_2",
      endpointServiceName: null,
      serviceAttachmentNames: [],
    });
    expect(info.privateLinkServiceName).toBe(`pls_${id}`);
    expect(info).not.toHaveProperty("region");
  });

  it("list returns every service of a provider, and nothing of the others", async () => {
    const listed = await listPrivateEndpointServices({ projectId: PROJECT, providerName: "AZURE" }, { config });
    expect(listed.map((s) => s.regionName)).toEqual(["US_EAST_2"]);
    expect(await listPrivateEndpointServices({ projectId: PROJECT, providerName: "GCP" }, { config })).toEqual([]);
  });

  it("rejects a provider name it does not know before any call", async () => {
    await ctl.clearRequests();
    await expect(
      listPrivateEndpointServices({ projectId: PROJECT, providerName: "ORACLE" as "AWS" }, { config }),
    ).rejects.toThrow(/providerName "ORACLE" must be AWS, AZURE or GCP/);
    expect(await ctl.requests()).toEqual([]);
  });

  it("getPrivateEndpoint returns one registration's outputs under the resource's names", async () => {
    const atlas = new AtlasClient({
      baseUrl: emulator.baseUrl,
      credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
    });
    const [service] = await listPrivateEndpointServices({ projectId: PROJECT, providerName: "AZURE" }, { config });
    const armId =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
    await atlas.createRegistration(PROJECT, "AZURE", service!.privateLinkId, {
      id: armId,
      privateEndpointIPAddress: "10.0.0.4",
    });
    const info = await getPrivateEndpoint(
      { projectId: PROJECT, providerName: "azure", privateLinkId: service!.privateLinkId, endpointServiceId: armId },
      { config },
    );
    expect(info).toMatchObject({
      projectId: PROJECT,
      providerName: "AZURE",
      privateLinkId: service!.privateLinkId,
      endpointServiceId: armId,
      privateEndpointResourceId: armId,
      privateEndpointIpAddress: "10.0.0.4",
      azureStatus: "INITIATING",
      awsConnectionStatus: null,
      endpoints: [],
    });
  });

  it("getPrivateEndpointRegionalMode reads the project's setting, on v2", async () => {
    await ctl.clearRequests();
    expect(await getPrivateEndpointRegionalMode({ projectId: PROJECT }, { config })).toEqual({
      projectId: PROJECT,
      enabled: false,
    });
    await ctl.setRegionalMode(PROJECT, true);
    expect(await getPrivateEndpointRegionalMode({ projectId: PROJECT }, { config })).toEqual({
      projectId: PROJECT,
      enabled: true,
    });
    const paths = (await ctl.requests()).filter((r) => r.status === 200).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual([
      `GET /api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode`,
      `GET /api/atlas/v2/groups/${PROJECT}/privateEndpoint/regionalMode`,
    ]);
  });
});
