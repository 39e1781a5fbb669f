/**
 * The fault matrix: one test per row of docs/fault-matrix.md. Every test asserts what the provider did AND that the
 * emulator holds exactly the services the provider reported (an id, a partial id the engine records, or nothing):
 * no orphan, nothing lost.
 */
import * as net from "node:net";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { AtlasClient } from "../../provider/atlas/client";
import { isAtlasApiError, type AtlasApiError } from "../../provider/atlas/errors";
import type { OperationContext } from "../../provider/context/operation-context";
import { endpointService } from "../../provider/endpoint-service";
import { PartialCreateError } from "../../provider/lifecycle/partial-create-error";
import { systemClock } from "../../provider/wait/poller";
import { control, type EmulatorControl, type FaultSpec } from "../support/emulator-control";
import {
  checkedInputs,
  configureProvider,
  emulatorConfig,
  eventually,
  provider,
  FAST_TIMINGS,
  resetEmulatorAndProvider,
} from "../support/provider-harness";
import { failureOf, idsOf, outcomeOf, reportedIds, type CreateOutcome } from "./create-outcome";
import { PATHS, authenticatedCallsOf, callsOf, faulted, waitBetweenMs } from "./request-log";

const PROJECT = EMULATOR_IDENTITY.projectId;
/** Timers may fire up to a millisecond early and log times are whole milliseconds. */
const CLOCK_SLACK_MS = 3;

let emulator: RunningEmulator;
let ctl: EmulatorControl;
let logLines: string[];

beforeAll(async () => {
  emulator = await startEmulator({ ...FAST_TIMINGS, quiet: true });
  ctl = control(emulator.baseUrl);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await resetEmulatorAndProvider(emulator, ctl);
  logLines = [];
  jest.spyOn(console, "log").mockImplementation((line: unknown) => void logLines.push(String(line)));
});
afterEach(() => {
  jest.restoreAllMocks();
});

function awsInputs(region = "us-east-1", extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return checkedInputs({ projectId: PROJECT, providerName: "AWS", region, resourceName: "matrix", ...extra });
}

async function create(inputs?: Record<string, unknown>): Promise<CreateOutcome> {
  return outcomeOf(provider.create(inputs ?? (await awsInputs())));
}

/** The core assertion of every row: Atlas holds exactly what the provider reported. */
async function expectEmulatorToHoldExactly(ids: readonly string[]): Promise<void> {
  expect(idsOf(await ctl.services())).toEqual([...ids].sort());
}

function atlasError(error: unknown): AtlasApiError {
  if (!isAtlasApiError(error)) throw new Error(`expected an AtlasApiError, got ${String(error)}`);
  return error;
}

async function createdService(): Promise<{ id: string; outs: Record<string, unknown> }> {
  const { id, outs } = await provider.create(await awsInputs());
  return { id, outs: outs as unknown as Record<string, unknown> };
}

const SERVER_ERRORS: readonly [string, FaultSpec][] = [
  ["500", { path: "", status: 500 }],
  ["502 with an HTML page", { path: "", status: 502, html: true }],
  ["503 with Retry-After", { path: "", status: 503, headers: { "Retry-After": "1" } }],
  ["504", { path: "", status: 504 }],
];

describe("a 5xx answer to the create POST", () => {
  it.each(SERVER_ERRORS)(
    "%s after Atlas acted: the provider finds and adopts its own service, one POST",
    async (_name, fault) => {
      await ctl.addFault({ ...fault, method: "POST", path: PATHS.create, act: true });
      const outcome = await create();
      expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      const posts = authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create);
      expect(posts.map((p) => p.status)).toEqual([fault.status]);
      expect(logLines.some((l) => l.includes("looking for the service it may have made"))).toBe(true);
    },
  );

  it.each(SERVER_ERRORS)(
    "%s before Atlas acted: a plain failure, the POST is not resent, nothing is created",
    async (_name, fault) => {
      await ctl.addFault({ ...fault, method: "POST", path: PATHS.create });
      const error = atlasError(failureOf(await create()));
      expect(error).toMatchObject({ status: fault.status, category: "server", ambiguous: true, method: "POST" });
      expect(error.message).toContain(`Atlas answered ${String(fault.status)}`);
      await expectEmulatorToHoldExactly([]);
      expect(authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create)).toHaveLength(1);
    },
  );
});

