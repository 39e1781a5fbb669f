import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { isLoopback } from "../../emulator/request-handler";
import { control, EmulatorControlError, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, send, type AtlasTestClient } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

const PROJECT = EMULATOR_IDENTITY.projectId;
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;
let atlas: AtlasTestClient;

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now, provisionSeconds: 10, deletingSeconds: 5, updateSeconds: 2 });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await ctl.reset();
  atlas = atlasClient(emulator.baseUrl);
});

/** The fake clock's time, `offsetMs` ahead, as the control API prints it. */
function iso(offsetMs = 0): string {
  return new Date(clock.now() + offsetMs).toISOString();
}

async function createAws(): Promise<string> {
  return (await atlas.create({ providerName: "AWS", region: "us-east-1" })).service.id;
}

describe("GET /__emulator/requests", () => {
  it("logs every non-control request with its method, full path, status, auth, time and project", async () => {
    await atlas.request("GET", `/groups/${PROJECT}/privateEndpoint/AWS/endpointService?pretty=true`);
    await send(`${emulator.baseUrl}/api/oauth/token`, { method: "POST" });
    const log = await ctl.requests();
    const listPath = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint/AWS/endpointService?pretty=true`;
    expect(log).toEqual([
      {
        seq: 1,
        method: "GET",
        path: listPath,
        status: 401,
        auth: "none",
        time: iso(),
        durationMs: expect.any(Number) as unknown,
        projectId: PROJECT,
      },
      {
        seq: 2,
        method: "GET",
        path: listPath,
        status: 200,
        auth: "digest",
        time: iso(),
        durationMs: expect.any(Number) as unknown,
        projectId: PROJECT,
      },
      {
        seq: 3,
        method: "POST",
        path: "/api/oauth/token",
        status: 401,
        auth: "none",
        time: iso(),
        durationMs: expect.any(Number) as unknown,
      },
    ]);
  });

  it("is emptied by DELETE, numbering from 1 again", async () => {
    await atlas.list("AWS");
    await ctl.clearRequests();
    expect(await ctl.requests()).toEqual([]);
    await atlas.list("AWS");
    expect((await ctl.requests()).map((r) => r.seq)).toEqual([1]);
  });
});

describe("GET /__emulator/services", () => {
  it("lists every service of every project with its timing", async () => {
    const id = await createAws();
    expect(await ctl.services()).toEqual([
      {
        id,
        projectId: PROJECT,
        cloudProvider: "AWS",
        regionName: "US_EAST_1",
        status: "INITIATING",
        errorMessage: null,
        createdAt: iso(),
        readyAt: iso(10_000),
        goneAt: null,
        stuck: false,
        service: expect.objectContaining({ id, status: "INITIATING", endpointServiceName: null }) as unknown,
      },
    ]);
  });
});

describe("PATCH /__emulator/services/{id}", () => {
  it("sets FAILED with an errorMessage, which Atlas then answers", async () => {
    const id = await createAws();
    const patched = await ctl.patchService(id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
    expect(patched).toMatchObject({ id, status: "FAILED", errorMessage: "Reason: No Capacity." });
    clock.advance(60_000);
    const answer = await atlas.get("AWS", id);
    expect(answer.json).toMatchObject({
      status: "FAILED",
      errorMessage: "Reason: No Capacity.",
      endpointServiceName: null,
    });
  });

  it("sets any status, even one Atlas does not document", async () => {
    const id = await createAws();
    await ctl.patchService(id, { status: "PENDING_ACCEPTANCE" });
    expect((await atlas.get("AWS", id)).service.status).toBe("PENDING_ACCEPTANCE");
  });

  it("makes a service ready at once with AVAILABLE, outputs included", async () => {
    const id = await createAws();
    await ctl.patchService(id, { status: "AVAILABLE" });
    const { service } = await atlas.get("AWS", id);
    expect(service.status).toBe("AVAILABLE");
    expect(service.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
  });

  it("restarts provisioning with INITIATING", async () => {
    const id = await createAws();
    await ctl.patchService(id, { status: "FAILED" });
    await ctl.patchService(id, { status: "INITIATING" });
    expect((await atlas.get("AWS", id)).service.status).toBe("INITIATING");
    clock.advance(10_000);
    expect((await atlas.get("AWS", id)).service.status).toBe("AVAILABLE");
  });

  it("removes a service at once", async () => {
    const id = await createAws();
    await ctl.patchService(id, { remove: true });
    expect((await atlas.get("AWS", id)).status).toBe(404);
    expect(await ctl.services()).toEqual([]);
  });

  it("keeps a stuck DELETING forever, and lets it finish once unstuck", async () => {
    const id = await createAws();
    await ctl.patchService(id, { status: "DELETING", stuck: true });
    clock.advance(3_600_000);
    expect((await atlas.get("AWS", id)).service.status).toBe("DELETING");
    expect((await ctl.services())[0]).toMatchObject({ stuck: true, goneAt: null });
    await ctl.patchService(id, { stuck: false });
    clock.advance(5_000);
    expect((await atlas.get("AWS", id)).status).toBe(404);
  });

  it("keeps a stuck INITIATING from becoming AVAILABLE", async () => {
    const id = await createAws();
    await ctl.patchService(id, { stuck: true });
    clock.advance(3_600_000);
    expect((await atlas.get("AWS", id)).service.status).toBe("INITIATING");
  });

  it("makes a deletion requested through Atlas never end when the service is stuck", async () => {
    const id = await createAws();
    clock.advance(10_000);
    await ctl.patchService(id, { stuck: true });
    expect((await atlas.remove("AWS", id)).status).toBe(202);
    clock.advance(3_600_000);
    expect((await atlas.get("AWS", id)).service.status).toBe("DELETING");
  });

  it("answers 404 for an unknown service and 400 for a bad patch", async () => {
    const unknown = await ctl.patchService("ffffffffffffffffffffffff", { status: "FAILED" }).catch((e: unknown) => e);
    expect((unknown as EmulatorControlError).status).toBe(404);
    const id = await createAws();
    const bad = await ctl.patchService(id, { status: 42 } as never).catch((e: unknown) => e);
    expect((bad as EmulatorControlError).status).toBe(400);
  });
});

describe("PATCH /__emulator/settings", () => {
  it("changes the timing of services created afterwards and answers every setting", async () => {
    const settings = await ctl.settings({ provisionSeconds: 1, deletingSeconds: 0 });
    expect(settings).toEqual({
      provisionSeconds: 1,
      timing: "fixed",
      deletingSeconds: 0,
      updateSeconds: 2,
      registrationSeconds: 2,
      registrationDeletingSeconds: 1,
      gcpDeletedSeconds: 0,
      registrationListedAfterGoneSeconds: 0,
      omitCloudProvider: false,
      registrationSuccessCodes: "like-services",
      clusterUpdateSeconds: 2,
      regionalModePatchStatus: 202,
      gcpAttachmentCount: 6,
      nonceCountPolicy: "strict",
      nonceTtlSeconds: 300,
      tokenTtlSeconds: 3600,
      tokenRateLimitPerMinute: 10,
      rateLimit: null,
    });
    const id = await createAws();
    expect((await ctl.services())[0]?.readyAt).toBe(iso(1000));
    await atlas.remove("AWS", id);
    expect((await atlas.get("AWS", id)).status).toBe(404);
  });

  it.each([
    [{ provisionSeconds: -1 }, /provisionSeconds/],
    [{ timing: "slow" }, /timing/],
    [{ rateLimit: { capacity: 0, refillPerSecond: 1 } }, /rateLimit\.capacity/],
    [{ provisionSecs: 1 }, /unknown setting "provisionSecs"/],
  ])("refuses %j with 400 naming the setting", async (patch, message) => {
    const error = await ctl.settings(patch as never).catch((e: unknown) => e);
    expect((error as EmulatorControlError).status).toBe(400);
    expect((error as EmulatorControlError).message).toMatch(message);
  });
});

describe("realistic timing", () => {
  /** Seconds each provider's new service takes, under `options`. */
  async function drawnSeconds(options: Parameters<typeof startEmulator>[0]): Promise<Record<string, number>> {
    const own = await startEmulator({ now: clock.now, timing: "realistic", ...options });
    try {
      const client = atlasClient(own.baseUrl);
      await client.create({ providerName: "AWS", region: "us-east-1" });
      await client.create({ providerName: "AZURE", region: "eastus" });
      await client.create({ providerName: "GCP", region: "us-east4" });
      const services = await control(own.baseUrl).services();
      return Object.fromEntries(
        services.map((s) => [s.cloudProvider, (Date.parse(s.readyAt!) - Date.parse(s.createdAt)) / 1000]),
      );
    } finally {
      await own.close();
    }
  }

  it("draws each provider's time from the packaged recorded samples by default", async () => {
    // random() = 0 picks each provider's fastest recorded run, just below 1 its slowest.
    expect(await drawnSeconds({ random: () => 0 })).toEqual({ AWS: 141, AZURE: 42, GCP: 218 });
    expect(await drawnSeconds({ random: () => 0.99999 })).toEqual({ AWS: 1464, AZURE: 147, GCP: 1490 });
  });

  it("draws from the user's samples file when one is given", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "provisioning-times-"));
    try {
      const file = path.join(dir, "mine.json");
      await writeFile(
        file,
        JSON.stringify({ AWS: { samples: [7, 8] }, AZURE: { samples: [9] }, GCP: { samples: [10] } }),
      );
      expect(await drawnSeconds({ provisioningTimesFile: file, random: () => 0.99999 })).toEqual({
        AWS: 8,
        AZURE: 9,
        GCP: 10,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("falls back to the recorded medians when the user's samples file cannot be read", async () => {
    expect(await drawnSeconds({ provisioningTimesFile: "/nonexistent/provisioning-times.json" })).toEqual({
      AWS: 169,
      AZURE: 59,
      GCP: 275,
    });
  });
});

describe("POST /__emulator/reset", () => {
  it("forgets services, containers, faults, tokens and settings", async () => {
    await createAws();
    await ctl.addFault({ path: "nothing", status: 500 });
    await ctl.settings({ provisionSeconds: 99 });
    const token = await send(`${emulator.baseUrl}/api/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from("mdb_sa_id_emulator:mdb_sa_sk_emulator").toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    await ctl.reset();
    expect(await ctl.services()).toEqual([]);
    expect(await ctl.faults()).toEqual([]);
    expect(await ctl.requests()).toEqual([]);
    expect((await ctl.settings({})).provisionSeconds).toBe(10);
    const fresh = atlasClient(emulator.baseUrl);
    expect((await fresh.containers("AWS")).page.totalCount).toBe(0);
    const bearer = atlasClient(emulator.baseUrl, { credentials: { kind: "bearer", token: token.oauth.access_token } });
    expect((await bearer.list("AWS")).status).toBe(401);
  });
});

describe("control API access", () => {
  it("answers GET /__emulator/health", async () => {
    const answer = await send(`${emulator.baseUrl}/__emulator/health`);
    expect([answer.status, answer.json]).toEqual([200, { status: "ok" }]);
  });

  it("answers 404 for an unknown control route", async () => {
    expect((await send(`${emulator.baseUrl}/__emulator/nothing`)).status).toBe(404);
  });

  it("is not logged as Atlas traffic", async () => {
    await ctl.services();
    expect(await ctl.requests()).toEqual([]);
  });

  it("tells loopback peers from others", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"].map(isLoopback)).toEqual([true, true, true, true]);
    expect(["192.0.2.2", "::ffff:10.0.0.1", "fd00::2", undefined].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && !i.internal && i.family === "IPv4");
  (external === undefined ? it.skip : it)(
    "refuses clients that are not on this machine's loopback with 403",
    async () => {
      const open = await startEmulator({ host: "0.0.0.0" });
      try {
        const answer = await send(`http://${external!.address}:${open.port}/__emulator/health`);
        expect(answer.status).toBe(403);
        expect((await send(`http://127.0.0.1:${open.port}/__emulator/health`)).status).toBe(200);
      } finally {
        await open.close();
      }
    },
  );
});
