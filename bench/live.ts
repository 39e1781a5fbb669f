/**
 * The live benchmark: the provider against a running emulator, through the real dynamic-provider plugin where the
 * figure is about the plugin. Writes `live.json` and `live.md`; `bench/run.ts` runs it after the schedule bench.
 */
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";

import { EMULATOR_IDENTITY } from "../emulator";
import type { NonceCountPolicy, RateLimitOptions } from "../emulator";
import { AtlasClient } from "../provider/atlas/client";
import type { ProviderName } from "../regions/regions";
import { pollScheduleFor, pollTimesS } from "../provider/wait/schedule";
import { providerReference, startDynamicPlugin } from "../scripts/lib/dynamic-plugin";
import { installPackedPackage, serializedProvider, type InstalledPackage } from "../scripts/lib/installed-package";
import {
  ADDED_RSS_GOAL_FROM_SERVICES,
  BARE_CREATE_HOLD_MS,
  GOAL_ADDED_RSS_MB,
  GOAL_CHALLENGE_SHARE_PERCENT,
  GOAL_WALL_TIME_OVER_FLOOR,
  REQUESTS_PER_ITEM,
  fanOutName,
  measureBareHost,
  measureFanOut,
  type FanOutFigures,
  type FanOutScenario,
} from "./fan-out";
import { describeMachine, formatMachine, type MachineDescription } from "./machine";
import {
  checkedInputs,
  clearRequestLog,
  emulatorServices,
  isChallenge,
  median,
  pluginConfig,
  requestCount,
  requestLog,
  round,
  sampleRss,
  withEmulator,
  withPlugin,
} from "./support";

/** What to run; every field but `outDir` has a default (the issue's configuration). */
export interface LiveBenchOptions {
  /** Where `live.json` and `live.md` go; created if missing. */
  outDir: string;
  /** Sequential client calls for the requests-per-call figure. Default 200. */
  sequentialCalls?: number;
  /** Creates timed through the plugin, run concurrently in distinct regions. Default 5. */
  createRuns?: number;
  /** Emulator provisioning time for the timed creates and the fan-outs, in seconds. Default 20. */
  provisionSeconds?: number;
  /** Emulator time from a registration's POST to `AVAILABLE` during the fan-outs, in seconds. Default 2. */
  registrationSeconds?: number;
  /**
   * The fan-outs, each through one plugin, a registration on every service. Default 50 services in 1 project, then 200
   * in 20 projects (10 each).
   */
  fanOuts?: FanOutScenario[];
  /** The emulator's nonce-count policies each fan-out runs under. Default both, `strict` first. */
  noncePolicies?: NonceCountPolicy[];
  /** Operations in flight at once during a fan-out, as `pulumi up --parallel`. Default 50. */
  fanOutParallel?: number;
  /** Each project's token bucket during a fan-out. Default capacity 100, refill 100 per minute. */
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
  registrationSeconds: 2,
  fanOuts: [
    { projects: 1, servicesPerProject: 50 },
    { projects: 20, servicesPerProject: 10 },
  ],
  noncePolicies: ["strict", "unique"],
  fanOutParallel: 50,
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
  /** Every fan-out under every nonce-count policy, in the order run. */
  fanOuts: FanOutFigures[];
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
  "fanOuts",
  "providerSize",
  "coldStart",
  "musts",
  "goals",
];