describe("a 5xx answer to a poll (GET of the service)", () => {
  it.each(SERVER_ERRORS)("%s twice: waited out, the create succeeds with one POST", async (_name, fault) => {
    await ctl.addFault({ ...fault, method: "GET", path: PATHS.service, times: 2 });
    const outcome = await create();
    expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
    await expectEmulatorToHoldExactly(reportedIds(outcome));
    const log = await ctl.requests();
    expect(faulted(log).map((r) => r.status)).toEqual([fault.status, fault.status]);
    expect(authenticatedCallsOf(log, "POST", PATHS.create)).toHaveLength(1);
    if (fault.headers?.["Retry-After"] !== undefined) {
      const gets = callsOf(log, "GET", PATHS.service);
      for (const [i, get] of gets.entries()) {
        const next = gets[i + 1];
        if (get.fault !== undefined && next !== undefined)
          expect(waitBetweenMs(get, next)).toBeGreaterThanOrEqual(1000 - CLOCK_SLACK_MS);
      }
    }
  });
});

describe("a 5xx answer to the DELETE", () => {
  it.each([
    ...SERVER_ERRORS,
    ["502 after Atlas acted", { path: "", status: 502, html: true, act: true }] as [string, FaultSpec],
  ])("%s: the DELETE is resent and the service ends gone", async (_name, fault) => {
    const { id, outs } = await createdService();
    await ctl.clearRequests();
    await ctl.addFault({ ...fault, method: "DELETE", path: PATHS.service });
    await expect(provider.delete(id, outs)).resolves.toBeUndefined();
    await expectEmulatorToHoldExactly([]);
    const deletes = authenticatedCallsOf(await ctl.requests(), "DELETE", PATHS.service);
    // After Atlas acted, the resent DELETE finds the service DELETING (202) or already gone (404): both end the same.
    expect(deletes.map((d) => d.status)).toEqual([fault.status, expect.any(Number)]);
    expect(fault.act === true ? [202, 404] : [202]).toContain(deletes[1]?.status);
  });
});

describe("rate limits", () => {
  it("waits at least Retry-After after a 429 RATE_LIMITED_TOKEN_BUCKET on the POST, then creates once", async () => {
    await ctl.addFault({ method: "POST", path: PATHS.create, status: 429, headers: { "Retry-After": "1" } });
    const outcome = await create();
    expect(outcome.kind).toBe("created");
    await expectEmulatorToHoldExactly(reportedIds(outcome));
    const posts = authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create);
    expect(posts.map((p) => p.status)).toEqual([429, 201]);
    expect(waitBetweenMs(posts[0]!, posts[1]!)).toBeGreaterThanOrEqual(1000 - CLOCK_SLACK_MS);
  });

  it("rides out a sustained per-project rate limit: concurrent creates all succeed, 429s seen", async () => {
    await ctl.settings({ rateLimit: { capacity: 5, refillPerSecond: 2 } });
    const regions: [string, string][] = [
      ["AWS", "us-east-1"],
      ["AWS", "eu-west-1"],
      ["AZURE", "eastus"],
      ["GCP", "us-central1"],
    ];
    const outcomes = await Promise.all(
      regions.map(async ([providerName, region]) =>
        create(await checkedInputs({ projectId: PROJECT, providerName, region, resourceName: `limited-${region}` })),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.kind !== "created")
        throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
    }
    await expectEmulatorToHoldExactly(outcomes.flatMap(reportedIds));
    const log = await ctl.requests();
    expect(log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(authenticatedCallsOf(log, "POST", PATHS.create).filter((p) => p.status === 201)).toHaveLength(
      regions.length,
    );
  }, 30_000);
});

