import { startEmulator, type RunningEmulator } from "../../emulator";
import { UNKNOWN_VALUE } from "../../provider/lifecycle/checks";
import { control, type EmulatorControl } from "../support/emulator-control";
import { configureProvider, emulatorConfig, provider } from "../support/provider-harness";

const PROJECT = "0123456789abcdef01234567";
const base = { projectId: PROJECT, providerName: "AWS", region: "us-east-1" };
const thirtySix = [
  "us-west-1",
  "us-west-2",
  "us-east-2",
  "ca-central-1",
  "ca-west-1",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-south-1",
  "ap-south-2",
  "sa-east-1",
  "me-south-1",
  "me-central-1",
  "af-south-1",
  "il-central-1",
  "mx-central-1",
  "us-gov-west-1",
  "us-gov-east-1",
  "cn-north-1",
];

/** [what is wrong, inputs, the property named, words the reason must contain (value and fix)] */
const cases: [string, Record<string, unknown>, string, RegExp][] = [
  ["missing projectId", { providerName: "AWS", region: "us-east-1" }, "projectId", /required.*24-digit hex/],
  ["empty projectId", { ...base, projectId: "" }, "projectId", /required/],
  ["short projectId", { ...base, projectId: "0123abc" }, "projectId", /"0123abc".*24-digit hex id, e\.g\./],
  [
    "non-hex projectId",
    { ...base, projectId: "0123456789abcdef0123456z" },
    "projectId",
    /0123456789abcdef0123456z.*24-digit/,
  ],
  ["numeric projectId", { ...base, projectId: 123 }, "projectId", /123.*24-digit/],
  [
    "missing providerName",
    { projectId: PROJECT, region: "us-east-1" },
    "providerName",
    /required; use one of AWS, AZURE, GCP/,
  ],
  ["unknown providerName", { ...base, providerName: "ORACLE" }, "providerName", /"ORACLE".*AWS, AZURE, GCP/],
  ["providerName of the wrong type", { ...base, providerName: true }, "providerName", /true.*AWS, AZURE, GCP/],
  ["missing region", { projectId: PROJECT, providerName: "AWS" }, "region", /required.*"us-east-1"/],
  ["region of the wrong type", { ...base, region: 42 }, "region", /42/],
  [
    "region of another provider",
    { ...base, region: "eastus2" },
    "region",
    /"eastus2" is a region of AZURE, not of AWS/,
  ],
  ["GCP region for AZURE", { ...base, providerName: "AZURE", region: "us-central1" }, "region", /region of GCP/],
  ["misspelt region", { ...base, region: "us-east-7" }, "region", /did you mean "us-east-1"/],
  ["unknown region", { ...base, region: "moon-base-1" }, "region", /"moon-base-1" is not an AWS region/],
  [
    "portMappingEnabled on AWS",
    { ...base, portMappingEnabled: true },
    "portMappingEnabled",
    /GCP only; remove it for AWS/,
  ],
  [
    "portMappingEnabled not a boolean",
    { ...base, providerName: "GCP", region: "us-east4", portMappingEnabled: "yes" },
    "portMappingEnabled",
    /true or false, got "yes"/,
  ],
  [
    "supportedRemoteRegions on GCP",
    { ...base, providerName: "GCP", region: "us-east4", supportedRemoteRegions: ["us-east1"] },
    "supportedRemoteRegions",
    /AWS only; remove it for GCP/,
  ],
  [
    "supportedRemoteRegions on AZURE",
    { ...base, providerName: "AZURE", region: "eastus", supportedRemoteRegions: [] },
    "supportedRemoteRegions",
    /AWS only/,
  ],
  [
    "36 remote regions",
    { ...base, supportedRemoteRegions: thirtySix },
    "supportedRemoteRegions",
    /36 regions; Atlas allows at most 35/,
  ],
  [
    "home region listed as remote",
    { ...base, supportedRemoteRegions: ["US_EAST_1"] },
    "supportedRemoteRegions[0]",
    /service's own region/,
  ],
  [
    "unknown remote region",
    { ...base, supportedRemoteRegions: ["us-west-9"] },
    "supportedRemoteRegions[0]",
    /"us-west-9"/,
  ],
  [
    "duplicate remote region",
    { ...base, supportedRemoteRegions: ["us-west-2", "US_WEST_2"] },
    "supportedRemoteRegions[1]",
    /listed twice/,
  ],
  [
    "remote regions not a list",
    { ...base, supportedRemoteRegions: "us-west-2" },
    "supportedRemoteRegions",
    /must be a list/,
  ],
  [
    "bad create timeout",
    { ...base, timeouts: { create: "soon" } },
    "timeouts.create",
    /"soon" is not a duration; write it like "45m"/,
  ],
  ["negative-looking timeout", { ...base, timeouts: { delete: "-5m" } }, "timeouts.delete", /"-5m" is not a duration/],
  ["timeout of the wrong type", { ...base, timeouts: { update: 30 } }, "timeouts.update", /30 is not a duration/],
  [
    "unknown timeout key",
    { ...base, timeouts: { read: "5m" } },
    "timeouts.read",
    /unknown timeout "read"; use create, update or delete/,
  ],
  ["timeouts not an object", { ...base, timeouts: "45m" }, "timeouts", /must be an object/],
  ["adoptExisting not a boolean", { ...base, adoptExisting: "true" }, "adoptExisting", /true or false, got "true"/],
  [
    "deleteOnCreateTimeout not a boolean",
    { ...base, deleteOnCreateTimeout: 1 },
    "deleteOnCreateTimeout",
    /true or false, got 1/,
  ],
  [
    "unknown property",
    { ...base, regoin: "us-east-1" },
    "regoin",
    /unknown property "regoin"; PrivateEndpointService takes projectId/,
  ],
];

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  ctl = control(emulator.baseUrl);
  await configureProvider(emulatorConfig(emulator.baseUrl));
});
afterAll(async () => {
  await emulator.close();
});

