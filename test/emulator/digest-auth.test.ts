import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, send, V2_ACCEPT, type AtlasAnswer } from "./helpers/atlas-client";
import { digestAuthorization, parseChallenge } from "./helpers/digest";
import { fakeClock } from "./helpers/fake-clock";
import { readSnaphost, atlasDataFile } from "./helpers/recorded";

const KEY = EMULATOR_IDENTITY.apiKey;
const LIST = `/api/atlas/v2/groups/${EMULATOR_IDENTITY.projectId}/privateEndpoint/AWS/endpointService`;
const REALM = "MMS Public API";

const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now, nonceTtlSeconds: 300 });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

/** A fresh challenge's nonce. */
async function challenge(uri = LIST): Promise<string> {
  const answer = await send(emulator.baseUrl + uri, { headers: { Accept: V2_ACCEPT } });
  return parseChallenge(answer.headers.get("www-authenticate")).nonce ?? "";
}

/** One signed GET of `uri`, with full control over every digest input. */
function signedGet(
  uri: string,
  digest: { nonce: string; nc: number; password?: string; username?: string; realm?: string; signedUri?: string },
): Promise<AtlasAnswer> {
  const authorization = digestAuthorization({
    username: digest.username ?? KEY.publicKey,
    password: digest.password ?? KEY.privateKey,
    realm: digest.realm ?? REALM,
    nonce: digest.nonce,
    method: "GET",
    uri: digest.signedUri ?? uri,
    nc: digest.nc,
  });
  return send(emulator.baseUrl + uri, { headers: { Accept: V2_ACCEPT, Authorization: authorization } });
}

describe("digest challenge", () => {
  it("has exactly the recorded Atlas format: header, content type and pretty body", async () => {
    const recorded = readSnaphost(
      atlasDataFile(
        "recorded/atlas-cli-e2e/2026-08-10_head-8ddea41/other-endpoints-errors/TestSetup/POST_api_atlas_v2_groups_1.snaphost",
      ),
    );
    const answer = await send(emulator.baseUrl + LIST, { headers: { Accept: V2_ACCEPT } });
    const format =
      /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]{32}", algorithm=MD5, qop="auth", stale=false$/;
    expect(recorded.headers["www-authenticate"]).toMatch(format);
    expect(answer.status).toBe(recorded.status);
    expect(answer.headers.get("www-authenticate")).toMatch(format);
    expect(answer.headers.get("content-type")).toBe(recorded.headers["content-type"]);
    expect(answer.text).toBe(recorded.body);
    expect(answer.headers.get("x-error-code")).toBeNull();
  });

  it("issues a different nonce each time", async () => {
    expect(await challenge()).not.toBe(await challenge());
  });
});