describe("connections", () => {
  it("reports a refused connection as a network error naming ECONNREFUSED, after its retries; nothing created", async () => {
    const port = await closedPort();
    await configureProvider(emulatorConfig(`http://127.0.0.1:${port}`));
    // The retry options are not exposed: fix the jitter draw so the five backoffs are 50+100+200+400+800 ms.
    jest.spyOn(Math, "random").mockReturnValue(0.1);
    const startedAtMs = Date.now();
    const error = atlasError(failureOf(await create()));
    expect(Date.now() - startedAtMs).toBeGreaterThanOrEqual(1550 - CLOCK_SLACK_MS);
    expect(error).toMatchObject({ category: "network", networkCode: "ECONNREFUSED", method: "GET" });
    expect(error.message).toMatch(
      /^Atlas did not answer GET http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v1\.0\/groups\/[0-9a-f]{24}\/privateEndpoint\/AWS\/endpointService: ECONNREFUSED$/,
    );
    await expectEmulatorToHoldExactly([]);
    expect(await ctl.requests()).toEqual([]);
  });

  describe("a dropped or late create POST", () => {
    it.each([
      ["dropped before Atlas acted", { drop: "before" }],
      ["dropped after a 500 ms wait, before Atlas acted", { drop: "before", delayMs: 500 }],
    ] as [string, Partial<FaultSpec>][])(
      "%s: a plain ECONNRESET failure, not resent, nothing created",
      async (_name, fault) => {
        await ctl.addFault({ ...fault, method: "POST", path: PATHS.create });
        const error = atlasError(failureOf(await create()));
        expect(error).toMatchObject({
          category: "network",
          networkCode: "ECONNRESET",
          ambiguous: true,
          method: "POST",
        });
        await expectEmulatorToHoldExactly([]);
        expect(authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create).map((p) => p.status)).toEqual([0]);
      },
    );

    it.each([
      ["dropped after Atlas acted", { drop: "after" }],
      ["dropped after Atlas acted and a 500 ms wait", { drop: "after", delayMs: 500 }],
    ] as [string, Partial<FaultSpec>][])("%s: the provider finds and adopts its own service", async (_name, fault) => {
      await ctl.addFault({ ...fault, method: "POST", path: PATHS.create });
      const outcome = await create();
      expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      expect(authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create).map((p) => p.status)).toEqual([0]);
    });

    it("answered late (1.5 s): waited for, one POST", async () => {
      await ctl.addFault({ method: "POST", path: PATHS.create, delayMs: 1500 });
      const outcome = await create();
      expect(outcome.kind).toBe("created");
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      expect(authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create).map((p) => p.status)).toEqual([201]);
    });
  });

  it.each([
    ["before", { drop: "before" }],
    ["after", { drop: "after" }],
  ] as [string, Partial<FaultSpec>][])("rides out polls dropped %s Atlas answered", async (_name, fault) => {
    await ctl.addFault({ ...fault, method: "GET", path: PATHS.service, times: 2 });
    const outcome = await create();
    expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
    await expectEmulatorToHoldExactly(reportedIds(outcome));
    expect(faulted(await ctl.requests()).map((r) => r.status)).toEqual([0, 0]);
  });

  it.each([
    ["before", { drop: "before" }],
    ["after", { drop: "after" }],
  ] as [string, Partial<FaultSpec>][])(
    "resends a DELETE dropped %s Atlas acted; the service ends gone",
    async (_name, fault) => {
      const { id, outs } = await createdService();
      await ctl.clearRequests();
      await ctl.addFault({ ...fault, method: "DELETE", path: PATHS.service });
      await expect(provider.delete(id, outs)).resolves.toBeUndefined();
      await expectEmulatorToHoldExactly([]);
      const deletes = authenticatedCallsOf(await ctl.requests(), "DELETE", PATHS.service);
      expect(deletes.map((d) => d.status)).toEqual([0, expect.any(Number)]);
      expect(fault.drop === "after" ? [202, 404] : [202]).toContain(deletes[1]?.status);
    },
  );

  /**
   * A request that is never answered ends only at the client's request timeout, 30 s, which the provider does not let
   * anyone configure. These rows run the provider's create logic with its own client at a 300 ms timeout instead.
   */
  describe("a request that is never answered (client request timeout shortened to 300 ms)", () => {
    function shortTimeoutContext(): OperationContext {
      return {
        client: new AtlasClient({
          baseUrl: emulator.baseUrl,
          credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
          requestTimeoutMs: 300,
        }),
        clock: systemClock,
        pollTimeScale: 0.01,
        log: () => undefined,
      };
    }
    async function createWithShortTimeout(): Promise<CreateOutcome> {
      return outcomeOf(endpointService.create(shortTimeoutContext(), await awsInputs()));
    }

    it("POST hangs before Atlas acted: a plain ETIMEDOUT failure, not resent, nothing created", async () => {
      await ctl.addFault({ method: "POST", path: PATHS.create, hang: true });
      const error = atlasError(failureOf(await createWithShortTimeout()));
      expect(error).toMatchObject({ category: "network", networkCode: "ETIMEDOUT", ambiguous: true });
      await expectEmulatorToHoldExactly([]);
      expect(authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create)).toHaveLength(1);
    });

    it("POST hangs after Atlas acted: the provider finds and adopts its own service", async () => {
      await ctl.addFault({ method: "POST", path: PATHS.create, hang: true, act: true });
      const outcome = await createWithShortTimeout();
      expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
      await expectEmulatorToHoldExactly(reportedIds(outcome));
    });

    it("a poll hangs: timed out, resent, the create succeeds", async () => {
      await ctl.addFault({ method: "GET", path: PATHS.service, hang: true });
      const outcome = await createWithShortTimeout();
      expect(outcome.kind).toBe("created");
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      expect(faulted(await ctl.requests())).toHaveLength(1);
    });
  });
});

