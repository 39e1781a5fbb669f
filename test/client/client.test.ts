import * as util from "node:util";
import { AtlasClient, type AtlasApiVersion } from "../../provider/atlas/client";
import { MAX_DIGEST_LANES, type AtlasCredentials } from "../../provider/atlas/auth";
import { isAtlasApiError, type AtlasApiError } from "../../provider/atlas/errors";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { fakeClock } from "../emulator/helpers/fake-clock";
import { control, type EmulatorControl } from "../support/emulator-control";

const PROJECT = EMULATOR_IDENTITY.projectId;
const OWNER_KEY: AtlasCredentials = {
  kind: "api-key",
  publicKey: EMULATOR_IDENTITY.apiKey.publicKey,
  privateKey: EMULATOR_IDENTITY.apiKey.privateKey,
};
const SERVICE_ACCOUNT: AtlasCredentials = {
  kind: "service-account",
  clientId: EMULATOR_IDENTITY.serviceAccount.clientId,
  clientSecret: EMULATOR_IDENTITY.serviceAccount.clientSecret,
};
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 50, maxAttempts: 5 };

let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ provisionSeconds: 0.2, deletingSeconds: 0.1, updateSeconds: 0.1, quiet: true });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await ctl.reset();
});

function client(credentials: AtlasCredentials = OWNER_KEY, apiVersion: AtlasApiVersion = "v1.0"): AtlasClient {
  return new AtlasClient({ baseUrl: emulator.baseUrl, apiVersion, credentials, retry: FAST_RETRY });
}

