/**
 * The live benchmark: the provider against a running emulator, through the real dynamic-provider plugin where the
 * figure is about the plugin. Writes `live.json` and `live.md`; `bench/run.ts` runs it after the schedule bench.
 */
import * as fs from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";

import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../emulator";
import type { EmulatorServiceEntry, RateLimitOptions, RequestLogEntry } from "../emulator";
import { AtlasClient } from "../provider/atlas/client";
import { atlasRegions, type ProviderName } from "../provider/atlas/regions";
import { pollScheduleFor, pollTimesS } from "../provider/wait/schedule";
import { providerReference, startDynamicPlugin, type DynamicPlugin } from "../scripts/lib/dynamic-plugin";
import { installPackedPackage, serializedProvider, type InstalledPackage } from "../scripts/lib/installed-package";
import { describeMachine, formatMachine, type MachineDescription } from "./machine";

/** What to run; every field but `outDir` has a default (the configuration). */
export interface LiveBenchOptions {
  /** Where `live.json` and `live.md` go; created if missing. */
  outDir: string;
  /** Sequential client calls for the requests-per-call figure. Default 200. */
  sequentialCalls?: number;
  /** Creates timed through the plugin, run concurrently in distinct regions. Default 5. */
  createRuns?: number;
  /** Emulator provisioning time for the timed creates and the fan-out, in seconds. Default 20. */
  provisionSeconds?: number;
  /** Services created at once through one plugin, in one project. Default 50. */
  fanOutServices?: number;
  /** The project's token bucket during the fan-out. Default capacity 100, refill 100 per minute. */
  fanOutRateLimit?: RateLimitOptions;
  /** Plugin cold starts timed. Default 5. */
  coldStartRuns?: number;
  /**
   * `npm pack` the checkout and install the tarball into a scratch project, to measure the installed `__provider` and
   * time cold starts from the installed package. Default true. When false, `providerSize` is `null` and cold starts
   * use this checkout's build. Needs `dist/` built (the pack skips the `prepack` build) and npm able to install
   * `@pulumi/pulumi`.
   */
  installPackage?: boolean;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
}

type ResolvedOptions = Required<LiveBenchOptions>;

const DEFAULTS: Omit<ResolvedOptions, "outDir"> = {
  sequentialCalls: 200,
  createRuns: 5,
  provisionSeconds: 20,
  fanOutServices: 50,
  fanOutRateLimit: { capacity: 100, refillPerSecond: 100 / 60 },
  coldStartRuns: 5,
  installPackage: true,
  log: () => undefined,
};

/** A pass/fail condition with the figures behind it. */
export interface LiveCheck {
  name: string;
  pass: boolean;
  detail: string;
}

/** Item 1: HTTP requests per logical client call. */
export interface RequestsPerCallFigures {
  /** Logical calls made, one after another: one create, then gets and lists alternately. */
  calls: number;
  /** Requests the emulator received for them (authentication challenges included). */
  requests: number;
  /** Of those, answered 401 with a digest challenge. */
  challenges: number;
  /** `requests / calls`. */
  ratio: number;
}

/** One timed create. */
export interface CreateRun {
  provider: ProviderName;
  region: string;
  /** When the emulator turned the service AVAILABLE to when `create` returned over gRPC, in seconds. */
  overshootS: number;
  /** What the published schedule predicts for a ready time of `provisionSeconds` after the POST, in seconds. */
  predictedOvershootS: number;
  /** GETs of the service made during the wait. */
  polls: number;
  /** The create call, end to end, in seconds. */
  durationS: number;
}

/** Item 2: creates through the plugin on the real (unscaled) schedule. */
export interface CreateFigures {
  provisionSeconds: number;
  /** The creates ran at the same time, in distinct regions, through one plugin. */
  concurrent: true;
  runs: CreateRun[];
  medianOvershootS: number;
  medianPredictedOvershootS: number;
}

