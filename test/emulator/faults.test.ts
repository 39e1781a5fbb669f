import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, EmulatorControlError, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, resetWithClient, send, V2_ACCEPT, type AtlasTestClient } from "./helpers/atlas-client";

const CREATE = "/privateEndpoint/endpointService$";
const LIST = "/privateEndpoint/AWS/endpointService$";
const AWS_EAST = { providerName: "AWS", region: "us-east-1" };

let emulator: RunningEmulator;
let ctl: EmulatorControl;
let atlas: AtlasTestClient;

beforeAll(async () => {
  emulator = await startEmulator();
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  atlas = await resetWithClient(ctl, emulator.baseUrl);
});

describe("answering faults (applied before authentication, as a proxy would)", () => {
  it("answer with the status and an Atlas error body from the one factory", async () => {
    await ctl.addFault({ method: "GET", path: LIST, status: 503 });
    const faulted = await atlas.list("AWS");
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get("content-type")).toBe("application/json");
    expect(faulted.headers.get("x-error-code")).toBe("SERVICE_UNAVAILABLE");
    expect(faulted.json).toEqual({
      detail: expect.any(String) as unknown,
      error: 503,
      errorCode: "SERVICE_UNAVAILABLE",
      parameters: [],
      reason: "Service Unavailable",
    });
    expect((await atlas.list("AWS")).status).toBe(200);
    expect((await ctl.requests()).map((r) => [r.status, r.fault])).toEqual([
      [503, "f1 status"],
      [200, undefined],
    ]);
  });

  it("take the errorCode, detail and headers given", async () => {
    await ctl.addFault({
      path: LIST,
      status: 429,
      errorCode: "RATE_LIMITED_TOKEN_BUCKET",
      detail: "Slow down.",
      headers: { "Retry-After": "7" },
    });
    const faulted = await atlas.list("AWS");
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get("retry-after")).toBe("7");
    expect(faulted.json).toMatchObject({
      errorCode: "RATE_LIMITED_TOKEN_BUCKET",
      detail: "Slow down.",
      reason: "Too Many Requests",
    });
  });

  it("default the errorCode by status", async () => {
    await ctl.addFault({ path: LIST, status: 429 });
    await ctl.addFault({ path: LIST, status: 500 });
    expect((await atlas.list("AWS")).error.errorCode).toBe("RATE_LIMITED_TOKEN_BUCKET");
    expect((await atlas.list("AWS")).error.errorCode).toBe("UNEXPECTED_ERROR");
  });

  it("send a given body as JSON, or a string as is", async () => {
    await ctl.addFault({ path: LIST, status: 409, body: { errorCode: "CUSTOM", detail: "x" } });
    await ctl.addFault({ path: LIST, status: 500, body: "plain words", headers: { "Content-Type": "text/plain" } });
    const json = await atlas.list("AWS");
    expect([json.status, json.json]).toEqual([409, { errorCode: "CUSTOM", detail: "x" }]);
    const text = await atlas.list("AWS");
    expect([text.status, text.text, text.headers.get("content-type")]).toEqual([500, "plain words", "text/plain"]);
  });

  it("send a proxy's HTML page with html: true", async () => {
    await ctl.addFault({ path: LIST, html: true });
    await ctl.addFault({ path: LIST, html: true, status: 504 });
    const bad = await atlas.list("AWS");
    expect(bad.status).toBe(502);
    expect(bad.headers.get("content-type")).toBe("text/html");
    expect(bad.text).toContain("<title>502 Bad Gateway</title>");
    expect(bad.json).toBeUndefined();
    const timeout = await atlas.list("AWS");
    expect([timeout.status, timeout.text.includes("504 Gateway Timeout")]).toEqual([504, true]);
  });

  it("hit requests that carry no credentials at all", async () => {
    await ctl.addFault({ path: LIST, status: 503 });
    const answer = await send(
      `${emulator.baseUrl}/api/atlas/v2/groups/${EMULATOR_IDENTITY.projectId}/privateEndpoint/AWS/endpointService`,
    );
    expect(answer.status).toBe(503);
  });

  it("apply to the OAuth endpoints too", async () => {
    await ctl.addFault({ path: "^/api/oauth/token$", status: 503 });
    expect((await send(`${emulator.baseUrl}/api/oauth/token`, { method: "POST" })).status).toBe(503);
  });
});