const GOAL_REQUESTS_PER_CALL = 1.05;
const GOAL_PROVIDER_BYTES = 300;

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
  const { requestsPerCall, fanOuts, providerSize } = report;
  const musts: LiveCheck[] = fanOuts.map((f) => ({
    name: `Fan-out of ${fanOutName(f)}: no failed create (services and registrations)`,
    pass: f.failures === 0,
    detail: f.failures === 0 ? "0 failures" : `${f.failures} failures; first: ${f.failureMessages[0] ?? ""}`,
  }));
  const goals: LiveCheck[] = [
    {
      name: `Requests per call at most ${GOAL_REQUESTS_PER_CALL}`,
      pass: requestsPerCall.ratio <= GOAL_REQUESTS_PER_CALL,
      detail: `${requestsPerCall.ratio} (${requestsPerCall.requests} requests for ${requestsPerCall.calls} calls)`,
    },
    ...fanOuts.flatMap((f): LiveCheck[] => [
      {
        name: `Fan-out of ${fanOutName(f)}: 401 challenges at most ${GOAL_CHALLENGE_SHARE_PERCENT} % of requests`,
        pass: f.challengeSharePercent <= GOAL_CHALLENGE_SHARE_PERCENT,
        detail: `${f.challengeSharePercent} % (${f.challenges} of ${f.requests})`,
      },
      {
        name: `Fan-out of ${fanOutName(f)}: wall time at most ${GOAL_WALL_TIME_OVER_FLOOR} × floor`,
        pass: f.wallTimeOverFloor <= GOAL_WALL_TIME_OVER_FLOOR,
        detail: `${f.wallTimeS} s = ${f.wallTimeOverFloor} × ${f.floorS} s`,
      },
      ...(f.services < ADDED_RSS_GOAL_FROM_SERVICES
        ? []
        : [
            {
              name: `Fan-out of ${fanOutName(f)}: plugin memory added over the bare host at most ${GOAL_ADDED_RSS_MB} MB`,
              pass: f.addedRssMB !== null && f.addedRssMB <= GOAL_ADDED_RSS_MB,
              detail:
                f.addedRssMB === null
                  ? "not measured (no /proc)"
                  : `${f.addedRssMB} MB (${f.peakRssMB} MB peak, bare host ${f.bareHostPeakRssMB} MB)`,
            },
          ]),
    ]),
    {
      name: `Installed __provider at most ${GOAL_PROVIDER_BYTES} bytes`,
      pass: providerSize !== null && providerSize.bytes <= GOAL_PROVIDER_BYTES,
      detail: providerSize === null ? "not measured (installPackage: false)" : `${providerSize.bytes} bytes`,
    },
  ];
  return { musts, goals };
}