async function rejection(promise: Promise<unknown>): Promise<AtlasApiError> {
  try {
    await promise;
  } catch (error) {
    if (isAtlasApiError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function atlasRequests(): Promise<{ method: string; path: string; status: number; auth: string }[]> {
  return (await ctl.requests()).filter((r) => r.path.startsWith("/api/atlas/"));
}

async function accessTokenFromEmulator(): Promise<string> {
  const basic = Buffer.from(
    `${EMULATOR_IDENTITY.serviceAccount.clientId}:${EMULATOR_IDENTITY.serviceAccount.clientSecret}`,
  ).toString("base64");
  const response = await fetch(`${emulator.baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("AtlasClient against the emulator", () => {
  const schemes: [string, () => Promise<AtlasCredentials>][] = [
    ["API keys (digest)", () => Promise.resolve(OWNER_KEY)],
    ["a service account", () => Promise.resolve(SERVICE_ACCOUNT)],
    ["an access token", async () => ({ kind: "access-token", accessToken: await accessTokenFromEmulator() })],
  ];
  describe.each(["v1.0", "v2"] as const)("API %s", (version) => {
    it.each(schemes)("creates, reads, lists, patches and deletes with %s", async (_name, credentials) => {
      const atlas = client(await credentials(), version);
      const created = await atlas.createEndpointService(PROJECT, { providerName: "AWS", region: "eu-west-1" });
      expect(created).toMatchObject({
        cloudProvider: "AWS",
        regionName: "EU_WEST_1",
        status: "INITIATING",
        endpointServiceName: null,
      });

      const read = await atlas.getEndpointService(PROJECT, "AWS", created.id);
      expect(read.id).toBe(created.id);
      const listed = await atlas.listEndpointServices(PROJECT, "AWS");
      expect(listed.map((s) => s.id)).toEqual([created.id]);

      const patched = await atlas.updateEndpointService(PROJECT, created.id, {
        cloudProvider: "AWS",
        supportedRemoteRegions: ["US_WEST_2"],
      });
      expect(patched.supportedRemoteRegions).toEqual(["US_WEST_2"]);

      await atlas.deleteEndpointService(PROJECT, "AWS", created.id);
      const log = await atlasRequests();
      const calls = log.filter((r) => r.status !== 401).map((r) => `${r.method} ${r.status}`);
      expect(calls).toEqual(["POST 201", "GET 200", "GET 200", "PATCH 200", "DELETE 202"]);
      expect(log.every((r) => r.path.startsWith(`/api/atlas/${version}/`))).toBe(true);
    });
  });

  it("refuses a wrong private key with an auth error and does not retry", async () => {
    const atlas = client({ kind: "api-key", publicKey: "abcdefgh", privateKey: "not-the-key" });
    const error = await rejection(atlas.listEndpointServices(PROJECT, "AWS"));
    expect(error.category).toBe("auth");
    expect(error.status).toBe(401);
    // One unsigned request draws the challenge, one signed request is refused: no retries.
    expect((await atlasRequests()).map((r) => r.status)).toEqual([401, 401]);
  });

  it("reports a read-only key that tries to write as a permission error", async () => {
    const atlas = client({
      kind: "api-key",
      publicKey: EMULATOR_IDENTITY.readOnlyKey.publicKey,
      privateKey: EMULATOR_IDENTITY.readOnlyKey.privateKey,
    });
    await expect(atlas.listEndpointServices(PROJECT, "AWS")).resolves.toEqual([]);
    const error = await rejection(atlas.createEndpointService(PROJECT, { providerName: "AWS", region: "us-east-1" }));
    expect(error.category).toBe("permission");
    expect(error.errorCode).toBe("USER_UNAUTHORIZED");
    expect((await ctl.services()).length).toBe(0);
  });

  it("reports a second service in the same region as a conflict", async () => {
    const atlas = client();
    await atlas.createEndpointService(PROJECT, { providerName: "AZURE", region: "eastus2" });
    const error = await rejection(atlas.createEndpointService(PROJECT, { providerName: "AZURE", region: "US_EAST_2" }));
    expect(error.category).toBe("conflict");
    expect(error.status).toBe(409);
    expect(error.errorCode).toBe("PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION");
  });

  it("reports an unknown project as not found without retrying", async () => {
    const error = await rejection(client().listEndpointServices("aaaaaaaaaaaaaaaaaaaaaaaa", "AWS"));
    expect(error.errorCode).toBe("GROUP_NOT_FOUND");
    expect(error.category).toBe("not-found");
    expect((await atlasRequests()).filter((r) => r.status === 404)).toHaveLength(1);
  });

  describe("transient failures", () => {
    const listPath = `/groups/${PROJECT}/privateEndpoint/AWS/endpointService$`;
    it.each([
      ["500", { status: 500 }],
      ["502 with an HTML body", { status: 502, html: true }],
      ["503 with Retry-After", { status: 503, headers: { "Retry-After": "0" } }],
      ["504", { status: 504 }],
      ["429 RATE_LIMITED_TOKEN_BUCKET", { status: 429, headers: { "Retry-After": "0" } }],
      ["a connection dropped before an answer", { drop: "before" as const }],
    ])("retries a GET after %s and succeeds", async (_name, fault) => {
      await ctl.addFault({ method: "GET", path: listPath, times: 2, ...fault });
      await expect(client().listEndpointServices(PROJECT, "AWS")).resolves.toEqual([]);
      const gets = (await atlasRequests()).filter((r) => r.method === "GET" && r.status !== 401);
      expect(gets.length).toBe(3);
    });

    it("waits at least Retry-After on a 429", async () => {
      await ctl.addFault({ method: "GET", path: listPath, status: 429, headers: { "Retry-After": "1" } });
      const startedAt = Date.now();
      await client().listEndpointServices(PROJECT, "AWS");
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    });

    it("gives up after the attempt budget and reports the last failure", async () => {
      await ctl.addFault({ method: "GET", path: listPath, status: 503, times: 10 });
      const error = await rejection(client().listEndpointServices(PROJECT, "AWS"));
      expect(error.category).toBe("server");
      expect(error.status).toBe(503);
      expect((await atlasRequests()).filter((r) => r.status === 503)).toHaveLength(FAST_RETRY.maxAttempts);
    });

    it("does not resend a POST after a 5xx: it reports the failure as ambiguous", async () => {
      const atlas = client();
      await atlas.listEndpointServices(PROJECT, "AWS"); // steady state: the POST goes out signed
      await ctl.addFault({ method: "POST", path: "/privateEndpoint/endpointService$", status: 503, act: true });
      const error = await rejection(atlas.createEndpointService(PROJECT, { providerName: "AWS", region: "us-east-1" }));
      expect(error.ambiguous).toBe(true);
      expect((await atlasRequests()).filter((r) => r.method === "POST" && r.status !== 401)).toHaveLength(1);
      expect(await ctl.services()).toHaveLength(1);
    });

    it("resends a POST after a 429, which Atlas never acts on", async () => {
      await ctl.addFault({
        method: "POST",
        path: "/privateEndpoint/endpointService$",
        status: 429,
        headers: { "Retry-After": "0" },
      });
      const created = await client().createEndpointService(PROJECT, { providerName: "AWS", region: "us-east-1" });
      expect(created.status).toBe("INITIATING");
      expect(await ctl.services()).toHaveLength(1);
    });

    it("reports a refused connection as a network error after retrying", async () => {
      const atlas = new AtlasClient({
        baseUrl: "http://127.0.0.1:1",
        credentials: OWNER_KEY,
        retry: { ...FAST_RETRY, maxAttempts: 2 },
      });
      const error = await rejection(atlas.listEndpointServices(PROJECT, "AWS"));
      expect(error.category).toBe("network");
      expect(error.networkCode).toBe("ECONNREFUSED");
    });
  });

  describe("digest in steady state", () => {
    it("spends at most 1.05 HTTP requests per call after the first challenge", async () => {
      const atlas = client();
      const calls = 200;
      for (let i = 0; i < calls; i++) await atlas.listEndpointServices(PROJECT, "AWS");
      const requests = (await atlasRequests()).length;
      expect(requests / calls).toBeLessThanOrEqual(1.05);
    });

    it("lets concurrent first calls share the lanes' challenges instead of drawing one each", async () => {
      const atlas = client();
      await Promise.all(Array.from({ length: 20 }, () => atlas.listEndpointServices(PROJECT, "AWS")));
      const statuses = (await atlasRequests()).map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_DIGEST_LANES);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    });

    it("signs again when the server says the nonce is stale", async () => {
      const clock = fakeClock();
      const clocked = await startEmulator({ now: clock.now });
      try {
        const atlas = new AtlasClient({ baseUrl: clocked.baseUrl, credentials: OWNER_KEY, retry: FAST_RETRY });
        await atlas.listEndpointServices(PROJECT, "AWS");
        clock.advance(301_000); // past the emulator's default nonce lifetime of 300 s
        await expect(atlas.listEndpointServices(PROJECT, "AWS")).resolves.toEqual([]);
        const statuses = (await control(clocked.baseUrl).requests()).map((r) => r.status);
        expect(statuses).toEqual([401, 200, 401, 200]);
      } finally {
        await clocked.close();
      }
    });
  });

  describe.each(["strict", "unique"] as const)("digest under concurrency, nonce counts %s", (policy) => {
    const LIST_PATH = `/groups/${PROJECT}/privateEndpoint/AWS/endpointService$`;
    beforeEach(async () => {
      await ctl.settings({ nonceCountPolicy: policy });
    });

    /** 401s and other failures the emulator logged, and how many calls succeeded. */
    async function tally(): Promise<{ challenges: number; ok: number; other: number }> {
      const statuses = (await atlasRequests()).map((r) => r.status);
      const ok = statuses.filter((s) => s >= 200 && s < 300).length;
      const challenges = statuses.filter((s) => s === 401).length;
      return { challenges, ok, other: statuses.length - ok - challenges };
    }

    it("answers 50 concurrent calls with no more challenges than lanes and no failure", async () => {
      const atlas = client();
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () => atlas.listEndpointServices(PROJECT, "AWS")),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(await tally()).toEqual({ challenges: MAX_DIGEST_LANES, ok: 50, other: 0 });
    });

    it("spends no further challenge when one lane's request is held back and the others overtake it", async () => {
      const atlas = client();
      await Promise.all(Array.from({ length: MAX_DIGEST_LANES }, () => atlas.listEndpointServices(PROJECT, "AWS")));
      await ctl.clearRequests();
      // One request sits 200 ms in the network while later-signed requests on other lanes reach the server first.
      await ctl.addFault({ method: "GET", path: LIST_PATH, skip: 1, delayMs: 200 });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, () => atlas.listEndpointServices(PROJECT, "AWS")),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(await tally()).toEqual({ challenges: 0, ok: 50, other: 0 });
    });

    it("mixes creates, reads and lists from 50 concurrent callers without a failed call", async () => {
      const atlas = client();
      const regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1"];
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, async (_, i) => {
          if (i < regions.length) {
            const created = await atlas.createEndpointService(PROJECT, {
              providerName: "AWS",
              region: regions[i] ?? "",
            });
            return atlas.getEndpointService(PROJECT, "AWS", created.id);
          }
          return atlas.listEndpointServices(PROJECT, "AWS");
        }),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      expect(await tally()).toEqual({ challenges: MAX_DIGEST_LANES, ok: 55, other: 0 });
    });

    it("renews each lane's nonce once when the server calls it stale", async () => {
      const clock = fakeClock();
      const clocked = await startEmulator({ now: clock.now, nonceCountPolicy: policy });
      try {
        const atlas = new AtlasClient({ baseUrl: clocked.baseUrl, credentials: OWNER_KEY, retry: FAST_RETRY });
        const fifty = (): Promise<PromiseSettledResult<unknown>[]> =>
          Promise.allSettled(Array.from({ length: 50 }, () => atlas.listEndpointServices(PROJECT, "AWS")));
        await fifty();
        clock.advance(301_000); // past the emulator's default nonce lifetime of 300 s
        const clockedCtl = control(clocked.baseUrl);
        await clockedCtl.clearRequests();
        expect((await fifty()).filter((r) => r.status === "rejected")).toEqual([]);
        const log = await clockedCtl.requests();
        expect(log.filter((r) => r.status === 401)).toHaveLength(MAX_DIGEST_LANES);
        expect(log.filter((r) => r.status === 200)).toHaveLength(50);
      } finally {
        await clocked.close();
      }
    });
  });

  describe("reads by waits", () => {
    it("reads alone while the project's budget lets requests straight out", async () => {
      const atlas = client();
      const created = await atlas.createEndpointService(PROJECT, { providerName: "AWS", region: "us-east-1" });
      await ctl.clearRequests();
      const reads = await Promise.all([1, 2].map(() => atlas.readEndpointServiceForWait(PROJECT, "AWS", created.id)));
      expect(reads.map((r) => r.id)).toEqual([created.id, created.id]);
      // The second read opens the second lane, whose challenge is not a read.
      const paths = (await atlasRequests())
        .filter((r) => r.status !== 401)
        .map((r) => `${r.method} ${r.status} ${r.path.replace(/.*endpointService/, "")}`);
      expect(paths).toEqual([`GET 200 /${created.id}`, `GET 200 /${created.id}`]);
    });

    it("shares one list among the reads of a project and provider while its budget holds requests back", async () => {
      await ctl.settings({ rateLimit: { capacity: 4, refillPerSecond: 4 } });
      const atlas = client();
      const ids: string[] = [];
      for (const region of ["us-east-1", "us-east-2", "us-west-1"]) {
        ids.push((await atlas.createEndpointService(PROJECT, { providerName: "AWS", region })).id);
      }
      await ctl.clearRequests();
      // The last answer said 1 request is left: the first read takes it, the other two wait and share one list.
      const reads = await Promise.all(ids.map((id) => atlas.readEndpointServiceForWait(PROJECT, "AWS", id)));
      expect(reads.map((r) => r.id)).toEqual(ids);
      // Answers other than 200 (a challenge for the second lane, a 429 while the bucket refills) carry no data.
      const paths = (await atlasRequests())
        .filter((r) => r.status === 200)
        .map((r) => `${r.method} ${r.path.replace(/.*endpointService/, "")}`);
      expect(paths).toEqual([`GET /${ids[0] ?? ""}`, "GET "]);
    });
  });

  describe("service accounts", () => {
    it("fetches one token for many concurrent calls", async () => {
      const atlas = client(SERVICE_ACCOUNT);
      await Promise.all(Array.from({ length: 10 }, () => atlas.listEndpointServices(PROJECT, "AWS")));
      const tokenFetches = (await ctl.requests()).filter((r) => r.path === "/api/oauth/token");
      expect(tokenFetches).toHaveLength(1);
    });

    it("fetches a new token when the old one expired early", async () => {
      await ctl.settings({ tokenTtlSeconds: 0.05 });
      const atlas = client(SERVICE_ACCOUNT);
      await atlas.listEndpointServices(PROJECT, "AWS");
      await new Promise((resolve) => setTimeout(resolve, 100));
      await atlas.listEndpointServices(PROJECT, "AWS");
      expect((await ctl.requests()).filter((r) => r.path === "/api/oauth/token").length).toBeGreaterThanOrEqual(2);
    });

    it("refuses a wrong client secret as an auth error", async () => {
      const atlas = client({ kind: "service-account", clientId: "mdb_sa_id_emulator", clientSecret: "wrong" });
      const error = await rejection(atlas.listEndpointServices(PROJECT, "AWS"));
      expect(error.category).toBe("auth");
      expect(error.path).toBe("/api/oauth/token");
    });
  });

  it("never puts a credential into an error", async () => {
    const secret = "marker-private-key-7f3a";
    const atlas = client({ kind: "api-key", publicKey: "abcdefgh", privateKey: secret });
    const error = await rejection(atlas.createEndpointService(PROJECT, { providerName: "AWS", region: "us-east-1" }));
    const everything = [
      error.message,
      error.stack ?? "",
      JSON.stringify(error),
      util.inspect(error, { depth: 10 }),
    ].join("\n");
    expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/Authorization|Digest username/i);
  });

  it("refuses plain http to a remote host", () => {
    expect(() => new AtlasClient({ baseUrl: "http://atlas.example.com", credentials: OWNER_KEY })).toThrow(
      /plain http/,
    );
  });
});