/** Item 3: many creates through one plugin against a rate-limited project. */
export interface FanOutFigures {
  services: number;
  provisionSeconds: number;
  rateLimit: RateLimitOptions;
  /** First create sent to last create settled, in seconds. */
  wallTimeS: number;
  /**
   * The least wall time the bucket allows when each wait polls its own service: one list, one POST and one successful
   * GET per service, every service ready `provisionSeconds` after the start, in seconds. Reads batched across
   * services can beat it; `provisionSeconds` is the true floor.
   */
  perServicePollFloorS: number;
  /** Requests the emulator received during the fan-out. */
  requests: number;
  /** Of those, answered 429. */
  rateLimited: number;
  /** Of those, answered 401 with a digest challenge. */
  challenges: number;
  /** Creates that failed; must be 0. */
  failures: number;
  /** The first few failure messages, for diagnosis. */
  failureMessages: string[];
  /** Overshoot (AVAILABLE to create returned) over the services created, in seconds. */
  medianOvershootS: number | null;
  maxOvershootS: number | null;
  /** The plugin's peak resident set (max of `VmHWM` and `VmRSS` sampled every 200 ms), in MB of 10^6 bytes. */
  peakRssMB: number | null;
  /** Its resident set once listening, before any provider code is loaded (the Pulumi host alone), in MB. */
  listeningRssMB: number | null;
  /** Its resident set after Configure and every Check, before the creates (provider loaded), in MB. */
  beforeCreatesRssMB: number | null;
}

/** Item 4a: the serialized provider of the installed package. */
export interface ProviderSizeFigures {
  /** `Buffer.byteLength` of `__provider` as `new PrivateEndpointService(…)` serializes it, in bytes. */
  bytes: number;
  /** The text itself. */
  text: string;
  /** The `@pulumi/pulumi` version installed next to the package (this checkout's). */
  pulumiVersion: string;
}

/** Item 4b: spawn of the plugin to its first answered Check. */
export interface ColdStartFigures {
  /** Where the plugin and the provider came from. */
  source: "installed-package" | "checkout";
  /** Spawn to the first Check answered (after Configure, as the engine does), per run, in ms. */
  timesMs: number[];
  medianMs: number;
  /** Spawn to the plugin printing its port, per run, in ms. */
  listeningMs: number[];
  /** The plugin's RSS (MB of 10^6 bytes) right after its first answered Check, per run; `null` without /proc. */
  rssAfterCheckMB: (number | null)[];
}

/** What {@link runLiveBench} measured; written as-is to `live.json`. */
export interface LiveReport {
  machine: MachineDescription;
  /** ISO time the bench started. */
  startedAt: string;
  /** The whole live bench, in seconds. */
  wallTimeS: number;
  requestsPerCall: RequestsPerCallFigures;
  create: CreateFigures;
  fanOut: FanOutFigures;
  /** `null` when the package was not installed (`installPackage: false`). */
  providerSize: ProviderSizeFigures | null;
  coldStart: ColdStartFigures;
  /** Conditions the bench fails on. */
  musts: LiveCheck[];
  /** Targets reported as met or not. */
  goals: LiveCheck[];
}

/** The top-level keys of `live.json`, in order; the smoke test pins them. */
export const LIVE_REPORT_KEYS: readonly (keyof LiveReport)[] = [
  "machine",
  "startedAt",
  "wallTimeS",
  "requestsPerCall",
  "create",
  "fanOut",
  "providerSize",
  "coldStart",
  "musts",
  "goals",
];

const GOAL_REQUESTS_PER_CALL = 1.05;
const GOAL_PEAK_RSS_MB = 150;
const GOAL_PROVIDER_BYTES = 300;
const RSS_SAMPLE_INTERVAL_MS = 200;

const PROJECT_ID = EMULATOR_IDENTITY.projectId;
const PROVIDERS: readonly ProviderName[] = ["AWS", "AZURE", "GCP"];

