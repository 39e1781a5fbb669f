import { startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, type AtlasAnswer, type AtlasTestClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";
import { SpecValidator } from "./helpers/spec-validator";

const GROUP = "/groups/{groupId}/privateEndpoint";
const CREATE = `${GROUP}/endpointService`;
const UPDATE = `${GROUP}/endpointService/{endpointServiceId}`;
const LIST = `${GROUP}/{cloudProvider}/endpointService`;
const ONE = `${GROUP}/{cloudProvider}/endpointService/{endpointServiceId}`;

const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now, provisionSeconds: 100, deletingSeconds: 10, updateSeconds: 10 });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const CREATES = [
  { providerName: "AWS", region: "eu-west-1" },
  { providerName: "AWS", region: "us-east-1", supportedRemoteRegions: ["us-west-2"] },
  { providerName: "AZURE", region: "eastus2" },
  { providerName: "GCP", region: "us-central1" },
  { providerName: "GCP", region: "us-east4", portMappingEnabled: true },
];

describe.each(["v1.0", "v2"] as const)("emulator answers against the %s OpenAPI spec", (version) => {
  const spec = new SpecValidator(version);
  let atlas: AtlasTestClient;
  beforeEach(() => {
    atlas = atlasClient(emulator.baseUrl, { version });
  });

  /** Checks media type and body against the spec's `specStatus` response of `method path`. */
  function expectValid(answer: AtlasAnswer, method: string, path: string, specStatus = "200"): void {
    const response = spec.response(method, path, specStatus);
    if (response === undefined) throw new Error(`the spec has no ${specStatus} body for ${method} ${path}`);
    expect(answer.headers.get("content-type")?.split(";")[0]).toBe(response.mediaType);
    expect(spec.errors(response.schema, answer.json)).toEqual([]);
  }

  it("create answers 201 (spec: 200) with bodies valid for every provider", async () => {
    for (const body of CREATES) {
      const created = await atlas.create(body);
      expect(created.status).toBe(201);
      expectValid(created, "POST", CREATE);
    }
  });

  it("get answers valid bodies while INITIATING, half way (GCP partial attachments), AVAILABLE and DELETING", async () => {
    const created = await Promise.all(CREATES.map((body) => atlas.create(body)));
    const reads = async (): Promise<AtlasAnswer[]> =>
      Promise.all(created.map(({ service }) => atlas.get(service.cloudProvider, service.id)));
    const statuses: string[] = [];
    for (const step of [0, 60_000, 40_000]) {
      clock.advance(step);
      for (const answer of await reads()) {
        expect(answer.status).toBe(200);
        expectValid(answer, "GET", ONE);
        statuses.push(answer.service.status);
      }
    }
    expect(statuses).toEqual([...Array<string>(10).fill("INITIATING"), ...Array<string>(5).fill("AVAILABLE")]);
    for (const { service } of created) expect((await atlas.remove(service.cloudProvider, service.id)).status).toBe(202);
    for (const answer of await reads()) {
      expect(answer.service.status).toBe("DELETING");
      expectValid(answer, "GET", ONE);
    }
  });

  it("list answers a valid array for each provider", async () => {
    await Promise.all(CREATES.map((body) => atlas.create(body)));
    clock.advance(100_000);
    for (const provider of ["AWS", "AZURE", "GCP"]) {
      const listed = await atlas.list(provider);
      expect(listed.services.length).toBeGreaterThan(0);
      expectValid(listed, "GET", LIST);
    }
  });

  it("PATCH answers a valid body", async () => {
    const { service } = await atlas.create(CREATES[0]);
    clock.advance(100_000);
    const patched = await atlas.update(service.id, { cloudProvider: "AWS", supportedRemoteRegions: ["US_WEST_2"] });
    expect(patched.status).toBe(200);
    expectValid(patched, "PATCH", UPDATE);
  });

  it("a FAILED service with an errorMessage is valid", async () => {
    const { service } = await atlas.create(CREATES[2]);
    await ctl.patchService(service.id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
    expectValid(await atlas.get("AZURE", service.id), "GET", ONE);
  });

  it("delete answers 202 `{}` where the spec documents 204 without a body", async () => {
    expect(spec.response("DELETE", ONE, "204")?.schema).toBeUndefined();
    expect(Object.keys(spec.spec.paths[`/api/atlas/${version}${ONE}`]!.delete!.responses)).toContain("204");
    const { service } = await atlas.create(CREATES[0]);
    const deleted = await atlas.remove("AWS", service.id);
    expect([deleted.status, deleted.text]).toEqual([202, "{}"]);
  });

  it("the validator itself rejects wrong types, unknown fields and malformed names", () => {
    const schema = spec.response("GET", ONE, "200")!.schema;
    const valid = {
      cloudProvider: "AWS",
      endpointServiceName: null,
      errorMessage: null,
      id: "6a793f68c0eb9e7a17715835",
      interfaceEndpoints: [],
      regionName: "EU_WEST_1",
      status: "INITIATING",
      supportedRemoteRegions: null,
    };
    expect(spec.errors(schema, valid)).toEqual([]);
    expect(spec.errors(schema, { ...valid, status: "PENDING" })).not.toEqual([]);
    expect(spec.errors(schema, { ...valid, id: "XYZ" })).not.toEqual([]);
    expect(spec.errors(schema, { ...valid, endpointServiceName: "vpce-123" })).not.toEqual([]);
    expect(spec.errors(schema, { ...valid, extra: 1 })).not.toEqual([]);
    const gcp = {
      cloudProvider: "GCP",
      serviceAttachmentNames: ["https://www.googleapis.com/compute/v1/projects/p-1/x"],
    };
    expect(spec.errors(schema, gcp)).not.toEqual([]);
  });
});
