import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import type { ServiceBody } from "./helpers/atlas-client";
import { eventually } from "../support/eventually";

const KEY = `${EMULATOR_IDENTITY.apiKey.publicKey}:${EMULATOR_IDENTITY.apiKey.privateKey}`;
const GROUP = `groups/${EMULATOR_IDENTITY.projectId}`;
const CLI = path.resolve(__dirname, "../../dist/emulator/cli.js");

interface CurlAnswer {
  readonly status: number;
  /** The body: a service, a list of services, or `{}` (read without checking; the assertions check). */
  readonly json: ServiceBody & ServiceBody[];
}

/** Runs curl with digest authentication; resolves to the status and the parsed body. */
function curl(args: readonly string[]): Promise<CurlAnswer> {
  return new Promise((resolve, reject) => {
    // Async on purpose: the emulator answering curl may live in this very process.
    execFile("curl", ["-s", "--digest", "-u", KEY, "-w", "\n%{http_code}", ...args], (error, stdout) => {
      if (error !== null) return reject(new Error(`curl failed: ${error.message}`, { cause: error }));
      const split = stdout.lastIndexOf("\n");
      const body = stdout.slice(0, split);
      resolve({
        status: Number(stdout.slice(split + 1)),
        json: JSON.parse(body === "" ? "null" : body) as CurlAnswer["json"],
      });
    });
  });
}

/** Create, get until AVAILABLE, list and delete one service with curl on both API versions. */
async function curlLifecycle(baseUrl: string): Promise<void> {
  for (const [version, headers] of [
    ["v1.0", ["-H", "Content-Type: application/json"]],
    [
      "v2",
      [
        "-H",
        "Accept: application/vnd.atlas.2023-01-01+json",
        "-H",
        "Content-Type: application/vnd.atlas.2023-01-01+json",
      ],
    ],
  ] as const) {
    const api = `${baseUrl}/api/atlas/${version}/${GROUP}/privateEndpoint`;
    const created = await curl([
      ...headers,
      "-X",
      "POST",
      "-d",
      '{"providerName":"AWS","region":"us-east-1"}',
      `${api}/endpointService`,
    ]);
    expect([created.status, created.json.status, created.json.regionName]).toEqual([201, "INITIATING", "US_EAST_1"]);
    const id = created.json.id;
    const ready = await eventually(
      () => curl([...headers, `${api}/AWS/endpointService/${id}`]),
      (a) => a.json.status === "AVAILABLE",
      { timeoutMs: 5000, intervalMs: 50 },
    );
    expect(ready.json.endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/);
    const listed = await curl([...headers, `${api}/AWS/endpointService`]);
    expect([listed.status, listed.json.map((s) => s.id)]).toEqual([200, [id]]);
    const deleted = await curl([...headers, "-X", "DELETE", `${api}/AWS/endpointService/${id}`]);
    expect([deleted.status, deleted.json]).toEqual([202, {}]);
    await eventually(
      () => curl([...headers, `${api}/AWS/endpointService/${id}`]),
      (a) => a.status === 404,
      { timeoutMs: 5000, intervalMs: 50 },
    );
  }
}

describe("curl --digest against the emulator", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ provisionSeconds: 0.2, deletingSeconds: 0.1 });
  });
  afterAll(() => emulator.close());

  it("creates, reads, lists and deletes on v1.0 and v2", () => curlLifecycle(emulator.baseUrl));

  it("is refused with a wrong key", async () => {
    const answer = await new Promise<string>((resolve) =>
      execFile(
        "curl",
        [
          "-s",
          "--digest",
          "-u",
          "abcdefgh:wrong",
          "-w",
          "%{http_code}",
          "-o",
          "/dev/null",
          `${emulator.baseUrl}/api/atlas/v1.0/${GROUP}/privateEndpoint/AWS/endpointService`,
        ],
        (_e, out) => resolve(out),
      ),
    );
    expect(answer).toBe("401");
  });
});

// The built CLI exists once `npm run build` ran (CI builds before testing); locally it may not.
const withCli = existsSync(CLI) || process.env.CI === "true" ? describe : describe.skip;

withCli("the built CLI (dist/emulator/cli.js)", () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  });

  function run(args: readonly string[]): ChildProcessWithoutNullStreams {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the tests`);
    const child = spawn(process.execPath, [CLI, ...args]);
    children.push(child);
    return child;
  }

  function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
    return new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
      });
      child.once("exit", (code) => reject(new Error(`the CLI exited with ${String(code)} before printing a line`)));
    });
  }

  function exit(child: ChildProcessWithoutNullStreams): Promise<number | null> {
    return child.exitCode !== null
      ? Promise.resolve(child.exitCode)
      : new Promise((resolve) => child.once("exit", resolve));
  }

  it("prints where it listens, serves curl, and exits cleanly on SIGTERM", async () => {
    const child = run(["--port", "0", "--provision-seconds", "0.2", "--deleting-seconds", "0.1", "--quiet"]);
    const line = await firstLine(child);
    expect(line).toMatch(/^Atlas emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    await curlLifecycle(line.slice("Atlas emulator listening on ".length));
    child.kill("SIGTERM");
    expect(await exit(child)).toBe(0);
  });

  it("serves the clusters declared with --cluster", async () => {
    const child = run(["--port", "0", "--quiet", "--cluster", "orders:REPLICASET:AWS/us-east-1"]);
    const baseUrl = (await firstLine(child)).slice("Atlas emulator listening on ".length);
    const answer = await curl([
      "-H",
      "Accept: application/vnd.atlas.2024-08-05+json",
      `${baseUrl}/api/atlas/v2/${GROUP}/clusters/orders`,
    ]);
    expect([answer.status, (answer.json as unknown as { name: string }).name]).toEqual([200, "orders"]);
    child.kill("SIGTERM");
    expect(await exit(child)).toBe(0);
  });

  it("exits with status 2 naming the field of a bad --cluster", async () => {
    const child = run(["--port", "0", "--cluster", "orders:SHARDED:AWS/moon-1"]);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    expect(await exit(child)).toBe(2);
    expect(err).toContain('clusters[0].regions[0].regionName "moon-1" is not a region Atlas knows for AWS');
  });

  it("exits with status 2 and a clear message for a bad flag", async () => {
    const child = run(["--port", "0", "--bogus"]);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    expect(await exit(child)).toBe(2);
    expect(err).toContain('unknown option "--bogus"');
  });
});
