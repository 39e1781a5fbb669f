/**
 * The fan-out benchmark: many services created through one dynamic-provider plugin, each with a cloud endpoint
 * registered on it (a `PrivateEndpoint`) once it is `AVAILABLE`, at most `parallel` operations at a time as the engine
 * runs them with `--parallel`, spread over projects that each have their own rate limit, under either nonce-count
 * policy of the emulator. Part of the live bench (`bench/live.ts`).
 */
import type { NonceCountPolicy, RateLimitOptions } from "../emulator";
import { EMULATOR_IDENTITY } from "../emulator";
import { atlasRegions, type ProviderName } from "../regions/regions";
import { registrationNews } from "../scripts/lib/cloud-endpoint";
import {
  builtProviderPath,
  providerReference,
  startDynamicPlugin,
  type DynamicPlugin,
} from "../scripts/lib/dynamic-plugin";
import {
  checkedInputs,
  clearRequestLog,
  emulatorRegistrations,
  emulatorServices,
  errorMessage,
  isChallenge,
  median,
  pluginConfig,
  requestCount,
  requestLog,
  round,
  sampleRss,
  withEmulator,
} from "./support";

/** One fan-out: `projects × servicesPerProject` services, through one plugin. */
export interface FanOutScenario {
  readonly projects: number;
  readonly servicesPerProject: number;
}

/** How every fan-out runs. */
export interface FanOutSettings {
  /** Emulator provisioning time, in seconds. */
  readonly provisionSeconds: number;
  /** Emulator time from a registration's POST to `AVAILABLE`, in seconds. */
  readonly registrationSeconds: number;
  /** Each project's own token bucket. */
  readonly rateLimit: RateLimitOptions;
  /** Operations in flight at once, as `pulumi up --parallel`. */
  readonly parallel: number;
}

/** What one fan-out under one nonce-count policy measured. */
export interface FanOutFigures {
  services: number;
  projects: number;
  servicesPerProject: number;
  /** Operations in flight at once (`--parallel`). */
  parallel: number;
  /** The emulator's nonce-count policy. */
  noncePolicy: NonceCountPolicy;
  provisionSeconds: number;
  registrationSeconds: number;
  /** Each project's bucket. */
  rateLimit: RateLimitOptions;
  /** First create sent to last create (service or registration) settled, in seconds. */
  wallTimeS: number;
  /**
   * The least wall time each project's bucket allows when each wait polls its own resource: per item
   * {@link REQUESTS_PER_ITEM} successful requests, the last of them no earlier than `provisionSeconds +
   * registrationSeconds` after the start; the slowest project's, in seconds.
   */
  perServicePollFloorS: number;
  /**
   * The least wall time `parallel` allows: ⌈services / parallel⌉ rounds of `provisionSeconds + registrationSeconds`
   * (each item's two operations hold a slot for their provisioning times), in seconds.
   */
  parallelFloorS: number;
  /** The larger of the two floors. */
  floorS: number;
  /** `wallTimeS / floorS`. */
  wallTimeOverFloor: number;
  /** Requests the emulator received during the fan-out. */
  requests: number;
  /** Of those, answered 429. */
  rateLimited: number;
  /** Of those, answered 401 with a digest challenge. */
  challenges: number;
  /** `challenges / requests`, in percent. */
  challengeSharePercent: number;
  /** Registrations created. */
  registrations: number;
  /** Items whose service or registration create failed; must be 0. */
  failures: number;
  /** The first few failure messages, for diagnosis. */
  failureMessages: string[];
  /** Overshoot (AVAILABLE to create returned) over the services created, in seconds. */
  medianOvershootS: number | null;
  maxOvershootS: number | null;
  /** Overshoot (AVAILABLE to create returned) over the registrations created, in seconds. */
  medianRegistrationOvershootS: number | null;
  maxRegistrationOvershootS: number | null;
  /** The plugin's peak resident set (max of `VmHWM` and `VmRSS` sampled every 200 ms), in MB of 10^6 bytes. */
  peakRssMB: number | null;
  /** The bare plugin host's peak, measured the same way on the same operations with a do-nothing provider, in MB. */
  bareHostPeakRssMB: number | null;
  /** `peakRssMB - bareHostPeakRssMB`: what our code adds, in MB. */
  addedRssMB: number | null;
}

