/**
 * 429 through the real dynamic-provider plugin: Atlas did not act, so a refusal never ends an operation while its own
 * deadline (`timeouts.*`) holds, whatever the per-call attempt count; a single read keeps its per-call limits.
 */
import {
  PATH,
  VPCE,
  callsOf,
  failureOf,
  linkInputs,
  readyService,
  serviceInputs,
  usePluginBench,
} from "./plugin-harness";

const bench = usePluginBench();

/** More refusals in a row than the per-call attempt count (6) allows. */
const REFUSALS = 8;
const RATE_LIMITED = { status: 429, headers: { "Retry-After": "0" }, times: REFUSALS } as const;

function statusesOf(pattern: RegExp, method: string) {
  return async (): Promise<number[]> => callsOf(await bench.ctl.requests(), method, pattern).map((r) => r.status);
}

describe("a service's calls under a rate limit", () => {
  it("resends the create POST through more refusals than the per-call attempts, within timeouts.create", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "us-east-1");
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "POST", path: PATH.serviceCreate.source });
    const created = await bench.plugin.create(inputs);
    expect(created.properties["status"]).toBe("AVAILABLE");
    expect(await statusesOf(PATH.serviceCreate, "POST")()).toEqual([...Array<number>(REFUSALS).fill(429), 201]);
    expect((await bench.ctl.services()).map((s) => s.id)).toEqual([created.id]);
  });

  it("waits out refusals of the list before the POST", async () => {
    const inputs = await serviceInputs(bench.plugin, "AZURE", "eastus2");
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "GET", path: PATH.serviceList.source });
    const created = await bench.plugin.create(inputs);
    expect(created.properties["status"]).toBe("AVAILABLE");
    expect(await statusesOf(PATH.serviceList, "GET")()).toEqual([...Array<number>(REFUSALS).fill(429), 200]);
  });

  it("waits out refusals of the DELETE within timeouts.delete", async () => {
    const inputs = await serviceInputs(bench.plugin, "GCP", "us-central1");
    const created = await bench.plugin.create(inputs);
    await bench.ctl.clearRequests();
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "DELETE", path: PATH.service.source });
    await bench.plugin.delete(created.id, created.properties);
    expect(await statusesOf(PATH.service, "DELETE")()).toEqual([...Array<number>(REFUSALS).fill(429), 202]);
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("gives up at the operation's deadline, having created nothing", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "us-west-2", { timeouts: { create: "1500ms" } });
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, status: 429, times: 10_000 });
    const startedAtMs = Date.now();
    const error = await failureOf(bench.plugin.create(inputs));
    expect(error.partial).toBeUndefined();
    expect(error.message).toMatch(/Atlas answered 429 RATE_LIMITED_TOKEN_BUCKET to POST/);
    expect(Date.now() - startedAtMs).toBeGreaterThanOrEqual(1000);
    expect((await statusesOf(PATH.serviceCreate, "POST")()).every((status) => status === 429)).toBe(true);
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("honours a Retry-After longer than the per-call delay cap would allow between attempts", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "eu-west-1");
    await bench.ctl.addFault({
      method: "POST",
      path: PATH.serviceCreate.source,
      status: 429,
      headers: { "Retry-After": "1" },
    });
    await bench.plugin.create(inputs);
    const posts = callsOf(await bench.ctl.requests(), "POST", PATH.serviceCreate);
    expect(posts.map((r) => r.status)).toEqual([429, 201]);
    const [refused, sent] = posts;
    const waitedMs = Date.parse(sent!.time) - (Date.parse(refused!.time) + refused!.durationMs);
    expect(waitedMs).toBeGreaterThanOrEqual(995);
  });

  it("keeps a single read's per-call limits: a refresh refused more times than that fails, and changes nothing", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "ap-south-1");
    const created = await bench.plugin.create(inputs);
    await bench.ctl.clearRequests();
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "GET", path: PATH.service.source });
    const error = await failureOf(bench.plugin.read(created.id, created.properties));
    expect(error.message).toMatch(/429 RATE_LIMITED_TOKEN_BUCKET/);
    expect(await statusesOf(PATH.service, "GET")()).toEqual(Array<number>(6).fill(429));
  });
});

describe("a registration's calls under a rate limit", () => {
  async function awsLink(region: string) {
    const privateLinkId = await readyService(bench.plugin, "AWS", region);
    const inputs = await linkInputs(bench.plugin, { providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.clearRequests();
    return inputs;
  }

  it("resends the registration's POST through more refusals than the per-call attempts", async () => {
    const inputs = await awsLink("us-east-2");
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "POST", path: PATH.register.source });
    const created = await bench.plugin.create(inputs);
    expect(created.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(await statusesOf(PATH.register, "POST")()).toEqual([...Array<number>(REFUSALS).fill(429), 201]);
  });

  it("waits out refusals of the first read of the service", async () => {
    const inputs = await awsLink("ca-central-1");
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "GET", path: PATH.service.source });
    const created = await bench.plugin.create(inputs);
    expect(created.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    expect(await statusesOf(PATH.service, "GET")()).toEqual([...Array<number>(REFUSALS).fill(429), 200]);
  });

  it("waits out refusals of the polls until AVAILABLE, one poll's worth after another", async () => {
    const inputs = await awsLink("sa-east-1");
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "GET", path: PATH.registration.source, times: 20 });
    const created = await bench.plugin.create(inputs);
    expect(created.properties["awsConnectionStatus"]).toBe("AVAILABLE");
    const gets = await statusesOf(PATH.registration, "GET")();
    expect(gets.slice(0, 20)).toEqual(Array<number>(20).fill(429));
    expect(gets[gets.length - 1]).toBe(200);
  });

  it("waits out refusals of the DELETE and of the polls until gone", async () => {
    const inputs = await awsLink("eu-north-1");
    const created = await bench.plugin.create(inputs);
    await bench.ctl.clearRequests();
    await bench.ctl.addFault({ ...RATE_LIMITED, method: "DELETE", path: PATH.registration.source });
    await bench.plugin.delete(created.id, created.properties);
    expect(await statusesOf(PATH.registration, "DELETE")()).toEqual([...Array<number>(REFUSALS).fill(429), 202]);
    expect(await bench.ctl.registrations()).toEqual([]);
  });
});