describe("digest verification", () => {
  it("accepts a correct answer", async () => {
    const answer = await signedGet(LIST, { nonce: await challenge(), nc: 1 });
    expect(answer.status).toBe(200);
    expect((await ctl.requests()).map((r) => [r.status, r.auth])).toEqual([
      [401, "none"],
      [200, "digest"],
    ]);
  });

  it.each([
    ["a wrong password", { password: "wrong" }],
    ["an unknown user", { username: "nobody" }],
    ["another realm", { realm: "Other" }],
  ])("refuses %s with a fresh challenge", async (_what, change) => {
    const nonce = await challenge();
    const answer = await signedGet(LIST, { nonce, nc: 1, ...change });
    expect(answer.status).toBe(401);
    const again = parseChallenge(answer.headers.get("www-authenticate"));
    expect(again.stale).toBe("false");
    expect(again.nonce).not.toBe(nonce);
    expect(answer.json).toEqual({
      error: 401,
      reason: "Unauthorized",
      detail: "You are not authorized for this resource.",
      errorCode: "UNEXPECTED_ERROR",
    });
  });

  it("refuses a nonce it never issued", async () => {
    const answer = await signedGet(LIST, { nonce: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", nc: 1 });
    expect(answer.status).toBe(401);
  });

  it("answers stale=true with a new nonce once the nonce expired, and the new nonce works", async () => {
    const nonce = await challenge();
    expect((await signedGet(LIST, { nonce, nc: 1 })).status).toBe(200);
    clock.advance(301_000);
    const stale = await signedGet(LIST, { nonce, nc: 2 });
    expect(stale.status).toBe(401);
    const fresh = parseChallenge(stale.headers.get("www-authenticate"));
    expect(fresh.stale).toBe("true");
    expect(fresh.nonce).not.toBe(nonce);
    expect((await signedGet(LIST, { nonce: fresh.nonce ?? "", nc: 1 })).status).toBe(200);
  });

  it("does not call an expired nonce stale when the password is wrong", async () => {
    const nonce = await challenge();
    clock.advance(301_000);
    const answer = await signedGet(LIST, { nonce, nc: 1, password: "wrong" });
    expect(parseChallenge(answer.headers.get("www-authenticate")).stale).toBe("false");
  });

  it("accepts one nonce for many requests while nc increases", async () => {
    const nonce = await challenge();
    for (const nc of [1, 2, 3, 7]) expect((await signedGet(LIST, { nonce, nc })).status).toBe(200);
    expect((await ctl.requests()).map((r) => r.status)).toEqual([401, 200, 200, 200, 200]);
  });

  it("refuses a replayed nc with a fresh stale=false challenge, and still accepts a higher one", async () => {
    const nonce = await challenge();
    expect((await signedGet(LIST, { nonce, nc: 1 })).status).toBe(200);
    expect((await signedGet(LIST, { nonce, nc: 2 })).status).toBe(200);
    const replay = await signedGet(LIST, { nonce, nc: 2 });
    expect(replay.status).toBe(401);
    expect(parseChallenge(replay.headers.get("www-authenticate")).stale).toBe("false");
    expect((await signedGet(LIST, { nonce, nc: 1 })).status).toBe(401);
    expect((await signedGet(LIST, { nonce, nc: 3 })).status).toBe(200);
  });

  it("requires uri to be the request target including its query string", async () => {
    const withQuery = `${LIST}?pretty=true`;
    const nonce = await challenge(withQuery);
    expect((await signedGet(withQuery, { nonce, nc: 1, signedUri: LIST })).status).toBe(401);
    expect((await signedGet(withQuery, { nonce, nc: 2 })).status).toBe(200);
  });

  it("binds the answer to the method", async () => {
    const nonce = await challenge();
    const authorization = digestAuthorization({
      username: KEY.publicKey,
      password: KEY.privateKey,
      realm: REALM,
      nonce,
      method: "GET",
      uri: `/api/atlas/v2/groups/${EMULATOR_IDENTITY.projectId}/privateEndpoint/endpointService`,
      nc: 1,
    });
    const answer = await send(
      `${emulator.baseUrl}/api/atlas/v2/groups/${EMULATOR_IDENTITY.projectId}/privateEndpoint/endpointService`,
      {
        method: "POST",
        headers: { Accept: V2_ACCEPT, Authorization: authorization, "Content-Type": V2_ACCEPT },
        body: JSON.stringify({ providerName: "AWS", region: "us-east-1" }),
      },
    );
    expect(answer.status).toBe(401);
    expect(await ctl.services()).toEqual([]);
  });

  it("forgets nonces on reset", async () => {
    const nonce = await challenge();
    await ctl.reset();
    expect((await signedGet(LIST, { nonce, nc: 1 })).status).toBe(401);
  });

  it("spends one challenge for a client that reuses its nonce", async () => {
    const atlas = atlasClient(emulator.baseUrl);
    for (let i = 0; i < 3; i++) expect((await atlas.list("AWS")).status).toBe(200);
    expect((await ctl.requests()).map((r) => r.status)).toEqual([401, 200, 200, 200]);
  });
});

describe("nonce-count policies", () => {
  /** Signs `counts` on one fresh nonce in the given order, one after another; the statuses in that order. */
  async function statusesFor(counts: readonly number[]): Promise<number[]> {
    const nonce = await challenge();
    const statuses: number[] = [];
    for (const nc of counts) statuses.push((await signedGet(LIST, { nonce, nc })).status);
    return statuses;
  }

  it("is strict by default: a count lower than one already accepted is refused", async () => {
    expect((await ctl.settings({})).nonceCountPolicy).toBe("strict");
    expect(await statusesFor([1, 3, 2, 3, 4])).toEqual([200, 200, 401, 401, 200]);
  });

  it("under unique, accepts counts in any order and refuses only a count it has seen", async () => {
    await ctl.settings({ nonceCountPolicy: "unique" });
    expect(await statusesFor([1, 3, 2, 3, 4, 1])).toEqual([200, 200, 200, 401, 200, 401]);
  });

  it("under unique, accepts 50 concurrent requests whose counts reach it in any order", async () => {
    await ctl.settings({ nonceCountPolicy: "unique" });
    const nonce = await challenge();
    const counts = Array.from({ length: 50 }, (_, i) => 50 - i);
    const answers = await Promise.all(counts.map((nc) => signedGet(LIST, { nonce, nc })));
    expect(answers.map((a) => a.status)).toEqual(counts.map(() => 200));
  });

  it("under strict, refuses every count sent after a higher one on the same nonce", async () => {
    expect(await statusesFor([5, 4, 3, 6, 2])).toEqual([200, 401, 401, 200, 401]);
  });

  it("goes back to the starting policy on reset, and refuses an unknown policy naming it", async () => {
    await ctl.settings({ nonceCountPolicy: "unique" });
    await ctl.reset();
    expect((await ctl.settings({})).nonceCountPolicy).toBe("strict");
    await expect(ctl.settings({ nonceCountPolicy: "loose" as "strict" })).rejects.toThrow(
      /nonceCountPolicy must be "strict" or "unique", got "loose"/,
    );
  });

  it("takes the policy as a startEmulator option", async () => {
    const lenient = await startEmulator({ nonceCountPolicy: "unique" });
    try {
      expect((await control(lenient.baseUrl).settings({})).nonceCountPolicy).toBe("unique");
    } finally {
      await lenient.close();
    }
  });
});