/** The goals of issue 13, checked per fan-out. */
export const GOAL_CHALLENGE_SHARE_PERCENT = 2;
export const GOAL_WALL_TIME_OVER_FLOOR = 1.25;
export const GOAL_ADDED_RSS_MB = 25;
/** The added-memory goal applies from this many services on. */
export const ADDED_RSS_GOAL_FROM_SERVICES = 200;

/** How long a create of the do-nothing provider holds its gRPC call, so `parallel` calls are in flight together. */
export const BARE_CREATE_HOLD_MS = 2000;
const PROVIDERS: readonly ProviderName[] = ["AWS", "AZURE", "GCP"];

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

/** Project `index` of a fan-out: the emulator's built-in project first, then made-up ids. */
export function fanOutProjectId(index: number): string {
  if (index === 0) return EMULATOR_IDENTITY.projectId;
  return `fa0000000000000000${index.toString(16).padStart(6, "0")}`;
}

/**
 * Successful requests each item needs at least: the service's list, POST and one GET that finds it `AVAILABLE`; the
 * registration's GET of the service, POST and one GET that finds it `AVAILABLE`.
 */
export const REQUESTS_PER_ITEM = 6;

/** The least time one bucket allows for `requestsPerItem` successful requests per item, all ready at `readyS`. */
export function perServicePollFloorS(
  items: number,
  readyS: number,
  limit: RateLimitOptions,
  requestsPerItem = REQUESTS_PER_ITEM,
): number {
  const needed = requestsPerItem * items;
  const byReadyTime = limit.capacity + limit.refillPerSecond * readyS;
  const lastPollS = needed <= byReadyTime ? readyS : readyS + (needed - byReadyTime) / limit.refillPerSecond;
  return round(lastPollS, 1);
}

/** One item of a fan-out: a service and the registration on it. */
interface FanOutItem {
  readonly inputs: Record<string, unknown>;
  /** The item's number in the fan-out, which makes its cloud endpoint distinct. */
  readonly index: number;
  /** The `__provider` of the registration. */
  readonly linkProvider: string;
  serviceId?: string;
  /** When the service's create returned, in epoch ms. */
  serviceDoneAtMs?: number;
  /** The registration's id (`privateLinkId:endpointServiceId`). */
  linkId?: string;
  /** When the item's last step returned, in epoch ms. */
  doneAtMs?: number;
}

/**
 * One resource operation on an item, run as the engine runs a resource: in its own `--parallel` slot, after the
 * item's earlier steps.
 */
interface FanOutStep {
  readonly name: string;
  run(plugin: DynamicPlugin, item: FanOutItem): Promise<void>;
}

const createService: FanOutStep = {
  name: "create service",
  async run(plugin, item) {
    const created = await plugin.create(item.inputs);
    item.serviceId = created.id;
    item.serviceDoneAtMs = Date.now();
  },
};

/** A `PrivateEndpoint` on the item's service: Check (its `privateLinkId` known only now), then Create. */
const registerEndpoint: FanOutStep = {
  name: "register endpoint",
  async run(plugin, item) {
    if (item.serviceId === undefined) throw new Error("the service's create did not report an id");
    const provider = String(item.inputs["providerName"]) as ProviderName;
    const news = registrationNews(provider, String(item.inputs["projectId"]), item.serviceId, item.index);
    const { inputs, failures } = await plugin.check({}, { __provider: item.linkProvider, ...news });
    if (failures.length > 0) throw new Error(`check refused ${JSON.stringify(news)}: ${JSON.stringify(failures)}`);
    item.linkId = (await plugin.create(inputs)).id;
  },
};

