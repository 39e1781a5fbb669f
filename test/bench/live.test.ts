import * as fs from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

import { fanOutTargets } from "../../bench/fan-out";
import { measureRequestsPerCall, predictedOvershootS, runLiveBench, type LiveReport } from "../../bench/live";
import { MAX_DIGEST_LANES } from "../../provider/atlas/auth";
import { builtProviderPath } from "../../scripts/lib/dynamic-plugin";

/** A quick smoke of the live bench: counts, not timings (timings belong to `npm run bench`). */
describe("the live bench's requests-per-call measurement", () => {
  it("spends one challenge, then one request per call, over 50 sequential digest calls", async () => {
    const figures = await measureRequestsPerCall(50);
    expect(figures).toEqual({ calls: 50, requests: 51, challenges: 1, ratio: 1.02 });
    expect(figures.ratio).toBeLessThanOrEqual(1.05);
  });
});

describe("the live bench's fixed inputs", () => {
  it("fans out over 50 distinct provider and region pairs from all three providers", () => {
    const targets = fanOutTargets(50);
    expect(new Set(targets.map((t) => `${t.provider} ${t.region}`)).size).toBe(50);
    expect(new Set(targets.map((t) => t.provider))).toEqual(new Set(["AWS", "AZURE", "GCP"]));
  });

  it("predicts the overshoot from the published schedule's first poll at or after the ready time", () => {
    expect(predictedOvershootS("AWS", 20)).toBe(0);
    expect(predictedOvershootS("AZURE", 1)).toBe(9);
    expect(predictedOvershootS("GCP", 31)).toBe(14);
  });
});

describe("the live bench in a reduced configuration (a small fan-out, provisioning 1 s, no package install)", () => {
  let outDir: string;
  let report: LiveReport;
  let written: Record<string, unknown>;

  beforeAll(async () => {
    if (!fs.existsSync(builtProviderPath()))
      throw new Error(`${builtProviderPath()} is missing: run npm run build first`);
    outDir = await mkdtemp(path.join(os.tmpdir(), "live-bench-"));
    report = await runLiveBench({
      outDir,
      sequentialCalls: 10,
      createRuns: 2,
      provisionSeconds: 1,
      registrationSeconds: 1,
      fanOuts: [{ projects: 2, servicesPerProject: 2 }],
      fanOutParallel: 3,
      coldStartRuns: 1,
      installPackage: false,
    });
    written = JSON.parse(await readFile(path.join(outDir, "live.json"), "utf8")) as Record<string, unknown>;
  }, 150_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("writes live.json with the documented keys, in order", () => {
    expect(Object.keys(written)).toEqual([
      "machine",
      "startedAt",
      "wallTimeS",
      "requestsPerCall",
      "create",
      "fanOuts",
      "providerSize",
      "coldStart",
      "musts",
      "goals",
    ]);
    expect(Object.keys(written["machine"] as object)).toEqual(["cpuModel", "cores", "memoryGiB", "node", "os"]);
    expect(Object.keys(written["requestsPerCall"] as object)).toEqual(["calls", "requests", "challenges", "ratio"]);
    expect(Object.keys(written["create"] as object)).toEqual([
      "provisionSeconds",
      "concurrent",
      "runs",
      "medianOvershootS",
      "medianPredictedOvershootS",
    ]);
    const fanOuts = written["fanOuts"] as object[];
    expect(fanOuts).toHaveLength(2);
    expect(Object.keys(fanOuts[0] ?? {})).toEqual([
      "services",
      "projects",
      "servicesPerProject",
      "parallel",
      "noncePolicy",
      "provisionSeconds",
      "registrationSeconds",
      "rateLimit",
      "wallTimeS",
      "perServicePollFloorS",
      "parallelFloorS",
      "floorS",
      "wallTimeOverFloor",
      "requests",
      "rateLimited",
      "challenges",
      "challengeSharePercent",
      "registrations",
      "failures",
      "failureMessages",
      "medianOvershootS",
      "maxOvershootS",
      "medianRegistrationOvershootS",
      "maxRegistrationOvershootS",
      "peakRssMB",
      "bareHostPeakRssMB",
      "addedRssMB",
    ]);
    expect(Object.keys(written["coldStart"] as object)).toEqual([
      "source",
      "timesMs",
      "medianMs",
      "listeningMs",
      "rssAfterCheckMB",
    ]);
    expect(written["providerSize"]).toBeNull();
  });

  it("runs every fan-out under both nonce-count policies and creates every service and its registration", () => {
    expect(report.fanOuts.map((f) => [f.services, f.projects, f.noncePolicy, f.failures, f.registrations])).toEqual([
      [4, 2, "strict", 0, 4],
      [4, 2, "unique", 0, 4],
    ]);
    for (const f of report.fanOuts) expect(f.medianRegistrationOvershootS).not.toBeNull();
    expect(report.musts.map((m) => [m.name, m.pass])).toEqual([
      ["Fan-out of 4 services in 2 projects, nonce counts strict: no failed create (services and registrations)", true],
      ["Fan-out of 4 services in 2 projects, nonce counts unique: no failed create (services and registrations)", true],
    ]);
  });

  it("takes each fan-out's floor from its parallelism and its projects' buckets, and draws no more challenges than lanes", () => {
    // 4 items 3 at a time: two rounds of the 1 s provisioning plus the 1 s registration, each service's create lasting
    // until its first poll at 10 s; 2 items per project need 12 requests, well within a bucket of 100.
    expect(report.fanOuts.map((f) => [f.parallelFloorS, f.perServicePollFloorS, f.floorS])).toEqual([
      [4, 2, 4],
      [4, 2, 4],
    ]);
    for (const f of report.fanOuts) expect(f.wallTimeS).toBeGreaterThanOrEqual(20);
    for (const f of report.fanOuts) expect(f.challenges).toBeLessThanOrEqual(MAX_DIGEST_LANES);
  });

  it("times each create through the plugin and counts its polls", () => {
    expect(report.create.runs.map((r) => [r.provider, r.region])).toEqual([
      ["AWS", "us-east-1"],
      ["AZURE", "eastus"],
    ]);
    // Ready 1 s after the POST, first poll at 10 s: one poll each, and the schedule predicts 9 s.
    expect(report.create.runs.map((r) => [r.polls, r.predictedOvershootS])).toEqual([
      [1, 9],
      [1, 9],
    ]);
  });

  it("writes live.md with a section per measurement", async () => {
    const markdown = await readFile(path.join(outDir, "live.md"), "utf8");
    for (const heading of [
      "## 1. Requests per API call",
      "## 2. Create through the plugin",
      "## 3. Fan-out",
      "## 4. Package and cold start",
      "## Checks",
    ]) {
      expect(markdown).toContain(heading);
    }
  });
});