/** The fan-out section of `live.md`: what ran, the figures, the memory. */
function renderFanOuts(fanOuts: readonly FanOutFigures[]): string[] {
  const first = fanOuts[0];
  if (first === undefined) return ["No fan-out ran."];
  const perMinute = round(first.rateLimit.refillPerSecond * 60, 1);
  return [
    `Services (distinct provider and region pairs per project, AWS, Azure and GCP in turn) created through one plugin,`,
    "each item a list of steps, each step one resource operation in its own parallel slot: the service's create, then,",
    "once it returns (the service `AVAILABLE`), a `PrivateEndpoint` registering a cloud endpoint with it (AWS VPC endpoint,",
    "Azure private endpoint, GCP forwarding rules) through the same plugin.",
    `At most ${first.parallel} operations in flight at once as \`pulumi up --parallel ${first.parallel}\` runs them, in program order (project`,
    `by project); emulator provisioning ${first.provisionSeconds} s, registrations ${first.registrationSeconds} s; each project its own token bucket of ${first.rateLimit.capacity} requests refilled at`,
    `${perMinute} per minute; each fan-out under both of the emulator's nonce-count policies (\`strict\`: counts must rise`,
    "per nonce; `unique`: only a repeated count is refused).",
    "",
    "**Floor**: the larger of the **rate-limit floor** (per project, the least time its bucket allows when each wait polls",
    `its own resource: ${REQUESTS_PER_ITEM} successful requests per item (the service's list, POST and GET; the registration's GET of the`,
    "service, POST and GET), the last no earlier than the provisioning plus the registration time; the slowest project's)",
    "and the **parallelism floor** (⌈services / parallel⌉ rounds of the provisioning plus the registration time).",
    "**Overshoot**: the create returning minus the emulator's `readyAt`, for services and for registrations.",
    "",
    "| fan-out | nonce counts | wall time (s) | floor (s): rate limit / parallelism | wall / floor | requests | 401s (share) | 429s | failed items | registrations | median / max overshoot (s): services; registrations |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...fanOuts.map(
      (f) =>
        `| ${f.services} in ${f.projects} project${f.projects === 1 ? "" : "s"} | ${f.noncePolicy} | ${f.wallTimeS} | ${f.perServicePollFloorS} / ${f.parallelFloorS} | ${f.wallTimeOverFloor} | ${f.requests} | ${f.challenges} (${f.challengeSharePercent} %) | ${f.rateLimited} | ${f.failures} | ${f.registrations} | ${f.medianOvershootS ?? "–"} / ${f.maxOvershootS ?? "–"}; ${f.medianRegistrationOvershootS ?? "–"} / ${f.maxRegistrationOvershootS ?? "–"} |`,
    ),
    "",
    "Plugin memory: peak resident set (`VmHWM`, and `VmRSS` every 200 ms) in MB of 10^6 bytes, of the plugin running the",
    "fan-out and of the **bare plugin host** (the same plugin, Configure, Checks and creates of services and registrations at the same parallelism, with a",
    `provider that does nothing but hold each create ${BARE_CREATE_HOLD_MS / 1000} s); **added** is what our code adds over the host.`,
    "",
    "| fan-out | nonce counts | plugin peak (MB) | bare host peak (MB) | added (MB) | goal |",
    "| --- | --- | ---: | ---: | ---: | ---: |",
    ...fanOuts.map(
      (f) =>
        `| ${f.services} in ${f.projects} project${f.projects === 1 ? "" : "s"} | ${f.noncePolicy} | ${f.peakRssMB ?? "–"} | ${f.bareHostPeakRssMB ?? "–"} | ${f.addedRssMB ?? "–"} | ${f.services >= ADDED_RSS_GOAL_FROM_SERVICES ? `≤ ${GOAL_ADDED_RSS_MB}` : "–"} |`,
    ),
    ...fanOuts
      .filter((f) => f.failureMessages.length > 0)
      .flatMap((f) => ["", `First failures (${fanOutName(f)}):`, "", ...f.failureMessages.map((m) => `- ${m}`)]),
  ];
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
  const { requestsPerCall: rpc, create, fanOuts, providerSize, coldStart } = report;
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
    ...renderFanOuts(fanOuts),
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

  const fanOuts: FanOutFigures[] = [];
  const settings = {
    provisionSeconds: resolved.provisionSeconds,
    registrationSeconds: resolved.registrationSeconds,
    rateLimit: resolved.fanOutRateLimit,
    parallel: resolved.fanOutParallel,
  };
  for (const scenario of resolved.fanOuts) {
    const services = scenario.projects * scenario.servicesPerProject;
    log(`fan-out: bare plugin host, ${2 * services} do-nothing creates, ${settings.parallel} at a time`);
    const bareHostPeakRssMB = await measureBareHost(scenario, settings.parallel);
    log(`  peak RSS ${bareHostPeakRssMB ?? "–"} MB`);
    for (const policy of resolved.noncePolicies) {
      log(
        `fan-out: ${services} services and registrations in ${scenario.projects} projects, ${settings.parallel} at a time, nonce counts ${policy}`,
      );
      const f = await measureFanOut(scenario, policy, settings, bareHostPeakRssMB);
      fanOuts.push(f);
      log(
        `  ${f.wallTimeS} s (floor ${f.floorS} s), ${f.requests} requests, ${f.challenges} 401s, ${f.rateLimited} 429s, ${f.failures} failures, RSS +${f.addedRssMB ?? "–"} MB`,
      );
    }
  }

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
    fanOuts,
    providerSize,
    coldStart,
  };
  const report: LiveReport = { ...figures, ...checksOf(figures) };
  await mkdir(resolved.outDir, { recursive: true });
  await writeFile(path.join(resolved.outDir, "live.json"), toJson(report));
  await writeFile(path.join(resolved.outDir, "live.md"), renderMarkdown(report));
  return report;
}