/** The steps of every item, in order. */
const STEPS: readonly FanOutStep[] = [createService, registerEndpoint];

/** Runs each item's steps in order, with at most `parallel` steps of all items in flight at once. */
async function runWithParallelism(
  plugin: DynamicPlugin,
  items: readonly FanOutItem[],
  steps: readonly FanOutStep[],
  parallel: number,
): Promise<PromiseSettledResult<void>[]> {
  let free = parallel;
  const waiting: (() => void)[] = [];
  const slot = async <T>(body: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await body();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else free += 1;
    }
  };
  return Promise.allSettled(
    items.map(async (item) => {
      for (const step of steps) await slot(() => step.run(plugin, item));
      item.doneAtMs = Date.now();
    }),
  );
}

/** The emulator identity for `projects` projects, all owned by the built-in API key. */
function identityFor(projects: number): {
  projects: string[];
  apiKeys: { publicKey: string; privateKey: string; roles: Record<string, "GROUP_OWNER"> }[];
} {
  const ids = Array.from({ length: projects }, (_, i) => fanOutProjectId(i));
  const roles = Object.fromEntries(ids.map((id) => [id, "GROUP_OWNER" as const]));
  return { projects: ids, apiKeys: [{ ...EMULATOR_IDENTITY.apiKey, roles }] };
}

/** Checks every item's service inputs through `plugin`, project by project (program order). */
async function fanOutItems(
  plugin: DynamicPlugin,
  provider: string,
  linkProvider: string,
  scenario: FanOutScenario,
): Promise<FanOutItem[]> {
  const targets = fanOutTargets(scenario.servicesPerProject);
  const checks: Promise<Record<string, unknown>>[] = [];
  for (let p = 0; p < scenario.projects; p++) {
    const projectId = fanOutProjectId(p);
    targets.forEach((target, i) =>
      checks.push(checkedInputs(plugin, provider, { ...target, projectId, resourceName: `fan-out-${p}-${i}` })),
    );
  }
  return (await Promise.all(checks)).map((inputs, index) => ({ inputs, index, linkProvider }));
}

/** A provider that does nothing but hold each create for a moment: the plugin host's own share of memory. */
function bareProviderReference(): string {
  return `exports.handler = function () { return { create: (inputs) => new Promise((resolve) => setTimeout(() => resolve({ id: String(Math.random()), outs: {} }), ${BARE_CREATE_HOLD_MS})) }; };`;
}

/**
 * The bare plugin host's peak RSS over the same gRPC operations (Configure, every Check, every create of services and
 * registrations at `parallel`) with a provider that does nothing, sampled the same way; `null` without `/proc`.
 */
export async function measureBareHost(scenario: FanOutScenario, parallel: number): Promise<number | null> {
  const plugin = await startDynamicPlugin();
  const rss = sampleRss(plugin.pid);
  try {
    await plugin.configure(pluginConfig("https://cloud.mongodb.com"));
    const items = await fanOutItems(plugin, bareProviderReference(), bareProviderReference(), scenario);
    await runWithParallelism(plugin, items, STEPS, parallel);
    return rss.stop();
  } finally {
    rss.stop();
    await plugin.close();
  }
}