describe("authentication that lapses during a wait", () => {
  it("signs again when the digest nonce goes stale mid-wait", async () => {
    await ctl.settings({ provisionSeconds: 1 });
    const creating = create();
    await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await ctl.settings({ nonceTtlSeconds: 0.08 });
    const outcome = await creating;
    expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
    await expectEmulatorToHoldExactly(reportedIds(outcome));
    const gets = callsOf(await ctl.requests(), "GET", PATHS.service);
    // A signed poll refused as stale, then the same poll signed with the new nonce, answered.
    const staleRefusals = gets.filter((g) => g.status === 401 && g.auth === "digest");
    expect(staleRefusals.length).toBeGreaterThanOrEqual(2);
    for (const refusal of staleRefusals) expect(gets.find((g) => g.seq > refusal.seq)?.status).toBe(200);
  });

  describe("with a service account", () => {
    beforeEach(async () => {
      await configureProvider(
        emulatorConfig(emulator.baseUrl, {
          "mongodbatlas:publicKey": "",
          "mongodbatlas:privateKey": "",
          "mongodbatlas:clientId": EMULATOR_IDENTITY.serviceAccount.clientId,
          "mongodbatlas:clientSecret": EMULATOR_IDENTITY.serviceAccount.clientSecret,
        }),
      );
    });

    it("renews a token that expires mid-wait, within the token endpoint's limit", async () => {
      await ctl.settings({ tokenTtlSeconds: 1, provisionSeconds: 2.5 });
      const outcome = await create();
      expect(outcome).toMatchObject({ kind: "created", outs: { status: "AVAILABLE" } });
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      const log = await ctl.requests();
      const tokens = callsOf(log, "POST", PATHS.token);
      expect(tokens.length).toBeGreaterThanOrEqual(3);
      expect(tokens.every((t) => t.status === 200)).toBe(true);
      expect(log.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    });

    it("fetches a new token once when Atlas answers 401 'The access token expired.'", async () => {
      await ctl.addFault({
        method: "GET",
        path: PATHS.service,
        status: 401,
        headers: { "WWW-Authenticate": 'Bearer error="invalid_token", error_description="The access token expired."' },
      });
      const outcome = await create();
      expect(outcome.kind).toBe("created");
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      const log = await ctl.requests();
      expect(callsOf(log, "POST", PATHS.token).map((t) => t.status)).toEqual([200, 200]);
      const refused = faulted(log)[0]!;
      expect(log.find((r) => r.seq > refused.seq)?.path).toMatch(/\/api\/oauth\/token$/);
    });

    it("waits at least Retry-After when the token endpoint answers 429", async () => {
      await ctl.addFault({ method: "POST", path: PATHS.token, status: 429, headers: { "Retry-After": "1" } });
      const outcome = await create();
      expect(outcome.kind).toBe("created");
      await expectEmulatorToHoldExactly(reportedIds(outcome));
      const tokens = callsOf(await ctl.requests(), "POST", PATHS.token);
      expect(tokens.map((t) => t.status)).toEqual([429, 200]);
      expect(waitBetweenMs(tokens[0]!, tokens[1]!)).toBeGreaterThanOrEqual(1000 - CLOCK_SLACK_MS);
    });
  });
});

describe("status changes behind the provider's back", () => {
  it("records a service that flips to FAILED as a partial create with Atlas' message", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const creating = create();
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await ctl.patchService(service!.id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
    const outcome = await creating;
    if (outcome.kind !== "partial") throw new Error(`expected a partial create, got ${outcome.kind}`);
    expect(outcome.id).toBe(service!.id);
    expect(outcome.error.message).toContain("FAILED: Reason: No Capacity.");
    expect(outcome.error.properties).toMatchObject({ status: "FAILED", errorMessage: "Reason: No Capacity." });
    await expectEmulatorToHoldExactly(reportedIds(outcome));
  });

  it("fails a delete that stays DELETING past timeouts.delete, and the service stays (in state and in Atlas)", async () => {
    const { id, outs } = await provider.create(await awsInputs("us-east-1", { timeouts: { delete: "300ms" } }));
    await ctl.patchService(id, { stuck: true });
    await expect(provider.delete(id, outs as unknown as Record<string, unknown>)).rejects.toThrow(
      `Endpoint service ${id} was still DELETING when timeouts.delete (300ms) ran out. It stays in state`,
    );
    await expectEmulatorToHoldExactly([id]);
    expect((await ctl.services())[0]?.status).toBe("DELETING");
  });

  it("fails clearly, recording nothing, when the service disappears during the wait", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const creating = create();
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await ctl.patchService(service!.id, { remove: true });
    const error = failureOf(await creating);
    expect(error).not.toBeInstanceOf(PartialCreateError);
    expect(String(error)).toContain(`Endpoint service ${service!.id} disappeared while it was being created`);
    await expectEmulatorToHoldExactly([]);
  });

  it("logs an unknown status once, treats it as pending, and succeeds when it turns AVAILABLE", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const creating = create();
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await ctl.patchService(service!.id, { status: "PENDING_ACCEPTANCE" });
    await eventually(
      () => ctl.requests(),
      (log) => callsOf(log, "GET", PATHS.service).filter((g) => g.status === 200).length >= 4,
    );
    await ctl.patchService(service!.id, { status: "AVAILABLE" });
    const outcome = await creating;
    expect(outcome).toMatchObject({ kind: "created", id: service!.id, outs: { status: "AVAILABLE" } });
    expect(logLines.filter((l) => l.includes('"PENDING_ACCEPTANCE"'))).toEqual([
      'PrivateEndpointService matrix (AWS us-east-1): Atlas reports status "PENDING_ACCEPTANCE", which this provider does not know; treating it as still in progress',
    ]);
    await expectEmulatorToHoldExactly(reportedIds(outcome));
  });
});