describe("matching", () => {
  it("let `skip` matching requests through, then fire `times` times", async () => {
    await ctl.addFault({ method: "GET", path: LIST, status: 503, skip: 1, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await atlas.list("AWS")).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
    expect(await ctl.faults()).toEqual([]);
  });

  it("match the method and the path without its query string", async () => {
    await ctl.addFault({ path: "/AWS/endpointService$", status: 500 });
    expect(
      (
        await atlas.request(
          "GET",
          `/groups/${EMULATOR_IDENTITY.projectId}/privateEndpoint/AWS/endpointService?pretty=true`,
        )
      ).status,
    ).toBe(500);
    await ctl.clearFaults();
    await ctl.addFault({ method: "POST", path: CREATE, status: 500 });
    expect((await atlas.list("AWS")).status).toBe(200);
    expect((await atlas.create(AWS_EAST)).status).toBe(500);
  });

  it("are listed while pending and cleared on request", async () => {
    const { id } = await ctl.addFault({ path: LIST, status: 503, times: 3 });
    await atlas.list("AWS");
    expect(await ctl.faults()).toEqual([{ id, path: LIST, status: 503, times: 2, skip: 0 }]);
    await ctl.clearFaults();
    expect(await ctl.faults()).toEqual([]);
    expect((await atlas.list("AWS")).status).toBe(200);
  });

  it.each([
    [{ path: "(" }, /RegExp/],
    [{ path: LIST, drop: "sideways" }, /drop/],
    [{ path: LIST, colour: "red" }, /unknown fault field "colour"/],
    [{ path: LIST, drop: "before", status: 500 }, /no status/],
    [{ status: 500 }, /path/],
  ])("refuse an invalid fault %j with 400", async (fault, message) => {
    const error = await ctl.addFault(fault as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorControlError);
    expect((error as EmulatorControlError).status).toBe(400);
    expect((error as EmulatorControlError).message).toMatch(message);
  });
});

describe("delays and headers", () => {
  it("delay the real answer with delayMs alone", async () => {
    await ctl.addFault({ path: LIST, delayMs: 150 });
    const started = Date.now();
    const answer = await atlas.list("AWS");
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const [entry] = await ctl.requests();
    expect(entry).toMatchObject({ status: 200, fault: "f1 delay" });
    expect(entry!.durationMs).toBeGreaterThanOrEqual(140);
  });

  it("a delay is cut short, without an answer, by reset", async () => {
    await ctl.addFault({ path: LIST, delayMs: 60_000 });
    const pending = atlas.list("AWS").catch(() => "released");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctl.reset();
    expect(await pending).toBe("released");
  });

  it("add headers to the real answer when nothing else is scripted", async () => {
    await ctl.addFault({ path: LIST, headers: { Deprecation: "true", "Retry-After": "3" } });
    const answer = await atlas.list("AWS");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("deprecation")).toBe("true");
    expect(answer.headers.get("retry-after")).toBe("3");
    expect(answer.headers.get("ratelimit-limit")).toBe("4000");
  });
});

describe("connection faults", () => {
  it("drop: before closes the connection without acting", async () => {
    await ctl.addFault({ method: "POST", path: CREATE, drop: "before" });
    await expect(atlas.create(AWS_EAST)).rejects.toThrow();
    expect(await ctl.services()).toEqual([]);
    expect((await ctl.requests()).map((r) => [r.status, r.fault])).toEqual([[0, "f1 drop-before"]]);
  });

  it("drop: after performs the operation, then closes the connection", async () => {
    await ctl.addFault({ method: "POST", path: CREATE, drop: "after" });
    await expect(atlas.create(AWS_EAST)).rejects.toThrow();
    expect((await ctl.services()).map((s) => [s.cloudProvider, s.regionName])).toEqual([["AWS", "US_EAST_1"]]);
  });

  it("act performs the operation, then answers with the fault", async () => {
    await ctl.addFault({ method: "POST", path: CREATE, act: true, status: 502, html: true });
    const answer = await atlas.create(AWS_EAST);
    expect(answer.status).toBe(502);
    expect(await ctl.services()).toHaveLength(1);
    expect((await atlas.create(AWS_EAST)).status).toBe(409);
  });

  it("act is not used up by an authentication challenge", async () => {
    await ctl.addFault({ method: "POST", path: CREATE, act: true, status: 500 });
    const fresh = atlasClient(emulator.baseUrl);
    const answer = await fresh.create(AWS_EAST);
    expect(answer.status).toBe(500);
    expect((await ctl.requests()).map((r) => [r.status, r.fault])).toEqual([
      [401, undefined],
      [500, "f1 act"],
    ]);
    expect(await ctl.services()).toHaveLength(1);
  });

  it("hang never answers, until reset releases the connection", async () => {
    await ctl.addFault({ path: LIST, hang: true });
    let settled = false;
    const pending = atlas.list("AWS").finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    expect((await ctl.requests()).map((r) => [r.status, r.fault])).toEqual([[0, "f1 hang"]]);
    await ctl.reset();
    await expect(pending).rejects.toThrow();
  });

  it("hang with act performs the operation and never answers", async () => {
    await ctl.addFault({ method: "POST", path: CREATE, hang: true, act: true });
    const pending = atlas.create(AWS_EAST).catch(() => "released");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await ctl.services()).toHaveLength(1);
    await ctl.reset();
    expect(await pending).toBe("released");
  });

  it("a hanging request does not keep close() waiting", async () => {
    const own = await startEmulator();
    await control(own.baseUrl).addFault({ path: ".", hang: true });
    const pending = send(`${own.baseUrl}/api/atlas/v2/anything`, { headers: { Accept: V2_ACCEPT } }).catch(
      () => "closed",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.close();
    expect(await pending).toBe("closed");
  });
});
