import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

const PROJECT = EMULATOR_IDENTITY.projectId;
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    clusters: [
      { name: "orders", clusterType: "REPLICASET", regions: [{ providerName: "AWS", regionName: "US_EAST_1" }] },
    ],
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const accept = (date: string): string => `application/vnd.atlas.${date}+json`;

/**
 * Found by the official Terraform provider, which lists the project's clusters (Accept 2024-08-05) after every
 * registration: the route is looked up before the version, so a route Atlas has is answered in each of its versions
 * and a route the emulator does not know is a 404 whatever the Accept header says.
 */
describe("the route comes before the version", () => {
  it("answers GET …/clusters with Accept 2024-08-05 (what the Terraform provider sends)", async () => {
    const answer = await atlasClient(emulator.baseUrl, { accept: accept("2024-08-05") }).request(
      "GET",
      `/groups/${PROJECT}/clusters`,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vnd.atlas.2024-08-05+json;charset=utf-8");
    expect(answer.page.totalCount).toBe(1);
  });

  it.each([accept("2024-08-05"), accept("2023-01-01"), "application/json", "*/*"])(
    "answers a route the emulator does not know with 404 RESOURCE_NOT_FOUND (Accept %s)",
    async (header) => {
      const path = `/groups/${PROJECT}/databaseUsers`;
      const answer = await atlasClient(emulator.baseUrl, { accept: header }).request("GET", path);
      expect(answer.status).toBe(404);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.json).toEqual({
        detail: `Cannot find resource /api/atlas/v2${path}.`,
        error: 404,
        errorCode: "RESOURCE_NOT_FOUND",
        parameters: [`/api/atlas/v2${path}`],
        reason: "Not Found",
      });
    },
  );

  it.each([
    ["a service list", `/groups/${PROJECT}/privateEndpoint/AWS/endpointService`, "2024-08-05"],
    ["regional mode", `/groups/${PROJECT}/privateEndpoint/regionalMode`, "2023-02-01"],
    ["a cluster", `/groups/${PROJECT}/clusters/orders`, "2024-10-23"],
    ["the cluster list", `/groups/${PROJECT}/clusters`, "2099-01-01"],
  ])("answers %s in a version it does not have with 406 INVALID_VERSION_DATE", async (_, path, date) => {
    const answer = await atlasClient(emulator.baseUrl, { accept: accept(date) }).request("GET", path);
    expect(answer.status).toBe(406);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.error.errorCode).toBe("INVALID_VERSION_DATE");
  });
});