/** Runs one fan-out under one nonce-count policy against a fresh emulator. */
export async function measureFanOut(
  scenario: FanOutScenario,
  noncePolicy: NonceCountPolicy,
  settings: FanOutSettings,
  bareHostPeakRssMB: number | null,
): Promise<FanOutFigures> {
  const { provisionSeconds, registrationSeconds, rateLimit, parallel } = settings;
  const services = scenario.projects * scenario.servicesPerProject;
  const emulatorOptions = {
    provisionSeconds,
    registrationSeconds,
    rateLimit,
    nonceCountPolicy: noncePolicy,
    config: identityFor(scenario.projects),
  };
  return withEmulator(emulatorOptions, async (emulator) => {
    const plugin = await startDynamicPlugin();
    const rss = sampleRss(plugin.pid);
    let peakRssMB: number | null = null;
    try {
      await plugin.configure(pluginConfig(emulator.baseUrl));
      const items = await fanOutItems(
        plugin,
        providerReference(builtProviderPath("endpoint-service")),
        providerReference(builtProviderPath("private-endpoint")),
        scenario,
      );
      await clearRequestLog(emulator.baseUrl);
      const startedAtMs = Date.now();
      const settled = await runWithParallelism(plugin, items, STEPS, parallel);
      const wallTimeS = round((Date.now() - startedAtMs) / 1000, 1);
      peakRssMB = rss.stop();
      const log = await requestLog(emulator.baseUrl);
      const readyAt = new Map((await emulatorServices(emulator.baseUrl)).map((s) => [s.id, s.readyAt]));
      const linkReadyAt = new Map(
        (await emulatorRegistrations(emulator.baseUrl)).map((r) => [`${r.serviceId}:${r.endpointId}`, r.readyAt]),
      );
      const overshootsS: number[] = [];
      const linkOvershootsS: number[] = [];
      const failureMessages: string[] = [];
      settled.forEach((outcome, i) => {
        const item = items[i];
        if (outcome.status === "rejected") failureMessages.push(errorMessage(outcome.reason));
        const ready = item?.serviceId === undefined ? undefined : readyAt.get(item.serviceId);
        if (ready != null && item?.serviceDoneAtMs !== undefined) {
          overshootsS.push((item.serviceDoneAtMs - Date.parse(ready)) / 1000);
        }
        const linkReady = item?.linkId === undefined ? undefined : linkReadyAt.get(item.linkId);
        if (outcome.status === "fulfilled" && linkReady != null && item?.doneAtMs !== undefined) {
          linkOvershootsS.push((item.doneAtMs - Date.parse(linkReady)) / 1000);
        }
      });
      const requests = requestCount(log);
      const challenges = log.filter(isChallenge).length;
      const readyS = provisionSeconds + registrationSeconds;
      const pollFloorS = perServicePollFloorS(scenario.servicesPerProject, readyS, rateLimit);
      const parallelFloorS = round(Math.ceil(services / parallel) * readyS, 1);
      const floorS = Math.max(pollFloorS, parallelFloorS);
      return {
        services,
        projects: scenario.projects,
        servicesPerProject: scenario.servicesPerProject,
        parallel,
        noncePolicy,
        provisionSeconds,
        registrationSeconds,
        rateLimit,
        wallTimeS,
        perServicePollFloorS: pollFloorS,
        parallelFloorS,
        floorS,
        wallTimeOverFloor: round(wallTimeS / floorS, 2),
        requests,
        rateLimited: log.filter((entry) => entry.status === 429).length,
        challenges,
        challengeSharePercent: requests === 0 ? 0 : round((100 * challenges) / requests, 2),
        registrations: items.filter((item) => item.linkId !== undefined).length,
        failures: failureMessages.length,
        failureMessages: failureMessages.slice(0, 5),
        medianOvershootS: overshootsS.length === 0 ? null : round(median(overshootsS)),
        maxOvershootS: overshootsS.length === 0 ? null : round(Math.max(...overshootsS)),
        medianRegistrationOvershootS: linkOvershootsS.length === 0 ? null : round(median(linkOvershootsS)),
        maxRegistrationOvershootS: linkOvershootsS.length === 0 ? null : round(Math.max(...linkOvershootsS)),
        peakRssMB,
        bareHostPeakRssMB,
        addedRssMB: peakRssMB === null || bareHostPeakRssMB === null ? null : round(peakRssMB - bareHostPeakRssMB, 1),
      };
    } finally {
      peakRssMB ??= rss.stop();
      await plugin.close();
    }
  });
}

/** A short name for a fan-out, for tables and checks. */
export function fanOutName(f: Pick<FanOutFigures, "services" | "projects" | "noncePolicy">): string {
  return `${f.services} services in ${f.projects} project${f.projects === 1 ? "" : "s"}, nonce counts ${f.noncePolicy}`;
}