/** The timed creates: distinct regions, all three providers. */
const CREATE_TARGETS: readonly { provider: ProviderName; region: string }[] = [
  { provider: "AWS", region: "us-east-1" },
  { provider: "AZURE", region: "eastus" },
  { provider: "GCP", region: "us-east4" },
  { provider: "AWS", region: "eu-west-1" },
  { provider: "AZURE", region: "westeurope" },
  { provider: "GCP", region: "europe-west1" },
];

/** Stack configuration for the plugin: the emulator and its built-in API key, on the real schedule (no time scale). */
function pluginConfig(baseUrl: string): Record<string, string> {
  return {
    "mongodbatlas:baseUrl": baseUrl,
    "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
    "mongodbatlas:privateKey": EMULATOR_IDENTITY.apiKey.privateKey,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function control<T>(baseUrl: string, method: "GET" | "DELETE", route: string): Promise<T> {
  const response = await fetch(`${baseUrl}/__emulator${route}`, { method });
  if (!response.ok) throw new Error(`emulator control ${method} ${route} answered ${response.status}`);
  return (await response.json()) as T;
}

const requestLog = (baseUrl: string): Promise<RequestLogEntry[]> => control(baseUrl, "GET", "/requests");
const clearRequestLog = (baseUrl: string): Promise<unknown> => control(baseUrl, "DELETE", "/requests");
const emulatorServices = (baseUrl: string): Promise<EmulatorServiceEntry[]> => control(baseUrl, "GET", "/services");

/** Requests since the log was cleared: the highest sequence number, which survives the log's size cap. */
function requestCount(log: readonly RequestLogEntry[]): number {
  return log.reduce((highest, entry) => Math.max(highest, entry.seq), 0);
}

const isChallenge = (entry: RequestLogEntry): boolean => entry.status === 401;

async function withEmulator<T>(
  options: Parameters<typeof startEmulator>[0],
  body: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({ quiet: true, ...options });
  try {
    return await body(emulator);
  } finally {
    await emulator.close();
  }
}

async function withPlugin<T>(baseUrl: string, body: (plugin: DynamicPlugin) => Promise<T>): Promise<T> {
  const plugin = await startDynamicPlugin();
  try {
    await plugin.configure(pluginConfig(baseUrl));
    return await body(plugin);
  } finally {
    await plugin.close();
  }
}

async function checkedInputs(
  plugin: DynamicPlugin,
  provider: string,
  target: { provider: ProviderName; region: string; resourceName: string },
): Promise<Record<string, unknown>> {
  const news = {
    __provider: provider,
    projectId: PROJECT_ID,
    providerName: target.provider,
    region: target.region,
    resourceName: target.resourceName,
  };
  const { inputs, failures } = await plugin.check({}, news);
  if (failures.length > 0) throw new Error(`check refused ${JSON.stringify(news)}: ${JSON.stringify(failures)}`);
  return inputs;
}

// ---------------------------------------------------------------------------------------------------------------
// Item 1: requests per call

/**
 * Makes `calls` sequential calls with digest authentication against a fresh emulator (one create, then gets and
 * lists alternately) and counts the requests the emulator received for them.
 */
export async function measureRequestsPerCall(calls: number): Promise<RequestsPerCallFigures> {
  if (!Number.isInteger(calls) || calls < 1) throw new RangeError(`calls must be a whole number ≥ 1, got ${calls}`);
  return withEmulator({}, async (emulator) => {
    const client = new AtlasClient({
      baseUrl: emulator.baseUrl,
      credentials: { kind: "api-key", ...EMULATOR_IDENTITY.apiKey },
    });
    const created = await client.createEndpointService(PROJECT_ID, { providerName: "AWS", region: "US_EAST_1" });
    for (let i = 1; i < calls; i++) {
      if (i % 2 === 1) await client.getEndpointService(PROJECT_ID, "AWS", created.id);
      else await client.listEndpointServices(PROJECT_ID, PROVIDERS[(i / 2) % PROVIDERS.length] ?? "AWS");
    }
    const log = await requestLog(emulator.baseUrl);
    const requests = requestCount(log);
    return { calls, requests, challenges: log.filter(isChallenge).length, ratio: round(requests / calls, 4) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Item 2: timed creates

/** What the published schedule predicts: the first poll at or after `readyS` seconds, minus `readyS`. */
export function predictedOvershootS(provider: ProviderName, readyS: number): number {
  const times = pollTimesS(pollScheduleFor(provider), readyS + 3600);
  const first = times.find((timeS) => timeS >= readyS);
  if (first === undefined) throw new Error(`no ${provider} poll at or after ${readyS} s`);
  return round(first - readyS);
}

async function measureCreates(options: ResolvedOptions): Promise<CreateFigures> {
  const targets = CREATE_TARGETS.slice(0, options.createRuns);
  if (targets.length < options.createRuns)
    throw new RangeError(`createRuns is at most ${CREATE_TARGETS.length}, got ${options.createRuns}`);
  const provider = providerReference();
  return withEmulator({ provisionSeconds: options.provisionSeconds }, (emulator) =>
    withPlugin(emulator.baseUrl, async (plugin) => {
      const inputs = await Promise.all(
        targets.map((target, i) => checkedInputs(plugin, provider, { ...target, resourceName: `timed-${i}` })),
      );
      await clearRequestLog(emulator.baseUrl);
      const outcomes = await Promise.all(
        inputs.map(async (input) => {
          const startedAtMs = Date.now();
          const created = await plugin.create(input);
          return { id: created.id, startedAtMs, returnedAtMs: Date.now() };
        }),
      );
      const services = await emulatorServices(emulator.baseUrl);
      const log = await requestLog(emulator.baseUrl);
      const runs = outcomes.map((outcome, i): CreateRun => {
        const target = targets[i] ?? { provider: "AWS", region: "?" };
        const service = services.find((s) => s.id === outcome.id);
        if (service?.readyAt == null) throw new Error(`the emulator shows no ready time for ${outcome.id}`);
        const polls = log.filter(
          (e) => e.method === "GET" && e.status === 200 && e.path.includes(`/endpointService/${outcome.id}`),
        ).length;
        return {
          provider: target.provider,
          region: target.region,
          overshootS: round((outcome.returnedAtMs - Date.parse(service.readyAt)) / 1000),
          predictedOvershootS: predictedOvershootS(target.provider, options.provisionSeconds),
          polls,
          durationS: round((outcome.returnedAtMs - outcome.startedAtMs) / 1000),
        };
      });
      return {
        provisionSeconds: options.provisionSeconds,
        concurrent: true,
        runs,
        medianOvershootS: round(median(runs.map((r) => r.overshootS))),
        medianPredictedOvershootS: round(median(runs.map((r) => r.predictedOvershootS))),
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Item 3: fan-out

/** `count` distinct (provider, region) pairs, providers in turn, skipping government, China and Assured Workloads. */
export function fanOutTargets(count: number): { provider: ProviderName; region: string }[] {
  const pools = PROVIDERS.map((provider) => ({
    provider,
    regions: atlasRegions(provider).filter((region) => !/GOV|^CN_|_AW$/.test(region)),
  }));
  const targets: { provider: ProviderName; region: string }[] = [];
  for (let round = 0; targets.length < count; round++) {
    const before = targets.length;
    for (const pool of pools) {
      const region = pool.regions[round];
      if (region !== undefined && targets.length < count) targets.push({ provider: pool.provider, region });
    }
    if (targets.length === before) throw new RangeError(`only ${targets.length} regions are known, asked for ${count}`);
  }
  return targets;
}

/** Samples a process's resident set from `/proc`; `null` figures where `/proc` is not available. */
function sampleRss(pid: number): { current(): number | null; stop(): number | null } {
  const statusFile = `/proc/${pid}/status`;
  let peakKiB: number | null = null;
  const read = (): void => {
    let text: string;
    try {
      text = fs.readFileSync(statusFile, "utf8");
    } catch {
      return;
    }
    for (const field of ["VmHWM", "VmRSS"]) {
      const kiB = Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(text)?.[1]);
      if (Number.isFinite(kiB)) peakKiB = Math.max(peakKiB ?? 0, kiB);
    }
  };
  read();
  const timer = setInterval(read, RSS_SAMPLE_INTERVAL_MS);
  return {
    current() {
      try {
        const kiB = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(statusFile, "utf8"))?.[1]);
        return Number.isFinite(kiB) ? round((kiB * 1024) / 1e6, 1) : null;
      } catch {
        return null;
      }
    },
    stop() {
      read();
      clearInterval(timer);
      return peakKiB === null ? null : round((peakKiB * 1024) / 1e6, 1);
    },
  };
}

/** The least time the bucket allows for 3 successful requests per service, all services ready at `readyS`. */
function perServicePollFloorS(services: number, readyS: number, limit: RateLimitOptions): number {
  const needed = 3 * services;
  const byReadyTime = limit.capacity + limit.refillPerSecond * readyS;
  const lastPollS = needed <= byReadyTime ? readyS : readyS + (needed - byReadyTime) / limit.refillPerSecond;
  return round(lastPollS, 1);
}

async function measureFanOut(options: ResolvedOptions): Promise<FanOutFigures> {
  const { fanOutServices: count, provisionSeconds, fanOutRateLimit: rateLimit } = options;
  const targets = fanOutTargets(count);
  const provider = providerReference();
  return withEmulator({ provisionSeconds, rateLimit }, async (emulator) => {
    const plugin = await startDynamicPlugin();
    const rss = sampleRss(plugin.pid);
    const listeningRssMB = rss.current();
    let peakRssMB: number | null = null;
    try {
      await plugin.configure(pluginConfig(emulator.baseUrl));
      const inputs = await Promise.all(
        targets.map((target, i) => checkedInputs(plugin, provider, { ...target, resourceName: `fan-out-${i}` })),
      );
      const beforeCreatesRssMB = rss.current();
      await clearRequestLog(emulator.baseUrl);
      const startedAtMs = Date.now();
      const settled = await Promise.allSettled(
        inputs.map(async (input) => {
          const created = await plugin.create(input);
          return { id: created.id, returnedAtMs: Date.now() };
        }),
      );
      const wallTimeS = round((Date.now() - startedAtMs) / 1000, 1);
      peakRssMB = rss.stop();
      const log = await requestLog(emulator.baseUrl);
      const services = await emulatorServices(emulator.baseUrl);
      const overshootsS: number[] = [];
      const failureMessages: string[] = [];
      for (const outcome of settled) {
        if (outcome.status === "rejected") {
          failureMessages.push(errorMessage(outcome.reason));
          continue;
        }
        const readyAt = services.find((s) => s.id === outcome.value.id)?.readyAt;
        if (readyAt != null) overshootsS.push((outcome.value.returnedAtMs - Date.parse(readyAt)) / 1000);
      }
      return {
        services: count,
        provisionSeconds,
        rateLimit,
        wallTimeS,
        perServicePollFloorS: perServicePollFloorS(count, provisionSeconds, rateLimit),
        requests: requestCount(log),
        rateLimited: log.filter((entry) => entry.status === 429).length,
        challenges: log.filter(isChallenge).length,
        failures: failureMessages.length,
        failureMessages: failureMessages.slice(0, 5),
        medianOvershootS: overshootsS.length === 0 ? null : round(median(overshootsS)),
        maxOvershootS: overshootsS.length === 0 ? null : round(Math.max(...overshootsS)),
        peakRssMB,
        listeningRssMB,
        beforeCreatesRssMB,
      };
    } finally {
      peakRssMB ??= rss.stop();
      await plugin.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Item 4: the installed package's __provider, and cold starts

/** Serializes a resource of the installed package and measures its `__provider`. */
function measureProviderSize(installed: InstalledPackage): ProviderSizeFigures {
  const provider = serializedProvider(installed);
  return { bytes: Buffer.byteLength(provider), text: provider, pulumiVersion: installed.pulumiVersion };
}

/** Times `runs` plugin cold starts (from the installed package when given, else this checkout's build). */
export async function measureColdStarts(
  runs: number,
  installed: InstalledPackage | undefined,
  provider: string,
): Promise<ColdStartFigures> {
  return withEmulator({}, async (emulator) => {
    const timesMs: number[] = [];
    const listeningMs: number[] = [];
    const rssAfterCheckMB: (number | null)[] = [];
    for (let i = 0; i < runs; i++) {
      const spawnedAtMs = performance.now();
      const plugin = await startDynamicPlugin(
        installed === undefined
          ? {}
          : {
              cwd: installed.project,
              pulumiPackageDir: path.join(installed.project, "node_modules", "@pulumi", "pulumi"),
            },
      );
      try {
        listeningMs.push(round(performance.now() - spawnedAtMs, 1));
        await plugin.configure(pluginConfig(emulator.baseUrl));
        await checkedInputs(plugin, provider, { provider: "AWS", region: "us-east-1", resourceName: "cold" });
        timesMs.push(round(performance.now() - spawnedAtMs, 1));
        const rss = sampleRss(plugin.pid);
        rssAfterCheckMB.push(rss.current());
        rss.stop();
      } finally {
        await plugin.close();
      }
    }
    return {
      source: installed === undefined ? "checkout" : "installed-package",
      timesMs,
      medianMs: round(median(timesMs), 1),
      listeningMs,
      rssAfterCheckMB,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks, rendering, entry point

function checksOf(report: Omit<LiveReport, "musts" | "goals">): { musts: LiveCheck[]; goals: LiveCheck[] } {
  const { requestsPerCall, fanOut, providerSize } = report;
  const musts: LiveCheck[] = [
    {
      name: `Fan-out of ${fanOut.services}: no failed create`,
      pass: fanOut.failures === 0,
      detail:
        fanOut.failures === 0 ? "0 failures" : `${fanOut.failures} failures; first: ${fanOut.failureMessages[0] ?? ""}`,
    },
  ];
  const goals: LiveCheck[] = [
    {
      name: `Requests per call at most ${GOAL_REQUESTS_PER_CALL}`,
      pass: requestsPerCall.ratio <= GOAL_REQUESTS_PER_CALL,
      detail: `${requestsPerCall.ratio} (${requestsPerCall.requests} requests for ${requestsPerCall.calls} calls)`,
    },
    {
      name: `Fan-out: plugin peak RSS at most ${GOAL_PEAK_RSS_MB} MB`,
      pass: fanOut.peakRssMB !== null && fanOut.peakRssMB <= GOAL_PEAK_RSS_MB,
      detail: fanOut.peakRssMB === null ? "not measured (no /proc)" : `${fanOut.peakRssMB} MB`,
    },
    {
      name: `Installed __provider at most ${GOAL_PROVIDER_BYTES} bytes`,
      pass: providerSize !== null && providerSize.bytes <= GOAL_PROVIDER_BYTES,
      detail: providerSize === null ? "not measured (installPackage: false)" : `${providerSize.bytes} bytes`,
    },
  ];
  return { musts, goals };
}

/** Indented JSON with number arrays on one line. */
function toJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g,
    (_, body: string) => `[${body.split(/,\s+/).join(", ")}]`,
  );
  return `${text}\n`;
}

function renderMarkdown(report: LiveReport): string {
  const { requestsPerCall: rpc, create, fanOut, providerSize, coldStart } = report;
  const perSecond = round(fanOut.rateLimit.refillPerSecond * 60, 1);
  const lines = [
    "# Live benchmark",
    "",
    "Generated by `npm run bench` (`bench/live.ts`, run by `bench/run.ts`); do not edit by hand.",
    "",
    `Machine: ${formatMachine(report.machine)}. Started ${report.startedAt}; the live bench took ${report.wallTimeS} s.`,
    "The emulator runs in the bench process; the provider runs in the real dynamic-provider plugin",
    "(`@pulumi/pulumi/cmd/dynamic-provider`) driven over gRPC as the engine drives it, polling on the published schedule",
    "(no `pollTimeScale`).",
    "",
    "## 1. Requests per API call",
    "",
    `${rpc.calls} sequential calls with digest authentication (one create, then gets and lists alternately), counted in`,
    "the emulator's request log. The anchors' digest transports answer a challenge on every call: 2 requests per call.",
    "",
    "| calls | requests | of which 401 challenges | requests per call | goal |",
    "| ---: | ---: | ---: | ---: | ---: |",
    `| ${rpc.calls} | ${rpc.requests} | ${rpc.challenges} | ${rpc.ratio} | ≤ ${GOAL_REQUESTS_PER_CALL} |`,
    "",
    "## 2. Create through the plugin",
    "",
    `Emulator provisioning ${create.provisionSeconds} s. ${create.runs.length} creates ran at the same time, each in its own`,
    "region, through one plugin (no rate limit). **Overshoot** = `create` returning minus the emulator's `readyAt`",
    `(\`GET /__emulator/services\`). **Predicted** = the published schedule's first poll at or after ${create.provisionSeconds} s, minus ${create.provisionSeconds} s.`,
    "",
    "| provider | region | overshoot (s) | predicted (s) | polls | create took (s) |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...create.runs.map(
      (r) =>
        `| ${r.provider} | ${r.region} | ${r.overshootS} | ${r.predictedOvershootS} | ${r.polls} | ${r.durationS} |`,
    ),
    `| **median** | | **${create.medianOvershootS}** | **${create.medianPredictedOvershootS}** | | |`,
    "",
    "## 3. Fan-out",
    "",
    `${fanOut.services} services (distinct provider and region pairs, AWS, Azure and GCP in turn) created at once through one`,
    `plugin in one project; emulator provisioning ${fanOut.provisionSeconds} s, per-project token bucket of ${fanOut.rateLimit.capacity}`,
    `requests refilled at ${perSecond} per minute. **Per-service-poll floor**: the least wall time the bucket allows when each`,
    "wait polls its own service (one list, one POST and one successful GET per service); the provisioning time is the true",
    "floor. RSS in MB of 10^6 bytes: peak (`VmHWM`, and `VmRSS` every 200 ms), and, for scale, the plugin once listening",
    "(the Pulumi host alone, before any provider code) and after Configure and the Checks.",
    "",
    "| wall time (s) | per-service-poll floor (s) | requests | 429s | 401 challenges | failures | median / max overshoot (s) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${fanOut.wallTimeS} | ${fanOut.perServicePollFloorS} | ${fanOut.requests} | ${fanOut.rateLimited} | ${fanOut.challenges} | ${fanOut.failures} | ${fanOut.medianOvershootS ?? "–"} / ${fanOut.maxOvershootS ?? "–"} |`,
    "",
    "| plugin peak RSS (MB) | listening (MB) | after the Checks (MB) | goal |",
    "| ---: | ---: | ---: | ---: |",
    `| ${fanOut.peakRssMB ?? "–"} | ${fanOut.listeningRssMB ?? "–"} | ${fanOut.beforeCreatesRssMB ?? "–"} | ≤ ${GOAL_PEAK_RSS_MB} |`,
    ...(fanOut.failureMessages.length === 0
      ? []
      : ["", "First failures:", "", ...fanOut.failureMessages.map((m) => `- ${m}`)]),
    "",
    "## 4. Package and cold start",
    "",
    providerSize === null
      ? "`__provider`: not measured (`installPackage: false`)."
      : `\`__provider\` of the installed tarball (\`npm pack\`, installed with @pulumi/pulumi@${providerSize.pulumiVersion}, serialized with \`setMocks\` in plain node): **${providerSize.bytes} bytes** (goal ≤ ${GOAL_PROVIDER_BYTES}):`,
    ...(providerSize === null ? [] : ["", "```js", providerSize.text, "```"]),
    "",
    `Cold start (${coldStart.source === "installed-package" ? "plugin and provider from the installed package" : "plugin and provider from this checkout"}): spawn of the plugin to its first answered Check, after Configure,`,
    `median of ${coldStart.timesMs.length}: **${coldStart.medianMs} ms** (runs: ${coldStart.timesMs.join(", ")} ms; listening after ${coldStart.listeningMs.join(", ")} ms);`,
    `plugin RSS after that Check: ${coldStart.rssAfterCheckMB.map((mb) => mb ?? "–").join(", ")} MB.`,
    "",
    "## Reproduce",
    "",
    "```sh",
    "npm run bench                  # everything: schedule.* and live.* in bench/results",
    "npx jest test/bench            # the quick smoke: requests per call and the report's shape",
    "```",
    "",
    "## Checks",
    "",
    "| Condition | Result | Figures |",
    "| --- | --- | --- |",
    ...report.musts.map((c) => `| Must: ${c.name} | ${c.pass ? "PASS" : "FAIL"} | ${c.detail} |`),
    ...report.goals.map((c) => `| Goal: ${c.name} | ${c.pass ? "MET" : "NOT MET"} | ${c.detail} |`),
    "",
  ];
  return lines.join("\n");
}

/**
 * Runs the four live measurements one after another, writes `live.json` and `live.md` to `outDir` and returns the
 * report. A failed must is reported, not thrown: callers read `musts`.
 *
 * @throws Error when a measurement cannot run (the emulator, the plugin or npm failing, a timed create failing).
 */
export async function runLiveBench(options: LiveBenchOptions): Promise<LiveReport> {
  const resolved: ResolvedOptions = { ...DEFAULTS, ...options };
  const { log } = resolved;
  const startedAtMs = Date.now();

  log(`requests per call: ${resolved.sequentialCalls} sequential calls`);
  const requestsPerCall = await measureRequestsPerCall(resolved.sequentialCalls);
  log(`  ${requestsPerCall.ratio} requests per call`);

  log(`create: ${resolved.createRuns} creates at once, provisioning ${resolved.provisionSeconds} s`);
  const create = await measureCreates(resolved);
  log(`  median overshoot ${create.medianOvershootS} s (predicted ${create.medianPredictedOvershootS} s)`);

  log(
    `fan-out: ${resolved.fanOutServices} creates at once, bucket ${resolved.fanOutRateLimit.capacity} + ${round(resolved.fanOutRateLimit.refillPerSecond, 3)}/s`,
  );
  const fanOut = await measureFanOut(resolved);
  log(
    `  ${fanOut.wallTimeS} s, ${fanOut.requests} requests, ${fanOut.rateLimited} 429s, ${fanOut.failures} failures, peak RSS ${fanOut.peakRssMB} MB`,
  );

  let installed: InstalledPackage | undefined;
  let providerSize: ProviderSizeFigures | null = null;
  let coldStart: ColdStartFigures;
  try {
    if (resolved.installPackage) {
      log("package: npm pack and install into a scratch project");
      installed = installPackedPackage();
      providerSize = measureProviderSize(installed);
      log(`  __provider ${providerSize.bytes} bytes`);
    }
    log(`cold start: ${resolved.coldStartRuns} runs`);
    coldStart = await measureColdStarts(resolved.coldStartRuns, installed, providerSize?.text ?? providerReference());
    log(`  median ${coldStart.medianMs} ms`);
  } finally {
    installed?.remove();
  }

  const figures = {
    machine: describeMachine(),
    startedAt: new Date(startedAtMs).toISOString(),
    wallTimeS: round((Date.now() - startedAtMs) / 1000, 1),
    requestsPerCall,
    create,
    fanOut,
    providerSize,
    coldStart,
  };
  const report: LiveReport = { ...figures, ...checksOf(figures) };
  await mkdir(resolved.outDir, { recursive: true });
  await writeFile(path.join(resolved.outDir, "live.json"), toJson(report));
  await writeFile(path.join(resolved.outDir, "live.md"), renderMarkdown(report));
  return report;
}
