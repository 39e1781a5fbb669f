import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, send, type AtlasAnswer } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";

const SA = EMULATOR_IDENTITY.serviceAccount;
/** A project that exists but where the built-in principals have no role. */
const FOREIGN_PROJECT = "aaaaaaaaaaaaaaaaaaaaaaaa";
/** A project owned by an extra key from the config. */
const EXTRA_PROJECT = "bbbbbbbbbbbbbbbbbbbbbbbb";
const EXTRA_KEY = { publicKey: "extrakey", privateKey: "extra-secret" };
const EXTRA_ACCOUNT = { clientId: "mdb_sa_id_extra", clientSecret: "mdb_sa_sk_extra" };

const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({
    now: clock.now,
    config: {
      projects: [FOREIGN_PROJECT],
      apiKeys: [{ ...EXTRA_KEY, roles: { [EXTRA_PROJECT]: "GROUP_OWNER" } }],
      serviceAccounts: [{ ...EXTRA_ACCOUNT, roles: { [EXTRA_PROJECT]: "GROUP_READ_ONLY" } }],
    },
  });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

function requestToken(
  authorization = basic(SA.clientId, SA.clientSecret),
  form = "grant_type=client_credentials",
): Promise<AtlasAnswer> {
  return send(`${emulator.baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
  });
}

async function token(): Promise<string> {
  const answer = await requestToken();
  expect(answer.status).toBe(200);
  return answer.oauth.access_token;
}

describe("OAuth token endpoint", () => {
  it("issues an opaque bearer token for service account credentials", async () => {
    const answer = await requestToken();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.json).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) as unknown,
      expires_in: 3600,
      token_type: "Bearer",
    });
  });

  it("accepts the credentials as form fields too", async () => {
    const answer = await requestToken(
      "",
      `grant_type=client_credentials&client_id=${SA.clientId}&client_secret=${SA.clientSecret}`,
    );
    expect(answer.status).toBe(200);
  });

  it.each([
    ["a wrong secret", basic(SA.clientId, "wrong")],
    ["an unknown client", basic("mdb_sa_id_nobody", SA.clientSecret)],
    ["no credentials", ""],
  ])("refuses %s with 401 invalid_client", async (_what, authorization) => {
    const answer = await requestToken(authorization);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: "invalid_client", error_description: expect.any(String) as unknown });
  });

  it("refuses another grant type", async () => {
    const answer = await requestToken(undefined, "grant_type=password");
    expect(answer.status).toBe(400);
    expect(answer.oauth.error).toBe("unsupported_grant_type");
  });

  it("limits token requests to 10 a minute per client, with Retry-After", async () => {
    for (let i = 0; i < 10; i++) expect((await requestToken()).status).toBe(200);
    const limited = await requestToken();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.json).toMatchObject({ error: 429, errorCode: "RATE_LIMITED" });
    // Another client has its own allowance.
    expect((await requestToken(basic(EXTRA_ACCOUNT.clientId, EXTRA_ACCOUNT.clientSecret))).status).toBe(200);
    clock.advance(6_000);
    expect((await requestToken()).status).toBe(200);
  });

  it("follows the configured per-minute limit", async () => {
    await ctl.settings({ tokenRateLimitPerMinute: 2 });
    expect((await requestToken()).status).toBe(200);
    expect((await requestToken()).status).toBe(200);
    expect((await requestToken()).status).toBe(429);
  });
});

describe("bearer tokens", () => {
  it("authenticate Atlas calls with the service account's roles", async () => {
    const atlas = atlasClient(emulator.baseUrl, { credentials: { kind: "bearer", token: await token() } });
    expect((await atlas.create({ providerName: "AWS", region: "us-east-1" })).status).toBe(201);
    expect((await atlas.list("AWS")).status).toBe(200);
    expect((await ctl.requests()).map((r) => r.auth)).toEqual(["basic", "bearer", "bearer"]);
  });

  it("stop working when they expire, with a Bearer challenge instead of a digest one", async () => {
    const atlas = atlasClient(emulator.baseUrl, { credentials: { kind: "bearer", token: await token() } });
    clock.advance(3_599_000);
    expect((await atlas.list("AWS")).status).toBe(200);
    clock.advance(1_000);
    const expired = await atlas.list("AWS");
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token"/);
    expect(expired.json).toMatchObject({ error: 401, errorCode: "UNEXPECTED_ERROR" });
  });

  it("follow the configured lifetime", async () => {
    await ctl.settings({ tokenTtlSeconds: 5 });
    expect((await requestToken()).oauth.expires_in).toBe(5);
  });

  it("stop working once revoked", async () => {
    const bearer = await token();
    const revoke = await send(`${emulator.baseUrl}/api/oauth/revoke`, {
      method: "POST",
      headers: {
        Authorization: basic(SA.clientId, SA.clientSecret),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: `token=${bearer}&token_type_hint=access_token`,
    });
    expect(revoke.status).toBe(200);
    const atlas = atlasClient(emulator.baseUrl, { credentials: { kind: "bearer", token: bearer } });
    expect((await atlas.list("AWS")).status).toBe(401);
  });

  it("refuse a token the emulator never issued", async () => {
    const atlas = atlasClient(emulator.baseUrl, { credentials: { kind: "bearer", token: "made-up" } });
    expect((await atlas.list("AWS")).status).toBe(401);
  });
});

describe("roles", () => {
  const readOnly = () =>
    atlasClient(emulator.baseUrl, {
      credentials: {
        kind: "digest",
        username: EMULATOR_IDENTITY.readOnlyKey.publicKey,
        password: EMULATOR_IDENTITY.readOnlyKey.privateKey,
      },
    });

  it("let a read-only key list and get", async () => {
    const created = await atlasClient(emulator.baseUrl).create({ providerName: "AWS", region: "us-east-1" });
    expect((await readOnly().list("AWS")).status).toBe(200);
    expect((await readOnly().get("AWS", created.service.id)).status).toBe(200);
  });

  it.each([
    ["create", (a: ReturnType<typeof readOnly>) => a.create({ providerName: "AWS", region: "us-east-1" })],
    ["update", (a: ReturnType<typeof readOnly>) => a.update("0123456789abcdef01234568", { cloudProvider: "AWS" })],
    ["delete", (a: ReturnType<typeof readOnly>) => a.remove("AWS", "0123456789abcdef01234568")],
  ])("refuse a read-only key's %s with 401 USER_UNAUTHORIZED and no challenge", async (_op, call) => {
    const answer = await call(readOnly());
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toBeNull();
    expect(answer.headers.get("x-error-code")).toBe("USER_UNAUTHORIZED");
    expect(answer.json).toEqual({
      detail: "Current user is not authorized to perform this action.",
      error: 401,
      errorCode: "USER_UNAUTHORIZED",
      parameters: [],
      reason: "Unauthorized",
    });
    expect(await ctl.services()).toEqual([]);
  });

  it("refuse a read-only service account's writes", async () => {
    const tokenAnswer = await requestToken(basic(EXTRA_ACCOUNT.clientId, EXTRA_ACCOUNT.clientSecret));
    const atlas = atlasClient(emulator.baseUrl, {
      projectId: EXTRA_PROJECT,
      credentials: { kind: "bearer", token: tokenAnswer.oauth.access_token },
    });
    expect((await atlas.list("AWS")).status).toBe(200);
    expect((await atlas.create({ providerName: "AWS", region: "us-east-1" })).error.errorCode).toBe(
      "USER_UNAUTHORIZED",
    );
  });

  it("answer 401 NOT_IN_GROUP in a known project where the key has no role", async () => {
    const answer = await atlasClient(emulator.baseUrl, { projectId: FOREIGN_PROJECT }).list("AWS");
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ errorCode: "NOT_IN_GROUP", error: 401 });
  });

  it("give keys from the config their own projects", async () => {
    const extra = atlasClient(emulator.baseUrl, {
      projectId: EXTRA_PROJECT,
      credentials: { kind: "digest", username: EXTRA_KEY.publicKey, password: EXTRA_KEY.privateKey },
    });
    expect((await extra.create({ providerName: "AZURE", region: "eastus" })).status).toBe(201);
    expect((await ctl.services()).map((s) => s.projectId)).toEqual([EXTRA_PROJECT]);
    const builtIn = await atlasClient(emulator.baseUrl, { projectId: EXTRA_PROJECT }).list("AZURE");
    expect(builtIn.error.errorCode).toBe("NOT_IN_GROUP");
  });
});

describe("unknown project", () => {
  const UNKNOWN = "111111111111111111111111";

  it("answers 404 GROUP_NOT_FOUND after authentication", async () => {
    const answer = await atlasClient(emulator.baseUrl, { projectId: UNKNOWN }).create({
      providerName: "AWS",
      region: "us-east-1",
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-error-code")).toBe("GROUP_NOT_FOUND");
    expect(answer.json).toEqual({
      detail: `No group with ID ${UNKNOWN} exists.`,
      error: 404,
      errorCode: "GROUP_NOT_FOUND",
      parameters: [UNKNOWN],
      reason: "Not Found",
    });
    // The first, unsigned request was challenged: the project is not revealed to strangers.
    expect((await ctl.requests()).map((r) => r.status)).toEqual([401, 404]);
  });
});