describe("credentials and project that can never work: a clear error, no retries, nothing created", () => {
  it("a wrong private key", async () => {
    await configureProvider(emulatorConfig(emulator.baseUrl, { "mongodbatlas:privateKey": "wrong" }));
    const error = atlasError(failureOf(await create()));
    expect(error).toMatchObject({ category: "auth", status: 401 });
    expect(error.message).toContain("You are not authorized for this resource.");
    await expectEmulatorToHoldExactly([]);
    // The challenge, then the signed request refused: nothing more.
    expect((await ctl.requests()).map((r) => `${r.method} ${r.status} ${r.auth}`)).toEqual([
      "GET 401 none",
      "GET 401 digest",
    ]);
  });

  it("a key without Project Owner (read-only)", async () => {
    await configureProvider(
      emulatorConfig(emulator.baseUrl, {
        "mongodbatlas:publicKey": EMULATOR_IDENTITY.readOnlyKey.publicKey,
        "mongodbatlas:privateKey": EMULATOR_IDENTITY.readOnlyKey.privateKey,
      }),
    );
    const error = atlasError(failureOf(await create()));
    expect(error).toMatchObject({ category: "permission", errorCode: "USER_UNAUTHORIZED", method: "POST" });
    expect(error.message).toContain("USER_UNAUTHORIZED");
    expect(error.message).toContain("not authorized to perform this action");
    await expectEmulatorToHoldExactly([]);
    expect(authenticatedCallsOf(await ctl.requests(), "POST", PATHS.create).map((p) => p.status)).toEqual([401]);
  });

  it("a project that does not exist", async () => {
    const missing = "ffffffffffffffffffffffff";
    const error = atlasError(
      failureOf(
        await outcomeOf(
          provider.create(await checkedInputs({ projectId: missing, providerName: "AWS", region: "us-east-1" })),
        ),
      ),
    );
    expect(error).toMatchObject({ category: "not-found", errorCode: "GROUP_NOT_FOUND", status: 404 });
    expect(error.message).toContain(`No group with ID ${missing} exists.`);
    await expectEmulatorToHoldExactly([]);
    expect((await ctl.requests()).map((r) => `${r.method} ${r.status}`)).toEqual(["GET 401", "GET 404"]);
  });
});

describe("deleteOnCreateTimeout when the delete itself fails", () => {
  it("still reports the service it could not delete (a partial create), so it is not orphaned", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const inputs = await awsInputs("us-west-2", {
      deleteOnCreateTimeout: true,
      timeouts: { create: "300ms", delete: "300ms" },
    });
    const creating = create(inputs);
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    // Stuck: the DELETE that deleteOnCreateTimeout sends leaves it DELETING past timeouts.delete.
    await ctl.patchService(service!.id, { stuck: true });
    const outcome = await creating;
    expect((await ctl.services()).map((s) => s.status)).toEqual(["DELETING"]);
    expect(outcome).toMatchObject({ kind: "partial", id: service!.id });
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
