import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

const SECOND_PROJECT = "cccccccccccccccccccccccc";
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    config: {
      apiKeys: [
        {
          ...EMULATOR_IDENTITY.apiKey,
          roles: { [EMULATOR_IDENTITY.projectId]: "GROUP_OWNER", [SECOND_PROJECT]: "GROUP_OWNER" },
        },
      ],
    },
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

const limits = (a: { headers: Headers }): [string | null, string | null] => [
  a.headers.get("ratelimit-limit"),
  a.headers.get("ratelimit-remaining"),
];

describe("rate-limit headers", () => {
  it("report a 4000 limit counting down when no limit is configured, and never refuse", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    expect(limits(await atlas.list("AWS"))).toEqual(["4000", "3999"]);
    expect(limits(await atlas.create({ providerName: "AWS", region: "us-east-1" }))).toEqual(["4000", "3998"]);
    expect(limits(await atlas.list("GCP"))).toEqual(["4000", "3997"]);
  });

  it("are also sent on Atlas errors of a known project", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    const answer = await atlas.get("AWS", "0123456789abcdef01234568");
    expect(answer.status).toBe(404);
    expect(limits(answer)).toEqual(["4000", "3999"]);
  });
});

describe("configured token bucket", () => {
  beforeEach(() => ctl.settings({ rateLimit: { capacity: 3, refillPerSecond: 1 } }));

  it("answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After once the project's bucket is empty", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    for (const remaining of ["2", "1", "0"]) expect(limits(await atlas.list("AWS"))).toEqual(["3", remaining]);
    const refused = await atlas.list("AWS");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("x-error-code")).toBe("RATE_LIMITED_TOKEN_BUCKET");
    expect(refused.headers.get("content-type")).toBe("application/json");
    expect(limits(refused)).toEqual(["3", "0"]);
    expect(refused.json).toMatchObject({
      error: 429,
      errorCode: "RATE_LIMITED_TOKEN_BUCKET",
      reason: "Too Many Requests",
    });
  });

  it("refills at the configured rate", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    for (let i = 0; i < 3; i++) await atlas.list("AWS");
    expect((await atlas.list("AWS")).status).toBe(429);
    clock.advance(1000);
    expect((await atlas.list("AWS")).status).toBe(200);
    expect((await atlas.list("AWS")).status).toBe(429);
  });

  it("rounds Retry-After up to whole seconds", async () => {
    await ctl.settings({ rateLimit: { capacity: 1, refillPerSecond: 0.25 } });
    const atlas = atlasClient(emulator.baseUrl);
    await atlas.list("AWS");
    clock.advance(500);
    expect((await atlas.list("AWS")).headers.get("retry-after")).toBe("4");
  });

  it("keeps one bucket per project", async () => {
    const first = atlasClient(emulator.baseUrl);
    const second = atlasClient(emulator.baseUrl, { projectId: SECOND_PROJECT });
    for (let i = 0; i < 3; i++) await first.list("AWS");
    expect((await first.list("AWS")).status).toBe(429);
    expect((await second.list("AWS")).status).toBe(200);
  });

  it("is turned off again with rateLimit: null", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    for (let i = 0; i < 3; i++) await atlas.list("AWS");
    await ctl.settings({ rateLimit: null });
    expect(limits(await atlas.list("AWS"))).toEqual(["4000", "3999"]);
  });

  it("does not spend tokens on authentication challenges", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    // The client's first call draws a challenge, then succeeds: one token spent.
    expect(limits(await atlas.list("AWS"))).toEqual(["3", "2"]);
  });
});