describe("check rejects bad input before any API call", () => {
  it.each(cases)("rejects %s", async (_what, news, property, reason) => {
    await ctl.clearRequests();
    const result = await provider.check({}, news);
    const failure = result.failures?.find((f) => f.property === property);
    expect(failure?.reason).toMatch(reason);
    expect(await ctl.requests()).toEqual([]);
  });

  it("cuts a long value short and reads 'an AWS region'", async () => {
    const result = await provider.check({}, { ...base, region: "x".repeat(100_000) });
    const reason = result.failures?.find((f) => f.property === "region")?.reason ?? "";
    expect(reason).toMatch(/^region "x{59}… is not an AWS region Atlas knows/);
    expect(reason.length).toBeLessThan(300);
  });

  it("has at least 25 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it("rejects a plain-http base URL to a remote host, naming the setting and the fix", async () => {
    await configureProvider(emulatorConfig("http://atlas.example.com"));
    try {
      const result = await provider.check({}, base);
      expect(result.failures).toEqual([
        {
          property: "baseUrl",
          reason: expect.stringMatching(/mongodbatlas:baseUrl.*plain http to a remote host.*use https:\/\//) as unknown,
        },
      ]);
    } finally {
      await configureProvider(emulatorConfig(emulator.baseUrl));
    }
  });

  it("accepts good input in any spelling and normalises the provider name", async () => {
    const result = await provider.check(
      {},
      { projectId: PROJECT.toUpperCase(), providerName: "gcp", region: "CENTRAL_US", portMappingEnabled: true },
    );
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ projectId: PROJECT, providerName: "GCP", region: "CENTRAL_US" });
  });

  it("lets values unknown during preview through", async () => {
    const result = await provider.check(
      {},
      { projectId: UNKNOWN_VALUE, providerName: "AWS", region: UNKNOWN_VALUE, supportedRemoteRegions: UNKNOWN_VALUE },
    );
    expect(result.failures).toBeUndefined();
  });
});
